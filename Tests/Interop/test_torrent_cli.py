"""`kinora torrent create` and `kinora torrent info`, checked against libtorrent, and hostile or
broken input refused with exit 1 and a one-line error."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from harness import run_cli
from swarm import (KiB, MiB, DEFAULT_LAYOUT, bdecode, bencode, info_hash_of, lt_create, lt_info, magnet,
                   make_payload, tools_missing)

pytestmark = pytest.mark.timeout(60)

HEX40 = re.compile(r"^[0-9a-f]{40}$")
TRACKERS = ["http://127.0.0.1:9/announce", "udp://127.0.0.1:9/announce"]  # never contacted


@pytest.fixture(scope="module", autouse=True)
def _libtorrent_present() -> None:
    missing = tools_missing()
    assert not missing, f"missing: {missing}"


def create(*args: str) -> tuple[str, str]:
    """Runs `kinora torrent create ARGS`; asserts exit 0 and returns (info hash from the last line, stdout)."""
    r = run_cli(["torrent", "create", *args], timeout=60)
    assert r.returncode == 0, f"`kinora torrent create {' '.join(args)}` exited {r.returncode}\n{r.stdout}\n{r.stderr}"
    lines = r.stdout.strip().splitlines()
    assert lines and HEX40.match(lines[-1].strip().lower()), f"last stdout line is not a 40-hex info hash: {r.stdout!r}"
    return lines[-1].strip().lower(), r.stdout


def assert_refused(args: list[str], what: str) -> str:
    r = run_cli(args, timeout=30)
    err = r.stderr.strip()
    assert r.returncode == 1, f"{what}: `kinora {' '.join(args)}` exited {r.returncode}, expected 1\n" \
                              f"stdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert err and len(err.splitlines()) == 1, f"{what}: expected a one-line error on stderr, got {r.stderr!r}"
    return err


def piece_hashes(files: list[Path], piece_length: int) -> bytes:
    stream = b"".join(f.read_bytes() for f in files)
    return b"".join(hashlib.sha1(stream[i:i + piece_length]).digest() for i in range(0, len(stream), piece_length))


def test_create_multifile_is_read_by_libtorrent(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "src", "payload")
    out = tmp_path / "payload.torrent"
    ih, _ = create(str(root), "--tracker", TRACKERS[0], "--tracker", TRACKERS[1], "--piece-length",
                   str(256 * KiB), "-o", str(out))
    raw = out.read_bytes()
    lt = lt_info(out)
    assert lt["infoHash"] == ih, f"libtorrent reads info hash {lt['infoHash']}, kinora printed {ih}"
    assert info_hash_of(raw) == ih
    total = sum(size for _, size in DEFAULT_LAYOUT)
    assert lt["name"] == "payload"
    assert lt["totalSize"] == total
    assert lt["pieceLength"] == 256 * KiB
    assert lt["pieceCount"] == -(-total // (256 * KiB))
    assert lt["private"] is False
    assert {f["path"]: f["length"] for f in lt["files"]} == {f"payload/{p}": s for p, s in DEFAULT_LAYOUT}
    assert TRACKERS[0] in lt["trackers"] and TRACKERS[1] in lt["trackers"], lt["trackers"]

    # v1 multi-file layout, and the piece hashes are those of the files in the torrent's order
    meta = bdecode(raw)
    info = meta[b"info"]
    assert b"files" in info and b"length" not in info, sorted(info)
    assert meta.get(b"announce") in (TRACKERS[0].encode(), TRACKERS[1].encode()), meta.get(b"announce")
    order = [root.joinpath(*(c.decode() for c in f[b"path"])) for f in info[b"files"]]
    assert info[b"pieces"] == piece_hashes(order, 256 * KiB), "piece hashes do not match the files"


def test_create_single_file_private(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    single = src / "movie.mkv"
    single.write_bytes(os.urandom(3 * MiB + 17))
    out = tmp_path / "movie.torrent"
    ih, _ = create(str(single), "--tracker", TRACKERS[0], "--private", "--piece-length", str(64 * KiB),
                   "-o", str(out))
    lt = lt_info(out)
    assert lt["infoHash"] == ih
    assert lt["private"] is True
    assert lt["name"] == "movie.mkv"
    assert lt["files"] == [{"path": "movie.mkv", "length": 3 * MiB + 17}]
    assert lt["pieceLength"] == 64 * KiB
    info = bdecode(out.read_bytes())[b"info"]
    assert info.get(b"private") == 1 and info.get(b"length") == 3 * MiB + 17 and b"files" not in info
    assert info[b"pieces"] == piece_hashes([single], 64 * KiB)


def test_info_json_matches_libtorrent(tmp_path: Path) -> None:
    root = make_payload(tmp_path / "src", "payload")
    out = tmp_path / "payload.torrent"
    ih, _ = create(str(root), "--tracker", TRACKERS[0], "--piece-length", str(256 * KiB), "-o", str(out))
    lt = lt_info(out)

    r = run_cli(["torrent", "info", str(out), "--json"])
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    for key in ("name", "infoHash", "totalSize", "pieceLength", "pieceCount", "private", "files", "trackers"):
        assert key in got, f"`info --json` lacks {key!r}: {got}"
    assert got["infoHash"].lower() == ih
    assert (got["name"], got["totalSize"], got["pieceLength"], got["pieceCount"], got["private"]) == \
        (lt["name"], lt["totalSize"], lt["pieceLength"], lt["pieceCount"], False)
    assert got["trackers"] == [TRACKERS[0]]
    # "path" may be relative to the torrent's folder or include its name: both describe the same file
    paths = {f["path"]: f["length"] for f in got["files"]}
    if all(p.startswith("payload/") for p in paths):
        paths = {p[len("payload/"):]: n for p, n in paths.items()}
    assert paths == dict(DEFAULT_LAYOUT), got["files"]

    human = run_cli(["torrent", "info", str(out)])
    assert human.returncode == 0, human.stderr
    assert ih in human.stdout.lower() and "payload" in human.stdout, human.stdout


def test_info_of_a_torrent_made_by_libtorrent(tmp_path: Path) -> None:
    """The other direction: a .torrent written by libtorrent's create_torrent reads the same in kinora."""
    root = make_payload(tmp_path / "src", "payload")
    out = tmp_path / "lt.torrent"
    ih = lt_create(root, out, [TRACKERS[1]], 512 * KiB)
    r = run_cli(["torrent", "info", str(out), "--json"])
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["infoHash"].lower() == ih
    assert got["pieceLength"] == 512 * KiB and got["trackers"] == [TRACKERS[1]]
    assert got["totalSize"] == sum(s for _, s in DEFAULT_LAYOUT)


