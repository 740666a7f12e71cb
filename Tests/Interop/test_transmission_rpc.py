"""The torrents role's Transmission RPC (/transmission/rpc, rpc-version 17) driven by the PyPI client
transmission-rpc 7.0.12 (and raw requests where the client hides the protocol), against the real
`kinora serve --role torrents` on 127.0.0.1.

What is checked, with real data and real peers:
  - Client() connects (409 handshake), get_session()/session_stats()/free_space() readable and right;
  - add_torrent in every form the client supports (bytes, file object, pathlib.Path, a server-side
    path, an http:// URL, a magnet link), duplicates, labels, files-unwanted and priorities at add;
  - get_torrents()/get_torrent(id | hash) with the client's 75 default fields: every field present
    with Transmission's JSON type, every property of the client's Torrent readable, and the values
    meaning what they mean (name, hashString, totalSize, files, downloadDir, status, percentDone…);
  - data already in the download folder verifies to 100 % and seeds; a corrupted piece is found by
    verify; stop/start; remove with delete_data really deletes (and only the torrent's files);
  - a download from a real libtorrent / aria2 seeder found through opentracker (from the .torrent, and
    from a magnet whose metadata comes from the seeder), byte for byte;
  - change_torrent(...) reflected in get_torrent (limits, seeding goals, labels, files wanted and
    priorities with sizeWhenDone following, queue position, tracker list), and move_torrent_data;
  - session settings, torrents, ids, labels and per-torrent settings surviving a restart;
  - bad input answered with Transmission's sentences; 409 handshake and Basic auth;
  - transmission-remote (the CLI) listing and describing Kinora's torrents.

Every wait is bounded, every process is stopped by PID (fixtures `servers` and `swarm`).
"""

from __future__ import annotations

import hashlib
import http.server
import os
import re
import shutil
import subprocess
import threading
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest
import requests
from transmission_rpc import Client, Torrent, TransmissionError
from transmission_rpc.constants import Priority, get_torrent_arguments
from transmission_rpc.error import TransmissionAuthError

from harness import Kinora, Servers, json_type, run_cli
from swarm import KiB, MiB, Swarm, bdecode, bencode, compare_trees, magnet, make_payload, prepare, wait_until

pytestmark = pytest.mark.timeout(150)

RPC_PATH = "/transmission/rpc"
SETTLE = 30.0  # seconds for a torrent to reach a state (check of a few MiB, start, stop)
DOWNLOAD = 60.0  # seconds for a few MiB from a loopback seeder
HEX40 = re.compile(r"^[0-9a-f]{40}$")
SESSION_HEADER = "X-Transmission-Session-Id"

# Transmission 4.0.6's JSON type of every torrent-get field transmission-rpc asks for by default
# (docs/rpc-spec.md §3.3). "number" = a JSON number that may carry a fraction (a double in libtransmission).
FIELD_TYPES: dict[str, str] = {
    "activityDate": "int", "addedDate": "int", "bandwidthPriority": "int", "comment": "str",
    "corruptEver": "int", "creator": "str", "dateCreated": "int", "desiredAvailable": "int",
    "doneDate": "int", "downloadDir": "str", "downloadedEver": "int", "downloadLimit": "int",
    "downloadLimited": "bool", "editDate": "int", "error": "int", "errorString": "str", "eta": "int",
    "etaIdle": "int", "file-count": "int", "files": "list", "fileStats": "list", "group": "str",
    "hashString": "str", "haveUnchecked": "int", "haveValid": "int", "honorsSessionLimits": "bool",
    "id": "int", "isFinished": "bool", "isPrivate": "bool", "isStalled": "bool", "labels": "list",
    "leftUntilDone": "int", "magnetLink": "str", "manualAnnounceTime": "int", "maxConnectedPeers": "int",
    "metadataPercentComplete": "number", "name": "str", "peer-limit": "int", "peers": "list",
    "peersConnected": "int", "peersFrom": "dict", "peersGettingFromUs": "int", "peersSendingToUs": "int",
    "percentComplete": "number", "percentDone": "number", "pieces": "str", "pieceCount": "int",
    "pieceSize": "int", "priorities": "list", "primary-mime-type": "str", "queuePosition": "int",
    "rateDownload": "int", "rateUpload": "int", "recheckProgress": "number", "secondsDownloading": "int",
    "secondsSeeding": "int", "seedIdleLimit": "int", "seedIdleMode": "int", "seedRatioLimit": "number",
    "seedRatioMode": "int", "sizeWhenDone": "int", "startDate": "int", "status": "int", "trackers": "list",
    "trackerList": "str", "trackerStats": "list", "totalSize": "int", "torrentFile": "str",
    "uploadedEver": "int", "uploadLimit": "int", "uploadLimited": "bool", "uploadRatio": "number",
    "wanted": "list", "webseeds": "list", "webseedsSendingToUs": "int",
}

SMALL_LAYOUT = (("README.txt", 1000), ("video/episode.mkv", 300 * KiB + 17), ("video/episode.srt", 5000))


# --- helpers ------------------------------------------------------------------------------------------



def type_matches(value: Any, expected: str) -> bool:
    got = json_type(value)
    return got in ("int", "float") if expected == "number" else got == expected


def client_for(k: Kinora, **kwargs) -> Client:
    return Client(host="127.0.0.1", port=k.ports["torrents"], path=RPC_PATH, timeout=15, **kwargs)


def read_every_property(obj: Any) -> dict[str, Any]:
    """Reads every @property of a transmission-rpc object (as an application would); raises when one
    cannot be read from the answer (a missing field or a wrongly typed value)."""
    out: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for name in sorted(dir(type(obj))):
            if isinstance(getattr(type(obj), name, None), property):
                try:
                    out[name] = getattr(obj, name)
                except Exception as e:  # noqa: BLE001 - reported with the field's name
                    raise AssertionError(f"{type(obj).__name__}.{name} cannot be read: {e!r}\n"
                                         f"fields: {getattr(obj, 'fields', None)}") from e
    return out


def read_whole_torrent(t: Torrent) -> dict[str, Any]:
    """Every property of a Torrent and of its nested objects, plus get_files() and format_eta()."""
    props = read_every_property(t)
    for tracker in t.trackers:
        read_every_property(tracker)
    for stats in t.tracker_stats:
        read_every_property(stats)
    for stat in t.file_stats:
        read_every_property(stat)
    t.format_eta()
    str(t)
    props["__files__"] = t.get_files()
    return props


