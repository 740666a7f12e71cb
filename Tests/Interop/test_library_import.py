"""Library import (issue 6): a prepared tree of existing folders — tv with season folders and scene
names, a folder with its id in the name, a folder known only by its NFO, anime with absolute
numbering, movies with years — becomes series and movies with every file linked, and what cannot be
matched is listed with the reason. Driven over the API with requests and checked with pyarr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarr
import requests

from harness import REPO, Servers
from test_pyarr import bounded

CATALOG = REPO / "Tests" / "Interop" / "fixtures" / "catalog.json"


def touch(path: Path, size: int = 2048) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\0" * size)


def prepare(data: Path) -> None:
    tv, anime, movies = data / "tv", data / "anime", data / "movies"
    bb = tv / "Breaking Bad (2008)"
    touch(bb / "Season 01" / "Breaking Bad - S01E01 - Pilot.mkv")
    touch(bb / "Season 01" / "Breaking.Bad.S01E02.720p.HDTV.x264-CTU.mkv")
    touch(bb / "Season 02" / "Breaking Bad - 2x01.mkv")
    touch(bb / "Season 01" / "Breaking Bad - S01E03 - Sample.mkv", 100)  # a sample: skipped, not reported
    touch(bb / "Season 09" / "Breaking Bad - S09E01.mkv")  # no such episode: reported
    touch(tv / "The Expanse [tvdbid-280619]" / "Season 1" / "The.Expanse.S01E01E02.1080p.BluRay.x264-ROVERS.mkv")
    local = tv / "Local Show"
    (local).mkdir(parents=True)
    (local / "tvshow.nfo").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tvshow><title>Local Show</title><year>2011</year>'
        '<uniqueid type="tvdb" default="true">999001</uniqueid><premiered>2011-04-01</premiered></tvshow>')
    touch(local / "Season 01" / "Local Show - S01E01.mkv")
    (local / "Season 01" / "Local Show - S01E01.nfo").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<episodedetails><title>First</title><season>1</season>'
        '<episode>1</episode><aired>2011-04-01</aired></episodedetails>')
    touch(tv / "Completely Unknown Series" / "Season 01" / "Completely Unknown Series - S01E01.mkv")
    touch(anime / "Cowboy Bebop (1998)" / "[Group] Cowboy Bebop - 05 [1080p].mkv")
    touch(anime / "Cowboy Bebop (1998)" / "[Group] Cowboy Bebop - 26 [1080p].mkv")
    touch(movies / "Inception (2010)" / "Inception (2010) Bluray-1080p.mkv", 8192)
    touch(movies / "The Matrix (1999)" / "The.Matrix.1999.2160p.UHD.BluRay.REMUX.HDR.HEVC-GRP.mkv", 8192)
    touch(movies / "Home Videos 2019" / "birthday.mkv")


def call(server: Any, role: str, key: str, method: str, path: str, **kwargs: Any) -> requests.Response:
    return requests.request(method, f"http://127.0.0.1:{server.ports[role]}/api/v3{path}",
                            headers={"X-Api-Key": key}, timeout=30, **kwargs)


def test_library_import_links_every_file_and_explains_the_rest(tmp_path: Path) -> None:
    pool = Servers(tmp_path)
    data = pool.new_data_dir()
    prepare(data)
    try:
        server = pool.start(data_dir=data, env={"KINORA_METADATA_CATALOG": str(CATALOG)})
        keys = server.keys()

        proposals = call(server, "series", keys["series"], "GET", "/libraryimport").json()
        by_folder = {Path(p["path"]).name: p for p in proposals}
        assert by_folder["Breaking Bad (2008)"]["series"]["tvdbId"] == 81189
        assert by_folder["The Expanse [tvdbid-280619]"]["series"]["tvdbId"] == 280619
        assert by_folder["Local Show"]["series"]["tvdbId"] == 999001
        assert by_folder["Cowboy Bebop (1998)"]["series"]["seriesType"] == "anime"
        assert by_folder["Completely Unknown Series"].get("series") is None
        assert "Completely Unknown Series" in by_folder["Completely Unknown Series"]["reason"]

        report = call(server, "series", keys["series"], "POST", "/libraryimport", json={"monitor": "all"}).json()
        imported = {Path(item["path"]).name: item for item in report["imported"]}
        assert set(imported) == {"Breaking Bad (2008)", "The Expanse [tvdbid-280619]", "Local Show", "Cowboy Bebop (1998)"}
        assert imported["Breaking Bad (2008)"]["linkedFiles"] == 3
        reasons = [f["reason"] for f in imported["Breaking Bad (2008)"]["unmatchedFiles"]]
        assert reasons == ["S09E01 is not in the series' episode list"]
        assert imported["The Expanse [tvdbid-280619]"]["linkedFiles"] == 1
        assert imported["Local Show"]["linkedFiles"] == 1
        assert imported["Cowboy Bebop (1998)"]["linkedFiles"] == 2
        assert [Path(f["path"]).name for f in report["notImported"]] == ["Completely Unknown Series"]

        sonarr = bounded(pyarr.SonarrAPI(f"http://127.0.0.1:{server.ports['series']}", keys["series"]))
        series = {s["title"]: s for s in sonarr.get_series()}
        expanse = sonarr.get_episodes_by_series_id(series["The Expanse"]["id"])
        assert {(e["seasonNumber"], e["episodeNumber"]) for e in expanse if e["hasFile"]} == {(1, 1), (1, 2)}
        bebop = sonarr.get_episodes_by_series_id(series["Cowboy Bebop"]["id"])
        assert {e["absoluteEpisodeNumber"] for e in bebop if e["hasFile"]} == {5, 26}
        bb_files = sonarr.get_episode_files_by_series_id(series["Breaking Bad"]["id"])
        assert {f["quality"]["quality"]["name"] for f in bb_files} >= {"HDTV-720p"}
        local = sonarr.get_episodes_by_series_id(series["Local Show"]["id"])
        assert [(e["seasonNumber"], e["episodeNumber"], e["hasFile"]) for e in local] == [(1, 1, True)]
        # Nothing is proposed twice.
        assert [Path(p["path"]).name for p in call(server, "series", keys["series"], "GET", "/libraryimport").json()] == [
            "Completely Unknown Series"]

        movie_report = call(server, "movies", keys["movies"], "POST", "/libraryimport", json={}).json()
        movies = {Path(item["path"]).name: item for item in movie_report["imported"]}
        assert set(movies) == {"Inception (2010)", "The Matrix (1999)"}
        assert all(item["linkedFiles"] == 1 for item in movies.values())
        assert [Path(f["path"]).name for f in movie_report["notImported"]] == ["Home Videos 2019"]
        radarr = bounded(pyarr.RadarrAPI(f"http://127.0.0.1:{server.ports['movies']}", keys["movies"]))
        matrix = next(m for m in radarr.get_movie() if m["tmdbId"] == 603)
        assert matrix["hasFile"] and matrix["movieFile"]["quality"]["quality"]["name"] == "Remux-2160p"
    finally:
        pool.stop_all()