def test_info_of_a_magnet() -> None:
    ih = "0123456789abcdef0123456789abcdef01234567"
    link = magnet(ih, "Some Show S01E01", peers=["127.0.0.1:9"], trackers=[TRACKERS[0]])
    r = run_cli(["torrent", "info", link, "--json"])
    assert r.returncode == 0, f"exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    got = json.loads(r.stdout)
    assert got["infoHash"].lower() == ih
    assert got["name"] == "Some Show S01E01"
    assert got["trackers"] == [TRACKERS[0]]


def hostile_torrent(name: bytes, paths: list[list[bytes]] | None) -> bytes:
    """A well-formed v1 torrent whose names are hostile (piece hashes valid for zero bytes)."""
    piece_length = 16 * KiB
    if paths is None:
        info = {b"name": name, b"length": 10, b"piece length": piece_length, b"pieces": hashlib.sha1(bytes(10)).digest()}
    else:
        info = {b"name": name, b"piece length": piece_length,
                b"files": [{b"length": 10, b"path": p} for p in paths],
                b"pieces": hashlib.sha1(bytes(10 * len(paths))).digest()}
    return bencode({b"announce": TRACKERS[0].encode(), b"info": info})


HOSTILE = {
    "dotdot-file": (b"payload", [[b"ok.bin"], [b"..", b"evil.bin"]]),
    "dotdot-nested": (b"payload", [[b"sub", b"..", b"..", b"evil.bin"]]),
    "absolute-component": (b"payload", [[b"/tmp/kinora-evil.bin"]]),
    "empty-first-component": (b"payload", [[b"", b"tmp", b"kinora-evil.bin"]]),
    "dotdot-name": (b"..", [[b"evil.bin"]]),
    "single-file-dotdot-name": (b"../evil.bin", None),
    "single-file-absolute-name": (b"/tmp/kinora-evil.bin", None),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_unsafe_paths_are_refused(tmp_path: Path, case: str) -> None:
    name, paths = HOSTILE[case]
    bad = tmp_path / "bad.torrent"
    bad.write_bytes(hostile_torrent(name, paths))
    assert_refused(["torrent", "info", str(bad)], f"info of {case}")

    # download must refuse before touching the disk (and never write outside --to)
    to = tmp_path / "deep" / "to"
    to.mkdir(parents=True)
    before = {p for p in tmp_path.rglob("*")}
    assert_refused(["torrent", "download", str(bad), "--to", str(to), "--bind", "127.0.0.1", "--listen", "0"],
                   f"download of {case}")
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if not p.is_relative_to(to)]
    assert not outside, f"download of {case} created {outside} outside --to"
    assert not Path("/tmp/kinora-evil.bin").exists()


GARBAGE = {
    "random-bytes": os.urandom(4096),
    "empty": b"",
    "truncated": hostile_torrent(b"payload", [[b"a.bin"]])[:-7],
    "integer": b"i42e",
    "no-info": bencode({b"announce": b"http://127.0.0.1:9/announce"}),
    "bad-pieces-length": bencode({b"info": {b"name": b"x", b"length": 10, b"piece length": 16384,
                                            b"pieces": b"\x00" * 19}}),
    "zero-piece-length": bencode({b"info": {b"name": b"x", b"length": 10, b"piece length": 0,
                                            b"pieces": b"\x00" * 20}}),
}


@pytest.mark.parametrize("case", sorted(GARBAGE))
def test_garbage_torrent_files_are_refused(tmp_path: Path, case: str) -> None:
    bad = tmp_path / "garbage.torrent"
    bad.write_bytes(GARBAGE[case])
    assert_refused(["torrent", "info", str(bad)], case)
    assert_refused(["torrent", "info", str(bad), "--json"], case + " --json")


@pytest.mark.parametrize("arg", [
    "magnet:?xt=urn:btih:XYZ",
    "magnet:?dn=no-hash",
    "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef0123456",  # 39 hex digits
    "/nonexistent/kinora/file.torrent",
])
def test_bad_sources_are_refused(arg: str) -> None:
    assert_refused(["torrent", "info", arg], arg)


def test_create_refuses_a_missing_path(tmp_path: Path) -> None:
    assert_refused(["torrent", "create", str(tmp_path / "nope"), "--tracker", TRACKERS[0], "-o",
                    str(tmp_path / "x.torrent")], "create of a missing path")
    assert not (tmp_path / "x.torrent").exists()
