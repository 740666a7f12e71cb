"""jellyfin-apiclient-python 1.20.2 against the media role's libraries: a real `kinora serve --role media`
scans media made with the real ffmpeg, and the client signs in, lists the views, browses a series
down to an episode, asks for PlaybackInfo, downloads the static stream, reports start, progress and
stop, and finds its resume position again after a restart.

The media (tiny, made once per module by ffmpeg and copied into each server's data dir):

    tv/Show Name (2020)/poster.jpg
    tv/Show Name (2020)/Season 01/Show Name - S01E01 - Pilot.mkv      30 s, H.264 + AC-3
    tv/Show Name (2020)/Season 01/Show Name - S01E01 - Pilot.en.srt   external subtitle
    tv/Show Name (2020)/Season 01/Show Name - S01E02 - Second.mkv     30 s, H.264 + AC-3
    anime/                                                            empty
    movies/Movie Name (2010)/Movie Name (2010).mp4                    400 s, H.264 + AAC
    movies/Movie Name (2010)/movie.nfo                                Kodi NFO (title, plot, genres, tmdb)
    movies/Movie Name (2010)/poster.jpg
    movies/Broken (2001)/Broken (2001).mkv                            random bytes: a probe failure
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest
import requests
from jellyfin_apiclient_python import JellyfinClient
from jellyfin_apiclient_python.exceptions import HTTPException

from harness import HEX32, HTTP_TIMEOUT, Kinora, Servers, json_of
from test_jellyfin_client import make_client

TICKS = 10_000_000  # .NET ticks per second
MOVIE_SECONDS = 400
EPISODE_SECONDS = 30
SCAN_TIMEOUT = 30.0
FFMPEG_TIMEOUT = 60.0
USER, PASSWORD = "alice", "s3cret"

SHOW_DIR = "tv/Show Name (2020)"
EP1 = f"{SHOW_DIR}/Season 01/Show Name - S01E01 - Pilot.mkv"
EP1_SRT = f"{SHOW_DIR}/Season 01/Show Name - S01E01 - Pilot.en.srt"
EP2 = f"{SHOW_DIR}/Season 01/Show Name - S01E02 - Second.mkv"
MOVIE = "movies/Movie Name (2010)/Movie Name (2010).mp4"
MOVIE_NFO = "movies/Movie Name (2010)/movie.nfo"
BROKEN = "movies/Broken (2001)/Broken (2001).mkv"
VIDEOS = 4  # EP1, EP2, MOVIE, BROKEN

NFO_TITLE = "The Movie From The NFO"
NFO_PLOT = "A hacker learns that the world is a simulation."
NFO_GENRES = ["Action", "Science Fiction"]


# --- media ---------------------------------------------------------------------------------------


def ffmpeg(*args: str) -> None:
    result = subprocess.run(["/usr/bin/ffmpeg", "-nostdin", "-v", "error", "-y", *args],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=FFMPEG_TIMEOUT)
    assert result.returncode == 0, f"ffmpeg {' '.join(args)} exited {result.returncode}:\n{result.stderr}"


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The media tree, made once per module; copy it into a data dir with `install_media`."""
    root = tmp_path_factory.mktemp("media")
    for folder in [f"{SHOW_DIR}/Season 01", "anime", "movies/Movie Name (2010)", "movies/Broken (2001)"]:
        (root / folder).mkdir(parents=True, exist_ok=True)

    ffmpeg("-f", "lavfi", "-i", f"color=c=blue:s=160x90:r=2:d={MOVIE_SECONDS}",
           "-f", "lavfi", "-i", f"sine=d={MOVIE_SECONDS}:sample_rate=8000",  # 8 kHz: about 1 s of CPU, not 4
           "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-b:a", "16k", "-shortest", str(root / MOVIE))
    for path, colour in [(EP1, "green"), (EP2, "yellow")]:
        ffmpeg("-f", "lavfi", "-i", f"color=c={colour}:s=160x90:r=2:d={EPISODE_SECONDS}",
               "-f", "lavfi", "-i", f"sine=d={EPISODE_SECONDS}",
               "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "ac3", "-shortest", str(root / path))
    ffmpeg("-f", "lavfi", "-i", "color=red:s=60x90", "-frames:v", "1", str(root / "movies/Movie Name (2010)/poster.jpg"))
    shutil.copyfile(root / "movies/Movie Name (2010)/poster.jpg", root / SHOW_DIR / "poster.jpg")

    (root / EP1_SRT).write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nHello there.\n\n"
        "2\n00:00:05,000 --> 00:00:08,000\nGeneral Kenobi.\n", encoding="utf-8")
    (root / MOVIE_NFO).write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<movie>\n"
        f"  <title>{NFO_TITLE}</title>\n"
        f"  <plot>{NFO_PLOT}</plot>\n"
        "  <year>2010</year>\n"
        + "".join(f"  <genre>{genre}</genre>\n" for genre in NFO_GENRES)
        + '  <uniqueid type="tmdb" default="true">603</uniqueid>\n'
        "</movie>\n", encoding="utf-8")
    (root / BROKEN).write_bytes(os.urandom(64 * 1024))
    return root