def torrent_files(torrent_bytes: bytes) -> tuple[str, list[tuple[str, int]]]:
    """(name, [(Transmission's file name "NAME/dir/file", length)] in torrent order) of a v1 .torrent."""
    info = bdecode(torrent_bytes)[b"info"]
    name = info[b"name"].decode()
    if b"files" not in info:
        return name, [(name, info[b"length"])]
    files = []
    for f in info[b"files"]:
        parts = [p.decode() for p in f[b"path"]]
        if b"p" in f.get(b"attr", b""):  # BEP 47 padding files are not shown
            continue
        files.append(("/".join([name, *parts]), f[b"length"]))
    return name, files


class Made:
    """A payload and the .torrent `kinora torrent create` made of it."""

    def __init__(self, root: Path, torrent: Path, info_hash: str):
        self.root = root
        self.torrent = torrent
        self.info_hash = info_hash
        self.bytes = torrent.read_bytes()
        self.name, self.files = torrent_files(self.bytes)
        self.size = sum(length for _, length in self.files)
        info = bdecode(self.bytes)[b"info"]
        self.piece_length = info[b"piece length"]
        self.pieces = len(info[b"pieces"]) // 20


def make_torrent(parent: Path, name: str, layout=SMALL_LAYOUT, trackers: tuple[str, ...] = (),
                 piece_length: int = 16 * KiB) -> Made:
    parent.mkdir(parents=True, exist_ok=True)
    root = make_payload(parent, name, layout)
    out = parent / f"{name}.torrent"
    args = ["torrent", "create", str(root), "-o", str(out), "--piece-length", str(piece_length)]
    for t in trackers:
        args += ["--tracker", t]
    r = run_cli(args, timeout=60)
    assert r.returncode == 0, f"kinora torrent create failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    info_hash = r.stdout.strip().splitlines()[-1].strip().lower()
    assert HEX40.match(info_hash), r.stdout
    assert hashlib.sha1(_info_slice(out.read_bytes())).hexdigest() == info_hash
    return Made(root, out, info_hash)


def size_when_done(m: Made, wanted: list[bool]) -> int:
    """Transmission's sizeWhenDone: the bytes of every piece that holds at least one wanted file's byte."""
    spans, offset = [], 0
    for (_, length), want in zip(m.files, wanted):
        spans.append((offset, offset + length, want))
        offset += length
    total = 0
    for piece in range(m.pieces):
        begin, end = piece * m.piece_length, min((piece + 1) * m.piece_length, m.size)
        if any(want and b < end and e > begin for b, e, want in spans):
            total += end - begin
    return total


def _info_slice(torrent_bytes: bytes) -> bytes:
    return bencode(bdecode(torrent_bytes)[b"info"])


def wait_torrent(c: Client, tid: int | str, predicate: Callable[[Torrent], bool], what: str,
                 timeout: float = SETTLE, k: Optional[Kinora] = None,
                 fields: Optional[list[str]] = None) -> Torrent:
    last: list[Optional[Torrent]] = [None]

    def ok() -> bool:
        last[0] = c.get_torrent(tid, arguments=fields)
        return predicate(last[0])

    if not wait_until(ok, timeout, 0.25):
        t = last[0]
        summary = {key: t.fields.get(key) for key in ("status", "percentDone", "leftUntilDone", "haveValid",
                                                     "errorString", "peersConnected", "rateDownload",
                                                     "recheckProgress")} if t else None
        raise AssertionError(f"torrent {tid}: not {what} within {timeout:.0f} s; last: {summary}"
                             + (f"\n{k.describe()}" if k else ""))
    assert last[0] is not None
    return last[0]


class RawRPC:
    """The RPC by hand: POST with the session-id handshake, for what the client hides."""

    def __init__(self, url: str, auth: Optional[tuple[str, str]] = None):
        self.url = url
        self.auth = auth
        self.session_id = ""

    def post(self, body: bytes | dict) -> requests.Response:
        kwargs: dict[str, Any] = {"json": body} if isinstance(body, dict) else {"data": body}
        for _ in range(2):
            r = requests.post(self.url, headers={SESSION_HEADER: self.session_id}, auth=self.auth, timeout=10,
                              **kwargs)
            if r.status_code == 409:
                self.session_id = r.headers.get(SESSION_HEADER, "")
                continue
            return r
        raise AssertionError(f"409 twice from {self.url}: {r.headers}")

    def call(self, method: str, tag: Optional[int] = None, **arguments) -> dict:
        body: dict[str, Any] = {"method": method, "arguments": arguments}
        if tag is not None:
            body["tag"] = tag
        r = self.post(body)
        assert r.status_code == 200, f"{method}: HTTP {r.status_code} {r.text[:300]}"
        return r.json()


@pytest.fixture
def torrents(servers: Servers) -> Kinora:
    return servers.start(roles=["torrents"])


class FileServer:
    """http.server on 127.0.0.1 (free port) serving one folder, in a thread; stopped at teardown."""

    def __init__(self, folder: Path):
        handler = lambda *a, **kw: _QuietHandler(*a, directory=str(folder), **kw)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="torrent-files", daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def file_server(tmp_path: Path) -> Iterator[FileServer]:
    folder = tmp_path / "served"
    folder.mkdir()
    server = FileServer(folder)
    server.folder = folder  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


# --- session ------------------------------------------------------------------------------------------

