"""Status endpoints in the originals' shapes, on each role's own port."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from harness import HEX32, Kinora, json_of


def parse_time(value: str) -> datetime:
    text = value.strip().replace("Z", "+00:00")
    # .NET writes up to 7 fractional digits; Python takes 6
    if "." in text:
        head, tail = text.split(".", 1)
        digits = "".join(c for c in tail if c.isdigit())
        rest = tail[len(digits):]
        text = f"{head}.{digits[:6].ljust(6, '0')}{rest}"
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("role,path,app_name", [
    ("series", "/api/v3/system/status", "Sonarr"),
    ("movies", "/api/v3/system/status", "Radarr"),
    ("indexers", "/api/v1/system/status", "Prowlarr"),
])
def test_arr_status(shared_kinora: Kinora, shared_keys: dict[str, str], role: str, path: str, app_name: str) -> None:
    response = shared_kinora.get(role, path, headers={"X-Api-Key": shared_keys[role]})
    assert response.status_code == 200, f"{role} GET {path}: HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    assert body.get("appName") == app_name, body
    assert body.get("version"), body
    started = parse_time(body["startTime"])
    now = datetime.now(timezone.utc)
    assert now - timedelta(minutes=10) <= started <= now + timedelta(minutes=1), \
        f"startTime {body['startTime']} is not the start of this process (now {now.isoformat()})"


@pytest.mark.parametrize("role,path", [
    ("series", "/api/v3/system/status"),
    ("movies", "/api/v3/system/status"),
    ("indexers", "/api/v1/system/status"),
])
def test_arr_status_without_key_is_401(shared_kinora: Kinora, role: str, path: str) -> None:
    response = shared_kinora.get(role, path)
    assert response.status_code == 401, f"{role} GET {path} without key: HTTP {response.status_code}"
    json_of(response)


def test_jellyfin_public_info(shared_kinora: Kinora) -> None:
    response = shared_kinora.get("media", "/System/Info/Public")
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    assert body.get("ProductName") == "Jellyfin Server", body
    assert HEX32.match(str(body.get("Id", ""))), body
    assert body.get("Version") and body.get("ServerName"), body


def test_jellyseerr_status(shared_kinora: Kinora, shared_keys: dict[str, str]) -> None:
    response = shared_kinora.get("requests", "/api/v1/status", headers={"X-Api-Key": shared_keys["requests"]})
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    assert json_of(response).get("version"), response.text


def test_bazarr_status(shared_kinora: Kinora, shared_keys: dict[str, str]) -> None:
    response = shared_kinora.get("subtitles", "/api/system/status", headers={"X-API-KEY": shared_keys["subtitles"]})
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    assert isinstance(body, dict) and isinstance(body.get("data"), dict), f"Bazarr wraps its status in `data`: {body}"


@pytest.mark.parametrize("path", ["/status", "/ping"])
def test_audiobookshelf_status_and_ping(shared_kinora: Kinora, path: str) -> None:
    response = shared_kinora.get("audiobooks", path)
    assert response.status_code == 200, f"GET {path}: HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    if path == "/status":
        assert body.get("app") == "audiobookshelf" and body.get("serverVersion"), body
    else:
        assert body.get("success") is True, body
