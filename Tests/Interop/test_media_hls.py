"""The media role's HLS transcoding with real ffmpeg and ffprobe: a file a browser cannot play
(HEVC + AC-3 in Matroska, made here with ffmpeg) gets a TranscodingUrl from PlaybackInfo; its master
and VOD playlists parse; segments are H.264 + AAC MPEG-TS that ffprobe accepts, at the times the
playlist promises, also after a seek far ahead (a restarted ffmpeg); and when playback stops no ffmpeg
process of the server is left, nor its segment folder.

The server is `kinora serve --role media` on 127.0.0.1; every wait is bounded.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import requests

from harness import HTTP_TIMEOUT, Kinora, Servers
from swarm import wait_until

pytestmark = pytest.mark.timeout(180)

AUTH = 'MediaBrowser Client="kinora-interop", Device="pytest", DeviceId="hls-device", Version="0.0.1"'
# Seconds of the generated episode: long enough that transcoding it takes seconds (so a running
# ffmpeg can be seen and stopped), small enough to make in ~15 s.
RUNTIME = 180


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=120)


def ffprobe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
                         check=True, timeout=30, capture_output=True, text=True).stdout
    return json.loads(out)


def ffmpeg_children(pid: int) -> list[int]:
    """ffmpeg processes whose parent is the server."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError):
            continue
        if comm == "ffmpeg" and ppid == pid:
            found.append(int(proc.name))
    return found


def sign_in(k: Kinora) -> str:
    for path, body in [("/Startup/User", {"Name": "alice", "Password": "pw"}), ("/Startup/Complete", None)]:
        assert k.post("media", path, json=body).status_code == 204
    r = k.post("media", "/Users/AuthenticateByName", json={"Username": "alice", "Pw": "pw"}, headers={"Authorization": AUTH})
    assert r.status_code == 200, r.text
    return r.json()["AccessToken"]


def wait_scanned(k: Kinora, token: str, videos: int) -> None:
    def done() -> bool:
        report = k.get("media", "/kinora/media/scan", params={"api_key": token}).json()
        return bool(report.get("finished")) and report.get("videos", 0) >= videos
    if not done():
        k.post("media", "/Library/Refresh", params={"api_key": token})
    assert wait_until(done, 30), k.get("media", "/kinora/media/scan", params={"api_key": token}).text


@pytest.fixture(scope="module")
def hevc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hevc") / "episode.mkv"
    ffmpeg("-f", "lavfi", "-i", f"testsrc=s=480x270:r=24:d={RUNTIME}", "-f", "lavfi", "-i", f"sine=d={RUNTIME}",
           "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=48",
           "-c:a", "ac3", str(path))
    return path


@pytest.fixture
def hevc_server(servers: Servers, hevc_file: Path) -> tuple[Kinora, str, str]:
    data = servers.new_data_dir()
    season = data / "tv" / "Hevc Show" / "Season 01"
    season.mkdir(parents=True)
    (season / "Hevc Show - S01E01 - Pilot.mkv").hardlink_to(hevc_file)
    k = servers.start(data_dir=data, roles=["media"])
    token = sign_in(k)
    wait_scanned(k, token, videos=1)
    items = k.get("media", "/Items", params={"api_key": token, "Recursive": "true", "IncludeItemTypes": "Episode"}).json()["Items"]
    assert len(items) == 1, items
    return k, token, items[0]["Id"]


