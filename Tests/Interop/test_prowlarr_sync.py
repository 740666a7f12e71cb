"""Prowlarr's application sync into the series and movies roles (issue 6), replayed request by
request as Prowlarr's Sonarr/Radarr v3 proxies send it: system/status, indexer/schema, the
indexer list, POST (a 400 from the connection test, then forceSave), GET, PUT with forceSave,
tag/detail, indexer/test and DELETE. The Torznab endpoint the indexer points at is the recorded
Torznab server of torznab_upstream.py on 127.0.0.1 (caps, and the error Torznab gives for a bad key)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
import requests

from harness import Kinora
from torznab_upstream import recorded_torznab

PROWLARR_KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def torznab() -> Iterator[str]:
    """A recorded Torznab endpoint (torznab_upstream.py) that takes Prowlarr's key, as Prowlarr serves each indexer."""
    with recorded_torznab(key=PROWLARR_KEY) as (url, _):
        yield url


def sync_payload(template: dict[str, Any], base_url: str, categories: list[int]) -> dict[str, Any]:
    """What Prowlarr builds from the schema: the template with only its synced fields set."""
    payload = dict(template)
    payload.update(name="Recorded (Prowlarr)", enableRss=True, enableAutomaticSearch=True, enableInteractiveSearch=True,
                   priority=25, tags=[])
    values = {
        "baseUrl": base_url, "apiPath": "/api", "apiKey": PROWLARR_KEY, "categories": categories,
        "minimumSeeders": 1, "seedCriteria.seedRatio": None, "seedCriteria.seedTime": None,
        "rejectBlocklistedTorrentHashesWhileGrabbing": False,
    }
    payload["fields"] = [dict(field, value=values[field["name"]]) if field["name"] in values else field for field in template["fields"]]
    return payload


@pytest.mark.parametrize("role,categories", [("series", [5030, 5040]), ("movies", [2000, 2040])])
def test_prowlarr_app_sync_sequence(shared_kinora: Kinora, shared_keys: dict[str, str], torznab: str, role: str,
                                    categories: list[int]) -> None:
    base = f"http://127.0.0.1:{shared_kinora.ports[role]}/api/v3"
    session = requests.Session()
    session.headers.update({"X-Api-Key": shared_keys[role], "User-Agent": "Prowlarr/1.28.2.4885 (ubuntu 22.04)"})

    def call(method: str, path: str, **kwargs: Any) -> requests.Response:
        return session.request(method, base + path, timeout=10, **kwargs)

    assert call("GET", "/system/status").status_code == 200
    schema = call("GET", "/indexer/schema").json()
    template = next(item for item in schema if item["implementation"] == "Torznab")
    assert call("GET", "/indexer").json() == []

    # Prowlarr's first POST reaches an indexer URL that Sonarr cannot test (here: nothing listens):
    # 400, and Prowlarr retries with forceSave=true.
    unreachable = sync_payload(template, "http://127.0.0.1:9/1/", categories)
    first = call("POST", "/indexer", json=unreachable)
    assert first.status_code == 400 and first.json()[0]["propertyName"]
    saved = call("POST", "/indexer?forceSave=true", json=unreachable)
    assert saved.status_code == 201, saved.text
    indexer = saved.json()
    fields = {field["name"]: field.get("value") for field in indexer["fields"]}
    assert fields["baseUrl"] == "http://127.0.0.1:9/1/" and fields["categories"] == categories
    assert fields["apiKey"] != PROWLARR_KEY  # secrets are masked on the way out

    # Ownership: Prowlarr recognises its indexers by baseUrl and id.
    listed = call("GET", "/indexer").json()
    assert [item["id"] for item in listed] == [indexer["id"]]
    assert call("GET", f"/indexer/{indexer['id']}").json()["name"] == "Recorded (Prowlarr)"

    # A full sync rewrites it (PUT with forceSave), sending the masked key back: the stored key stays.
    changed = sync_payload(template, f"{torznab}/1/", categories[:1])
    changed["id"] = indexer["id"]
    changed["fields"] = [dict(field, value="********") if field["name"] == "apiKey" else field for field in changed["fields"]]
    put = call("PUT", f"/indexer/{indexer['id']}?forceSave=true", json=changed)
    assert put.status_code == 202, put.text
    assert {f["name"]: f.get("value") for f in put.json()["fields"]}["categories"] == categories[:1]

    # Tags as Prowlarr reads and creates them.
    assert call("GET", "/tag/detail").status_code == 200
    tag = call("POST", "/tag", json={"label": "prowlarr"}).json()
    assert tag["label"] == "prowlarr"

    # The test button reaches the recorded Torznab endpoint with the stored key...
    tested = call("POST", "/indexer/test", json=changed)
    assert tested.status_code == 200, tested.text
    # ...and reports a bad key in the originals' shape.
    bad = sync_payload(template, f"{torznab}/1/", categories)
    bad["fields"] = [dict(field, value="wrong") if field["name"] == "apiKey" else field for field in bad["fields"]]
    refused = call("POST", "/indexer/test", json=bad)
    assert refused.status_code == 400 and refused.json()[0]["propertyName"] == "ApiKey"

    assert call("DELETE", f"/indexer/{indexer['id']}").status_code == 200
    assert call("GET", "/indexer").json() == []
    assert call("GET", f"/indexer/{indexer['id']}").status_code == 404
    bogus = dict(changed, implementation="NoSuchIndexer")
    assert call("POST", "/indexer?forceSave=true", json=bogus).status_code == 400
