"""MSE/PE (encrypted peer connections, `kinora torrent download --encryption …`) against real clients on
127.0.0.1: aria2c with --bt-require-crypto=true --bt-min-crypto-level=arc4 and libtorrent with
out_enc_policy / in_enc_policy forced and allowed_enc_level rc4 accept nothing but RC4, so a transfer with
them is an encrypted one (libtorrent also counts its RC4 connections, `peers … rc4=N`); transmission-daemon
with encryption 2 (required) accepts nothing but MSE. Kinora downloads from all three and seeds to all three; and, set to `required`, it does not get a byte from peers that only speak
plaintext (our PyPeer, libtorrent with encryption disabled), while `preferred` falls back to plaintext."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from harness import kinora_bin
from swarm import KinoraDownload, Prepared, Swarm, check_kinora_download, compare_trees, prepare, wait_until

pytestmark = pytest.mark.timeout(150)

DOWNLOAD_TIMEOUT = 60.0  # exec -> exit 0 for 11 MiB on loopback (a few seconds is normal)
RECHECK_TIMEOUT = 30.0  # exec -> `complete` when the data is already in --to
TRANSFER_TIMEOUT = 60.0  # leecher start -> leecher complete
REFUSAL_WINDOW = 8.0  # how long a `required` kinora is given to (wrongly) get data from a plaintext peer
RC4_ONLY = ("forced", "rc4")  # libtorrent: MSE in and out, RC4 payload only
LT_RATE = 3072  # KiB/s: libtorrent's side of a transfer lasts a few of its 0.5 s reports


def assert_lt_saw_rc4(lt_proc, what: str) -> None:
    """libtorrent reported at least one connection whose payload was RC4-encrypted."""
    lt_proc.wait_line(r"^peers total=[1-9]\d* rc4=[1-9]", 5, what=f"an RC4 connection to {what}")


def start_seeding(swarm: Swarm, p: Prepared, *extra: str) -> KinoraDownload:
    to = swarm.dir("kinora")
    p.copy_to(to)
    k = swarm.kinora(kinora_bin(), p.torrent, to, extra=list(extra))
    c = k.event("complete", RECHECK_TIMEOUT)
    assert c.get("downloaded-pieces") == "0", f"data already in --to, yet {c}\n{k.describe()}"
    return k


# --- kinora downloads ---------------------------------------------------------------------------------

@pytest.mark.parametrize("policy", ["tolerated", "preferred", "required"])
def test_download_from_aria2_requiring_rc4(swarm: Swarm, policy: str) -> None:
    """tolerated: the plaintext handshake is refused and the retry goes encrypted; preferred and
    required: encrypted at once."""
    p = prepare(swarm)
    aria = swarm.aria2("seed", p.torrent, p.seed_dir, require_crypto=True)
    p.tracker.wait_peers(p.info_hash, seeders=1, timeout=30)  # aria2 checks its data first
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[aria.addr], extra=["--encryption", policy])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)


@pytest.mark.parametrize("policy", ["tolerated", "preferred", "required"])
def test_download_from_libtorrent_forced_rc4(swarm: Swarm, policy: str) -> None:
    p = prepare(swarm, tracker=None)
    lt = swarm.libtorrent("seed", p.torrent, p.seed_dir, encryption=RC4_ONLY, upload_limit=LT_RATE)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[lt.addr], extra=["--encryption", policy])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    assert_lt_saw_rc4(lt.proc, "kinora")


@pytest.mark.parametrize("policy", ["tolerated", "required"])
def test_download_from_transmission_requiring_encryption(swarm: Swarm, policy: str) -> None:
    """transmission-daemon with encryption 2 (required); Transmission only takes loopback peers that dial
    in, so kinora dials it (--peer)."""
    p = prepare(swarm, tracker=None)
    tr = swarm.transmission(encryption=2)
    tr.add(p.torrent, p.seed_dir)
    tr.wait_seeding(p.info_hash)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[tr.addr], extra=["--encryption", policy])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    assert tr.torrent(p.info_hash)["uploadedEver"] >= p.size, "transmission did not upload the payload"


# --- kinora seeds -------------------------------------------------------------------------------------

def test_seed_to_libtorrent_forced_rc4(swarm: Swarm) -> None:
    """libtorrent dials kinora (required) with MSE: kinora is the responder. (Seeding by time, not ratio:
    with the leecher rate-limited, a ratio counted at send time is reached while the last bytes are still
    in flight.)"""
    p = prepare(swarm, tracker=None)
    k = start_seeding(swarm, p, "--encryption", "required", "--seed-time", "120")
    leech = swarm.dir("lt")
    lt = swarm.libtorrent("leech", p.torrent, leech, peers=[f"127.0.0.1:{k.port()}"], encryption=RC4_ONLY,
                          download_limit=LT_RATE)
    lt.wait_done(TRANSFER_TIMEOUT)
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"libtorrent's copy differs: {problems[:10]}"
    assert_lt_saw_rc4(lt.proc, "kinora")
    assert k.running(), f"kinora stopped seeding early\n{k.describe()}"
    k.stop()


def test_seed_to_aria2_requiring_rc4(swarm: Swarm) -> None:
    """aria2 finds kinora (required) through opentracker and dials it with MSE, RC4 only."""
    p = prepare(swarm)
    k = start_seeding(swarm, p, "--encryption", "required", "--seed-ratio", "1")
    p.tracker.wait_peers(p.info_hash, seeders=1)
    leech = swarm.dir("aria2")
    aria = swarm.aria2("leech", p.torrent, leech, require_crypto=True)
    code = aria.proc.wait_exit(TRANSFER_TIMEOUT)
    assert code == 0, f"aria2c exit {code}\n{aria.proc.describe()}\n{k.describe()}"
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"aria2's copy differs: {problems[:10]}"
    k.wait_ok(20)


def test_seed_to_transmission_requiring_encryption(swarm: Swarm) -> None:
    """kinora (required) dials transmission-daemon (required), which downloads over RC4."""
    p = prepare(swarm, tracker=None)
    tr = swarm.transmission(encryption=2)
    leech = swarm.dir("transmission-data")
    tr.add(p.torrent, leech)
    to = swarm.dir("kinora")
    p.copy_to(to)
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[tr.addr],
                     extra=["--encryption", "required", "--seed-time", "120"])
    tr.wait(p.info_hash, lambda t: t["percentDone"] >= 1.0 and t["haveValid"] == p.size, TRANSFER_TIMEOUT,
            "complete")
    problems = compare_trees(p.root, leech / p.root.name)
    assert not problems, f"transmission's copy differs: {problems[:10]}"
    assert k.running(), k.describe()
    k.stop()


# --- plaintext-only peers -----------------------------------------------------------------------------

def assert_nothing_fetched(k: KinoraDownload, what: str) -> None:
    """kinora is still running, never connected, and fetched nothing."""
    assert k.running(), f"kinora exited while {what}\n{k.describe()}"
    assert not k.events("complete"), f"kinora completed from {what}\n{k.describe()}"
    progress = k.events("progress")
    assert progress, f"no progress lines\n{k.describe()}"
    assert all(e.get("peers") == "0" for e in progress), f"kinora connected to {what}: {progress}\n{k.describe()}"


def test_required_refuses_a_plaintext_only_peer(swarm: Swarm) -> None:
    """Our PyPeer speaks only the plaintext handshake and holds the real data. A `required` kinora dials
    it again and again with MSE, which PyPeer cannot read, and never falls back: no data moves."""
    p = prepare(swarm, tracker=None)
    peer = swarm.pypeer(p.info_hash, p.pieces, data=p.data(), piece_length=p.info["pieceLength"])
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[peer.addr], extra=["--encryption", "required"])
    assert wait_until(lambda: peer.connections >= 2, 20), \
        f"kinora did not dial the plaintext peer twice (connections={peer.connections})\n{k.describe()}"
    time.sleep(REFUSAL_WINDOW / 4)
    log = Path(peer.log_path).read_text()
    assert "bad handshake" in log and "handshake ok" not in log, f"PyPeer saw a plaintext handshake:\n{log}"
    assert peer.requests == 0, f"kinora requested {peer.requests} blocks over plaintext"
    assert_nothing_fetched(k, "a plaintext-only peer")
    k.stop()


def test_required_refuses_libtorrent_with_encryption_disabled(swarm: Swarm) -> None:
    p = prepare(swarm, tracker=None)
    lt = swarm.libtorrent("seed", p.torrent, p.seed_dir, encryption=("disabled", "plaintext"))
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[lt.addr], extra=["--encryption", "required"])
    k.event("progress", 20)
    time.sleep(REFUSAL_WINDOW)
    assert_nothing_fetched(k, "libtorrent with encryption disabled")
    uploaded = [int(m) for m in re.findall(r"^progress .* uploaded=(\d+)", "\n".join(lt.proc.lines), re.M)]
    assert uploaded and max(uploaded) == 0, f"libtorrent uploaded {max(uploaded or [0])} bytes\n{lt.proc.describe()}"
    k.stop()


def test_preferred_falls_back_to_plaintext(swarm: Swarm) -> None:
    """The positive twin of the refusal above: `preferred` dials MSE, is refused, retries plaintext."""
    p = prepare(swarm, tracker=None)
    peer = swarm.pypeer(p.info_hash, p.pieces, data=p.data(), piece_length=p.info["pieceLength"])
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[peer.addr], extra=["--encryption", "preferred"])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    log = Path(peer.log_path).read_text()
    assert "bad handshake" in log and "handshake ok" in log, f"expected an MSE attempt, then plaintext:\n{log}"


def test_unknown_encryption_value_is_one_clear_error(swarm: Swarm) -> None:
    p = prepare(swarm, tracker=None)
    k = swarm.kinora(kinora_bin(), p.torrent, swarm.dir("kinora"), extra=["--encryption", "sometimes"])
    assert k.wait_exit(20) == 1, k.describe()
    assert "--encryption must be tolerated, preferred or required" in k.stderr(), k.describe()
