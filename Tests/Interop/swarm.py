"""A loopback BitTorrent swarm of REAL peers for the interop suite and bench/torrent-swarm.

Everything here binds and dials 127.0.0.1 only, on free ports (bind port 0 to pick; TCP and UDP
checked free), every process is started with its logs in files under the test's directory and is
stopped by its PID (SIGTERM, a bounded wait, SIGKILL), and every wait is bounded.

Peers:
  - opentracker (Debian) over HTTP and UDP on one port, in whitelist mode;
  - libtorrent (python3-libtorrent, run by the SYSTEM python /usr/bin/python3) seeder or leecher, DHT
    on or off, and a libtorrent DHT-only node standing in for the public DHT routers;
  - aria2c seeder or leecher;
  - transmission-daemon, driven with transmission-remote (add) and its RPC (progress);
  - PyPeer: our own plaintext peer in pure Python (in-process threads), malicious (random bytes for
    every request) or honest (real data);
  - the `kinora torrent download` process itself (KinoraDownload parses its event lines).

Loopback traps (see /work/shared/reference/bittorrent-transmission.md §6): Transmission drops
loopback peers learnt from a tracker, so the other side must dial it; libtorrent's
min_reconnect_time is set to 1; opentracker chroots to its dir and drops to `nobody`, so its dir and
whitelist are world-readable; opentracker would share a busy port (SO_REUSEPORT), so ports are
checked free for TCP and UDP first.

Only the standard library is imported, so bench/torrent-swarm can use this module from any python3.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

SYSTEM_PYTHON = "/usr/bin/python3"  # python3-libtorrent is for Debian's interpreter only
KiB = 1024
MiB = 1024 * 1024
STOP_TIMEOUT = 5.0  # SIGTERM -> exit, before SIGKILL
START_TIMEOUT = 20.0  # exec -> ready (listening) for every peer
CLI_TIMEOUT = 60.0  # one-shot commands (create, info, transmission-remote)


# --- ports and processes ------------------------------------------------------------------------------

_handed_out: set[int] = set()
_port_lock = threading.Lock()


def _udp_free(port: int) -> bool:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        u.close()


def free_ports(count: int) -> list[int]:
    """Distinct ports free for TCP and UDP on 127.0.0.1 (bind port 0 to pick), never handed out twice
    by this process."""
    held: list[socket.socket] = []
    chosen: list[int] = []
    with _port_lock:
        try:
            for _ in range(count * 20):
                if len(chosen) == count:
                    break
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.bind(("127.0.0.1", 0))
                held.append(s)
                port = s.getsockname()[1]
                if port in _handed_out or not _udp_free(port):
                    continue
                chosen.append(port)
            if len(chosen) != count:
                raise RuntimeError(f"could not find {count} free TCP+UDP ports on 127.0.0.1")
            _handed_out.update(chosen)
            return chosen
        finally:
            for s in held:
                s.close()


def free_port() -> int:
    return free_ports(1)[0]


def port_busy(port: int) -> bool:
    """Someone listens on TCP or is bound on UDP 127.0.0.1:port (TIME_WAIT leftovers do not count)."""
    t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        t.bind(("127.0.0.1", port))
    except OSError:
        return True
    finally:
        t.close()
    return not _udp_free(port)


def is_listening(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def _child_setup() -> None:
    """In the child: its own session, and SIGKILL when the parent dies (no peer outlives a killed run)."""
    os.setsid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Proc:
    """One child process: stdout pumped line by line (kept, timestamped, copied to NAME.out.log),
    stderr to NAME.err.log, stopped by PID."""

    def __init__(self, name: str, args: Sequence[str], log_dir: Path, cwd: Optional[Path] = None,
                 env: Optional[dict[str, str]] = None):
        self.name = name
        self.args = [str(a) for a in args]
        log_dir.mkdir(parents=True, exist_ok=True)
        self.out_path = log_dir / f"{name}.out.log"
        self.err_path = log_dir / f"{name}.err.log"
        self.lines: list[str] = []
        self.line_times: list[float] = []  # time.monotonic() when each line was read
        self._queue: "queue.Queue[Optional[tuple[float, str]]]" = queue.Queue()
        self._cond = threading.Condition()
        self._eof = False
        full_env = dict(os.environ)
        full_env.update(env or {})
        self._err = open(self.err_path, "w")
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._err, cwd=str(cwd) if cwd else None, env=full_env,
                                     preexec_fn=_child_setup, text=True, bufsize=1, errors="replace")
        self.rusage: Optional[os.struct_rusage] = None  # set by wait_rusage()
        self.matched_index = -1  # index in self.lines of the line the last wait_line() matched
        self._pump = threading.Thread(target=self._pump_stdout, name=f"{name}-stdout", daemon=True)
        self._pump.start()

    def _pump_stdout(self) -> None:
        assert self.proc.stdout is not None
        with open(self.out_path, "w") as out:
            for line in self.proc.stdout:
                now = time.monotonic()
                line = line.rstrip("\n")
                out.write(f"{now - self.started_at:9.3f} {line}\n")
                out.flush()
                with self._cond:
                    self.lines.append(line)
                    self.line_times.append(now)
                    self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def running(self) -> bool:
        return self.proc.poll() is None

    def wait_line(self, pattern: str | re.Pattern, timeout: float, start: int = 0,
                  what: Optional[str] = None) -> re.Match:
        """The first stdout line from index `start` on matching `pattern` (re.search); AssertionError
        with the process's logs when none comes within `timeout` seconds or stdout ends first."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        index = start
        with self._cond:
            while True:
                while index < len(self.lines):
                    m = regex.search(self.lines[index])
                    index += 1
                    if m:
                        self.matched_index = index - 1
                        return m
                if self._eof:
                    raise AssertionError(f"{self.name}: stdout ended (exit {self.proc.poll()}) without "
                                         f"{what or regex.pattern!r}\n{self.describe()}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"{self.name}: no {what or regex.pattern!r} within {timeout:.0f} s"
                                         f"\n{self.describe()}")
                self._cond.wait(min(remaining, 0.5))

    def wait_exit(self, timeout: float) -> Optional[int]:
        """The exit code (negative: signal), or None when still running after `timeout` seconds."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self._pump.join(timeout=5)
        return code

    def wait_rusage(self, timeout: float) -> Optional[int]:
        """Like wait_exit, but reaps with os.wait4 and keeps the child's rusage in self.rusage."""
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid == self.proc.pid:
                self.rusage = usage
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                self._pump.join(timeout=5)
                return self.proc.returncode
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.01)

    def signal(self, sig: int) -> None:
        if self.proc.poll() is None:
            try:
                os.kill(self.proc.pid, sig)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = STOP_TIMEOUT) -> Optional[int]:
        """SIGTERM, then SIGKILL after `timeout` seconds; the exit code."""
        if self.proc.returncode is None and self.proc.poll() is None:
            self.signal(signal.SIGTERM)
            if self.wait_exit(timeout) is None:
                self.signal(signal.SIGKILL)
                self.wait_exit(timeout)
        self._pump.join(timeout=5)
        if not self._err.closed:
            self._err.close()
        return self.proc.returncode

    def stderr(self) -> str:
        try:
            return self.err_path.read_text(errors="replace")
        except OSError:
            return ""

    def describe(self, lines: int = 30) -> str:
        with self._cond:
            tail = self.lines[-lines:]
        return (f"--- {self.name} (pid {self.proc.pid}, exit {self.proc.poll()}): {' '.join(self.args)}\n"
                f"stdout (last {lines} lines, full log {self.out_path}):\n" + "\n".join(tail) +
                f"\nstderr (last 3000 chars, {self.err_path}):\n{self.stderr()[-3000:]}")


