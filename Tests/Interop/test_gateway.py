"""The gateway (Traefik's place) dispatches by Host header to the roles, in-process."""

from __future__ import annotations

import re

import pytest
import requests

from harness import HEX32, KEYED_ROLES, Kinora, json_of

DOMAIN = "homelab.local"

# (host prefix, role, status path, appName) for the *arr-style roles
ARR = [
    ("sonarr", "series", "/api/v3/system/status", "Sonarr"),
    ("radarr", "movies", "/api/v3/system/status", "Radarr"),
    ("prowlarr", "indexers", "/api/v1/system/status", "Prowlarr"),
]

WRONG_KEY = "0" * 32


def host(prefix: str) -> str:
    return f"{prefix}.{DOMAIN}"


def test_keys_command_prints_one_32_hex_key_per_keyed_role(shared_keys: dict[str, str]) -> None:
    assert sorted(shared_keys) == sorted(KEYED_ROLES), shared_keys
    for role, key in shared_keys.items():
        assert HEX32.match(key), f"{role} key {key!r} is not 32 lowercase hex digits"
    assert len(set(shared_keys.values())) == len(shared_keys), "roles share an API key"


@pytest.mark.parametrize("prefix,role,path,app_name", ARR, ids=[a[0] for a in ARR])
def test_status_through_gateway_with_key(shared_kinora: Kinora, shared_keys: dict[str, str],
                                         prefix: str, role: str, path: str, app_name: str) -> None:
    response = shared_kinora.via_gateway(host(prefix), path, {"X-Api-Key": shared_keys[role]})
    assert response.status_code == 200, f"Host {host(prefix)} GET {path}: HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    assert isinstance(body, dict) and body.get("appName") == app_name, body
    assert body.get("version"), f"no version in {body}"
    assert body.get("startTime"), f"no startTime in {body}"


@pytest.mark.parametrize("prefix,role,path,app_name", ARR, ids=[a[0] for a in ARR])
def test_status_through_gateway_with_apikey_query(shared_kinora: Kinora, shared_keys: dict[str, str],
                                                  prefix: str, role: str, path: str, app_name: str) -> None:
    response = shared_kinora.via_gateway(host(prefix), f"{path}?apikey={shared_keys[role]}")
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    assert json_of(response).get("appName") == app_name


@pytest.mark.parametrize("prefix,role,path,app_name", ARR, ids=[a[0] for a in ARR])
@pytest.mark.parametrize("headers", [{}, {"X-Api-Key": WRONG_KEY}], ids=["no-key", "wrong-key"])
def test_status_through_gateway_without_valid_key_is_401_json(shared_kinora: Kinora, prefix: str, role: str,
                                                              path: str, app_name: str,
                                                              headers: dict[str, str]) -> None:
    response = shared_kinora.via_gateway(host(prefix), path, headers)
    assert response.status_code == 401, f"Host {host(prefix)} GET {path} {headers}: HTTP {response.status_code} {response.text[:300]!r}"
    json_of(response)  # a JSON error body, as the originals answer


@pytest.mark.parametrize("prefix,role,path,app_name", ARR, ids=[a[0] for a in ARR])
def test_another_roles_key_is_refused(shared_kinora: Kinora, shared_keys: dict[str, str],
                                      prefix: str, role: str, path: str, app_name: str) -> None:
    other = next(r for r in KEYED_ROLES if r != role)
    response = shared_kinora.via_gateway(host(prefix), path, {"X-Api-Key": shared_keys[other]})
    assert response.status_code == 401, f"{role} accepted {other}'s key: HTTP {response.status_code}"


def test_host_with_port_is_dispatched(shared_kinora: Kinora, shared_keys: dict[str, str]) -> None:
    """A browser or client that reaches the gateway on a non-default port sends `Host: name:port`."""
    gateway_port = shared_kinora.ports["gateway"]
    response = shared_kinora.via_gateway(f"sonarr.{DOMAIN}:{gateway_port}", "/api/v3/system/status",
                                         {"X-Api-Key": shared_keys["series"]})
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    assert json_of(response).get("appName") == "Sonarr"


def test_jellyfin_public_info_through_gateway(shared_kinora: Kinora) -> None:
    response = shared_kinora.via_gateway(host("jellyfin"), "/System/Info/Public")
    assert response.status_code == 200, f"HTTP {response.status_code} {response.text[:300]!r}"
    body = json_of(response)
    assert body.get("ProductName") == "Jellyfin Server", body
    assert HEX32.match(str(body.get("Id", ""))), f"Id is not 32 hex digits: {body}"
    assert body.get("Version") and body.get("ServerName"), body
    direct = json_of(shared_kinora.get("media", "/System/Info/Public"))
    assert direct.get("Id") == body.get("Id"), "the gateway and the media port disagree on the server Id"


@pytest.mark.parametrize("prefix,role", [
    ("sonarr", "series"), ("radarr", "movies"), ("prowlarr", "indexers"), ("bazarr", "subtitles"),
    ("jellyseerr", "requests"), ("transmission", "torrents"), ("jellyfin", "media"),
    ("audiobookshelf", "audiobooks"),
])
def test_every_host_name_reaches_ping(shared_kinora: Kinora, prefix: str, role: str) -> None:
    response = shared_kinora.via_gateway(host(prefix), "/ping")
    assert response.status_code == 200, f"Host {host(prefix)} GET /ping: HTTP {response.status_code} {response.text[:200]!r}"


def test_metrics_count_requests_per_role(shared_kinora: Kinora, shared_keys: dict[str, str]) -> None:
    for _ in range(3):
        shared_kinora.via_gateway(host("sonarr"), "/api/v3/system/status", {"X-Api-Key": shared_keys["series"]})
        shared_kinora.via_gateway(host("jellyfin"), "/System/Info/Public")
    response = shared_kinora.via_gateway("localhost", "/metrics")
    assert response.status_code == 200, f"GET /metrics (Host: localhost): HTTP {response.status_code} {response.text[:300]!r}"
    text = response.text
    counters = set(re.findall(r"^# TYPE (\S+) counter$", text, re.MULTILINE))
    assert counters, f"no counter in /metrics:\n{text[:2000]}"
    names = counters | {f"{name}_total" for name in counters}
    samples = [line for line in text.splitlines()
               if line and not line.startswith("#") and line.split("{")[0].split(" ")[0] in names]
    for role, original in (("series", "sonarr"), ("media", "jellyfin")):
        counted = [line for line in samples if re.search(rf'="({role}|{original})"', line)]
        assert counted, f"no counter sample labelled {role!r} in /metrics:\n{text[:3000]}"
        total = sum(float(line.rsplit(" ", 1)[-1]) for line in counted)
        assert total >= 3, f"{role} counters add up to {total} after 3 requests: {counted}"


def test_domain_flag_changes_host_names(servers) -> None:
    server = servers.start(extra_args=["--domain", "home.arpa"])
    keys = server.keys()
    response = server.via_gateway("sonarr.home.arpa", "/api/v3/system/status", {"X-Api-Key": keys["series"]})
    assert response.status_code == 200, f"Host sonarr.home.arpa with --domain home.arpa: HTTP {response.status_code} {response.text[:200]!r}"
    assert json_of(response).get("appName") == "Sonarr"
    old = server.via_gateway(host("sonarr"), "/api/v3/system/status", {"X-Api-Key": keys["series"]})
    assert old.status_code != 200 or json_of(old).get("appName") != "Sonarr", \
        "the default domain still reaches series although --domain home.arpa was given"
