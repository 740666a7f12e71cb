"""Prowlarr's application sync into the series and movies roles (issue 6), replayed request by
request as Prowlarr's Sonarr/Radarr v3 proxies send it: system/status, indexer/schema, the
indexer list, POST (a 400 from the connection test, then forceSave), GET, PUT with forceSave,
tag/detail, indexer/test and DELETE. The Torznab endpoint the indexer points at is a small
recorded Torznab server on 127.0.0.1 (caps document and the error Torznab gives for a bad key)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from harness import Kinora

PROWLARR_KEY = "0123456789abcdef0123456789abcdef"

CAPS = b"""<?xml version="1.0" encoding="UTF-8"?>
<caps>
  <server title="Recorded Torznab" />
  <limits default="100" max="100" />
  <searching>
    <search available="yes" supportedParams="q" />
    <tv-search available="yes" supportedParams="q,season,ep,imdbid,tvdbid" />
    <movie-search available="yes" supportedParams="q,imdbid,tmdbid" />
  </searching>
  <categories>
    <category id="2000" name="Movies"><subcat id="2040" name="Movies/HD" /></category>
    <category id="5000" name="TV"><subcat id="5030" name="TV/SD" /><subcat id="5040" name="TV/HD" /></category>
  </categories>
</caps>"""
BAD_KEY = b'<?xml version="1.0" encoding="UTF-8"?><error code="100" description="Invalid API Key" />'


@pytest.fixture(scope="module")
def torznab() -> Iterator[str]:
    """A recorded Torznab endpoint: `/{id}/api?t=caps&apikey=…`, as Prowlarr serves each indexer."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            query = parse_qs(url.query)
            body = CAPS if query.get("apikey") == [PROWLARR_KEY] and query.get("t") == ["caps"] else BAD_KEY
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


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