class Swarm:
    """Owns every peer one test starts; stop_all() stops each by PID (also the in-process PyPeers)."""

    def __init__(self, base: Path):
        self.base = base
        self.base.mkdir(parents=True, exist_ok=True)
        os.chmod(self.base, 0o755)
        self.logs = base / "logs"
        self.procs: list[Proc] = []
        self.pypeers: list["PyPeer"] = []
        self._names: dict[str, int] = {}

    def _name(self, stem: str) -> str:
        self._names[stem] = self._names.get(stem, 0) + 1
        n = self._names[stem]
        return stem if n == 1 else f"{stem}{n}"

    def dir(self, stem: str) -> Path:
        path = self.base / self._name(stem + "-dir")
        path.mkdir(parents=True)
        return path

    def spawn(self, stem: str, args: Sequence[str], cwd: Optional[Path] = None,
              env: Optional[dict[str, str]] = None) -> Proc:
        proc = Proc(self._name(stem), args, self.logs, cwd=cwd, env=env)
        self.procs.append(proc)
        return proc

    def describe(self) -> str:
        return "\n".join(p.describe() for p in self.procs)

    def stop_all(self) -> None:
        for peer in self.pypeers:
            peer.stop()
        for proc in reversed(self.procs):
            proc.stop()

    # factories (see the classes below)
    def tracker(self, info_hashes: Iterable[str] = (), port: Optional[int] = None) -> "Tracker":
        return Tracker(self, info_hashes, port)

    def libtorrent(self, mode: str, torrent: str | Path, save: Path, **kwargs) -> "LtPeer":
        return LtPeer(self, mode, torrent, save, **kwargs)

    def libtorrent_dht(self, bootstrap: Iterable[str] = (), **kwargs) -> "LtDHTNode":
        return LtDHTNode(self, bootstrap, **kwargs)

    def aria2(self, mode: str, torrent: Path, save: Path, **kwargs) -> "Aria2Peer":
        return Aria2Peer(self, mode, torrent, save, **kwargs)

    def transmission(self, **kwargs) -> "Transmission":
        return Transmission(self, **kwargs)

    def pypeer(self, info_hash: str, num_pieces: int, data: Optional[bytes] = None,
               piece_length: int = 256 * KiB) -> "PyPeer":
        self.logs.mkdir(parents=True, exist_ok=True)
        peer = PyPeer(info_hash, num_pieces, data, piece_length, self.logs / f"{self._name('pypeer')}.log")
        self.pypeers.append(peer)
        return peer

    def kinora(self, binary: Path, source: str | Path, to: Path, peers: Iterable[str] = (),
               extra: Iterable[str] = (), stem: str = "kinora") -> "KinoraDownload":
        args = [str(binary), "torrent", "download", str(source), "--to", str(to), "--bind", "127.0.0.1",
                "--listen", "0"]
        for peer in peers:
            args += ["--peer", peer]
        args += list(extra)
        proc = KinoraDownload(self._name(stem), args, self.logs)
        self.procs.append(proc)
        return proc


# --- payloads and torrents ----------------------------------------------------------------------------

# (relative path, size): one small file, a nested folder, sizes that do not line up with pieces
DEFAULT_LAYOUT: tuple[tuple[str, int], ...] = (
    ("README.txt", 1000),
    ("big.bin", 7 * MiB + 123),
    ("nested/deeper/middle.bin", 3 * MiB + 4567),
    ("nested/tail.bin", 1 * MiB + 1),
)


def make_payload(parent: Path, name: str = "payload", layout: Sequence[tuple[str, int]] = DEFAULT_LAYOUT,
                 seed: Optional[int] = None) -> Path:
    """Writes random files under parent/name (world-readable) and returns that directory."""
    rnd = random.Random(seed)
    root = parent / name
    for rel, size in layout:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            left = size
            while left:
                n = min(left, 4 * MiB)
                f.write(rnd.randbytes(n) if seed is not None else os.urandom(n))
                left -= n
    for dirpath, _dirs, files in os.walk(parent):
        os.chmod(dirpath, 0o755)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    return root


def make_big_file(parent: Path, name: str, size: int) -> Path:
    """One random file of `size` bytes (written in 16 MiB chunks), for the bench."""
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / name
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, 16 * MiB)
            f.write(os.urandom(n))
            left -= n
    return path


