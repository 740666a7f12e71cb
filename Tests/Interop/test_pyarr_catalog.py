"""pyarr 5.2.0 SonarrAPI and RadarrAPI against the series and movies roles' catalog (issue 6):
lookups from the offline catalog, adding by TVDb and TMDb id, listing, monitoring, files found on
disk, profiles, custom formats, definitions, providers, commands, calendar, wanted and deletion."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterator

import pyarr
import pytest
import requests
from pyarr.exceptions import PyarrBadRequest, PyarrResourceNotFound

from harness import REPO, Kinora, Servers, kinora_bin
from test_pyarr import bounded

CATALOG = REPO / "Tests" / "Interop" / "fixtures" / "catalog.json"


def catalog() -> dict[str, Any]:
    return json.loads(CATALOG.read_text())


@pytest.fixture(scope="module")
def catalog_kinora(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kinora]:
    """All roles, with the offline catalog as the metadata source."""
    kinora_bin()
    pool = Servers(tmp_path_factory.mktemp("kinora-catalog"))
    try:
        yield pool.start(env={"KINORA_METADATA_CATALOG": str(CATALOG)})
    finally:
        pool.stop_all()


@pytest.fixture(scope="module")
def keys(catalog_kinora: Kinora) -> dict[str, str]:
    return catalog_kinora.keys()


def sonarr(server: Kinora, keys: dict[str, str]) -> pyarr.SonarrAPI:
    return bounded(pyarr.SonarrAPI(f"http://127.0.0.1:{server.ports['series']}", keys["series"]))


def radarr(server: Kinora, keys: dict[str, str]) -> pyarr.RadarrAPI:
    return bounded(pyarr.RadarrAPI(f"http://127.0.0.1:{server.ports['movies']}", keys["movies"]))


def wait_command(api: Any, command: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = api.get_command(command["id"])
        if current["status"] in ("completed", "failed"):
            return current
        time.sleep(0.1)
    raise AssertionError(f"command {command['name']} did not finish within {timeout}s")


def regular_series() -> dict[str, Any]:
    return next(s for s in catalog()["series"] if s.get("tvdbId") and not s.get("isAnime") and len(s.get("episodes", [])) >= 3)


def test_series_lookup_add_list_monitor_files_and_delete(catalog_kinora: Kinora, keys: dict[str, str]) -> None:
    api = sonarr(catalog_kinora, keys)
    wanted = regular_series()
    tvdb = wanted["tvdbId"]

    found = api.lookup_series(id_=tvdb)
    assert len(found) == 1 and found[0]["tvdbId"] == tvdb and found[0]["title"] == wanted["title"]
    assert "id" not in found[0] and found[0]["folder"]
    by_title = api.lookup_series(term=wanted["title"])
    assert tvdb in [s["tvdbId"] for s in by_title]

    profiles = api.get_quality_profile()
    assert {"Any", "HD-1080p"} <= {p["name"] for p in profiles}
    language_profiles = api.get_language_profile()
    assert language_profiles and language_profiles[0]["id"] >= 1
    tv_root = str(Path(catalog_kinora.data_dir) / "tv")

    # A file waiting in the folder the series will get: the first scan links it.
    folder = Path(tv_root) / found[0]["folder"]
    first = sorted((e for e in wanted["episodes"] if e["seasonNumber"] > 0), key=lambda e: (e["seasonNumber"], e["episodeNumber"]))[0]
    name = f"{wanted['title']} - S{first['seasonNumber']:02d}E{first['episodeNumber']:02d} - 1080p WEB-DL DDP5.1 H.264-GRP.mkv"
    (folder / f"Season {first['seasonNumber']:02d}").mkdir(parents=True)
    (folder / f"Season {first['seasonNumber']:02d}" / name).write_bytes(b"\0" * 4096)
    (folder / "notes.txt").write_text("not media")
    (folder / f"Season {first['seasonNumber']:02d}" / f"{wanted['title']} - S99E99.mkv").write_bytes(b"\0" * 1024)

    hd = next(p for p in profiles if p["name"] == "HD-1080p")
    added = api.add_series(found[0], quality_profile_id=hd["id"], language_profile_id=language_profiles[0]["id"], root_dir=tv_root)
    series_id = added["id"]
    assert added["tvdbId"] == tvdb and added["path"] == str(folder) and added["qualityProfileId"] == hd["id"]
    assert added["monitored"] is True and added["seasons"]
    with pytest.raises(PyarrBadRequest):
        api.add_series(found[0], quality_profile_id=hd["id"], language_profile_id=1, root_dir=tv_root)

    assert series_id in [s["id"] for s in api.get_series()]
    assert api.get_series(series_id)["title"] == wanted["title"]
    assert api.get_series(tvdb, tvdb=True)[0]["id"] == series_id

    episodes = api.get_episodes_by_series_id(series_id)
    assert len(episodes) == len(wanted["episodes"])
    assert all(e["monitored"] == (e["seasonNumber"] > 0) for e in episodes)

    # The rescan queued by the add links the file; the unmatched one is reported.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not api.get_episode_files_by_series_id(series_id):
        time.sleep(0.2)
    files = api.get_episode_files_by_series_id(series_id)
    assert len(files) == 1, files
    assert files[0]["quality"]["quality"]["name"] == "WEBDL-1080p" and files[0]["releaseGroup"] == "GRP"
    assert files[0]["relativePath"] == f"Season {first['seasonNumber']:02d}/{name}" and files[0]["size"] == 4096
    with_file = next(e for e in api.get_episodes_by_series_id(series_id) if e["hasFile"])
    assert (with_file["seasonNumber"], with_file["episodeNumber"]) == (first["seasonNumber"], first["episodeNumber"])
    assert with_file["episodeFileId"] == files[0]["id"]
    assert api.get_episode_file(files[0]["id"])["path"] == str(folder / f"Season {first['seasonNumber']:02d}" / name)
    series = api.get_series(series_id)
    assert series["statistics"]["episodeFileCount"] == 1 and series["statistics"]["sizeOnDisk"] == 4096
    unmatched = requests.get(f"http://127.0.0.1:{catalog_kinora.ports['series']}/api/v3/libraryimport/unmatched",
                             headers={"X-Api-Key": keys["series"]}, timeout=5).json()
    assert any("E99 is not in the series' episode list" in f["reason"] for f in unmatched[f"series-{series_id}"])

    # Monitoring: one episode, several, a whole season through the series.
    episode = episodes[0]
    assert api.upd_episode(episode["id"], {"monitored": False})["monitored"] is False
    assert api.get_episode(episode["id"])["monitored"] is False
    changed = api.upd_episode_monitor([e["id"] for e in episodes[:2]], monitored=True)
    assert all(e["monitored"] for e in changed)
    season_number = first["seasonNumber"]
    series["seasons"] = [dict(s, monitored=s["seasonNumber"] != season_number) for s in series["seasons"]]
    updated = api.upd_series(series)
    assert next(s for s in updated["seasons"] if s["seasonNumber"] == season_number)["monitored"] is False
    assert not any(e["monitored"] for e in api.get_episodes_by_series_id(series_id) if e["seasonNumber"] == season_number)

    # Episode file quality can be corrected (pyarr's upd_episode_file_quality).
    fixed = api.upd_episode_file_quality(files[0]["id"], {"quality": {"quality": {"id": 7}, "revision": {"version": 2, "real": 0}}})
    assert fixed["quality"]["quality"]["name"] == "Bluray-1080p" and fixed["quality"]["revision"]["version"] == 2

    # Commands run and report.
    refresh = wait_command(api, api.post_command("RefreshSeries", seriesId=series_id))
    assert refresh["status"] == "completed" and refresh["result"] == "successful", refresh
    assert wait_command(api, api.post_command("RescanSeries", seriesId=series_id))["status"] == "completed"
    assert any(c["name"] == "RefreshSeries" for c in api.get_command())
    with pytest.raises(PyarrBadRequest):
        api.post_command("NoSuchCommand")

    # Calendar, wanted, history and queue answer in their shapes.
    calendar = api.get_calendar(start_date=__import__("datetime").datetime(1900, 1, 1), end_date=__import__("datetime").datetime(2100, 1, 1))
    assert {e["seriesId"] for e in calendar} == {series_id}
    missing = api.get_wanted(page_size=5)
    assert missing["page"] == 1 and missing["pageSize"] == 5 and missing["totalRecords"] >= 1
    assert all(not r["hasFile"] for r in missing["records"])
    assert api.get_history()["totalRecords"] == 0
    assert api.get_queue()["records"] == []
    base = f"http://127.0.0.1:{catalog_kinora.ports['series']}"
    cutoff = requests.get(f"{base}/api/v3/wanted/cutoff", headers={"X-Api-Key": keys["series"]}, timeout=5).json()
    assert {"page", "pageSize", "totalRecords", "records"} <= set(cutoff)
    # Artwork fetched by the refresh is served where images[].url points, without the key (as <img> needs).
    poster = next((image["url"] for image in api.get_series(series_id)["images"] if image["coverType"] == "poster"), None)
    if any(image["coverType"] == "poster" for image in wanted.get("images", [])):
        answer = requests.get(base + poster, timeout=5)
        assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("image/")

    # Deleting the series with its files removes the folder (it lies in a root folder).
    api.del_series(series_id, delete_files=True)
    with pytest.raises(PyarrResourceNotFound):
        api.get_series(series_id)
    assert not folder.exists()


def test_series_validation_answers_in_servarr_shape(catalog_kinora: Kinora, keys: dict[str, str]) -> None:
    base = f"http://127.0.0.1:{catalog_kinora.ports['series']}/api/v3"
    headers = {"X-Api-Key": keys["series"]}
    answer = requests.post(f"{base}/series", json={"tvdbId": 0, "qualityProfileId": 999}, headers=headers, timeout=5)
    assert answer.status_code == 400
    properties = {failure["propertyName"] for failure in answer.json()}
    assert {"TvdbId", "QualityProfileId", "Path", "RootFolderPath"} <= properties
    answer = requests.post(f"{base}/series", json={"tvdbId": 999999999, "qualityProfileId": 1, "rootFolderPath": "/tmp"}, headers=headers, timeout=5)
    assert answer.status_code == 400
    assert requests.get(f"{base}/episode", headers=headers, timeout=5).status_code == 400
    assert requests.get(f"{base}/series/12345", headers=headers, timeout=5).status_code == 404
    assert requests.post(f"{base}/series", data="{not json", headers=headers, timeout=5).status_code == 400


def test_movie_lookup_add_file_update_and_delete(catalog_kinora: Kinora, keys: dict[str, str]) -> None:
    api = radarr(catalog_kinora, keys)
    wanted = catalog()["movies"][0]
    tmdb = wanted["tmdbId"]
    found = api.lookup_movie_by_tmdb_id(tmdb)
    assert len(found) == 1 and found[0]["tmdbId"] == tmdb and found[0]["title"] == wanted["title"]
    if wanted.get("imdbId"):
        assert api.lookup_movie_by_imdb_id(wanted["imdbId"])[0]["tmdbId"] == tmdb
    assert tmdb in [m["tmdbId"] for m in api.lookup_movie(wanted["title"])]

    movies_root = str(Path(catalog_kinora.data_dir) / "movies")
    folder = Path(movies_root) / found[0]["folder"]
    folder.mkdir(parents=True)
    year = wanted.get("year") or 2000
    (folder / f"{wanted['title']} ({year}) 2160p UHD BluRay REMUX HDR HEVC Atmos-FRAMESTOR.mkv").write_bytes(b"\0" * 8192)
    (folder / "sample.mkv").write_bytes(b"\0" * 100)

    profile = next(p for p in api.get_quality_profile() if p["name"] == "Ultra-HD")
    added = api.add_movie(found[0], root_dir=movies_root, quality_profile_id=profile["id"], search_for_movie=False,
                          minimum_availability="released")
    movie_id = added["id"]
    assert added["tmdbId"] == tmdb and added["path"] == str(folder) and added["minimumAvailability"] == "released"
    with pytest.raises(PyarrBadRequest):
        api.add_movie(found[0], root_dir=movies_root, quality_profile_id=profile["id"], search_for_movie=False)

    assert movie_id in [m["id"] for m in api.get_movie()]
    assert api.get_movie(tmdb, tmdb=True)[0]["id"] == movie_id
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not api.get_movie_by_movie_id(movie_id)["hasFile"]:
        time.sleep(0.2)
    movie = api.get_movie_by_movie_id(movie_id)
    assert movie["hasFile"] and movie["movieFile"]["quality"]["quality"]["name"] == "Remux-2160p", movie.get("movieFile")
    assert movie["movieFile"]["releaseGroup"] == "FRAMESTOR" and movie["sizeOnDisk"] == 8192
    files = api.get_movie_files_by_movie_id(movie_id)
    assert [f["id"] for f in files] == [movie["movieFileId"]]

    movie["monitored"] = False
    movie["minimumAvailability"] = "announced"
    updated = api.upd_movie(movie)
    assert updated["monitored"] is False and updated["minimumAvailability"] == "announced"
    refresh = wait_command(api, api.post_command("RefreshMovie", movieIds=[movie_id]))
    assert refresh["result"] == "successful", refresh
    assert api.get_movie_history(movie_id) == []

    api.del_movie_file(files[0]["id"])
    assert not api.get_movie_by_movie_id(movie_id)["hasFile"]
    assert not list(folder.glob("*FRAMESTOR*"))
    api.del_movie(movie_id, delete_files=True)
    with pytest.raises(PyarrResourceNotFound):
        api.get_movie_by_movie_id(movie_id)


@pytest.mark.parametrize("role", ["series", "movies"])
def test_profiles_definitions_and_custom_formats_round_trip(catalog_kinora: Kinora, keys: dict[str, str], role: str) -> None:
    api = sonarr(catalog_kinora, keys) if role == "series" else radarr(catalog_kinora, keys)
    base = f"http://127.0.0.1:{catalog_kinora.ports[role]}/api/v3"
    headers = {"X-Api-Key": keys[role]}

    # A custom format pasted from the TRaSH guides (fields as an object) is imported...
    trash = {
        "trash_id": "example",
        "trash_scores": {"default": -10000},
        "name": "x265 (HD)",
        "includeCustomFormatWhenRenaming": False,
        "specifications": [
            {"name": "x265", "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
             "fields": {"value": r"[xh][ .]?265|\bHEVC(\b|\d)"}},
            {"name": "Not 2160p", "implementation": "ResolutionSpecification", "negate": True, "required": True,
             "fields": {"value": 2160}},
        ],
    }
    created = requests.post(f"{base}/customformat", json=trash, headers=headers, timeout=5)
    assert created.status_code == 201, created.text
    format_id = created.json()["id"]
    stored = requests.get(f"{base}/customformat/{format_id}", headers=headers, timeout=5).json()
    assert stored["name"] == "x265 (HD)" and stored["specifications"][0]["fields"][0]["name"] == "value"
    exported = requests.get(f"{base}/customformat/{format_id}/export", headers=headers, timeout=5).json()
    assert exported["specifications"][0]["fields"] == {"value": r"[xh][ .]?265|\bHEVC(\b|\d)"}
    bad = dict(trash, name="broken", specifications=[{"name": "x", "implementation": "ReleaseTitleSpecification", "fields": {"value": "("}}])
    assert requests.post(f"{base}/customformat", json=bad, headers=headers, timeout=5).status_code == 400

    # ...and every profile now scores it; a profile round-trips through pyarr.
    schema = api.get_quality_profile_schema()
    assert any(item["format"] == format_id for item in schema["formatItems"])
    profiles = api.get_quality_profile()
    profile = profiles[0]
    assert any(item["format"] == format_id for item in profile["formatItems"])
    profile["formatItems"] = [dict(item, score=-10000 if item["format"] == format_id else item["score"]) for item in profile["formatItems"]]
    profile["minFormatScore"] = -5000
    updated = api.upd_quality_profile(profile["id"], profile)
    assert next(i for i in updated["formatItems"] if i["format"] == format_id)["score"] == -10000
    new = dict(schema, name="Kinora test")
    allowed = [item for item in new["items"] if item.get("quality") and item["allowed"]] or [item for item in new["items"] if item.get("quality")]
    new["items"] = [dict(item, allowed=item is allowed[0] or item.get("allowed", False)) for item in new["items"]]
    new["cutoff"] = allowed[0]["quality"]["id"]
    answer = requests.post(f"{base}/qualityprofile", json=new, headers=headers, timeout=5)
    assert answer.status_code == 201, answer.text
    assert "Kinora test" in [p["name"] for p in api.get_quality_profile()]
    api.del_quality_profile(answer.json()["id"])
    assert "Kinora test" not in [p["name"] for p in api.get_quality_profile()]
    broken = dict(profile, cutoff=123456)
    with pytest.raises(PyarrBadRequest):
        api.upd_quality_profile(profile["id"], broken)

    requests.delete(f"{base}/customformat/{format_id}", headers=headers, timeout=5).raise_for_status()
    assert all(item["format"] != format_id for item in api.get_quality_profile(profile["id"])["formatItems"])

    definitions = api.get_quality_definition()
    assert len(definitions) > 10
    definition = definitions[-1]
    definition["maxSize"] = 300
    definition["preferredSize"] = 250
    assert api.upd_quality_definition(definition["id"], definition)["maxSize"] == 300
    definition["minSize"] = 400
    with pytest.raises(PyarrBadRequest):
        api.upd_quality_definition(definition["id"], definition)


@pytest.mark.parametrize("role", ["series", "movies"])
def test_download_client_against_the_torrents_role_and_indexer_schema(catalog_kinora: Kinora, keys: dict[str, str], role: str) -> None:
    api = sonarr(catalog_kinora, keys) if role == "series" else radarr(catalog_kinora, keys)
    transmission = api.get_download_client_schema("Transmission")[0]
    fields = {field["name"]: field for field in transmission["fields"]}
    fields["host"]["value"] = "127.0.0.1"
    fields["port"]["value"] = catalog_kinora.ports["torrents"]
    transmission["name"] = "Kinora torrents"
    transmission["enable"] = True
    # Sonarr tests the client before saving: this reaches the real torrents role over its RPC.
    added = api.add_download_client(transmission)
    assert added["id"] >= 1 and added["name"] == "Kinora torrents"
    assert [c["name"] for c in api.get_download_client()] == ["Kinora torrents"]
    fields["port"]["value"] = 1
    with pytest.raises(PyarrBadRequest):
        api.add_download_client(dict(transmission, name="unreachable"))
    api.del_download_client(added["id"])
    assert api.get_download_client() == []

    # A Jellyfin connection: tested on save (refused while nothing answers), saved with forceSave, removed.
    base = f"http://127.0.0.1:{catalog_kinora.ports[role]}/api/v3"
    headers = {"X-Api-Key": keys[role]}
    jellyfin = api.get_notification_schema("MediaBrowser")[0]
    jellyfin["name"] = "Jellyfin"
    values = {"host": "127.0.0.1", "port": 1, "apiKey": "0123456789abcdef0123456789abcdef"}
    jellyfin["fields"] = [dict(f, value=values[f["name"]]) if f["name"] in values else f for f in jellyfin["fields"]]
    assert requests.post(f"{base}/notification", json=jellyfin, headers=headers, timeout=30).status_code == 400
    saved = requests.post(f"{base}/notification?forceSave=true", json=jellyfin, headers=headers, timeout=30)
    assert saved.status_code == 201, saved.text
    assert [n["name"] for n in api.get_notification()] == ["Jellyfin"]
    api.del_notification(saved.json()["id"])
    assert api.get_notification() == []

    torznab = api.get_indexer_schema("Torznab")[0]
    names = [field["name"] for field in torznab["fields"]]
    assert {"baseUrl", "apiPath", "apiKey", "categories"} <= set(names)
    notification = api.get_notification_schema("MediaBrowser")[0]
    assert notification["implementation"] == "MediaBrowser"