def test_hls_transcode_validates_with_ffprobe_and_leaves_no_ffmpeg(hevc_server, tmp_path: Path) -> None:
    k, token, item = hevc_server
    info = requests.post(k.url("media", f"/Items/{item}/PlaybackInfo"), params={"api_key": token}, json={},
                         headers={"Authorization": AUTH + f', Token="{token}"'}, timeout=HTTP_TIMEOUT).json()
    source = info["MediaSources"][0]
    assert source["SupportsDirectPlay"] is False and source["TranscodingSubProtocol"] == "hls", source
    reasons = source["TranscodeReasons"].split(",")
    assert "VideoCodecNotSupported" in reasons and "AudioCodecNotSupported" in reasons, reasons
    url = source["TranscodingUrl"]
    assert url.lower().startswith(f"/videos/{item}/master.m3u8?") and info["PlaySessionId"] in url, url

    master = requests.get(k.url("media", url), timeout=HTTP_TIMEOUT)
    assert master.status_code == 200 and master.text.startswith("#EXTM3U"), master.text
    variant = [line for line in master.text.splitlines() if line and not line.startswith("#")]
    assert len(variant) == 1 and variant[0].startswith("main.m3u8?"), master.text
    assert 'CODECS="avc1.' in master.text and "mp4a.40.2" in master.text, master.text
    base = k.url("media", f"/videos/{item}/")
    playlist = requests.get(base + variant[0], timeout=HTTP_TIMEOUT).text
    durations = [float(line.split(":")[1].rstrip(",")) for line in playlist.splitlines() if line.startswith("#EXTINF:")]
    segments = [line for line in playlist.splitlines() if line and not line.startswith("#")]
    assert playlist.rstrip().endswith("#EXT-X-ENDLIST") and len(segments) == len(durations), playlist
    assert abs(len(segments) - RUNTIME / 3) <= 1, f"{len(segments)} segments of 3 s for {RUNTIME} s"
    assert abs(sum(durations) - RUNTIME) < 0.5, durations

    def fetch(index: int) -> dict:
        r = requests.get(base + segments[index], timeout=90)
        assert r.status_code == 200, (index, r.status_code, r.text[:300])
        path = tmp_path / f"{index}.ts"
        path.write_bytes(r.content)
        return ffprobe(path)

    first = fetch(0)
    codecs = sorted(s["codec_name"] for s in first["streams"])
    assert codecs == ["aac", "h264"] and first["format"]["format_name"] == "mpegts", first
    assert 2.5 < float(first["format"]["duration"]) < 4.0, first["format"]
    assert ffmpeg_children(k.pid), "no ffmpeg is transcoding after the first segment"

    # A seek far ahead: a new ffmpeg starts there; the segment starts 3 s * index after the first.
    far = len(segments) - 3
    ahead = fetch(far)
    assert sorted(s["codec_name"] for s in ahead["streams"]) == ["aac", "h264"], ahead
    offset = float(ahead["format"]["start_time"]) - float(first["format"]["start_time"])
    assert abs(offset - far * 3) < 1.0, f"segment {far} starts {offset:.2f} s after segment 0, not {far * 3}"

    # Stopping playback kills the transcode and deletes its segments.
    stop = requests.post(k.url("media", "/Sessions/Playing/Stopped"), params={"api_key": token}, timeout=HTTP_TIMEOUT,
                         json={"ItemId": item, "PlaySessionId": info["PlaySessionId"], "PositionTicks": far * 3 * 10_000_000})
    assert stop.status_code == 204, stop.text
    assert wait_until(lambda: not ffmpeg_children(k.pid), 10), f"ffmpeg still running: {ffmpeg_children(k.pid)}"
    transcodes = k.data_dir / "config" / "media-transcodes"
    assert wait_until(lambda: not transcodes.exists() or not any(transcodes.iterdir()), 10), list(transcodes.iterdir())


def test_no_ffmpeg_outlives_the_server(hevc_server) -> None:
    k, token, item = hevc_server
    info = requests.post(k.url("media", f"/Items/{item}/PlaybackInfo"), params={"api_key": token}, json={}, timeout=HTTP_TIMEOUT).json()
    url = info["MediaSources"][0]["TranscodingUrl"]
    playlist = requests.get(k.url("media", f"/videos/{item}/main.m3u8?" + url.split("?", 1)[1]), timeout=HTTP_TIMEOUT).text
    first = next(line for line in playlist.splitlines() if line and not line.startswith("#"))
    assert requests.get(k.url("media", f"/videos/{item}/" + first), timeout=90).status_code == 200
    children = ffmpeg_children(k.pid)
    assert children, "no transcode running"
    assert k.stop() == 0, k.describe()
    assert wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in children), 10), \
        f"ffmpeg {children} outlived the server"
