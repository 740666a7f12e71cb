"""The indexers role's app sync (issue 6; Prowlarr's Applications): a generic Torznab indexer added
to the indexers role is pushed into the series and movies roles through their API v3 — the same
calls Prowlarr makes (indexer/schema, the list, POST with forceSave when their test refuses, PUT with
forceSave, DELETE) — pointing at the role's own feed `/{id}/api`, which passes searches on to the
indexer. The indexer behind it is a small recorded Torznab server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterator

import pytest
import requests

from harness import Kinora, Servers
from torznab_upstream import UPSTREAM_KEY, QueryLog, recorded_torznab


@pytest.fixture
def upstream() -> Iterator[tuple[str, QueryLog]]:
    """The recorded Torznab indexer (torznab_upstream.py); every query is logged."""
    with recorded_torznab() as served:
        yield served


class Api:
    def __init__(self, base: str, key: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers.update({"X-Api-Key": key})

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.base + path, timeout=30, **kwargs)


def eventually(what: str, probe: Callable[[], Any], timeout: float = 30) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


def fields(resource: dict[str, Any]) -> dict[str, Any]:
    return {field["name"]: field.get("value") for field in resource["fields"]}


def with_fields(template: dict[str, Any], **values: Any) -> dict[str, Any]:
    resource = dict(template)
    resource["fields"] = [dict(field, value=values[field["name"]]) if field["name"] in values else field
                          for field in template["fields"]]
    return resource


def test_indexers_role_syncs_a_torznab_indexer_into_series_and_movies(servers: Servers, upstream) -> None:
    upstream_url, upstream_log = upstream
    k: Kinora = servers.start(roles=["indexers", "series", "movies"])
    keys = k.keys()
    prowlarr = Api(k.url("indexers", "/api/v1"), keys["indexers"])
    sonarr = Api(k.url("series", "/api/v3"), keys["series"])
    radarr = Api(k.url("movies", "/api/v3"), keys["movies"])
    indexers_base = k.url("indexers", "/").rstrip("/")

    # An indexer: its test reads the caps, a wrong key is refused in the originals' 400 shape.
    template = next(t for t in prowlarr("GET", "/indexer/schema").json() if t["implementation"] == "Torznab")
    wrong = with_fields(template, baseUrl=upstream_url, apiKey="wrong")
    wrong.update(name="Recorded")
    refused = prowlarr("POST", "/indexer", json=wrong)
    assert refused.status_code == 400 and refused.json()[0]["propertyName"] == "ApiKey", refused.text
    indexer_body = with_fields(template, baseUrl=upstream_url, apiKey=UPSTREAM_KEY)
    indexer_body.update(name="Recorded")
    created = prowlarr("POST", "/indexer", json=indexer_body)
    assert created.status_code == 201, created.text
    indexer = created.json()
    assert fields(indexer)["apiKey"] == "********"
    assert [c["id"] for c in indexer["capabilities"]["categories"]] == [2000, 5000, 3000]

    # The applications: the series and movies roles, reached by their API keys.
    app_templates = {t["implementation"]: t for t in prowlarr("GET", "/applications/schema").json()}
    assert set(app_templates) == {"Sonarr", "Radarr"}
    for name, role in (("Sonarr", "series"), ("Radarr", "movies")):
        body = with_fields(app_templates[name], prowlarrUrl=indexers_base, baseUrl=k.url(role, "/").rstrip("/"),
                           apiKey=keys[role])
        body.update(name=f"Kinora {role}", syncLevel="fullSync")
        added = prowlarr("POST", "/applications", json=body)
        assert added.status_code == 201, added.text
    bad_app = with_fields(app_templates["Sonarr"], prowlarrUrl=indexers_base, baseUrl=k.url("series", "/").rstrip("/"),
                          apiKey="not-the-key")
    bad_app.update(name="wrong key")
    refused_app = prowlarr("POST", "/applications", json=bad_app)
    assert refused_app.status_code == 400 and refused_app.json()[0]["propertyName"] == "ApiKey", refused_app.text

    # Pushed into both, pointing at the role's feed, with the categories each application syncs.
    feed = f"{indexers_base}/{indexer['id']}/"
    series_copy = eventually("the series role to get the indexer", lambda: sonarr("GET", "/indexer").json())[0]
    movies_copy = eventually("the movies role to get the indexer", lambda: radarr("GET", "/indexer").json())[0]
    assert series_copy["name"] == movies_copy["name"] == "Recorded (Prowlarr)"
    assert fields(series_copy)["baseUrl"] == feed and fields(series_copy)["apiPath"] == "/api"
    assert fields(series_copy)["categories"] == [5000, 5040] and fields(series_copy)["animeCategories"] == [5070]
    assert fields(movies_copy)["baseUrl"] == feed and fields(movies_copy)["categories"] == [2000, 2040]
    assert series_copy["implementation"] == "Torznab" and series_copy["enableRss"] is True

    # The copies work: the applications' own test reaches the indexer through the feed with the role's key.
    assert sonarr("POST", "/indexer/test", json=series_copy).status_code == 200
    assert radarr("POST", "/indexer/test", json=movies_copy).status_code == 200
    search = requests.get(f"{feed}api", params={"t": "tvsearch", "q": "Show Name", "season": "1", "apikey": keys["indexers"]},
                          timeout=30)
    assert search.status_code == 200 and b"Show.Name.S01E02.1080p.WEB.h264-GRP" in search.content
    assert upstream_log[-1]["q"] == ["Show Name"] and upstream_log[-1]["apikey"] == [UPSTREAM_KEY]
    denied = requests.get(f"{feed}api", params={"t": "caps", "apikey": "nope"}, timeout=30)
    assert b'code="100"' in denied.content

    # Prowlarr's own search: every chosen indexer at once, results in its ReleaseResource shape.
    results = prowlarr("GET", "/search", params={"query": "Show Name", "type": "tvsearch", "indexerIds": [indexer["id"]],
                                                 "categories": [5000]}).json()
    assert [r["title"] for r in results] == ["Show.Name.S01E02.1080p.WEB.h264-GRP"], results
    assert results[0]["indexer"] == "Recorded" and results[0]["indexerId"] == indexer["id"]
    assert results[0]["categories"] == [{"id": 5040, "name": "TV/HD"}] and results[0]["seeders"] == 35
    assert results[0]["downloadUrl"] == "https://upstream.invalid/dl/1.torrent" and results[0]["protocol"] == "torrent"
    assert upstream_log[-1]["t"] == ["tvsearch"] and upstream_log[-1]["cat"] == ["5000"]
    assert prowlarr("GET", "/search", params={"query": "x", "type": "nonsense"}).status_code == 400

    # Full sync repairs an edit made in the application.
    edited = dict(series_copy, fields=[dict(f, value=[5040]) if f["name"] == "categories" else f for f in series_copy["fields"]])
    assert sonarr("PUT", f"/indexer/{series_copy['id']}?forceSave=true", json=edited).status_code == 202
    assert fields(sonarr("GET", f"/indexer/{series_copy['id']}").json())["categories"] == [5040]
    command = prowlarr("POST", "/command", json={"name": "ApplicationIndexerSync"})
    assert command.status_code == 201 and command.json()["status"] == "completed", command.text
    repaired = sonarr("GET", f"/indexer/{series_copy['id']}").json()
    assert fields(repaired)["categories"] == [5000, 5040]
    assert [i["id"] for i in sonarr("GET", "/indexer").json()] == [series_copy["id"]], "a second copy was added"

    # Disabling the indexer removes it from both applications; enabling brings it back.
    disabled = dict(indexer, enable=False)
    assert prowlarr("PUT", f"/indexer/{indexer['id']}", json=disabled).status_code == 202
    eventually("the copies to be removed", lambda: sonarr("GET", "/indexer").json() == [] and radarr("GET", "/indexer").json() == [])
    assert prowlarr("PUT", f"/indexer/{indexer['id']}", json=dict(indexer, enable=True)).status_code == 202
    eventually("the copies to come back", lambda: sonarr("GET", "/indexer").json() and radarr("GET", "/indexer").json())

    # Deleting it removes the copies again; the health check stays clean throughout.
    assert prowlarr("DELETE", f"/indexer/{indexer['id']}").status_code == 200
    eventually("the copies to be removed", lambda: sonarr("GET", "/indexer").json() == [] and radarr("GET", "/indexer").json() == [])
    assert not [h for h in prowlarr("GET", "/health").json() if h["source"] == "ApplicationStatusCheck"]


def test_an_unreachable_application_shows_on_health_and_recovers(servers: Servers, upstream) -> None:
    upstream_url, _ = upstream
    k: Kinora = servers.start(roles=["indexers"])
    prowlarr = Api(k.url("indexers", "/api/v1"), k.keys()["indexers"])
    template = next(t for t in prowlarr("GET", "/applications/schema").json() if t["implementation"] == "Sonarr")
    body = with_fields(template, prowlarrUrl=k.url("indexers", "/").rstrip("/"), baseUrl="http://127.0.0.1:9", apiKey="x" * 32)
    body.update(name="Gone")
    assert prowlarr("POST", "/applications", json=body).status_code == 400  # the connection test
    saved = prowlarr("POST", "/applications?forceSave=true", json=body)
    assert saved.status_code == 201, saved.text
    indexer_template = next(t for t in prowlarr("GET", "/indexer/schema").json() if t["implementation"] == "Torznab")
    indexer = with_fields(indexer_template, baseUrl=upstream_url, apiKey=UPSTREAM_KEY)
    indexer.update(name="Recorded")
    assert prowlarr("POST", "/indexer", json=indexer).status_code == 201
    command = prowlarr("POST", "/command", json={"name": "ApplicationIndexerSync"}).json()
    assert command["status"] == "failed" and "Gone" in command["message"], command
    health = [h for h in prowlarr("GET", "/health").json() if h["source"] == "ApplicationStatusCheck"]
    assert health and "Gone" in health[0]["message"], health
    assert prowlarr("DELETE", f"/applications/{saved.json()['id']}").status_code == 200
    assert prowlarr("POST", "/command", json={"name": "ApplicationIndexerSync"}).json()["status"] == "completed"
    assert not [h for h in prowlarr("GET", "/health").json() if h["source"] == "ApplicationStatusCheck"]
    assert prowlarr("POST", "/command", json={"name": "NoSuchCommand"}).status_code == 400


def test_concurrent_syncs_add_one_copy(servers: Servers, upstream) -> None:
    """The sync command, the background sync after a change, and more commands at once: runs never
    interleave, so a new indexer reaches the application once."""
    upstream_url, _ = upstream
    k: Kinora = servers.start(roles=["indexers", "series"])
    keys = k.keys()
    prowlarr = Api(k.url("indexers", "/api/v1"), keys["indexers"])
    sonarr = Api(k.url("series", "/api/v3"), keys["series"])
    app = with_fields(next(t for t in prowlarr("GET", "/applications/schema").json() if t["implementation"] == "Sonarr"),
                      prowlarrUrl=k.url("indexers", "/").rstrip("/"), baseUrl=k.url("series", "/").rstrip("/"),
                      apiKey=keys["series"])
    app.update(name="Series")
    assert prowlarr("POST", "/applications", json=app).status_code == 201
    template = next(t for t in prowlarr("GET", "/indexer/schema").json() if t["implementation"] == "Torznab")
    body = with_fields(template, baseUrl=upstream_url, apiKey=UPSTREAM_KEY)
    body.update(name="Recorded")
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(prowlarr("POST", "/indexer", json=body).status_code))]
    threads += [threading.Thread(target=lambda: answers.append(
        prowlarr("POST", "/command", json={"name": "ApplicationIndexerSync"}).status_code)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(answers) == [201] * 5, answers
    prowlarr("POST", "/command", json={"name": "ApplicationIndexerSync"})
    copies = sonarr("GET", "/indexer").json()
    assert [c["name"] for c in copies] == ["Recorded (Prowlarr)"], copies