def install_media(media: Path, data_dir: Path) -> None:
    for name in ["tv", "anime", "movies"]:
        shutil.copytree(media / name, data_dir / name)


# --- server and client ---------------------------------------------------------------------------


@dataclass
class Session:
    kinora: Kinora
    client: JellyfinClient
    user_id: str
    token: str
    boot_scan: dict[str, Any]  # the report of the scan that ran at start

    @property
    def api(self):
        return self.client.jellyfin

    def auth_headers(self) -> dict[str, str]:
        return {"X-Emby-Token": self.token}

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.kinora.get("media", path, headers=self.auth_headers(), **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.kinora.post("media", path, headers=self.auth_headers(), **kwargs)

    def data_path(self, relative: str) -> Path:
        return self.kinora.data_dir / relative


def run_wizard(k: Kinora) -> None:
    for path, body in [("/Startup/Configuration", {"UICulture": "en-US"}),
                       ("/Startup/User", {"Name": USER, "Password": PASSWORD}),
                       ("/Startup/Complete", None)]:
        response = k.post("media", path, json=body)
        assert response.status_code == 204, (path, response.status_code, response.text)


def log_in(k: Kinora) -> tuple[JellyfinClient, dict[str, Any]]:
    client = make_client()
    address = f"127.0.0.1:{k.ports['media']}"
    client.auth.connect_to_address(address)
    result = client.auth.login(f"http://{address}", USER, PASSWORD)
    assert result, f"login as {USER} failed\n{k.describe()}"
    client.config.data["auth.server"] = f"http://{address}"
    return client, result


def scan_report(k: Kinora, token: str) -> dict[str, Any]:
    response = k.get("media", "/kinora/media/scan", headers={"X-Emby-Token": token})
    assert response.status_code == 200, (response.status_code, response.text)
    return json_of(response)


def wait_scan(k: Kinora, token: str, not_started: Optional[str] = None,
              timeout: float = SCAN_TIMEOUT) -> dict[str, Any]:
    """The first finished scan report whose `started` is not `not_started`, polled for at most `timeout` s."""
    deadline = time.monotonic() + timeout
    report: dict[str, Any] = {}
    while time.monotonic() < deadline:
        report = scan_report(k, token)
        if report.get("finished") and report.get("started") != not_started:
            return report
        time.sleep(0.2)
    raise AssertionError(f"no finished library scan within {timeout:.0f} s; last report {report}\n{k.describe()}")


def start_media(servers: Servers, media: Path, data_dir: Optional[Path] = None) -> Session:
    """A media-only server; on a new data dir with the media installed and the wizard run."""
    fresh = data_dir is None
    if fresh:
        data_dir = servers.new_data_dir()
        install_media(media, data_dir)
    k = servers.start(data_dir=data_dir, roles=["media"])
    if fresh:
        run_wizard(k)
    client, result = log_in(k)
    boot = wait_scan(k, result["AccessToken"])
    return Session(kinora=k, client=client, user_id=result["User"]["Id"], token=result["AccessToken"], boot_scan=boot)


def views_by_name(s: Session) -> dict[str, dict[str, Any]]:
    views = s.api.get_views()
    assert views and "Items" in views, views
    return {view["Name"]: view for view in views["Items"]}


def only(items: list[dict[str, Any]], what: str) -> dict[str, Any]:
    assert len(items) == 1, f"expected one {what}, got {[(i.get('Name'), i.get('Type')) for i in items]}"
    return items[0]


@dataclass
class Library:
    series: dict[str, Any]
    season: dict[str, Any]
    episodes: list[dict[str, Any]]
    movie: dict[str, Any]


def browse(s: Session) -> Library:
    views = views_by_name(s)
    shows = s.api.get_user_items(parent_id=views["Shows"]["Id"], include_item_types="Series", recursive=True)
    series = only(shows["Items"], "series in Shows")
    season = only(s.api.get_seasons(series["Id"])["Items"], "season")
    episodes = s.api.get_episodes(series["Id"], season["Id"])["Items"]
    movies = s.api.get_user_items(parent_id=views["Movies"]["Id"], include_item_types="Movie", recursive=True,
                                  search_term="NFO", fields="Path,MediaSources,Overview,Genres,ProviderIds")
    movie = only(movies["Items"], f"movie matching 'NFO' (the NFO title {NFO_TITLE!r})")
    return Library(series=series, season=season, episodes=episodes, movie=movie)


def same_path(actual: Optional[str], expected: Path) -> bool:
    return actual is not None and (actual == str(expected) or actual == os.path.realpath(expected))


# --- tests ---------------------------------------------------------------------------------------


def test_login_and_views(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    assert HEX32.match(s.user_id) and HEX32.match(s.token)
    assert s.api.users()["Name"] == USER

    views = views_by_name(s)
    assert {name: views.get(name, {}).get("CollectionType") for name in ["Shows", "Anime", "Movies"]} == {
        "Shows": "tvshows", "Anime": "tvshows", "Movies": "movies"}, views
    for view in views.values():
        assert HEX32.match(view["Id"]), view

    # The boot scan saw the four videos and probed them; the corrupt one is a failure, and the scan went on.
    boot = s.boot_scan
    assert boot["libraries"] == 3 and boot["videos"] == VIDEOS and boot["probed"] == VIDEOS, boot
    broken = str(s.data_path(BROKEN))
    assert set(boot["failures"]) & {broken, os.path.realpath(broken)}, boot["failures"]
    assert len(boot["failures"]) == 1, boot["failures"]
    assert boot["skippedLibraries"] == {}, boot

    # A refresh scans again, and probes nothing that did not change.
    time.sleep(1.1)  # the report's times are in whole seconds: the next scan starts in a later one
    response = s.post("/Library/Refresh")
    assert response.status_code == 204, (response.status_code, response.text)
    again = wait_scan(s.kinora, s.token, not_started=boot["started"])
    assert again["videos"] == VIDEOS and again["unchanged"] == VIDEOS and again["probed"] == 0, again
    assert again["added"] == 0 and again["removed"] == 0, again

    # Only an administrator may refresh and read the report.
    assert s.kinora.post("media", "/Library/Refresh").status_code == 401
    assert s.kinora.get("media", "/kinora/media/scan").status_code == 401


def test_browse_series_to_episode(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    lib = browse(s)
    assert lib.series["Name"] == "Show Name" and lib.series["Type"] == "Series", lib.series
    assert lib.series.get("ProductionYear") == 2020, lib.series
    assert HEX32.match(lib.series["Id"])
    assert lib.season["Name"] == "Season 1" and lib.season.get("IndexNumber") == 1, lib.season
    assert lib.season["Type"] == "Season" and HEX32.match(lib.season["Id"])

    assert [(e["Name"], e.get("IndexNumber"), e.get("ParentIndexNumber")) for e in lib.episodes] == [
        ("Pilot", 1, 1), ("Second", 2, 1)], lib.episodes
    assert all(e["Type"] == "Episode" and HEX32.match(e["Id"]) for e in lib.episodes), lib.episodes

    pilot = s.api.get_item(lib.episodes[0]["Id"])
    assert pilot["Id"] == lib.episodes[0]["Id"]
    assert pilot["Name"] == "Pilot" and pilot["IndexNumber"] == 1 and pilot["ParentIndexNumber"] == 1, pilot
    assert pilot["SeriesName"] == "Show Name" and pilot.get("SeriesId") == lib.series["Id"], pilot
    assert pilot.get("SeasonId") == lib.season["Id"], pilot
    assert abs(pilot["RunTimeTicks"] - EPISODE_SECONDS * TICKS) <= TICKS, pilot.get("RunTimeTicks")

    source = pilot["MediaSources"][0]
    assert same_path(source.get("Path"), s.data_path(EP1)), source.get("Path")
    assert source.get("Container") == "mkv", source.get("Container")
    streams = source["MediaStreams"]
    video = [m for m in streams if m["Type"] == "Video"]
    audio = [m for m in streams if m["Type"] == "Audio"]
    subtitles = [m for m in streams if m["Type"] == "Subtitle"]
    assert [m.get("Codec") for m in video] == ["h264"], streams
    assert [m.get("Codec") for m in audio] == ["ac3"], streams
    sub = only(subtitles, "subtitle stream")
    assert sub.get("IsExternal") is True and sub.get("Language") == "eng", sub
    assert sub.get("DeliveryUrl"), sub
    assert len({m["Index"] for m in streams}) == len(streams), f"stream indexes repeat: {streams}"

    # The same episode by search, and the series from the item query with its path.
    found = s.api.get_user_items(recursive=True, include_item_types="Episode", search_term="Pilot")["Items"]
    assert [e["Id"] for e in found] == [pilot["Id"]], found
    series = s.api.get_item(lib.series["Id"], fields="Path")
    assert same_path(series.get("Path"), s.data_path(SHOW_DIR)), series.get("Path")
    assert series.get("ImageTags", {}).get("Primary"), series.get("ImageTags")

    # The corrupt file did not stop the scan: the other movie is there (browse found it).
    assert lib.movie["Type"] == "Movie"


def test_movie_playback_info_and_download(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    movie = browse(s).movie
    assert movie["Name"] == NFO_TITLE and movie.get("ProductionYear") == 2010, movie
    assert movie.get("Overview") == NFO_PLOT, movie.get("Overview")
    assert sorted(movie.get("Genres") or []) == NFO_GENRES, movie.get("Genres")
    assert (movie.get("ProviderIds") or {}).get("Tmdb") == "603", movie.get("ProviderIds")
    assert movie.get("ImageTags", {}).get("Primary"), movie.get("ImageTags")
    # A replaced poster (a newer modification time) gets a new tag, so clients caching by tag fetch it again.
    poster = s.data_path("movies/Movie Name (2010)/poster.jpg")
    stat = poster.stat()
    os.utime(poster, (stat.st_atime, stat.st_mtime + 100))
    retagged = browse(s).movie
    assert retagged["ImageTags"].get("Primary") not in (None, movie["ImageTags"]["Primary"]), retagged.get("ImageTags")
    assert abs(movie["RunTimeTicks"] - MOVIE_SECONDS * TICKS) <= TICKS, movie.get("RunTimeTicks")
    assert same_path(movie["MediaSources"][0].get("Path"), s.data_path(MOVIE)), movie["MediaSources"][0]

    info = s.api.get_play_info(movie["Id"])
    assert info, "PlaybackInfo returned nothing"
    assert info.get("PlaySessionId"), info
    source = info["MediaSources"][0]
    assert source.get("SupportsDirectPlay") is True, source
    assert source.get("Container") in ("mp4", "mov,mp4,m4a,3gp,3g2,mj2"), source.get("Container")

    expected = s.data_path(MOVIE).read_bytes()
    size = len(expected)
    url = s.api.video_url(movie["Id"])
    url = url.replace("%7BDeviceId%7D", "kinora-interop-device").replace("{DeviceId}", "kinora-interop-device")
    assert "static=true" in url and "ApiKey=" in url, url

    whole = requests.get(url, timeout=HTTP_TIMEOUT)
    assert whole.status_code == 200, (whole.status_code, whole.text[:200])
    assert whole.content == expected, f"stream: {len(whole.content)} bytes, not the file's {size}"
    assert whole.headers.get("Accept-Ranges") == "bytes", whole.headers

    part = requests.get(url, headers={"Range": "bytes=1000-1999"}, timeout=HTTP_TIMEOUT)
    assert part.status_code == 206, (part.status_code, part.headers)
    assert part.headers.get("Content-Range") == f"bytes 1000-1999/{size}", part.headers
    assert part.content == expected[1000:2000]

    tail = requests.get(url, headers={"Range": f"bytes={size - 100}-"}, timeout=HTTP_TIMEOUT)
    assert tail.status_code == 206 and tail.content == expected[-100:], (tail.status_code, tail.headers)
    assert tail.headers.get("Content-Range") == f"bytes {size - 100}-{size - 1}/{size}", tail.headers

    head = requests.head(url, timeout=HTTP_TIMEOUT)
    assert head.status_code == 200 and head.headers.get("Content-Length") == str(size), (head.status_code, head.headers)
    assert head.content == b""

    past = requests.get(url, headers={"Range": f"bytes={size + 10}-"}, timeout=HTTP_TIMEOUT)
    assert past.status_code == 416, (past.status_code, past.headers)

    download = s.api.download_url(movie["Id"])
    assert "ApiKey=" in download, download
    got = requests.get(download, timeout=HTTP_TIMEOUT)
    assert got.status_code == 200 and got.content == expected, (got.status_code, len(got.content))
    assert "attachment" in got.headers.get("Content-Disposition", ""), got.headers
    part = requests.get(download, headers={"Range": "bytes=0-99"}, timeout=HTTP_TIMEOUT)
    assert part.status_code == 206 and part.content == expected[:100], (part.status_code, part.headers)
    assert part.headers.get("Content-Range") == f"bytes 0-99/{size}", part.headers
    head = requests.head(download, timeout=HTTP_TIMEOUT)
    assert head.status_code == 200 and head.headers.get("Content-Length") == str(size), (head.status_code, head.headers)

    # The legacy `api_key` spelling works as well.
    legacy = requests.get(s.kinora.url("media", f"/Videos/{movie['Id']}/stream"),
                          params={"static": "true", "api_key": s.token}, headers={"Range": "bytes=0-9"},
                          timeout=HTTP_TIMEOUT)
    assert legacy.status_code == 206 and legacy.content == expected[:10], (legacy.status_code, legacy.headers)


def play(s: Session, item: dict[str, Any], stop_at: int, progress_at: Optional[int] = None) -> None:
    """Start, (progress,) stop: what a player reports, with the client's session_* calls."""
    info = s.api.get_play_info(item["Id"])
    body = {"ItemId": item["Id"], "MediaSourceId": info["MediaSources"][0]["Id"],
            "PlaySessionId": info["PlaySessionId"], "PlayMethod": "DirectPlay", "CanSeek": True}
    s.api.session_playing({**body, "PositionTicks": 0})
    if progress_at is not None:
        s.api.session_progress({**body, "PositionTicks": progress_at, "EventName": "timeupdate", "IsPaused": False})
    s.api.session_stop({**body, "PositionTicks": stop_at})


def resume_ids(s: Session) -> list[str]:
    resume = s.api.get_resume_items()
    assert resume is not None and "Items" in resume, resume
    return [i["Id"] for i in resume["Items"]]


def test_playstate(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    lib = browse(s)
    movie, (pilot, second) = lib.movie, lib.episodes
    runtime = s.api.get_item(movie["Id"])["RunTimeTicks"]

    # Half of the movie: resumable there.
    half = runtime // 2
    play(s, movie, stop_at=half, progress_at=runtime // 4)
    data = s.api.get_userdata_for_item(movie["Id"])
    assert data["PlaybackPositionTicks"] == half and data["Played"] is False, data
    resume = s.api.get_resume_items()["Items"]
    entry = only([i for i in resume if i["Id"] == movie["Id"]], "resume entry of the movie")
    assert entry["UserData"]["PlaybackPositionTicks"] == half, entry["UserData"]
    assert s.api.get_item(movie["Id"])["UserData"]["PlaybackPositionTicks"] == half
    current = s.get("/UserItems/Resume", params={"UserId": s.user_id})
    assert current.status_code == 200, (current.status_code, current.text)
    assert movie["Id"] in [i["Id"] for i in json_of(current)["Items"]], json_of(current)

    # Under 5 %: the position is forgotten.
    play(s, movie, stop_at=runtime * 3 // 100)
    data = s.api.get_userdata_for_item(movie["Id"])
    assert data["PlaybackPositionTicks"] == 0 and data["Played"] is False, data
    assert movie["Id"] not in resume_ids(s)

    # 97 % of a 30 s episode: played, counted once, not resumable.
    pilot_runtime = s.api.get_item(pilot["Id"])["RunTimeTicks"]
    play(s, pilot, stop_at=pilot_runtime * 97 // 100)
    data = s.api.get_userdata_for_item(pilot["Id"])
    assert data["Played"] is True and data["PlayCount"] == 1 and data["PlaybackPositionTicks"] == 0, data
    assert pilot["Id"] not in resume_ids(s)
    next_up = s.api.get_next(series_id=lib.series["Id"])
    assert [i["Id"] for i in next_up["Items"]] == [second["Id"]], next_up

    # The middle of a 30 s episode: too short to resume — Jellyfin counts it as played.
    second_runtime = s.api.get_item(second["Id"])["RunTimeTicks"]
    play(s, second, stop_at=second_runtime // 2)
    data = s.api.get_userdata_for_item(second["Id"])
    assert data["PlaybackPositionTicks"] == 0 and data["Played"] is True, data
    assert second["Id"] not in resume_ids(s)

    # Marked unplayed and played through the API.
    data = s.api.item_played(second["Id"], False)
    assert data["Played"] is False, data
    assert s.api.get_userdata_for_item(second["Id"])["Played"] is False
    data = s.api.item_played(movie["Id"], True)
    assert data["Played"] is True, data
    assert s.api.get_item(movie["Id"])["UserData"]["Played"] is True
    unplayed = s.api.get_user_items(recursive=True, include_item_types="Movie,Episode", filters="IsUnplayed")["Items"]
    assert second["Id"] in [i["Id"] for i in unplayed] and movie["Id"] not in [i["Id"] for i in unplayed], unplayed

    # Favourite.
    data = s.api.favorite(movie["Id"])
    assert data["IsFavorite"] is True, data
    assert s.api.get_userdata_for_item(movie["Id"])["IsFavorite"] is True
    favourites = s.api.get_user_items(recursive=True, filters="IsFavorite")["Items"]
    assert [i["Id"] for i in favourites] == [movie["Id"]], favourites
    data = s.api.favorite(movie["Id"], False)
    assert data["IsFavorite"] is False, data


def test_resume_survives_restart(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    before = browse(s)
    before_views = {name: view["Id"] for name, view in views_by_name(s).items()}
    runtime = s.api.get_item(before.movie["Id"])["RunTimeTicks"]
    position = runtime // 2
    play(s, before.movie, stop_at=position, progress_at=runtime // 3)
    assert before.movie["Id"] in resume_ids(s)

    data_dir = s.kinora.data_dir
    code = s.kinora.stop()
    assert code == 0, f"kinora exited {code} on SIGTERM\n{s.kinora.describe()}"

    t = start_media(servers, media, data_dir=data_dir)
    after = browse(t)
    assert (after.series["Id"], after.season["Id"], [e["Id"] for e in after.episodes], after.movie["Id"]) == (
        before.series["Id"], before.season["Id"], [e["Id"] for e in before.episodes], before.movie["Id"])
    assert {name: view["Id"] for name, view in views_by_name(t).items()} == before_views
    assert t.api.get_userdata_for_item(after.movie["Id"])["PlaybackPositionTicks"] == position
    resume = t.api.get_resume_items()["Items"]
    entry = only([i for i in resume if i["Id"] == after.movie["Id"]], "resume entry of the movie after a restart")
    assert entry["UserData"]["PlaybackPositionTicks"] == position, entry["UserData"]

    # Nothing changed on disk: the scan at start probed nothing.
    boot = t.boot_scan
    assert boot["videos"] == VIDEOS and boot["unchanged"] == VIDEOS and boot["probed"] == 0, boot
    assert boot["added"] == 0 and boot["removed"] == 0, boot


def test_bad_requests(servers: Servers, media: Path) -> None:
    s = start_media(servers, media)
    movie = browse(s).movie
    base = s.kinora.url("media", "")

    # A path-traversal-looking id is no item.
    for path in ["/Items/..%2F..%2Fetc%2Fpasswd/Download", "/Videos/..%2F..%2Fetc%2Fpasswd/stream"]:
        response = requests.get(base.rstrip("/") + path, params={"static": "true", "ApiKey": s.token}, timeout=HTTP_TIMEOUT)
        assert response.status_code == 404, (path, response.status_code, response.text[:200])
        assert b"root:" not in response.content

    # No token, a wrong token: 401, and no bytes of the file.
    for params in [{"static": "true"}, {"static": "true", "ApiKey": uuid.uuid4().hex}]:
        for path in [f"/Videos/{movie['Id']}/stream", f"/Items/{movie['Id']}/Download"]:
            response = requests.get(base.rstrip("/") + path, params=params, timeout=HTTP_TIMEOUT)
            assert response.status_code == 401, (path, params, response.status_code, response.headers)

    # PlaybackInfo of an unknown item: 404, over HTTP and through the client.
    unknown = uuid.uuid4().hex
    response = s.post(f"/Items/{unknown}/PlaybackInfo", json={"UserId": s.user_id})
    assert response.status_code == 404, (response.status_code, response.text)
    with pytest.raises(HTTPException) as raised:
        s.api.get_play_info(unknown)
    assert raised.value.status == 404, raised.value
    # ...and a stream of an unknown item.
    response = requests.get(base.rstrip("/") + f"/Videos/{unknown}/stream",
                            params={"static": "true", "ApiKey": s.token}, timeout=HTTP_TIMEOUT)
    assert response.status_code == 404, (response.status_code, response.text[:200])