def test_client_connects_session_stats_and_free_space(torrents: Kinora) -> None:
    c = client_for(torrents)
    s = c.get_session()
    props = read_every_property(s)
    downloads = torrents.data_dir / "downloads"
    assert s.rpc_version == 17 and s.rpc_version_minimum <= 17, (s.rpc_version, s.rpc_version_minimum)
    assert s.rpc_version_semver == "5.3.0", s.rpc_version_semver
    m = re.match(r"^(\d+)\.(\d+)", s.version)
    assert m and (int(m.group(1)), int(m.group(2))) >= (4, 0), f"Sonarr needs version >= 4.0 for labels: {s.version!r}"
    assert Path(s.download_dir).resolve() == downloads.resolve(), (s.download_dir, downloads)
    assert downloads.is_dir(), "the download folder does not exist"
    assert re.fullmatch(r"[A-Za-z0-9]{20,}", s.fields["session-id"]), s.fields["session-id"]
    assert props["units"].fields["size-bytes"] == 1000 and props["units"].fields["memory-bytes"] == 1024

    st = os.statvfs(downloads)
    expected_free = st.f_bavail * st.f_frsize
    tolerance = max(256 * MiB, expected_free // 50)  # other processes write meanwhile
    assert abs(s.fields["download-dir-free-space"] - expected_free) <= tolerance, (s.fields["download-dir-free-space"], expected_free)
    free = c.free_space(str(downloads))
    assert free is not None and abs(free - expected_free) <= tolerance, (free, expected_free)
    with pytest.raises(TransmissionError):
        c.free_space(str(torrents.data_dir / "no" / "such" / "folder"))

    stats = c.session_stats()
    read_every_property(stats)
    read_every_property(stats.current_stats)
    read_every_property(stats.cumulative_stats)
    assert (stats.torrent_count, stats.active_torrent_count, stats.paused_torrent_count) == (0, 0, 0)
    assert stats.current_stats.session_count == 1 and stats.current_stats.files_added == 0
    time.sleep(1.1)
    assert c.session_stats().current_stats.seconds_active >= 1


# --- adding -------------------------------------------------------------------------------------------

def test_add_every_form_then_get_torrents_with_default_fields(torrents: Kinora, tmp_path: Path,
                                                              file_server: FileServer) -> None:
    c = client_for(torrents)
    src = tmp_path / "src"
    made = {form: make_torrent(src, f"payload-{form}") for form in ("bytes", "file", "pathlib", "path", "url")}
    # a server-side path must be inside the data dir; the URL is fetched by Kinora from our server
    inside = torrents.data_dir / "incoming"
    inside.mkdir()
    shutil.copy(made["path"].torrent, inside / "by-path.torrent")
    shutil.copy(made["url"].torrent, file_server.folder / "by-url.torrent")  # type: ignore[attr-defined]
    downloads = torrents.data_dir / "downloads"

    added: dict[str, Torrent] = {}
    added["bytes"] = c.add_torrent(made["bytes"].bytes, paused=True, labels=["tv", "hd"])
    with open(made["file"].torrent, "rb") as f:
        added["file"] = c.add_torrent(f, paused=True)
    added["pathlib"] = c.add_torrent(made["pathlib"].torrent, paused=True, download_dir=str(downloads / "tv"))
    added["path"] = c.add_torrent(str(inside / "by-path.torrent"), paused=True)
    added["url"] = c.add_torrent(file_server.url("by-url.torrent"), paused=True)
    ghost = "c0ffee" + "0" * 34
    added["magnet"] = c.add_torrent(magnet(ghost, "Some.Show.S01E01.1080p"), paused=True, labels=["tv"])

    for form, t in added.items():
        expected_hash = ghost if form == "magnet" else made[form].info_hash
        expected_name = "Some.Show.S01E01.1080p" if form == "magnet" else made[form].name
        assert (t.hash_string, t.name) == (expected_hash, expected_name), f"{form}: torrent-added {t.fields}"
        assert isinstance(t.id, int) and t.id > 0
    ids = [t.id for t in added.values()]
    assert len(set(ids)) == len(ids), f"ids not unique: {ids}"

    # the same torrent again: torrent-duplicate with the first one's id
    dup = c.add_torrent(made["bytes"].bytes, paused=True)
    assert (dup.id, dup.hash_string) == (added["bytes"].id, made["bytes"].info_hash), dup.fields

    all_torrents = c.get_torrents()
    assert sorted(t.id for t in all_torrents) == sorted(ids), [t.fields.get("id") for t in all_torrents]
    default_fields = get_torrent_arguments(17)
    assert len(default_fields) == 75
    by_id = {t.id: t for t in all_torrents}
    for form, a in added.items():
        t = by_id[a.id]
        missing = [f for f in default_fields if f not in t.fields]
        assert not missing, f"{form}: fields left out of torrent-get: {missing}"
        wrong = {f: (t.fields[f], FIELD_TYPES[f]) for f in default_fields if not type_matches(t.fields[f], FIELD_TYPES[f])}
        assert not wrong, f"{form}: fields with the wrong JSON type (value, expected): {wrong}"
        props = read_whole_torrent(t)

        assert t.hash_string == a.hash_string and t.name == a.name
        assert t.status == "stopped" and t.stopped, f"{form}: added paused but status {t.status}"
        assert t.error == 0 and t.error_string == "", (t.error, t.error_string)
        assert t.added_date.timestamp() > time.time() - 120
        if form == "magnet":
            assert (t.total_size, t.size_when_done, t.left_until_done, t.percent_done) == (0, 0, 0, 0.0), t.fields
            assert t.metadata_percent_complete == 0.0
            assert t.labels == ["tv"]
            assert t.download_dir == str(downloads)
            assert t.magnet_link.startswith(f"magnet:?xt=urn:btih:{ghost}"), t.magnet_link
            assert props["__files__"] == []
            continue
        m = made[form]
        expected_dir = downloads / "tv" if form == "pathlib" else downloads
        assert Path(t.download_dir) == expected_dir, (form, t.download_dir)
        assert t.labels == (["tv", "hd"] if form == "bytes" else []), (form, t.labels)
        assert (t.total_size, t.size_when_done, t.left_until_done) == (m.size, m.size, m.size), t.fields
        assert (t.percent_done, t.percent_complete, t.have_valid) == (0.0, 0.0, 0), t.fields
        assert t.metadata_percent_complete == 1.0
        assert (t.piece_count, t.piece_size) == (m.pieces, m.piece_length)
        assert t.file_count == len(m.files)
        files = props["__files__"]
        assert [(f.name, f.size) for f in files] == m.files, f"{form}: files {files} != {m.files}"
        assert all(f.selected and f.priority == Priority.Normal and f.completed == 0 for f in files), files
        assert t.magnet_link.startswith(f"magnet:?xt=urn:btih:{m.info_hash}"), t.magnet_link
        assert t.creator and t.is_private is False
        assert t.primary_mime_type == "video/x-matroska", t.primary_mime_type
        assert (t.uploaded_ever, t.downloaded_ever, t.corrupt_ever) == (0, 0, 0)

    # get_torrent by id and by hash: the same torrent, every field readable
    for form, a in added.items():
        by_number = c.get_torrent(a.id)
        by_hash = c.get_torrent(a.hash_string)
        read_whole_torrent(by_number)
        assert by_number.id == by_hash.id == a.id and by_hash.hash_string == a.hash_string
        assert by_number.name == by_hash.name
    with pytest.raises(KeyError):
        c.get_torrent("f" * 40)
    some = c.get_torrents(ids=[added["url"].hash_string, added["file"].id], arguments=["name"])
    assert {t.id for t in some} == {added["url"].id, added["file"].id}
    assert all(set(t.fields) == {"id", "hashString", "name"} for t in some), [t.fields for t in some]

    stats = c.session_stats()
    assert (stats.torrent_count, stats.paused_torrent_count) == (len(added), len(added)), stats.fields
    assert stats.current_stats.files_added == len(added), stats.fields


def test_add_with_files_unwanted_and_priorities(torrents: Kinora, tmp_path: Path) -> None:
    """torrent-add files-unwanted / priority-high: the choice shows and is what the engine downloads
    (sizeWhenDone leaves the unwanted file's pieces out, as after torrent-set)."""
    c = client_for(torrents)
    a = make_torrent(tmp_path / "src", "picky", layout=(("skip.bin", 40_000), ("want.bin", 60_000)))
    t = c.add_torrent(a.bytes, paused=True, files_unwanted=[0], priority_high=[1])
    x = c.get_torrent(t.id)
    assert [(f.selected, f.priority) for f in x.get_files()] == [(False, Priority.Normal), (True, Priority.High)]
    expected = size_when_done(a, wanted=[False, True])
    assert expected < a.size
    wait_torrent(c, t.id, lambda y: (y.size_when_done, y.left_until_done) == (expected, expected),
                 f"sizeWhenDone/leftUntilDone {expected} (the unwanted file left out)", timeout=5, k=torrents,
                 fields=["sizeWhenDone", "leftUntilDone", "status", "percentDone", "haveValid", "errorString"])


def test_start_added_torrents_off_and_start_stop(torrents: Kinora, tmp_path: Path) -> None:
    """session start-added-torrents decides when `paused` is not given; start/stop by id and hash."""
    c = client_for(torrents)
    a = make_torrent(tmp_path / "src", "quiet")
    c.set_session(start_added_torrents=False)
    t = c.add_torrent(a.bytes)  # no `paused`: the session setting holds it back
    time.sleep(1.5)
    assert c.get_torrent(t.id).status == "stopped"
    c.start_torrent(a.info_hash)
    # nothing on disk and no peers: downloading (waiting for peers), never seeding
    t2 = wait_torrent(c, t.id, lambda x: x.status == "downloading", "downloading after start")
    assert t2.left_until_done == a.size and t2.percent_done == 0.0
    assert t2.start_date.timestamp() > time.time() - 60
    c.stop_torrent(t.id)
    wait_torrent(c, t.id, lambda x: x.status == "stopped", "stopped after stop")


# --- verify, seed, remove ------------------------------------------------------------------------------

def test_existing_data_verifies_seeds_and_remove_deletes_it(torrents: Kinora) -> None:
    c = client_for(torrents)
    downloads = torrents.data_dir / "downloads"
    # the payload sits in the download folder already (as a finished download would)
    a = make_torrent(downloads, "Show.S01E02", layout=(("Show.S01E02.mkv", 1 * MiB + 12345), ("Show.S01E02.nfo", 700)))
    a.torrent.unlink()  # only the data stays in the download folder
    keep = downloads / "unrelated.txt"
    keep.write_text("not the torrent's")

    t = c.add_torrent(a.bytes)
    t = wait_torrent(c, t.id, lambda x: x.status == "seeding", "seeding its existing data", k=torrents)
    assert (t.percent_done, t.percent_complete, t.left_until_done, t.have_valid) == (1.0, 1.0, 0, a.size), t.fields
    assert t.downloaded_ever == 0, "data already on disk was downloaded again"
    assert all(f.completed == f.size for f in t.get_files()), t.get_files()
    assert t.is_finished is False and t.error_string == ""

    # stop; corrupt one byte of the first piece; verify finds exactly that piece missing
    c.stop_torrent(t.id)
    wait_torrent(c, t.id, lambda x: x.status == "stopped", "stopped")
    video = a.root / "Show.S01E02.mkv"
    original = video.read_bytes()
    with open(video, "r+b") as f:
        f.seek(100)
        f.write(bytes([original[100] ^ 0xFF]))
    c.verify_torrent(t.id)
    t = wait_torrent(c, t.id, lambda x: x.status == "stopped" and x.left_until_done > 0,
                     "stopped with the bad piece found after verify", k=torrents)
    assert t.left_until_done == a.piece_length, f"one bad piece of {a.piece_length} B: left {t.left_until_done}"
    assert t.have_valid == a.size - a.piece_length and t.percent_done < 1.0, t.fields

    # repaired data verifies to 100 % again and the torrent seeds once started
    video.write_bytes(original)
    c.verify_torrent(a.info_hash)
    wait_torrent(c, t.id, lambda x: x.status == "stopped" and x.percent_done == 1.0, "complete after verify", k=torrents)
    c.start_torrent(t.id)
    wait_torrent(c, t.id, lambda x: x.status == "seeding", "seeding after start", k=torrents)

    # remove with delete_data: the torrent's files and folder go, nothing else
    c.remove_torrent(t.id, delete_data=True)
    assert wait_until(lambda: not a.root.exists(), 10), f"{a.root} still there: {list(a.root.rglob('*'))}"
    assert keep.read_text() == "not the torrent's", "remove deleted a file that is not the torrent's"
    assert downloads.is_dir(), "remove deleted the download folder itself"
    assert c.get_torrents() == [], "removed torrent still listed"
    with pytest.raises(KeyError):
        c.get_torrent(t.id)
    active, removed = c.get_recently_active_torrents()
    assert active == [] and removed == [t.id], (active, removed)


def test_remove_without_delete_keeps_data(torrents: Kinora) -> None:
    c = client_for(torrents)
    downloads = torrents.data_dir / "downloads"
    a = make_torrent(downloads, "kept", layout=(("kept.bin", 200_000),))
    a.torrent.unlink()
    t = c.add_torrent(a.bytes)
    wait_torrent(c, t.id, lambda x: x.status == "seeding", "seeding", k=torrents)
    c.remove_torrent(a.info_hash)  # delete_data defaults to False
    assert wait_until(lambda: c.get_torrents() == [], 10)
    time.sleep(1)
    assert (a.root / "kept.bin").stat().st_size == 200_000, "data deleted without delete-local-data"


def test_rename_path_renames_on_disk_keeps_verified_data_and_survives_a_restart(servers: Servers) -> None:
    k1 = servers.start(roles=["torrents"])
    c = client_for(k1)
    downloads = k1.data_dir / "downloads"
    a = make_torrent(downloads, "Show.S01", layout=(("Season 1/e01.mkv", 300_000), ("Season 1/e02.mkv", 200_000),
                                                    ("notes.txt", 700)))
    a.torrent.unlink()
    t = c.add_torrent(a.bytes)
    wait_torrent(c, t.id, lambda x: x.status == "seeding", "seeding its existing data", k=k1)

    # a file, then a folder, then the torrent's top folder (which renames the torrent)
    assert c.rename_torrent_path(t.id, "Show.S01/Season 1/e01.mkv", "Pilot.mkv") == ("Show.S01/Season 1/e01.mkv", "Pilot.mkv")
    c.rename_torrent_path(t.id, "Show.S01/Season 1", "Season 01")
    c.rename_torrent_path(a.info_hash, "Show.S01", "Show (2024)")
    expected = ["Show (2024)/Season 01/Pilot.mkv", "Show (2024)/Season 01/e02.mkv", "Show (2024)/notes.txt"]
    root = downloads / "Show (2024)"
    assert sorted(str(p.relative_to(downloads)) for p in root.rglob("*") if p.is_file()) == sorted(expected)
    assert not a.root.exists(), "the old top folder is still there"
    t = wait_torrent(c, t.id, lambda x: x.status == "seeding", "seeding again after the renames", k=k1)
    assert [f.name for f in t.get_files()] == expected, t.get_files()
    assert t.name == "Show (2024)" and t.percent_done == 1.0 and t.downloaded_ever == 0, t.fields
    assert t.hash_string == a.info_hash

    # refused: a path the torrent does not have, a name that could escape, a name already taken, two torrents
    for path, name in [("Show (2024)/nope.mkv", "x.mkv"), ("Show (2024)/notes.txt", "../x"),
                       ("Show (2024)/Season 01/Pilot.mkv", "e02.mkv")]:
        with pytest.raises(TransmissionError):
            c.rename_torrent_path(t.id, path, name)
    answer = RawRPC(k1.url("torrents", RPC_PATH)).call("torrent-rename-path", ids=[], path="x", name="y")
    assert answer["result"] == "torrent-rename-path requires 1 torrent", answer
    assert (root / "Season 01" / "e02.mkv").stat().st_size == 200_000, "a refused rename touched the data"

    # the new names come back after a restart, and the data is still trusted
    assert k1.stop() == 0, f"kinora did not stop cleanly\n{k1.describe()}"
    k2 = servers.start(data_dir=k1.data_dir, roles=["torrents"])
    c2 = client_for(k2)
    t2 = wait_torrent(c2, t.id, lambda x: x.status == "seeding", "seeding after the restart", k=k2)
    assert t2.name == "Show (2024)" and [f.name for f in t2.get_files()] == expected, t2.get_files()
    assert t2.percent_done == 1.0 and t2.downloaded_ever == 0, t2.fields


# --- a real download ----------------------------------------------------------------------------------

@pytest.mark.parametrize("seeder,source", [("libtorrent", "torrent"), ("aria2", "torrent"), ("libtorrent", "magnet")])
def test_downloads_from_a_real_seeder_through_opentracker(servers: Servers, swarm: Swarm, seeder: str,
                                                          source: str) -> None:
    """The RPC has no peer hint: Kinora finds the seeder through the tracker (in the .torrent, or the
    magnet's tr=) and dials it; from a magnet it fetches the metadata from the seeder first."""
    p = prepare(swarm, tracker="http", layout=(("Movie.2024.mkv", 5 * MiB + 777), ("Movie.2024.srt", 20_000),
                                               ("extras/Featurette.mkv", 1 * MiB + 3)))
    if seeder == "libtorrent":
        swarm.libtorrent("seed", p.torrent, p.seed_dir)
    else:
        swarm.aria2("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1, timeout=30)
    k = servers.start(roles=["torrents"])
    c = client_for(k)
    if source == "magnet":
        t = c.add_torrent(magnet(p.info_hash, "from-magnet", trackers=[p.tracker.http_url]), labels=["movies"])
    else:
        t = c.add_torrent(p.torrent, labels=["movies"])  # pathlib.Path form
    assert t.hash_string == p.info_hash

    done = wait_torrent(c, t.id, lambda x: x.status == "seeding" and x.percent_done == 1.0,
                        f"downloaded from {seeder} and seeding", timeout=DOWNLOAD, k=k)
    to = k.data_dir / "downloads"
    problems = compare_trees(p.root, to / p.root.name)
    assert not problems, f"downloaded data differs: {problems[:10]}"
    assert (done.left_until_done, done.have_valid, done.total_size) == (0, p.size, p.size), done.fields
    assert done.name == p.root.name and done.metadata_percent_complete == 1.0, (done.name, p.root.name)
    assert done.file_count == len(p.info["files"]) and done.piece_count == p.pieces, done.fields
    assert done.downloaded_ever >= p.size, f"downloadedEver {done.downloaded_ever} < size {p.size}"
    assert done.corrupt_ever == 0
    assert done.done_date is not None and done.done_date.timestamp() > time.time() - 120
    assert done.seconds_downloading >= 0 and done.labels == ["movies"]
    assert Path(done.download_dir) == to
    assert all(f.completed == f.size for f in done.get_files()), done.get_files()
    stats = done.tracker_stats
    assert stats and stats[0].announce == p.tracker.http_url, [s.fields for s in stats]
    assert any(s.last_announce_succeeded for s in stats), [s.fields for s in stats]
    # session-stats may lag torrent-get by a tick
    assert wait_until(lambda: c.session_stats().current_stats.downloaded_bytes >= p.size, 5), \
        c.session_stats().current_stats.fields


# --- change_torrent -----------------------------------------------------------------------------------

def test_change_torrent_is_reflected(torrents: Kinora, tmp_path: Path) -> None:
    c = client_for(torrents)
    a = make_torrent(tmp_path / "src", "season", layout=(("e01.mkv", 100_000), ("e02.mkv", 150_000),
                                                         ("e03.mkv", 50_000)))
    b = make_torrent(tmp_path / "src", "other", layout=(("o.bin", 10_000),))
    t = c.add_torrent(a.bytes, paused=True)
    other = c.add_torrent(b.bytes, paused=True)

    c.change_torrent(t.id, seed_ratio_limit=1.25, seed_ratio_mode=1, seed_idle_limit=17, seed_idle_mode=1,
                     labels=["tv", "hd"], download_limit=123, download_limited=True, upload_limit=45,
                     upload_limited=True, bandwidth_priority=1, peer_limit=33, honors_session_limits=False,
                     files_unwanted=[1], priority_high=[2], priority_low=[0])
    x = c.get_torrent(t.id)
    read_whole_torrent(x)
    assert (x.seed_ratio_limit, x.fields["seedRatioMode"]) == (1.25, 1), x.fields
    assert (x.seed_idle_limit, x.fields["seedIdleMode"]) == (17, 1), x.fields
    assert x.labels == ["tv", "hd"]
    assert (x.download_limit, x.download_limited, x.upload_limit, x.upload_limited) == (123, True, 45, True)
    assert x.bandwidth_priority == Priority.High and x.peer_limit == 33 and x.honors_session_limits is False
    files = x.get_files()
    assert [f.selected for f in files] == [True, False, True], files
    assert [f.priority for f in files] == [Priority.Low, Priority.Normal, Priority.High], files
    assert [bool(w) for w in x.wanted] == [True, False, True] and x.fields["priorities"] == [-1, 0, 1]
    # Transmission counts whole pieces: a piece is left out only when every file in it is unwanted
    expected = size_when_done(a, wanted=[True, False, True])
    assert expected < a.size - 100_000, expected  # most of e02's 150 kB is left out
    assert (x.size_when_done, x.left_until_done) == (expected, expected), \
        f"sizeWhenDone/leftUntilDone must leave out the unwanted file's pieces: {x.size_when_done}, " \
        f"{x.left_until_done}, expected {expected}"
    assert x.total_size == a.size
    assert x.edit_date.timestamp() > time.time() - 60

    # by hash, and only what is named changes; the other torrent is untouched
    c.change_torrent(a.info_hash, files_wanted=[1], seed_ratio_mode=2, labels=[])
    y = c.get_torrent(a.info_hash)
    assert [f.selected for f in y.get_files()] == [True, True, True] and y.size_when_done == a.size
    assert (y.fields["seedRatioMode"], y.seed_ratio_limit, y.labels) == (2, 1.25, [])
    assert y.download_limit == 123 and y.peer_limit == 33, "unnamed settings changed"
    z = c.get_torrent(other.id)
    assert (z.labels, z.fields["seedRatioMode"], z.download_limited, z.peer_limit) == ([], 0, False, 50), z.fields

    # queue position (queue_top / change_torrent queue_position)
    assert c.get_torrent(other.id).queue_position == 1
    c.queue_top(other.id)
    assert (c.get_torrent(other.id).queue_position, c.get_torrent(t.id).queue_position) == (0, 1)
    c.change_torrent(other.id, queue_position=1)
    assert (c.get_torrent(other.id).queue_position, c.get_torrent(t.id).queue_position) == (1, 0)

    # labels with a comma are refused, as Transmission does
    with pytest.raises(TransmissionError):
        c.change_torrent(t.id, labels=["a,b"])
    assert c.get_torrent(t.id).labels == []

    # move_torrent_data inside the data dir (torrent-set-location)
    target = torrents.data_dir / "downloads" / "moved"
    c.move_torrent_data(t.id, str(target))
    assert Path(c.get_torrent(t.id).download_dir) == target
    with pytest.raises(TransmissionError):
        c.move_torrent_data(t.id, "/tmp/kinora-must-not-write-here")
    assert Path(c.get_torrent(t.id).download_dir) == target


def test_change_torrent_tracker_list(torrents: Kinora, tmp_path: Path) -> None:
    """torrent-set trackerList (rpc 17, what transmission-rpc's change_torrent(tracker_list=…) sends)."""
    c = client_for(torrents)
    first, second, third = ("http://127.0.0.1:9/announce", "udp://127.0.0.1:9/announce",
                            "http://127.0.0.1:9/second/announce")  # never contacted: the torrent stays paused
    a = make_torrent(tmp_path / "src", "tracked", layout=(("t.bin", 20_000),), trackers=(first,))
    t = c.add_torrent(a.bytes, paused=True)
    assert c.get_torrent(t.id).tracker_list == [first]
    c.change_torrent(t.id, tracker_list=[[first, third], [second]])
    x = c.get_torrent(t.id)
    assert x.fields["trackerList"] == f"{first}\n{third}\n\n{second}", x.fields["trackerList"]
    assert [(tr.announce, tr.tier) for tr in x.trackers] == [(first, 0), (third, 0), (second, 1)], \
        [tr.fields for tr in x.trackers]
    c.change_torrent(t.id, tracker_list=[])
    assert c.get_torrent(t.id).tracker_list == []


# --- persistence --------------------------------------------------------------------------------------

def test_session_torrents_and_settings_survive_a_restart(servers: Servers, tmp_path: Path) -> None:
    k1 = servers.start(roles=["torrents"])
    c = client_for(k1)
    a = make_torrent(tmp_path / "src", "persist-a", layout=(("a1.bin", 40_000), ("a2.bin", 60_000)))
    b = make_torrent(tmp_path / "src", "persist-b", layout=(("b.bin", 30_000),))
    gone = make_torrent(tmp_path / "src", "persist-gone", layout=(("g.bin", 10_000),))
    new = make_torrent(tmp_path / "src", "persist-new", layout=(("n.bin", 10_000),))
    settings = dict(speed_limit_down=321, speed_limit_down_enabled=True, speed_limit_up=77,
                    download_queue_size=3, seed_ratio_limit=1.75, seed_ratio_limited=True,
                    idle_seeding_limit=42, idle_seeding_limit_enabled=True, alt_speed_down=55,
                    encryption="preferred", start_added_torrents=False, peer_limit_per_torrent=40)
    c.set_session(**settings)
    s = c.get_session()
    for key, value in settings.items():
        assert getattr(s, key) == value, f"set_session({key}={value!r}) reads back {getattr(s, key)!r}"

    ta = c.add_torrent(a.bytes, labels=["tv"])
    tb = c.add_torrent(b.bytes, labels=["movies", "4k"], download_dir=str(k1.data_dir / "downloads" / "movies"))
    tg = c.add_torrent(gone.bytes)
    tm = c.add_torrent(magnet("ab" * 20, "Magnet.Only"), labels=["tv"])
    c.remove_torrent(tg.id)
    c.change_torrent(ta.id, seed_ratio_limit=0.5, seed_ratio_mode=1, files_unwanted=[0], priority_high=[1],
                     download_limit=99, download_limited=True)
    c.queue_top(tb.id)
    c.start_torrent(tb.id)  # no data, no peers: downloading; must come back as such, not stopped
    wait_torrent(c, tb.id, lambda x: x.status == "downloading", "downloading")
    before = {t.id: t for t in c.get_torrents()}
    assert set(before) == {ta.id, tb.id, tm.id}

    assert k1.stop() == 0, f"kinora did not stop cleanly\n{k1.describe()}"
    k2 = servers.start(data_dir=k1.data_dir, roles=["torrents"])
    c2 = client_for(k2)
    s2 = c2.get_session()
    for key, value in settings.items():
        assert getattr(s2, key) == value, f"{key} after restart: {getattr(s2, key)!r}, set to {value!r}"

    after = {t.id: t for t in c2.get_torrents()}
    assert set(after) == set(before), f"ids before {sorted(before)}, after {sorted(after)}"
    for tid, t0 in before.items():
        t1 = after[tid]
        read_whole_torrent(t1)
        for field in ("hashString", "name", "labels", "downloadDir", "totalSize", "seedRatioLimit",
                      "seedRatioMode", "wanted", "priorities", "downloadLimit", "downloadLimited",
                      "queuePosition", "addedDate"):
            assert t1.fields[field] == t0.fields[field], \
                f"torrent {tid} {field}: {t0.fields[field]!r} before the restart, {t1.fields[field]!r} after"
    assert after[ta.id].status == "stopped" and after[tm.id].status == "stopped"
    wait_torrent(c2, tb.id, lambda x: x.status == "downloading", "downloading again after the restart", k=k2)

    t_new = c2.add_torrent(new.bytes)
    assert t_new.id not in before, f"new torrent got id {t_new.id}, already used by {before[t_new.id].name}"
    stats = c2.session_stats()
    assert stats.cumulative_stats.session_count == 2, stats.cumulative_stats.fields
    assert stats.cumulative_stats.files_added == 5 and stats.current_stats.files_added == 1, stats.fields

    # the unwanted file stays unwanted in the engine too: what is left to download is unchanged
    expected = size_when_done(a, wanted=[False, True])
    assert before[ta.id].size_when_done == expected, (before[ta.id].size_when_done, expected)
    assert c2.get_torrent(ta.id).size_when_done == expected, \
        f"sizeWhenDone of the torrent with an unwanted file: {expected} before the restart, " \
        f"{c2.get_torrent(ta.id).size_when_done} after (the file choice was not given back to the engine)"


# --- bad input ----------------------------------------------------------------------------------------

def test_bad_input_is_refused_with_transmissions_sentences(torrents: Kinora, tmp_path: Path) -> None:
    c = client_for(torrents)
    a = make_torrent(tmp_path / "src", "good", layout=(("g.bin", 20_000),))

    def refused(call: Callable[[], Any], words: str) -> str:
        with pytest.raises(TransmissionError) as err:
            call()
        result = (err.value.response or {}).get("result", "") if isinstance(err.value.response, dict) else ""
        assert words in result, f"expected {words!r} in the RPC result, got {result!r} ({err.value})"
        return result

    corrupt = "invalid or corrupt torrent file"
    refused(lambda: c._request("torrent-add", {"metainfo": "!!!! this is not base64 ####"}), corrupt)
    refused(lambda: c.add_torrent(b"d8:announce3:abce"), corrupt)  # bencode without an info dict
    refused(lambda: c.add_torrent(a.bytes[: len(a.bytes) // 2]), corrupt)  # truncated
    refused(lambda: c.add_torrent(os.urandom(4000)), corrupt)
    (torrents.data_dir / "not-a.torrent").write_bytes(b"hello")
    refused(lambda: c.add_torrent(str(torrents.data_dir / "not-a.torrent")), corrupt)
    refused(lambda: c.add_torrent("magnet:?xt=urn:btih:nothex"), corrupt)
    refused(lambda: c._request("torrent-add", {"paused": True}), "no filename or metainfo specified")

    # the role writes only inside its data dir
    refused(lambda: c.add_torrent(a.bytes, download_dir="/tmp/kinora-outside"), "outside")
    refused(lambda: c.add_torrent(a.bytes, download_dir=str(torrents.data_dir / ".." / "escape")), "outside")
    refused(lambda: c.add_torrent(a.bytes, download_dir="relative/dir"), "absolute")
    refused(lambda: c.add_torrent(str(a.torrent)), "outside")  # a .torrent path outside the data dir
    refused(lambda: c.set_session(download_dir="/tmp/kinora-outside"), "outside")
    refused(lambda: c.set_session(incomplete_dir="/etc"), "outside")
    assert not Path("/tmp/kinora-outside").exists()
    assert c.get_torrents() == [], "a refused add left a torrent behind"
    assert Path(c.get_session().download_dir) == torrents.data_dir / "downloads"

    # wrongly typed session values are refused whole
    refused(lambda: c._request("session-set", {"speed-limit-down": "fast", "speed-limit-up": 5}), "speed-limit-down")
    assert c.get_session().speed_limit_up == 100, "a refused session-set changed another key"

    raw = RawRPC(torrents.url("torrents", RPC_PATH))
    answer = raw.call("torrent-fly", tag=7)
    assert answer["result"] == "method name not recognized" and answer.get("tag") == 7, answer
    answer = raw.call("torrent-get", tag=8)  # no fields
    assert answer["result"] != "success" and answer.get("tag") == 8, answer
    r = raw.post(b"{this is not json")
    assert r.status_code == 200 and r.json()["result"] == "no method name", r.text
    r = raw.post(b'{"arguments": {}}')
    assert r.status_code == 200 and r.json()["result"] == "no method name", r.text
    # unknown torrent-get fields are left out silently (transmission-rpc asks for fields by version)
    answer = raw.call("torrent-get", fields=["id", "noSuchField"])
    assert answer == {"result": "success", "arguments": {"torrents": []}}, answer
    c.add_torrent(a.bytes, paused=True)
    answer = raw.call("torrent-get", fields=["id", "name", "noSuchField"])
    assert answer["arguments"]["torrents"] == [{"id": 1, "name": "good"}], answer


# --- handshake and auth -------------------------------------------------------------------------------

def test_session_id_handshake(torrents: Kinora) -> None:
    url = torrents.url("torrents", RPC_PATH)
    # Sonarr's first request: GET without a session id -> 409 and the id
    r = requests.get(url, timeout=5)
    assert r.status_code == 409, (r.status_code, r.text[:200])
    sid = r.headers.get(SESSION_HEADER, "")
    assert re.fullmatch(r"[A-Za-z0-9]{20,}", sid), f"session id {sid!r}"
    # a wrong id is answered with the same current id (never a new one per mismatch)
    r = requests.post(url, headers={SESSION_HEADER: "wrong"}, json={"method": "session-get"}, timeout=5)
    assert r.status_code == 409 and r.headers.get(SESSION_HEADER) == sid
    r = requests.post(url, json={"method": "session-get"}, timeout=5)
    assert r.status_code == 409 and r.headers.get(SESSION_HEADER) == sid
    # with the id: served; the answer carries the id too
    r = requests.post(url, headers={SESSION_HEADER: sid}, json={"method": "session-get", "tag": 3}, timeout=5)
    assert r.status_code == 200 and r.json()["result"] == "success" and r.json()["tag"] == 3
    assert r.json()["arguments"]["session-id"] == sid and r.headers.get(SESSION_HEADER) == sid
    assert "json" in r.headers.get("Content-Type", ""), r.headers
    # only POST is served
    r = requests.get(url, headers={SESSION_HEADER: sid}, timeout=5)
    assert r.status_code == 405, r.status_code


def test_basic_auth(servers: Servers) -> None:
    k = servers.start(roles=["torrents"], env={"KINORA_TORRENTS_RPC_USERNAME": "sonarr",
                                               "KINORA_TORRENTS_RPC_PASSWORD": "s3cret:with colon"})
    url = k.url("torrents", RPC_PATH)
    for auth in (None, ("sonarr", "wrong"), ("other", "s3cret:with colon")):
        r = requests.post(url, auth=auth, json={"method": "session-get"}, timeout=5)
        assert r.status_code == 401, f"auth {auth}: HTTP {r.status_code}"
        assert r.headers.get("WWW-Authenticate") == 'Basic realm="Transmission"', r.headers
        assert SESSION_HEADER not in r.headers, "the session id leaked to an unauthenticated client"
    # right credentials: the 409 handshake, then served
    r = requests.get(url, auth=("sonarr", "s3cret:with colon"), timeout=5)
    assert r.status_code == 409 and r.headers.get(SESSION_HEADER)
    raw = RawRPC(url, auth=("sonarr", "s3cret:with colon"))
    assert raw.call("session-get")["result"] == "success"

    with pytest.raises(TransmissionAuthError):
        client_for(k, username="sonarr", password="wrong")
    with pytest.raises(TransmissionAuthError):
        client_for(k)
    c = client_for(k, username="sonarr", password="s3cret:with colon")
    assert c.get_session().rpc_version == 17
    assert c.get_torrents() == []


# --- transmission-remote ------------------------------------------------------------------------------

def test_transmission_remote_lists_and_describes(torrents: Kinora, tmp_path: Path) -> None:
    if not shutil.which("transmission-remote"):
        pytest.fail("transmission-remote is not installed (Debian: transmission-cli)")
    c = client_for(torrents)
    downloads = torrents.data_dir / "downloads"
    a = make_torrent(downloads, "Remote.Seeded", layout=(("r.bin", 300_000),))
    a.torrent.unlink()
    b = make_torrent(tmp_path / "src", "Remote.Paused", layout=(("p.bin", 100_000),))
    ta = c.add_torrent(a.bytes)
    tb = c.add_torrent(b.bytes, paused=True)
    wait_torrent(c, ta.id, lambda x: x.status == "seeding", "seeding", k=torrents)

    def remote(*args: str) -> str:
        r = subprocess.run(["transmission-remote", f"127.0.0.1:{torrents.ports['torrents']}", *args],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
        assert r.returncode == 0, f"transmission-remote {args}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"
        return r.stdout

    listing = remote("-l")
    rows = {line.split()[0].rstrip("*"): line for line in listing.splitlines()[1:-1]}
    assert set(rows) == {str(ta.id), str(tb.id)}, listing
    # transmission-remote shows a seeding torrent without peers as "Idle"
    assert re.search(r"\b100%.*\b(Idle|Seeding)\s+Remote\.Seeded$", rows[str(ta.id)]), listing
    assert re.search(r"\b0%.*\bStopped\s+Remote\.Paused$", rows[str(tb.id)]), listing
    assert listing.splitlines()[-1].startswith("Sum:"), listing

    info = remote("-t", str(ta.id), "-i")
    assert f"Hash: {a.info_hash}" in info and "Name: Remote.Seeded" in info, info
    assert "Percent Done: 100%" in info and re.search(r"State: (Idle|Seeding)\n", info), info
    assert re.search(r"Total size: 300\.0 kB \(300\.0 kB wanted\)", info), info
    assert f"Location: {downloads}" in info, info

    assert "success" in remote("-t", str(tb.id), "--start")
    wait_torrent(c, tb.id, lambda x: x.status == "downloading", "started by transmission-remote")
    assert "success" in remote("-t", str(ta.id), "--remove-and-delete")
    assert wait_until(lambda: not a.root.exists(), 10), "--remove-and-delete left the data"
    assert [t.id for t in c.get_torrents()] == [tb.id]
