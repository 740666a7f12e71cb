"""transmission-remote (Debian's 3.00) runs unchanged against Kinora's torrents role: -l, -a FILE, -a MAGNET,
-t N -S/-s/-r/-i, -si, -st — and a torrent added with it downloads from a real libtorrent seeder."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from harness import Kinora, Servers
from swarm import Swarm, compare_trees, prepare, wait_until

pytestmark = pytest.mark.timeout(120)

REMOTE_TIMEOUT = 15.0  # seconds for one transmission-remote call


def remote(k: Kinora, *args: str) -> str:
    """Runs transmission-remote against the torrents role; fails the test with its output when it fails."""
    binary = shutil.which("transmission-remote")
    assert binary, "transmission-remote is missing (Debian: transmission-cli; scripts/test installs it)"
    result = subprocess.run(
        [binary, f"127.0.0.1:{k.ports['torrents']}", *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=REMOTE_TIMEOUT,
    )
    assert result.returncode == 0, (
        f"transmission-remote {' '.join(args)} exited {result.returncode}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\n{k.describe()}"
    )
    return result.stdout


def listing(k: Kinora) -> dict[int, dict[str, str]]:
    """`-l` parsed into {id: {"done", "status", "name"}} (columns as transmission-remote 3.00 prints them)."""
    rows: dict[int, dict[str, str]] = {}
    for line in remote(k, "-l").splitlines()[1:]:
        match = re.match(r"\s*(\d+)\*?\s+(\S+)\s+.*?\s{2}(Idle|Stopped|Seeding|Downloading|Up & Down|Verifying|"
                         r"Will Verify|Queued|Finished|Uploading)\s+(.*)$", line)
        if match:
            rows[int(match.group(1))] = {"done": match.group(2), "status": match.group(3), "name": match.group(4).strip()}
    return rows


@pytest.fixture
def torrents(servers: Servers) -> Kinora:
    return servers.start(roles=["torrents"])


def test_session_info_and_stats(torrents: Kinora) -> None:
    info = remote(torrents, "-si")
    assert re.search(r"Daemon version: 4\.0\.6 \(kinora ", info), info
    assert "RPC version: 17" in info and "RPC minimum version: 14" in info, info
    assert f"Download directory: {torrents.data_dir / 'downloads'}" in info, info
    stats = remote(torrents, "-st")
    assert "CURRENT SESSION" in stats and "TOTAL" in stats and "Started 1 times" in stats, stats


def test_add_file_and_magnet_then_stop_start_info_remove(torrents: Kinora, swarm: Swarm) -> None:
    p = prepare(swarm, tracker=None, name="Show.S01E01")
    # The data is already where the role downloads to: the add verifies it and seeds.
    shutil.copytree(p.root, torrents.data_dir / "downloads" / p.root.name)
    assert "success" in remote(torrents, "-a", str(p.torrent))
    magnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Other.Show.S02E03"
    assert "success" in remote(torrents, "-a", magnet)

    assert wait_until(lambda: listing(torrents).get(1, {}).get("done") == "100%", timeout=30), listing(torrents)
    rows = listing(torrents)
    assert rows[1]["name"] == "Show.S01E01" and rows[1]["status"] in ("Idle", "Seeding"), rows
    assert rows[2]["name"] == "Other.Show.S02E03" and rows[2]["done"] == "n/a", rows

    info = remote(torrents, "-t", "1", "-i")
    assert "Name: Show.S01E01" in info and f"Hash: {p.info_hash}" in info, info
    assert f"Location: {torrents.data_dir / 'downloads'}" in info, info
    assert "Percent Done: 100%" in info, info

    remote(torrents, "-t", "1", "-S")
    assert wait_until(lambda: listing(torrents)[1]["status"] == "Stopped", timeout=10), listing(torrents)
    remote(torrents, "-t", "1", "-s")
    assert wait_until(lambda: listing(torrents)[1]["status"] != "Stopped", timeout=10), listing(torrents)

    # A duplicate add is answered as such, not added twice.
    remote(torrents, "-a", str(p.torrent))
    assert sorted(listing(torrents)) == [1, 2]

    remote(torrents, "-t", "2", "-r")
    assert wait_until(lambda: sorted(listing(torrents)) == [1], timeout=10), listing(torrents)
    # -r keeps the data; only -rad deletes it.
    assert not compare_trees(p.root, torrents.data_dir / "downloads" / p.root.name)


def test_added_torrent_downloads_from_libtorrent(torrents: Kinora, swarm: Swarm) -> None:
    p = prepare(swarm, tracker="http", name="Movie.2024.1080p")
    swarm.libtorrent("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1)
    assert "success" in remote(torrents, "-a", str(p.torrent))
    assert wait_until(lambda: listing(torrents).get(1, {}).get("done") == "100%", timeout=60), \
        f"{listing(torrents)}\n{remote(torrents, '-t', '1', '-i')}"
    problems = compare_trees(p.root, torrents.data_dir / "downloads" / p.root.name)
    assert not problems, f"downloaded data differs: {problems[:10]}"
    info = remote(torrents, "-t", "1", "-i")
    assert re.search(r"Downloaded: \d", info), info