def tree_files(root: Path) -> dict[str, int]:
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            full = Path(dirpath) / f
            out[str(full.relative_to(root))] = full.stat().st_size
    return out


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Differences between two trees (or two files), byte for byte; [] when identical."""
    if expected.is_file():
        pairs = {"": (expected, actual)}
        if not actual.is_file():
            return [f"{actual} is not a file"]
    else:
        if not actual.is_dir():
            return [f"{actual} is not a directory"]
        want, got = tree_files(expected), tree_files(actual)
        problems = [f"missing {p}" for p in sorted(set(want) - set(got))]
        problems += [f"unexpected {p}" for p in sorted(set(got) - set(want))]
        pairs = {p: (expected / p, actual / p) for p in sorted(set(want) & set(got))}
        if problems:
            return problems
    problems = []
    for rel, (a, b) in pairs.items():
        sa, sb = a.stat().st_size, b.stat().st_size
        if sa != sb:
            problems.append(f"{rel or b}: size {sb}, expected {sa}")
            continue
        with open(a, "rb") as fa, open(b, "rb") as fb:
            offset = 0
            while True:
                ca, cb = fa.read(MiB), fb.read(MiB)
                if ca != cb:
                    first = next(i for i in range(min(len(ca), len(cb))) if ca[i] != cb[i]) if ca and cb else 0
                    problems.append(f"{rel or b}: differs at byte {offset + first}")
                    break
                if not ca:
                    break
                offset += len(ca)
    return problems


def payload_bytes(root: Path, torrent_files: Sequence[dict]) -> bytes:
    """The torrent's byte stream (files concatenated in torrent order) from the data under root's parent."""
    out = bytearray()
    for f in torrent_files:
        out += (root / f["path"]).read_bytes()
    return bytes(out)


# bencode (for crafting hostile .torrent files and reading ours without libtorrent)

def bencode(value) -> bytes:
    if isinstance(value, bool):
        raise TypeError("bool in bencode")
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, (bytes, bytearray)):
        return b"%d:%s" % (len(value), bytes(value))
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    raise TypeError(f"cannot bencode {type(value)}")


def bdecode(data: bytes):
    def parse(i: int):
        c = data[i:i + 1]
        if c == b"i":
            end = data.index(b"e", i)
            return int(data[i + 1:end]), end + 1
        if c == b"l":
            i += 1
            out = []
            while data[i:i + 1] != b"e":
                v, i = parse(i)
                out.append(v)
            return out, i + 1
        if c == b"d":
            i += 1
            out = {}
            while data[i:i + 1] != b"e":
                k, i = parse(i)
                v, i = parse(i)
                out[k] = v
            return out, i + 1
        colon = data.index(b":", i)
        n = int(data[i:colon])
        return data[colon + 1:colon + 1 + n], colon + 1 + n

    value, end = parse(0)
    if end != len(data):
        raise ValueError("trailing data after bencode")
    return value


def info_hash_of(torrent_bytes: bytes) -> str:
    """SHA-1 of the bencoded info dict, re-encoded (equal to the raw slice for canonical files)."""
    return hashlib.sha1(bencode(bdecode(torrent_bytes)[b"info"])).hexdigest()


# --- the libtorrent tool, run by /usr/bin/python3 --------------------------------------------------

LT_TOOL = r'''
import argparse, json, sys, time, os
import libtorrent as lt

def cmd_create(a):
    fs = lt.file_storage()
    lt.add_files(fs, a.path)
    flags = lt.create_torrent.v1_only
    ct = lt.create_torrent(fs, a.piece_length, flags=flags)
    for i, url in enumerate(a.tracker):
        ct.add_tracker(url, i)
    if a.private:
        ct.set_priv(True)
    ct.set_creator("kinora interop")
    lt.set_piece_hashes(ct, os.path.dirname(os.path.abspath(a.path)))
    data = lt.bencode(ct.generate())
    with open(a.out, "wb") as f:
        f.write(data)
    print(str(lt.torrent_info(data).info_hash()))

def cmd_info(a):
    ti = lt.torrent_info(a.file)
    fs = ti.files()
    print(json.dumps({
        "name": ti.name(), "infoHash": str(ti.info_hash()), "totalSize": ti.total_size(),
        "pieceLength": ti.piece_length(), "pieceCount": ti.num_pieces(), "private": ti.priv(),
        "files": [{"path": fs.file_path(i), "length": fs.file_size(i)} for i in range(fs.num_files())],
        "trackers": [t.url for t in ti.trackers()],
    }))

def dht_settings(a):
    """DHT on 127.0.0.1 only: no default routers, and many nodes per IP allowed (every node here is 127.0.0.1)."""
    if not a.dht:
        return {"enable_dht": False, "dht_bootstrap_nodes": ""}
    return {"enable_dht": True, "dht_bootstrap_nodes": ",".join(a.dht_bootstrap),
            "dht_restrict_routing_ips": False, "dht_restrict_search_ips": False,
            "dht_ignore_dark_internet": False, "dht_announce_interval": a.dht_announce_interval}

def print_dht_alert(alert):
    if isinstance(alert, lt.dht_announce_alert):
        print("dht-announce peer=%s:%d infohash=%s" % (alert.ip, alert.port, alert.info_hash), flush=True)
    elif isinstance(alert, lt.dht_get_peers_alert):
        print("dht-get-peers infohash=%s" % alert.info_hash, flush=True)

def cmd_peer(a):
    settings = {
        "listen_interfaces": "127.0.0.1:%d" % a.port, "outgoing_interfaces": "127.0.0.1",
        "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_outgoing_utp": False, "enable_incoming_utp": False,
        "allow_multiple_connections_per_ip": True, "min_reconnect_time": 1,
        "user_agent": "lt-interop", "alert_mask": lt.alert.category_t.error_notification
            | lt.alert.category_t.status_notification
            | (lt.alert.category_t.dht_notification if a.dht else 0),
    }
    settings.update(dht_settings(a))
    s = lt.session(settings)
    if a.enc_policy:
        # out_enc_policy / in_enc_policy: 0 forced, 1 enabled, 2 disabled; allowed_enc_level: 1 plaintext, 2 rc4, 3 both
        policy = {"forced": 0, "enabled": 1, "disabled": 2}[a.enc_policy]
        level = {"plaintext": 1, "rc4": 2, "both": 3}[a.enc_level]
        s.apply_settings({"out_enc_policy": policy, "in_enc_policy": policy, "allowed_enc_level": level,
                          "prefer_rc4": level != 1})
    atp = lt.add_torrent_params()
    if a.magnet:
        atp = lt.parse_magnet_uri(a.torrent)
    else:
        atp.ti = lt.torrent_info(a.torrent)
    atp.save_path = a.save
    if a.mode == "seed" and a.seed_mode:
        atp.flags |= lt.torrent_flags.seed_mode
    h = s.add_torrent(atp)
    # per-torrent limits also hold for loopback peers (the session-wide ones exempt local peers)
    if a.upload_limit:
        h.set_upload_limit(a.upload_limit * 1024)
    if a.download_limit:
        h.set_download_limit(a.download_limit * 1024)
    port = 0
    for _ in range(200):
        port = s.listen_port()
        if port:
            break
        time.sleep(0.02)
    t0 = time.time()
    print("ready port=%d infohash=%s" % (port, h.info_hash()), flush=True)
    dial = [d for d in a.peer if d]
    first = None
    last_dial = last_report = 0.0
    done = False
    while time.time() - t0 < a.timeout:
        for alert in s.pop_alerts():
            if isinstance(alert, (lt.torrent_error_alert, lt.file_error_alert, lt.listen_failed_alert)):
                print("error %s" % alert.message(), flush=True)
            print_dht_alert(alert)
        st = h.status()
        now = time.time()
        if dial and st.num_peers < len(dial) and now - last_dial > 1:
            for d in dial:
                host, p = d.rsplit(":", 1)
                h.connect_peer((host, int(p)))
            last_dial = now
        if first is None and st.total_wanted_done > 0 and a.mode == "leech":
            first = now
        if now - last_report > 0.5:
            print("progress state=%s percent=%.1f peers=%d down=%d up=%d uploaded=%d" % (
                st.state, st.progress * 100, st.num_peers, st.download_payload_rate,
                st.upload_payload_rate, st.total_payload_upload), flush=True)
            last_report = now
            if a.enc_policy:
                flags = [pi.flags for pi in h.get_peer_info()]
                print("peers total=%d rc4=%d plaintext-encrypted=%d" % (
                    len(flags), sum(1 for f in flags if f & lt.peer_info.rc4_encrypted),
                    sum(1 for f in flags if f & lt.peer_info.plaintext_encrypted)), flush=True)
        if a.mode == "leech" and not done and st.is_seeding and st.total_wanted_done == st.total_wanted:
            done = True
            h.flush_cache()
            fb = (first or now) - t0
            print("done seconds=%.3f first_byte=%.3f bytes=%d" % (now - t0, fb, st.total_wanted), flush=True)
            if not a.stay:
                time.sleep(0.2)
                sys.exit(0)
        time.sleep(0.02)
    if a.mode == "leech" and not done:
        print("timeout percent=%.1f" % (h.status().progress * 100), flush=True)
        sys.exit(1)

def cmd_dht(a):
    """A DHT node and nothing else: prints `ready port=N`, `dht-announce peer=… infohash=…` for every
    announce_peer it accepts, `dht-get-peers infohash=…` for every get_peers, and `dht nodes=N` when
    its routing table changes size."""
    a.dht = True
    settings = {"listen_interfaces": "127.0.0.1:%d" % a.port, "outgoing_interfaces": "127.0.0.1",
                "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
                "enable_outgoing_utp": False, "enable_incoming_utp": False, "user_agent": "lt-interop-dht",
                "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.dht_notification}
    settings.update(dht_settings(a))
    s = lt.session(settings)
    port = 0
    for _ in range(200):
        port = s.listen_port()
        if port:
            break
        time.sleep(0.02)
    print("ready port=%d" % port, flush=True)
    t0 = time.time()
    nodes = -1
    while time.time() - t0 < a.timeout:
        for alert in s.pop_alerts():
            if isinstance(alert, lt.listen_failed_alert):
                print("error %s" % alert.message(), flush=True)
            print_dht_alert(alert)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n = s.status().dht_nodes
        if n != nodes:
            nodes = n
            print("dht nodes=%d" % n, flush=True)
        time.sleep(0.05)

p = argparse.ArgumentParser()
sub = p.add_subparsers(dest="cmd", required=True)
c = sub.add_parser("create"); c.add_argument("path"); c.add_argument("--out", required=True)
c.add_argument("--tracker", action="append", default=[]); c.add_argument("--piece-length", type=int, default=262144)
c.add_argument("--private", action="store_true")
i = sub.add_parser("info"); i.add_argument("file")
q = sub.add_parser("peer"); q.add_argument("mode", choices=["seed", "leech"]); q.add_argument("torrent")
q.add_argument("--magnet", action="store_true"); q.add_argument("--save", required=True)
q.add_argument("--port", type=int, default=0); q.add_argument("--peer", action="append", default=[])
q.add_argument("--timeout", type=float, default=300); q.add_argument("--seed-mode", action="store_true")
q.add_argument("--stay", action="store_true", help="leecher: keep seeding after done")
q.add_argument("--upload-limit", type=int, default=0, help="KiB/s, 0 = none")
q.add_argument("--download-limit", type=int, default=0, help="KiB/s, 0 = none")
q.add_argument("--enc-policy", choices=["forced", "enabled", "disabled"], help="MSE/PE, in and out (default: libtorrent's)")
q.add_argument("--enc-level", choices=["plaintext", "rc4", "both"], default="both")
q.add_argument("--dht", action="store_true", help="DHT on (127.0.0.1 only, no default routers)")
d = sub.add_parser("dht"); d.add_argument("--port", type=int, default=0); d.add_argument("--timeout", type=float, default=300)
for parser in (q, d):
    parser.add_argument("--dht-bootstrap", action="append", default=[], help="HOST:PORT of a DHT node to join through")
    parser.add_argument("--dht-announce-interval", type=int, default=900, help="seconds between DHT announces")
a = p.parse_args()
{"create": cmd_create, "info": cmd_info, "peer": cmd_peer, "dht": cmd_dht}[a.cmd](a)
'''

_lt_tool_path: Optional[Path] = None


def lt_tool() -> Path:
    """LT_TOOL written once per process to a world-readable temp file."""
    global _lt_tool_path
    if _lt_tool_path is None or not _lt_tool_path.exists():
        import tempfile

        fd, name = tempfile.mkstemp(prefix="kinora-lt-tool-", suffix=".py")
        with os.fdopen(fd, "w") as f:
            f.write(LT_TOOL)
        _lt_tool_path = Path(name)
        import atexit

        atexit.register(lambda p=_lt_tool_path: p.unlink(missing_ok=True))
    return _lt_tool_path


def lt_run(*args: str, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run([SYSTEM_PYTHON, str(lt_tool()), *map(str, args)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)


def lt_create(path: Path, out: Path, trackers: Sequence[str], piece_length: int = 256 * KiB,
              private: bool = False) -> str:
    """A v1 .torrent for `path` made by libtorrent's create_torrent; returns the info hash (hex)."""
    args = ["create", str(path), "--out", str(out), "--piece-length", str(piece_length)]
    for t in trackers:
        args += ["--tracker", t]
    if private:
        args.append("--private")
    r = lt_run(*args, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(f"libtorrent create failed: {r.stderr}")
    return r.stdout.strip().splitlines()[-1]


def lt_info(torrent: Path) -> dict:
    """What libtorrent reads from a .torrent (raises with libtorrent's error when it refuses it)."""
    r = lt_run("info", str(torrent))
    if r.returncode != 0:
        raise AssertionError(f"libtorrent refused {torrent}: {r.stderr.strip()[-2000:]}")
    return json.loads(r.stdout)


class LtPeer:
    """A libtorrent seeder ('seed') or leecher ('leech'); prints `ready port=N`, `progress …`, `done …`."""

    def __init__(self, swarm: Swarm, mode: str, torrent: str | Path, save: Path, peers: Iterable[str] = (),
                 seed_mode: bool = True, magnet: bool = False, stay: bool = False, timeout: float = 300,
                 upload_limit: int = 0, download_limit: int = 0, port: int = 0, dht: bool = False,
                 dht_bootstrap: Iterable[str] = (), dht_announce_interval: int = 900,
                 encryption: Optional[tuple[str, str]] = None):
        """encryption: (policy, level) for MSE/PE in and out, e.g. ('forced', 'rc4'): policy forced | enabled |
        disabled, level plaintext | rc4 | both; `peers total=… rc4=…` lines then report the connections."""
        args = [SYSTEM_PYTHON, str(lt_tool()), "peer", mode, str(torrent), "--save", str(save),
                "--timeout", str(timeout), "--port", str(port),
                "--upload-limit", str(upload_limit), "--download-limit", str(download_limit)]
        if dht:  # DHT on 127.0.0.1 only, joining through dht_bootstrap (no public routers)
            args += ["--dht", "--dht-announce-interval", str(dht_announce_interval)]
            for node in dht_bootstrap:
                args += ["--dht-bootstrap", node]
        if magnet:
            args.append("--magnet")
        if mode == "seed" and seed_mode:
            args.append("--seed-mode")
        if stay:
            args.append("--stay")
        if encryption:
            args += ["--enc-policy", encryption[0], "--enc-level", encryption[1]]
        for p in peers:
            args += ["--peer", p]
        self.save = save
        self.proc = swarm.spawn(f"lt-{mode}", args)
        m = self.proc.wait_line(r"^ready port=(\d+)", START_TIMEOUT, what="libtorrent ready line")
        self.port = int(m.group(1))
        assert self.port, f"libtorrent did not listen\n{self.proc.describe()}"
        self.addr = f"127.0.0.1:{self.port}"

    def wait_done(self, timeout: float) -> re.Match:
        return self.proc.wait_line(r"^done seconds=([\d.]+)", timeout, what="libtorrent `done` line")


class LtDHTNode:
    """A libtorrent session that is only a DHT node on 127.0.0.1 (a local stand-in for the public
    routers); prints `ready port=N`, `dht-announce peer=IP:PORT infohash=H`, `dht-get-peers infohash=H`,
    `dht nodes=N`."""

    def __init__(self, swarm: Swarm, bootstrap: Iterable[str] = (), timeout: float = 300, port: int = 0):
        args = [SYSTEM_PYTHON, str(lt_tool()), "dht", "--port", str(port), "--timeout", str(timeout)]
        for node in bootstrap:
            args += ["--dht-bootstrap", node]
        self.proc = swarm.spawn("lt-dht", args)
        m = self.proc.wait_line(r"^ready port=(\d+)", START_TIMEOUT, what="libtorrent DHT ready line")
        self.port = int(m.group(1))
        assert self.port, f"libtorrent DHT node did not listen\n{self.proc.describe()}"
        self.addr = f"127.0.0.1:{self.port}"

    def wait_announce(self, info_hash: str, port: Optional[int], timeout: float) -> re.Match:
        """The first announce_peer it accepted for `info_hash` (from 127.0.0.1:`port` when given)."""
        peer = rf"127\.0\.0\.1:{port}" if port else r"\S+"
        return self.proc.wait_line(rf"^dht-announce peer={peer} infohash={info_hash}", timeout,
                                   what=f"a DHT announce of {info_hash}" + (f" for port {port}" if port else ""))


# --- opentracker ----------------------------------------------------------------------------------------

class Tracker:
    """opentracker on 127.0.0.1:PORT for HTTP and UDP, whitelist mode (info hashes given up front)."""

    def __init__(self, swarm: Swarm, info_hashes: Iterable[str] = (), port: Optional[int] = None):
        self.swarm = swarm
        self.port = port or free_port()
        self.http_url = f"http://127.0.0.1:{self.port}/announce"
        self.udp_url = f"udp://127.0.0.1:{self.port}/announce"
        self.hashes = [h.lower() for h in info_hashes]
        self.proc: Optional[Proc] = None

    def start(self, info_hashes: Iterable[str] = ()) -> "Tracker":
        self.hashes += [h.lower() for h in info_hashes]
        if port_busy(self.port):  # opentracker would share it (SO_REUSEPORT) and split the swarm
            raise RuntimeError(f"tracker port {self.port} is busy")
        d = self.swarm.dir("opentracker")
        os.chmod(d, 0o755)  # it chroots here and drops to nobody
        wl = d / "whitelist"
        wl.write_text("".join(h + "\n" for h in self.hashes))
        os.chmod(wl, 0o644)
        self.proc = self.swarm.spawn("opentracker", ["opentracker", "-i", "127.0.0.1", "-p", str(self.port),
                                                      "-P", str(self.port), "-d", str(d), "-w", "whitelist"], cwd=d)
        if not wait_until(lambda: is_listening(self.port) or not self.proc.running(), START_TIMEOUT) \
                or not self.proc.running():
            raise AssertionError(f"opentracker not listening on {self.port}\n{self.proc.describe()}")
        return self

    def scrape(self, info_hash: str) -> dict:
        """{'complete','incomplete','downloaded'} for the hash ({} when the tracker has no peer for it)."""
        ih = urllib.parse.quote_from_bytes(bytes.fromhex(info_hash))
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/scrape?info_hash={ih}", timeout=3) as r:
            files = bdecode(r.read()).get(b"files", {})
        entry = files.get(bytes.fromhex(info_hash), {})
        return {k.decode(): v for k, v in entry.items()}

    def wait_peers(self, info_hash: str, seeders: int = 0, total: int = 1, timeout: float = 20) -> dict:
        """Waits until the tracker knows at least `seeders` seeders and `total` peers of the hash."""
        last: dict = {}

        def ok() -> bool:
            nonlocal last
            try:
                last = self.scrape(info_hash)
            except OSError:
                return False
            return (last.get("complete", 0) >= seeders
                    and last.get("complete", 0) + last.get("incomplete", 0) >= total)

        if not wait_until(ok, timeout, 0.2):
            raise AssertionError(f"the tracker did not see {seeders} seeder(s) / {total} peer(s) for "
                                 f"{info_hash} within {timeout:.0f} s (scrape: {last})\n{self.swarm.describe()}")
        return last


# --- aria2 ----------------------------------------------------------------------------------------------

# aria2 starts every outgoing connection with the MSE (encrypted) handshake and, with
# --bt-require-crypto=false, retries with the plain BitTorrent handshake when that fails.
# --bt-min-crypto-level=plain lets an MSE handshake settle on plaintext payload.
ARIA2_COMMON = [
    "--interface=127.0.0.1", "--disable-ipv6=true", "--enable-dht=false", "--enable-dht6=false",
    "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--bt-require-crypto=false",
    "--bt-min-crypto-level=plain", "--file-allocation=none", "--summary-interval=1",
    "--console-log-level=notice", "--download-result=full", "--auto-file-renaming=false",
    "--allow-overwrite=true", "--bt-save-metadata=false", "--enable-color=false", "--show-console-readout=false",
    "--log-level=info", "--bt-stop-timeout=0", "--max-overall-upload-limit=0",
]


class Aria2Peer:
    """aria2c as seeder ('seed': checks the data, then seeds for `seed_minutes`) or leecher ('leech':
    exits 0 once complete, --seed-time=0)."""

    def __init__(self, swarm: Swarm, mode: str, torrent: Path, save: Path, seed_minutes: float = 5.0,
                 extra: Iterable[str] = (), require_crypto: bool = False):
        """require_crypto: MSE with RC4 only (--bt-require-crypto=true --bt-min-crypto-level=arc4)."""
        self.port, dht_port = free_ports(2)
        self.addr = f"127.0.0.1:{self.port}"
        self.save = save
        log = swarm.logs / f"aria2-{mode}-{self.port}.log"
        args = ["aria2c", f"--dir={save}", f"--listen-port={self.port}", f"--dht-listen-port={dht_port}",
                f"--log={log}", f"--stop-with-process={os.getpid()}", *ARIA2_COMMON]
        if require_crypto:
            args = [a for a in args if not a.startswith(("--bt-require-crypto=", "--bt-min-crypto-level="))]
            args += ["--bt-require-crypto=true", "--bt-min-crypto-level=arc4"]
        self.log = log
        if mode == "seed":
            args += ["--check-integrity=true", "--seed-ratio=0.0", f"--seed-time={seed_minutes}"]
        else:
            args += ["--seed-time=0"]
        args += list(extra) + [str(torrent)]
        self.proc = swarm.spawn(f"aria2-{mode}", args)
        if not wait_until(lambda: is_listening(self.port) or not self.proc.running(), START_TIMEOUT) \
                or not self.proc.running():
            raise AssertionError(f"aria2c not listening on {self.port}\n{self.proc.describe()}")


# --- transmission-daemon --------------------------------------------------------------------------------

class TransmissionRPC:
    """The classic Transmission RPC with its session-id handshake (a 409 carries the id to send back):
    one client for transmission-daemon and for Kinora's torrents role."""

    def __init__(self, port: int, label: str, timeout: float = 5.0):
        self.port = port
        self.label = label
        self.timeout = timeout
        self.session = ""

    def __call__(self, method: str, **arguments) -> dict:
        body = json.dumps({"method": method, "arguments": arguments}).encode()
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                conn.request("POST", "/transmission/rpc", body=body, headers={"X-Transmission-Session-Id": self.session})
                resp = conn.getresponse()
                data = resp.read()
                if resp.status == 409:
                    self.session = resp.getheader("X-Transmission-Session-Id") or ""
                    continue
                if resp.status != 200:
                    raise RuntimeError(f"{self.label} RPC {method}: HTTP {resp.status}")
                reply = json.loads(data)
                if reply.get("result") != "success":
                    raise RuntimeError(f"{self.label} RPC {method}: {reply.get('result')}")
                return reply.get("arguments", {})
            finally:
                conn.close()
        raise RuntimeError(f"{self.label} RPC {method}: no session id")


class Transmission:
    """transmission-daemon in the foreground with its own config dir: peer and RPC ports free and
    bound to 127.0.0.1, DHT/LPD/PEX/uTP/port forwarding off, encryption tolerated (plaintext preferred)."""

    def __init__(self, swarm: Swarm, encryption: int = 0):
        """encryption: Transmission's setting, 0 tolerated (prefer plaintext), 1 preferred, 2 required."""
        self.swarm = swarm
        self.rpc_port, self.peer_port = free_ports(2)
        self.addr = f"127.0.0.1:{self.peer_port}"
        self.config = swarm.dir("transmission")
        settings = {
            "rpc-enabled": True, "rpc-bind-address": "127.0.0.1", "rpc-port": self.rpc_port,
            "rpc-authentication-required": False, "rpc-whitelist-enabled": True, "rpc-whitelist": "127.0.0.1",
            "rpc-host-whitelist-enabled": False,
            "peer-port": self.peer_port, "peer-port-random-on-start": False,
            "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
            "dht-enabled": False, "lpd-enabled": False, "pex-enabled": False, "utp-enabled": False,
            "port-forwarding-enabled": False, "blocklist-enabled": False, "encryption": encryption,
            "speed-limit-down-enabled": False, "speed-limit-up-enabled": False, "alt-speed-enabled": False,
            "download-dir": str(self.config / "downloads"), "incomplete-dir-enabled": False,
            "watch-dir-enabled": False, "start-added-torrents": True, "ratio-limit-enabled": False,
            "idle-seeding-limit-enabled": False, "cache-size-mb": 16, "message-level": 2,
            "peer-limit-global": 200, "peer-limit-per-torrent": 50, "script-torrent-done-enabled": False,
        }
        (self.config / "settings.json").write_text(json.dumps(settings, indent=1))
        # KINORA_TR_DEBUG=1 in the environment: Transmission's debug log (peer handshakes) in its stderr log
        self.proc = swarm.spawn("transmission", ["transmission-daemon", "-f", "-g", str(self.config),
                                                 "--log-debug" if os.environ.get("KINORA_TR_DEBUG") else "--log-info"])
        self._rpc = TransmissionRPC(self.rpc_port, "transmission")
        if not wait_until(lambda: self._rpc_answers() or not self.proc.running(), START_TIMEOUT, 0.1) \
                or not self.proc.running():
            raise AssertionError(f"transmission-daemon RPC not answering\n{self.proc.describe()}")
        if not wait_until(lambda: is_listening(self.peer_port), START_TIMEOUT, 0.1):
            raise AssertionError(f"transmission-daemon not listening on {self.peer_port}\n{self.proc.describe()}")

    def _rpc_answers(self) -> bool:
        try:
            self.rpc("session-get")
            return True
        except (OSError, http.client.HTTPException, RuntimeError):
            return False

    def rpc(self, method: str, **arguments) -> dict:
        return self._rpc(method, **arguments)

    def remote(self, *args: str) -> str:
        """transmission-remote against this daemon (bounded); its stdout."""
        r = subprocess.run(["transmission-remote", f"127.0.0.1:{self.rpc_port}", *args], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=CLI_TIMEOUT)
        if r.returncode != 0 or "success" not in r.stdout:
            raise AssertionError(f"transmission-remote {' '.join(args)}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r.stdout

    def add(self, torrent: Path, download_dir: Path) -> None:
        self.remote("-a", str(torrent), "-w", str(download_dir))

    FIELDS = ["hashString", "name", "status", "percentDone", "haveValid", "leftUntilDone", "sizeWhenDone",
              "peersConnected", "uploadedEver", "downloadedEver", "corruptEver", "error", "errorString",
              "recheckProgress"]

    def torrent(self, info_hash: str) -> dict:
        got = self.rpc("torrent-get", ids=[info_hash], fields=self.FIELDS).get("torrents", [])
        return got[0] if got else {}

    def wait(self, info_hash: str, predicate: Callable[[dict], bool], timeout: float, what: str) -> dict:
        last: dict = {}

        def ok() -> bool:
            nonlocal last
            last = self.torrent(info_hash)
            return bool(last) and predicate(last)

        if not wait_until(ok, timeout, 0.25):
            raise AssertionError(f"transmission: not {what} within {timeout:.0f} s: {last}\n{self.proc.describe()}")
        return last

    def wait_seeding(self, info_hash: str, timeout: float = 30) -> dict:
        """Verified all local data and seeding (status 6); asks for a verify when the add did not."""
        t = self.wait(info_hash, lambda t: t["status"] not in (1, 2), timeout, "done checking")
        if t["percentDone"] < 1.0:
            self.remote("-t", info_hash, "--verify")
        return self.wait(info_hash, lambda t: t["percentDone"] >= 1.0 and t["status"] == 6, timeout,
                         "seeding all data")


# --- our own plaintext peer (malicious or honest), in-process ---------------------------------------

class PyPeer:
    """Listens on 127.0.0.1 (free port), does the plain BitTorrent handshake for `info_hash`, sends a
    full bitfield and unchoke, and answers every request with random bytes of the requested length
    (malicious), or with the real bytes when `data` (the torrent's byte stream) is given (honest)."""

    def __init__(self, info_hash: str, num_pieces: int, data: Optional[bytes], piece_length: int,
                 log_path: Path):
        self.info_hash = bytes.fromhex(info_hash)
        self.piece_length = piece_length
        self.num_pieces = num_pieces
        self.data = data
        self.log_path = log_path
        self.peer_id = b"-PY0001-" + os.urandom(12)
        self.requests = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._log = open(log_path, "a")
        self._socks: list[socket.socket] = []
        self._stop = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.addr = f"127.0.0.1:{self.port}"
        self._threads = [threading.Thread(target=self._accept, daemon=True, name=f"pypeer-{self.port}")]
        self._threads[0].start()

    def log(self, msg: str) -> None:
        with self._lock:
            if not self._log.closed:
                self._log.write(f"{time.time():.3f} {msg}\n")
                self._log.flush()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self.server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._socks.append(conn)
            t = threading.Thread(target=self._serve, args=(conn, peer), daemon=True)
            self._threads.append(t)
            t.start()

    @staticmethod
    def _read(conn: socket.socket, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = conn.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk
        return buf

    def _serve(self, conn: socket.socket, peer) -> None:
        conn.settimeout(60)
        try:
            hs = self._read(conn, 68)
            if hs[:20] != b"\x13BitTorrent protocol" or hs[28:48] != self.info_hash:
                self.log(f"{peer}: bad handshake {hs[:48]!r}")
                return
            self.log(f"{peer}: handshake ok, peer id {hs[48:68]!r}")
            bits = bytearray((self.num_pieces + 7) // 8)
            for i in range(self.num_pieces):
                bits[i // 8] |= 0x80 >> (i % 8)
            conn.sendall(b"\x13BitTorrent protocol" + bytes(8) + self.info_hash + self.peer_id
                         + struct.pack(">IB", 1 + len(bits), 5) + bytes(bits) + struct.pack(">IB", 1, 1))
            while not self._stop.is_set():
                (length,) = struct.unpack(">I", self._read(conn, 4))
                if length == 0:
                    continue  # keep-alive
                msg = self._read(conn, length)
                if msg[0] == 6 and length == 13:  # request
                    index, begin, size = struct.unpack(">III", msg[1:])
                    if self.data is not None:
                        off = index * self.piece_length + begin
                        block = self.data[off:off + size]
                    else:
                        block = os.urandom(size)
                    conn.sendall(struct.pack(">IBII", 9 + len(block), 7, index, begin) + block)
                    with self._lock:
                        self.requests += 1
        except (OSError, ConnectionError, struct.error) as e:
            self.log(f"{peer}: closed ({e})")
        finally:
            conn.close()

    def stop(self) -> None:
        self._stop.set()
        try:
            self.server.close()
        except OSError:
            pass
        with self._lock:
            for s in self._socks:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()
        for t in self._threads:
            t.join(timeout=2)
        with self._lock:
            self._log.close()


# --- kinora torrent download ------------------------------------------------------------------------

EVENT_FIELD = re.compile(r"([A-Za-z][\w-]*)=(\S*)")


def parse_event(line: str) -> tuple[str, dict[str, str]]:
    """`progress percent=12.5 down=…` -> ('progress', {'percent': '12.5', …})."""
    head, _, rest = line.partition(" ")
    return head, dict(EVENT_FIELD.findall(rest))


class KinoraDownload(Proc):
    """`kinora torrent download … --bind 127.0.0.1 --listen 0` with its event lines parsed."""

    def events(self, kind: Optional[str] = None) -> list[dict[str, str]]:
        out = []
        for line in list(self.lines):
            k, fields = parse_event(line)
            if kind is None or k == kind:
                out.append(fields)
        return out

    def event(self, kind: str, timeout: float) -> dict[str, str]:
        """Waits for the first `kind …` line (bounded) and returns its fields."""
        m = self.wait_line(rf"^{re.escape(kind)}(\s|$)", timeout, what=f"`{kind}` line")
        return parse_event(m.string)[1]

    def port(self, timeout: float = 20) -> int:
        return int(self.event("listening", timeout)["port"])

    def wait_ok(self, timeout: float) -> None:
        """Exit 0 within `timeout` seconds, else an AssertionError with the output."""
        code = self.wait_exit(timeout)
        if code is None:
            raise AssertionError(f"kinora still running after {timeout:.0f} s\n{self.describe()}")
        if code != 0:
            raise AssertionError(f"kinora exited {code}\n{self.describe()}")


def magnet(info_hash: str, name: str, peers: Iterable[str] = (), trackers: Iterable[str] = ()) -> str:
    link = f"magnet:?xt=urn:btih:{info_hash}&dn={urllib.parse.quote(name)}"
    for t in trackers:
        link += "&tr=" + urllib.parse.quote(t, safe="")
    for p in peers:
        link += f"&x.pe={p}"
    return link


def tools_missing() -> list[str]:
    """The programs this module runs that are not installed."""
    need = ["opentracker", "aria2c", "transmission-daemon", "transmission-remote"]
    missing = [n for n in need if not shutil.which(n)]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import libtorrent"], capture_output=True, timeout=30).returncode != 0:
        missing.append("python3-libtorrent (for /usr/bin/python3)")
    return missing


# --- one test's starting point ---------------------------------------------------------------------

@dataclass
class Prepared:
    """A payload in seed_dir/payload, its v1 .torrent (made by libtorrent) and the started tracker."""

    seed_dir: Path
    root: Path
    torrent: Path
    info_hash: str
    info: dict  # lt_info(): name, infoHash, totalSize, pieceLength, pieceCount, files, trackers
    tracker: Optional[Tracker]

    @property
    def size(self) -> int:
        return self.info["totalSize"]

    @property
    def pieces(self) -> int:
        return self.info["pieceCount"]

    def data(self) -> bytes:
        """The torrent's byte stream (files in torrent order), for an honest PyPeer."""
        return b"".join((self.seed_dir / f["path"]).read_bytes() for f in self.info["files"])

    def copy_to(self, dest: Path) -> Path:
        """Pre-fills dest with the payload (as a finished download would) and returns dest/name."""
        shutil.copytree(self.root, dest / self.root.name)
        return dest / self.root.name


def prepare(swarm: Swarm, tracker: Optional[str] = "http", layout: Sequence[tuple[str, int]] = DEFAULT_LAYOUT,
            piece_length: int = 256 * KiB, name: str = "payload") -> Prepared:
    """Payload + libtorrent-made .torrent announcing to a fresh opentracker over `tracker`
    ('http', 'udp' or None for no tracker), tracker started with the info hash whitelisted."""
    seed_dir = swarm.dir("seed")
    root = make_payload(seed_dir, name, layout)
    trk = swarm.tracker() if tracker else None
    urls = [] if trk is None else [trk.http_url if tracker == "http" else trk.udp_url]
    torrent = swarm.base / f"{name}.torrent"
    ih = lt_create(root, torrent, urls, piece_length)
    info = lt_info(torrent)
    if trk is not None:
        trk.start([ih])
    return Prepared(seed_dir, root, torrent, ih, info, trk)


def open_swarm(base: Path) -> Swarm:
    """A Swarm in base/swarm; AssertionError naming the missing programs (scripts/test installs them)."""
    missing = tools_missing()
    if missing:
        raise AssertionError(f"missing for the BitTorrent interop tests: {', '.join(missing)} "
                             "(Debian: opentracker python3-libtorrent aria2 transmission-daemon transmission-cli)")
    return Swarm(base / "swarm")


def check_kinora_download(k: KinoraDownload, p: Prepared, to: Path, timeout: float,
                          fetched_all: bool = True) -> dict[str, str]:
    """kinora exits 0 within `timeout`, the data under to/NAME equals the payload byte for byte, and its
    `torrent` and `complete` lines describe the torrent (all pieces fetched from peers when `fetched_all`).
    Returns the `complete` fields."""
    k.wait_ok(timeout)
    problems = compare_trees(p.root, to / p.root.name)
    assert not problems, f"downloaded data differs: {problems[:10]}\n{k.describe()}"
    torrents = k.events("torrent")
    assert torrents, f"no `torrent` line\n{k.describe()}"
    t = torrents[0]
    assert (t.get("infohash", "").lower(), t.get("size"), t.get("pieces")) == (p.info_hash, str(p.size), str(p.pieces)), \
        f"`torrent` line {t} does not describe {p.info_hash} size={p.size} pieces={p.pieces}"
    completes = k.events("complete")
    assert len(completes) == 1, f"expected one `complete` line, got {completes}\n{k.describe()}"
    c = completes[0]
    assert c.get("infohash", "").lower() == p.info_hash and c.get("pieces") == str(p.pieces), \
        f"`complete` line {c} does not describe {p.info_hash} pieces={p.pieces}"
    if fetched_all:
        assert c.get("downloaded-pieces") == str(p.pieces), \
            f"fresh download: expected downloaded-pieces={p.pieces}, got {c}"
    return c
