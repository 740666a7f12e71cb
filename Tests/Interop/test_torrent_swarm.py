"""Kinora in harder swarms on 127.0.0.1: a magnet link (metadata over ut_metadata, no tracker), two
libtorrent seeders plus a malicious peer that must be banned, and kill -9 / SIGTERM mid-download
followed by a restart that must not fetch verified pieces again."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from harness import kinora_bin
from swarm import KiB, MiB, KinoraDownload, Swarm, check_kinora_download, magnet, prepare

pytestmark = pytest.mark.timeout(90)

DOWNLOAD_TIMEOUT = 60.0
LIMIT_KIB = 1024  # --download-limit for the interrupted runs: 1 MiB/s, ~4 % of RESUME_LAYOUT a second
# a larger payload for the interrupted runs (~23 MiB, 93 pieces), so that a first burst above the
# limit does not carry the download past 70 % before the first `progress` line
RESUME_LAYOUT = (
    ("README.txt", 1000),
    ("big.bin", 16 * MiB + 123),
    ("nested/deeper/middle.bin", 5 * MiB + 4567),
    ("nested/tail.bin", 2 * MiB + 1),
)




def test_magnet_from_libtorrent_without_tracker(swarm: Swarm) -> None:
    p = prepare(swarm, tracker=None)
    seeder = swarm.libtorrent("seed", p.torrent, p.seed_dir)
    to = swarm.dir("kinora")
    link = magnet(p.info_hash, p.root.name, peers=[seeder.addr])
    k = swarm.kinora(kinora_bin(), link, to)
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)


def test_two_seeders_and_a_malicious_peer(swarm: Swarm) -> None:
    """The malicious peer has every piece and answers every request at once with random bytes; kinora
    must still finish with the right data, and ban it (and only it). The honest seeders are held to
    2 MiB/s each so that the download lasts long enough for kinora to meet the malicious peer."""
    p = prepare(swarm)
    s1 = swarm.libtorrent("seed", p.torrent, p.seed_dir, upload_limit=2048)
    s2 = swarm.libtorrent("seed", p.torrent, p.seed_dir, upload_limit=2048)
    evil = swarm.pypeer(p.info_hash, p.pieces)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[evil.addr, s1.addr, s2.addr])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    assert evil.requests > 0, f"kinora never asked the malicious peer for data (connections {evil.connections})"
    banned = [e.get("peer") for e in k.events("banned")]
    assert evil.addr in banned, f"no `banned peer={evil.addr}` line (banned: {banned})\n{k.describe()}"
    assert s1.addr not in banned and s2.addr not in banned, f"an honest seeder was banned: {banned}"


def interrupt_mid_download(swarm: Swarm, sig: int) -> tuple:
    """Starts a rate-limited download from one libtorrent seeder and sends `sig` once `progress` shows
    30–70 %; returns (prepared, --to, the interrupted run, the percent seen)."""
    p = prepare(swarm, layout=RESUME_LAYOUT, piece_length=256 * KiB)
    swarm.libtorrent("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, extra=["--download-limit", str(LIMIT_KIB)])
    m = k.wait_line(r"^progress .*percent=([\d.]+)", 45, what="`progress` at 30 % or more")
    while float(m.group(1)) < 30.0:
        m = k.wait_line(r"^progress .*percent=([\d.]+)", 45, start=k.matched_index + 1,
                        what="`progress` at 30 % or more")
    percent = float(m.group(1))
    assert percent <= 70.0, f"progress jumped past 70 % ({percent}) with --download-limit {LIMIT_KIB}\n{k.describe()}"
    k.signal(sig)
    return p, to, k, percent


def restart_and_check(swarm: Swarm, p, to: Path) -> tuple[int, int, int]:
    """Restarts on the same folder; returns (trusted, verified, fetched). `trusted`: pieces the resume data
    vouched for unhashed; `verified`: pieces good after the start-up check (trusted + found by re-hashing
    what the resume data could not vouch for, e.g. files written after the last sync before a kill -9)."""
    k2: KinoraDownload = swarm.kinora(kinora_bin(), p.torrent, to, stem="kinora-restart")
    resume = k2.event("resume", 30)
    trusted, recheck, verified = int(resume["trusted"]), int(resume["recheck"]), int(resume["verified"])
    c = check_kinora_download(k2, p, to, DOWNLOAD_TIMEOUT, fetched_all=False)
    fetched = int(c["downloaded-pieces"])
    assert trusted + recheck <= p.pieces, f"resume trusted={trusted} recheck={recheck} > {p.pieces} pieces"
    assert trusted <= verified, f"resume trusted={trusted} but only {verified} verified\n{k2.describe()}"
    assert fetched <= p.pieces - verified, \
        f"restart fetched {fetched} pieces though {verified} of {p.pieces} were verified on disk: " \
        f"verified pieces downloaded again\n{k2.describe()}"
    return trusted, verified, fetched


def test_kill_9_mid_download_then_resume(swarm: Swarm) -> None:
    p, to, k, percent = interrupt_mid_download(swarm, signal.SIGKILL)
    assert k.wait_exit(10) == -signal.SIGKILL
    trusted, verified, fetched = restart_and_check(swarm, p, to)
    restart = swarm.procs[-1]
    assert verified > 0, f"after kill -9 at {percent} %, the restart found no verified piece\n" \
                         f"{k.describe(8)}\n{restart.describe(8)}"
    assert verified <= p.pieces * min(1.0, percent / 100 + 0.15), \
        f"{verified} of {p.pieces} pieces verified though only {percent} % was downloaded"


def test_sigterm_mid_download_exits_1_then_resume(swarm: Swarm) -> None:
    p, to, k, percent = interrupt_mid_download(swarm, signal.SIGTERM)
    code = k.wait_exit(15)
    assert code == 1, f"SIGTERM before completion: exit {code}, expected 1 (None: still running)\n{k.describe()}"
    trusted, verified, fetched = restart_and_check(swarm, p, to)
    # a clean stop has time to record every verified piece
    assert trusted >= p.pieces * (percent / 100) * 0.5, \
        f"after SIGTERM at {percent} %, only {trusted} of {p.pieces} pieces trusted"
