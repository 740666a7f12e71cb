"""Kinora seeds a torrent whose data is already in --to (recheck, then seed) to real leechers on
127.0.0.1: libtorrent and aria2c finding it through opentracker, transmission-daemon dialled with
--peer. The leecher's data is compared byte for byte; kinora exits 0 once its seeding condition holds."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from harness import kinora_bin
from swarm import KinoraDownload, Prepared, Swarm, compare_trees, prepare

pytestmark = pytest.mark.timeout(90)

RECHECK_TIMEOUT = 30.0  # exec -> `complete` after rechecking 11 MiB
TRANSFER_TIMEOUT = 60.0  # leecher start -> leecher complete




def start_seeding(swarm: Swarm, p: Prepared, *extra: str, peers: tuple[str, ...] = ()) -> KinoraDownload:
    """kinora on a --to holding the data: it must recheck, fetch nothing and report completion."""
    to = swarm.dir("kinora")
    p.copy_to(to)
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=peers, extra=list(extra))
    c = k.event("complete", RECHECK_TIMEOUT)
    assert c.get("pieces") == str(p.pieces) and c.get("downloaded-pieces") == "0", \
        f"data already in --to: expected pieces={p.pieces} downloaded-pieces=0, got {c}\n{k.describe()}"
    return k


def assert_seeded_ratio_1(k: KinoraDownload, p: Prepared, timeout: float = 20) -> None:
    k.wait_ok(timeout)
    done = k.events("seeding-done")
    assert len(done) == 1, f"expected one `seeding-done` line\n{k.describe()}"
    assert int(done[0]["uploaded"]) >= p.size and float(done[0]["ratio"]) >= 1.0, \
        f"--seed-ratio 1 ended with {done[0]} (size {p.size})"


def test_to_libtorrent_via_opentracker(swarm: Swarm) -> None:
    p = prepare(swarm)
    k = start_seeding(swarm, p, "--seed-ratio", "1")
    p.tracker.wait_peers(p.info_hash, seeders=1)  # kinora announced itself as a seeder
    leech = swarm.dir("lt")
    lt = swarm.libtorrent("leech", p.torrent, leech)
    lt.wait_done(TRANSFER_TIMEOUT)
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"libtorrent's copy differs: {problems[:10]}"
    assert_seeded_ratio_1(k, p)


def test_to_aria2_via_opentracker(swarm: Swarm) -> None:
    """aria2 dials with MSE first and falls back to the plain handshake (--bt-require-crypto=false)."""
    p = prepare(swarm)
    k = start_seeding(swarm, p, "--seed-ratio", "1")
    p.tracker.wait_peers(p.info_hash, seeders=1)
    leech = swarm.dir("aria2")
    aria = swarm.aria2("leech", p.torrent, leech)
    code = aria.proc.wait_exit(TRANSFER_TIMEOUT)
    assert code == 0, f"aria2c exit {code}\n{aria.proc.describe()}\n{k.describe()}"
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"aria2's copy differs: {problems[:10]}"
    assert_seeded_ratio_1(k, p)


def test_to_transmission_dialled_with_peer(swarm: Swarm) -> None:
    """Transmission only takes loopback peers that connect in: kinora dials it. Both seed options
    given: the first reached (the ratio) ends the run."""
    p = prepare(swarm)
    tr = swarm.transmission()
    leech = swarm.dir("transmission-data")
    tr.add(p.torrent, leech)
    started = time.monotonic()
    k = start_seeding(swarm, p, "--seed-ratio", "1", "--seed-time", "600", peers=(tr.addr,))
    tr.wait(p.info_hash, lambda t: t["percentDone"] >= 1.0 and t["haveValid"] == p.size, TRANSFER_TIMEOUT,
            "complete")
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"transmission's copy differs: {problems[:10]}"
    assert_seeded_ratio_1(k, p)
    assert time.monotonic() - started < 120, "--seed-ratio 1 reached but kinora waited for --seed-time"


def test_seed_time_without_leechers_then_sigterm_while_seeding(swarm: Swarm) -> None:
    p = prepare(swarm)
    started = time.monotonic()
    k = start_seeding(swarm, p, "--seed-time", "3")
    k.wait_ok(30)
    elapsed = time.monotonic() - started
    assert elapsed >= 3.0, f"--seed-time 3 but kinora exited after {elapsed:.1f} s\n{k.describe()}"
    done = k.events("seeding-done")
    assert len(done) == 1 and done[0]["uploaded"] == "0", f"`seeding-done` after no leecher: {done}"

    # SIGTERM while seeding a complete torrent: clean stop, exit 0
    k2 = start_seeding(swarm, p, "--seed-time", "600")
    k2.signal(signal.SIGTERM)
    code = k2.wait_exit(15)
    assert code == 0, f"SIGTERM while seeding a complete torrent: exit {code} (None: still running)\n{k2.describe()}"
