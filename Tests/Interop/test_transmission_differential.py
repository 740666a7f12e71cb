"""Differential test of the torrents role's Transmission RPC: one script of the calls Sonarr/Radarr make
(their TransmissionProxy), run against a REAL transmission-daemon and against `kinora serve --role
torrents` side by side, comparing every field Sonarr reads: present, same JSON type, same meaning.

The real daemon is Debian's transmission-daemon 3.00 (rpc-version 16); Kinora speaks Transmission
4.0.6 (rpc-version 17). Where 3.00 and 4.x differ by design, the difference is written down in
EXPECTED_DIFFERENCES and asserted as such (both sides' exact values), never skipped:
  - `rpc-version` 16 vs 17, `version` "3.00 (…)" vs "4.0.6 (kinora …)";
  - 3.00 answers a torrent-get field it does not know with 0: `fileCount` (no Transmission knows it;
    4.x leaves it out, as Kinora does) and `file-count` (new in 4.0: Kinora answers the real count);
  - `labels` given to torrent-add are ignored by 3.00 (rpc 17 feature); torrent-set labels work in both.
Every other difference is a Kinora bug: the assertion names the step, torrent, field and both values.

Both sides run on 127.0.0.1 with free ports; Transmission with its own config dir, RPC without auth or
whitelist, DHT/LPD/PEX/uTP off; both stopped by PID at teardown; every wait is bounded.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest
import requests
from transmission_rpc.constants import get_torrent_arguments

from harness import Servers, json_type
from swarm import KiB, Swarm, free_ports, lt_create, magnet, make_payload, wait_until

pytestmark = pytest.mark.timeout(180)

RPC_PATH = "/transmission/rpc"
SESSION_HEADER = "X-Transmission-Session-Id"
SETTLE = 40.0  # seconds for both sides to reach the same state (check a few hundred kB, start, stop)
CLOCK_SLACK = 4  # seconds two counters of time (secondsDownloading, secondsSeeding) may differ by

# What Sonarr's TransmissionProxy asks torrent-get for (Sonarr v4).
SONARR_FIELDS = ["id", "hashString", "name", "downloadDir", "totalSize", "leftUntilDone", "isFinished", "eta",
                 "status", "secondsDownloading", "secondsSeeding", "errorString", "uploadedEver",
                 "downloadedEver", "seedRatioLimit", "seedRatioMode", "seedIdleLimit", "seedIdleMode",
                 "fileCount", "file-count", "labels"]
# What Sonarr reads from session-get.
SONARR_SESSION_KEYS = ["version", "rpc-version", "download-dir", "seedRatioLimit", "seedRatioLimited",
                       "idle-seeding-limit", "idle-seeding-limit-enabled"]
NUMBER_FIELDS = {"seedRatioLimit"}  # doubles in libtransmission: 2 and 2.0 are the same JSON number
TIME_FIELDS = {"secondsDownloading", "secondsSeeding"}

EXPECTED_DIFFERENCES = {
    "rpc-version": "Transmission 3.00 is rpc-version 16; Kinora speaks 4.0.6's rpc-version 17",
    "version": "the version strings differ; both must parse as >= 2.40 (Sonarr's gate), Kinora's as 4.0.6",
    "fileCount": "3.00 answers unknown fields with 0; 4.0.6 (and Kinora) leave an unknown field out",
    "file-count": "new in Transmission 4.0: 3.00 answers it as an unknown field (0), Kinora with the count",
    "labels at torrent-add": "torrent-add `labels` is rpc 17 (4.0): 3.00 ignores it, Kinora keeps it",
}


# --- the two servers ----------------------------------------------------------------------------------

class RawRPC:
    """POST /transmission/rpc with the session-id handshake; answers the whole reply."""

    def __init__(self, url: str):
        self.url = url
        self.session_id = ""

    def post(self, body: bytes | dict) -> requests.Response:
        kwargs: dict[str, Any] = {"json": body} if isinstance(body, dict) else {"data": body}
        for _ in range(2):
            r = requests.post(self.url, headers={SESSION_HEADER: self.session_id}, timeout=15, **kwargs)
            if r.status_code == 409:
                self.session_id = r.headers.get(SESSION_HEADER, "")
                continue
            return r
        raise AssertionError(f"{self.url}: 409 twice")

    def call(self, method: str, **arguments) -> dict:
        r = self.post({"method": method, "arguments": arguments})
        assert r.status_code == 200, f"{self.url} {method}: HTTP {r.status_code} {r.text[:300]}"
        return r.json()

    def ok(self, method: str, **arguments) -> dict:
        reply = self.call(method, **arguments)
        assert reply.get("result") == "success", f"{self.url} {method} {arguments}: {reply}"
        return reply.get("arguments", {})


@dataclass
class Side:
    name: str  # "transmission" or "kinora"
    rpc: RawRPC
    session_download_dir: Path  # the daemon's download-dir
    tv: Path  # the folder the script asks torrents to go to (Sonarr's category folder)
    describe: Callable[[], str] = field(default=lambda: "")

    def torrents(self, fields: list[str], ids: Optional[list] = None) -> dict[str, dict]:
        args: dict[str, Any] = {"fields": fields + (["hashString"] if "hashString" not in fields else [])}
        if ids is not None:
            args["ids"] = ids
        return {t["hashString"]: t for t in self.rpc.ok("torrent-get", **args)["torrents"]}


class RealTransmission:
    """transmission-daemon -f -g CONFIG: RPC on 127.0.0.1 (free port),
    no whitelist, no auth; free peer port; DHT, LPD, uTP, PEX, port forwarding off; downloads in tmp."""

    def __init__(self, swarm: Swarm):
        self.rpc_port, self.peer_port = free_ports(2)
        self.config = swarm.dir("transmission-diff")
        self.download_dir = swarm.dir("transmission-downloads")
        settings = {
            "rpc-enabled": True, "rpc-bind-address": "127.0.0.1", "rpc-port": self.rpc_port,
            "rpc-whitelist-enabled": False, "rpc-host-whitelist-enabled": False,
            "rpc-authentication-required": False,
            "peer-port": self.peer_port, "peer-port-random-on-start": False,
            "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
            "dht-enabled": False, "lpd-enabled": False, "utp-enabled": False, "pex-enabled": False,
            "port-forwarding-enabled": False, "blocklist-enabled": False,
            "download-dir": str(self.download_dir), "incomplete-dir-enabled": False, "watch-dir-enabled": False,
            "start-added-torrents": True, "message-level": 2,
        }
        (self.config / "settings.json").write_text(json.dumps(settings, indent=1))
        self.proc = swarm.spawn("transmission-diff", ["transmission-daemon", "-f", "-g", str(self.config)])
        self.url = f"http://127.0.0.1:{self.rpc_port}{RPC_PATH}"

        def answers() -> bool:
            try:
                return requests.get(self.url, timeout=2).status_code == 409
            except requests.RequestException:
                return False

        if not wait_until(lambda: answers() or not self.proc.running(), 20, 0.1) or not self.proc.running():
            raise AssertionError(f"transmission-daemon RPC not answering\n{self.proc.describe()}")


@pytest.fixture
def sides(servers: Servers, swarm: Swarm) -> Iterator[tuple[Side, Side]]:
    tr = RealTransmission(swarm)
    k = servers.start(roles=["torrents"])
    kinora_downloads = k.data_dir / "downloads"
    t_side = Side("transmission", RawRPC(tr.url), tr.download_dir, tr.download_dir / "tv-sonarr",
                  describe=lambda: tr.proc.describe())
    k_side = Side("kinora", RawRPC(k.url("torrents", RPC_PATH)), kinora_downloads, kinora_downloads / "tv-sonarr",
                  describe=k.describe)
    for side in (t_side, k_side):
        side.tv.mkdir(parents=True)
    yield t_side, k_side


# --- payloads -----------------------------------------------------------------------------------------

@dataclass
class Payload:
    name: str
    root: Path  # the file (single-file torrent) or folder
    torrent: bytes
    info_hash: str
    size: int
    files: int

    @property
    def metainfo(self) -> str:
        return base64.b64encode(self.torrent).decode()

    def copy_into(self, folder: Path) -> None:
        if self.root.is_dir():
            shutil.copytree(self.root, folder / self.root.name)
        else:
            shutil.copy2(self.root, folder / self.root.name)


def make(src: Path, name: str, layout: tuple[tuple[str, int], ...], single: bool = False) -> Payload:
    """Random data, and its v1 .torrent made by libtorrent (neither side under test): a folder torrent,
    or a single-file torrent of layout[0] when `single`."""
    holder = src / name
    if single:
        staging = make_payload(holder, "_single", layout[:1])
        root = holder / layout[0][0]
        (staging / layout[0][0]).rename(root)
        shutil.rmtree(staging)
    else:
        root = make_payload(holder, name, layout)
    out = src / f"{name}.torrent"
    info_hash = lt_create(root, out, trackers=[], piece_length=16 * KiB)
    size = sum(s for _, s in (layout[:1] if single else layout))
    return Payload(root.name, root, out.read_bytes(), info_hash, size, 1 if single else len(layout))


# --- comparing ----------------------------------------------------------------------------------------



def same_type(field_name: str, a: Any, b: Any) -> bool:
    ta, tb = json_type(a), json_type(b)
    if field_name in NUMBER_FIELDS:
        return ta in ("int", "float") and tb in ("int", "float")
    return ta == tb


class Differences:
    """Every way Kinora's answers differ from Transmission's, collected over the whole script."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, step: str, what: str, transmission: Any, kinora: Any, note: str = "") -> None:
        self.items.append(f"[{step}] {what}: transmission={transmission!r} kinora={kinora!r}"
                          + (f"  ({note})" if note else ""))

    def check(self, cond: bool, step: str, what: str, transmission: Any, kinora: Any, note: str = "") -> None:
        if not cond:
            self.add(step, what, transmission, kinora, note)


def compare_torrent(d: Differences, step: str, p: Payload | str, t: dict, k: dict, t_side: Side, k_side: Side,
                    labels_at_add: Optional[list[str]] = None) -> None:
    """Sonarr's fields of one torrent on both sides: presence, JSON type, meaning."""
    label = p.name if isinstance(p, Payload) else p
    for name in SONARR_FIELDS:
        what = f"{label}.{name}"
        tv, kv = t.get(name, "<absent>"), k.get(name, "<absent>")
        if name == "fileCount":  # EXPECTED_DIFFERENCES["fileCount"]
            d.check(tv == 0, step, what, tv, kv, "3.00 should answer the unknown field with 0")
            d.check(name not in k, step, what, tv, kv, "4.0.6 leaves the unknown field `fileCount` out")
            continue
        if name == "file-count":  # EXPECTED_DIFFERENCES["file-count"]
            expected = p.files if isinstance(p, Payload) else 0
            d.check(tv == 0, step, what, tv, kv, "3.00 does not know file-count (answers 0)")
            d.check(kv == expected, step, what, tv, kv, f"Kinora must answer the file count {expected}")
            continue
        if name not in t or name not in k:
            d.add(step, what + " present", name in t, name in k)
            continue
        if not same_type(name, tv, kv):
            d.add(step, what + " JSON type", json_type(tv), json_type(kv))
            continue
        if name == "downloadDir":
            d.check(Path(tv) == t_side.tv, step, what, tv, kv, f"transmission was asked for {t_side.tv}")
            d.check(Path(kv) == k_side.tv, step, what, tv, kv, f"kinora was asked for {k_side.tv}")
        elif name in TIME_FIELDS:
            d.check(abs(tv - kv) <= CLOCK_SLACK, step, what, tv, kv,
                    f"both count the same seconds (slack {CLOCK_SLACK} s)")
        elif name == "hashString":
            d.check(tv == kv and re.fullmatch(r"[0-9a-f]{40}", kv or "") is not None, step, what, tv, kv,
                    "the same lowercase hex v1 infohash")
        elif name == "labels" and labels_at_add is not None:  # EXPECTED_DIFFERENCES["labels at torrent-add"]
            d.check(tv == [], step, what, tv, kv, "3.00 ignores labels given to torrent-add")
            d.check(kv == labels_at_add, step, what, tv, kv, f"Kinora keeps the labels given: {labels_at_add}")
        else:
            d.check(tv == kv, step, what, tv, kv)


def sonarr_item(t: dict, session: dict, side: Side) -> Optional[dict]:
    """What Sonarr v4's TransmissionBase.GetItems makes of one torrent (None: skipped as a magnet
    still fetching metadata). The output path is given relative to the folder the torrent was asked into."""
    if t["totalSize"] == 0:
        return None
    status = t["status"]
    ratio = 0.0 if t["downloadedEver"] <= 0 else t["uploadedEver"] / t["downloadedEver"]
    if t["errorString"].strip():
        state = "Warning"
    elif t["leftUntilDone"] == 0 and status in (0, 5, 6):
        state = "Completed"
    elif t["isFinished"] and status not in (1, 2):
        state = "Completed"
    elif status == 3:
        state = "Queued"
    else:
        state = "Downloading"
    stopped, seeding = status == 0, status == 6
    reached = False
    if t["seedRatioMode"] == 1:
        reached = stopped and ratio >= t["seedRatioLimit"]
    elif t["seedRatioMode"] == 0:
        reached = stopped and session["seedRatioLimited"] and ratio >= session["seedRatioLimit"]
    if t["seedIdleMode"] == 1:
        reached = reached or ((stopped or seeding) and t["secondsSeeding"] > t["seedIdleLimit"] * 60)
    elif t["seedIdleMode"] == 0:
        reached = reached or (stopped and session["idle-seeding-limit-enabled"])
    output = Path(t["downloadDir"]) / t["name"].replace(":", "_")
    return {
        "DownloadId": t["hashString"].upper(), "Title": t["name"],
        "OutputPath": str(output.relative_to(side.tv)) if output.is_relative_to(side.tv) else str(output),
        "TotalSize": t["totalSize"], "RemainingSize": t["leftUntilDone"],
        "RemainingTime": t["eta"] if t["eta"] >= 0 else None, "Status": state, "SeedRatio": ratio,
        "CanBeRemoved": reached, "CanMoveFiles": reached and stopped,
    }


def compare_sonarr_view(d: Differences, step: str, t_all: dict, k_all: dict, t_session: dict, k_session: dict,
                        t_side: Side, k_side: Side) -> None:
    for h in sorted(set(t_all) | set(k_all)):
        if h not in t_all or h not in k_all:
            d.add(step, f"torrent {h} listed", h in t_all, h in k_all)
            continue
        ti, ki = sonarr_item(t_all[h], t_session, t_side), sonarr_item(k_all[h], k_session, k_side)
        if ti is None or ki is None:
            d.check(ti is None and ki is None, step, f"{t_all[h]['name']} shown by Sonarr", ti is not None,
                    ki is not None, "Sonarr hides a torrent whose totalSize is 0")
            continue
        for key in ti:
            d.check(ti[key] == ki[key], step, f"Sonarr's view of {ti['Title']}: {key}", ti[key], ki[key])


def settle(sides: tuple[Side, Side], want: dict[str, Callable[[dict], bool]], what: str,
           timeout: float = SETTLE) -> None:
    """Waits until, on both sides, each named torrent (by hash) satisfies its predicate."""
    last: dict[str, dict] = {}

    def ok() -> bool:
        for side in sides:
            got = side.torrents(["status", "leftUntilDone", "percentDone", "isFinished", "errorString"])
            last[side.name] = got
            if not all(h in got and pred(got[h]) for h, pred in want.items()):
                return False
        return True

    if not wait_until(ok, timeout, 0.25):
        raise AssertionError(f"not {what} within {timeout:.0f} s on both sides:\n"
                             + json.dumps(last, indent=1, sort_keys=True)
                             + "".join(f"\n{s.describe()}" for s in sides))


def compare_clocks(d: Differences, step: str, sides: tuple[Side, Side], gap: float = 3.0) -> None:
    """secondsDownloading and secondsSeeding must run on the same torrents on both sides: sampled twice,
    `gap` seconds apart, a counter that grows on one side must grow on the other."""
    first = {s.name: s.torrents(sorted(TIME_FIELDS) + ["name", "status"]) for s in sides}
    time.sleep(gap)
    second = {s.name: s.torrents(sorted(TIME_FIELDS) + ["name", "status"]) for s in sides}
    for h, t0 in first["transmission"].items():
        k0, t1, k1 = first["kinora"].get(h), second["transmission"].get(h), second["kinora"].get(h)
        if k0 is None or t1 is None or k1 is None:
            continue
        for name in sorted(TIME_FIELDS):
            t_runs, k_runs = t1[name] - t0[name] >= gap - 1, k1[name] - k0[name] >= gap - 1
            d.check(t_runs == k_runs, step, f"{t0['name']}.{name} counting (status {t1['status']})",
                    f"{t0[name]} -> {t1[name]}", f"{k0[name]} -> {k1[name]}", f"sampled {gap:.0f} s apart")


def parse_version(text: str) -> tuple[int, ...]:
    """Sonarr: the version before the first space, as a .NET Version."""
    m = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?", text.split(" ")[0])
    assert m, f"version {text!r} does not parse"
    return tuple(int(x) for x in m.groups() if x is not None)


# --- the script ---------------------------------------------------------------------------------------

def test_sonarr_script_gives_the_same_answers(sides: tuple[Side, Side], tmp_path: Path) -> None:
    t_side, k_side = sides
    d = Differences()
    src = tmp_path / "src"
    paused = make(src, "Show.S01E01", (("Show.S01E01.mkv", 200_000), ("Show.S01E01.nfo", 900)))
    seeded = make(src, "Show.S01E02.mkv", (("Show.S01E02.mkv", 300_000 + 123),), single=True)
    waiting = make(src, "Show.S01E03", (("Show.S01E03.mkv", 150_000), ("Subs/Show.S01E03.en.srt", 4_000),
                                        ("Subs/Show.S01E03.fr.srt", 4_100)))
    ghost = "5ca1ab1e" * 5  # a magnet nobody seeds: stays without metadata on both sides
    link = magnet(ghost, "Show.S01E04.1080p")
    for side in sides:
        seeded.copy_into(side.tv)  # the finished episode is already in the category folder

    # 1. session-get: what Sonarr reads
    sessions = {s.name: s.rpc.ok("session-get") for s in sides}
    ts, ks = sessions["transmission"], sessions["kinora"]
    for key in SONARR_SESSION_KEYS:
        if key not in ts or key not in ks:
            d.add("session-get", f"{key} present", key in ts, key in ks)
        elif not same_type(key, ts[key], ks[key]):
            d.add("session-get", f"{key} JSON type", json_type(ts[key]), json_type(ks[key]))
    # EXPECTED_DIFFERENCES["rpc-version"], ["version"]
    d.check(ts.get("rpc-version") == 16 and ks.get("rpc-version") == 17, "session-get", "rpc-version",
            ts.get("rpc-version"), ks.get("rpc-version"), EXPECTED_DIFFERENCES["rpc-version"])
    d.check(parse_version(ts["version"]) >= (2, 40) and parse_version(ks["version"])[:3] == (4, 0, 6),
            "session-get", "version", ts["version"], ks["version"], EXPECTED_DIFFERENCES["version"])
    d.check(Path(ts.get("download-dir", "")) == t_side.session_download_dir
            and Path(ks.get("download-dir", "")) == k_side.session_download_dir,
            "session-get", "download-dir (each the configured folder)", ts.get("download-dir"), ks.get("download-dir"))
    for key in ("seedRatioLimit", "seedRatioLimited", "idle-seeding-limit", "idle-seeding-limit-enabled"):
        d.check(ts.get(key) == ks.get(key), "session-get", key, ts.get(key), ks.get(key), "same default")

    # 2. torrent-add, as Sonarr sends it: metainfo (paused and started), the same again, a magnet
    def add_everywhere(step: str, expect: str, payload: Optional[Payload], **args) -> None:
        replies = {}
        for side in sides:
            call = dict(args)
            call["download-dir"] = str(side.tv)
            if payload is not None:
                call["metainfo"] = payload.metainfo
            replies[side.name] = side.rpc.call("torrent-add", **call)
        tr, kr = replies["transmission"], replies["kinora"]
        d.check(tr.get("result") == kr.get("result") == "success", step, "result", tr.get("result"), kr.get("result"))
        d.check(set(tr.get("arguments", {})) == set(kr.get("arguments", {})) == {expect}, step, "reply key",
                sorted(tr.get("arguments", {})), sorted(kr.get("arguments", {})))
        ta, ka = tr.get("arguments", {}).get(expect, {}), kr.get("arguments", {}).get(expect, {})
        d.check(set(ta) == set(ka) == {"id", "name", "hashString"}, step, f"{expect} keys", sorted(ta), sorted(ka))
        for key in ("id", "name", "hashString"):
            d.check(ta.get(key) == ka.get(key) and json_type(ta.get(key)) == json_type(ka.get(key)), step,
                    f"{expect}.{key}", ta.get(key), ka.get(key))

    add_everywhere("torrent-add metainfo paused", "torrent-added", paused, paused=True, labels=["tv-sonarr"])
    add_everywhere("torrent-add metainfo started, data present", "torrent-added", seeded, paused=False)
    add_everywhere("torrent-add metainfo started, no data", "torrent-added", waiting, paused=False)
    add_everywhere("torrent-add duplicate", "torrent-duplicate", paused, paused=True, labels=["tv-sonarr"])
    add_everywhere("torrent-add magnet", "torrent-added", None, filename=link, paused=False)

    # 3. settle: the paused one stopped, the one with data verified and seeding, the other downloading
    settle(sides, {paused.info_hash: lambda t: t["status"] == 0,
                   seeded.info_hash: lambda t: t["status"] == 6 and t["leftUntilDone"] == 0,
                   waiting.info_hash: lambda t: t["status"] == 4,
                   ghost: lambda t: t["status"] == 4}, "settled after the adds")

    # 4. torrent-get with Sonarr's fields: all torrents, then by (lowercase) hash as Sonarr sends ids
    def compare_all(step: str, labels_at_add: bool) -> tuple[dict, dict]:
        t_all, k_all = t_side.torrents(SONARR_FIELDS), k_side.torrents(SONARR_FIELDS)
        d.check(sorted(t_all) == sorted(k_all), step, "hashes listed", sorted(t_all), sorted(k_all))
        for p in (paused, seeded, waiting, "magnet Show.S01E04.1080p"):
            h = p.info_hash if isinstance(p, Payload) else ghost
            if h in t_all and h in k_all:
                compare_torrent(d, step, p, t_all[h], k_all[h], t_side, k_side,
                                labels_at_add=["tv-sonarr"] if labels_at_add and p is paused else None)
        compare_sonarr_view(d, step, t_all, k_all, ts, ks, t_side, k_side)
        return t_all, k_all

    compare_all("torrent-get after adds", labels_at_add=True)
    compare_clocks(d, "clocks after adds", sides)
    for ids in ([paused.info_hash, seeded.info_hash], [waiting.info_hash.upper()], ["0" * 40], [ghost]):
        t_some, k_some = t_side.torrents(["name"], ids=ids), k_side.torrents(["name"], ids=ids)
        d.check(sorted(t_some) == sorted(k_some), "torrent-get ids", f"torrents for ids={ids}",
                sorted(t_some), sorted(k_some))

    # 5. torrent-set as Sonarr sends it (separately: ratio, idle, labels), by hash
    for args in ({"seedRatioLimit": 1.5, "seedRatioMode": 1}, {"seedIdleLimit": 20, "seedIdleMode": 1},
                 {"labels": ["tv-sonarr", "hd"]}):
        for side in sides:
            side.rpc.ok("torrent-set", ids=[paused.info_hash], **args)
    compare_all("torrent-get after torrent-set", labels_at_add=False)
    t_a, k_a = (s.torrents(SONARR_FIELDS, ids=[paused.info_hash])[paused.info_hash] for s in sides)
    d.check((t_a["seedRatioLimit"], t_a["seedRatioMode"], t_a["seedIdleLimit"], t_a["seedIdleMode"], t_a["labels"])
            == (1.5, 1, 20, 1, ["tv-sonarr", "hd"]), "torrent-set", "transmission took the settings", t_a, k_a)

    # a ratio limit already reached (0) stops the seeding torrent: Sonarr may then remove and move it
    for side in sides:
        side.rpc.ok("torrent-set", ids=[seeded.info_hash], seedRatioLimit=0, seedRatioMode=1)
    settle(sides, {seeded.info_hash: lambda t: t["status"] == 0 and t["isFinished"]}, "stopped at ratio 0")
    t_all, k_all = compare_all("torrent-get after the ratio was reached", labels_at_add=False)
    for side, everything in ((t_side, t_all), (k_side, k_all)):
        item = sonarr_item(everything[seeded.info_hash], sessions[side.name], side)
        d.check(item is not None and item["Status"] == "Completed" and item["CanBeRemoved"] and item["CanMoveFiles"],
                "ratio reached", f"{side.name}: Sonarr sees {seeded.name} completed, removable, movable",
                item if side is t_side else None, item if side is k_side else None)

    # 6. queue-move-top (Sonarr's "First" priority)
    for side in sides:
        side.rpc.ok("queue-move-top", ids=[waiting.info_hash])
    tq, kq = (s.torrents(["queuePosition", "name"]) for s in sides)
    for h in tq:
        d.check(tq[h].get("queuePosition") == kq.get(h, {}).get("queuePosition"), "queue-move-top",
                f"{tq[h]['name']}.queuePosition", tq[h].get("queuePosition"), kq.get(h, {}).get("queuePosition"))
    d.check(tq[waiting.info_hash].get("queuePosition") == 0, "queue-move-top", "moved torrent first",
            tq[waiting.info_hash].get("queuePosition"), kq.get(waiting.info_hash, {}).get("queuePosition"))

    # 7. torrent-remove with delete-local-data: the finished episode's file goes on both sides
    for side in sides:
        side.rpc.ok("torrent-remove", ids=[seeded.info_hash], **{"delete-local-data": True})
    gone = {s.name: wait_until(lambda s=s: not (s.tv / seeded.name).exists(), 10) for s in sides}
    d.check(all(gone.values()), "torrent-remove delete-local-data", f"{seeded.name} deleted from disk",
            gone["transmission"], gone["kinora"])
    for side in sides:
        side.rpc.ok("torrent-remove", ids=[paused.info_hash, waiting.info_hash, ghost], **{"delete-local-data": True})
    assert wait_until(lambda: all(s.torrents(["name"]) == {} for s in sides), 10), \
        {s.name: s.torrents(["name"]) for s in sides}
    left = {s.name: sorted(str(p.relative_to(s.tv)) for p in s.tv.rglob("*")) for s in sides}
    d.check(left["transmission"] == left["kinora"] == [], "torrent-remove delete-local-data",
            "files left in the category folder", left["transmission"], left["kinora"])

    assert not d.items, ("Kinora differs from transmission-daemon where Sonarr reads "
                         f"({len(d.items)}):\n" + "\n".join(d.items))


def test_handshake_and_errors_are_the_same(sides: tuple[Side, Side], tmp_path: Path) -> None:
    t_side, k_side = sides
    d = Differences()

    # Sonarr's first request: GET without a session id -> 409 with the id
    t_get, k_get = (requests.get(s.rpc.url, timeout=5) for s in sides)
    d.check(t_get.status_code == k_get.status_code == 409, "handshake", "GET without id: status",
            t_get.status_code, k_get.status_code)
    d.check(bool(t_get.headers.get(SESSION_HEADER)) and bool(k_get.headers.get(SESSION_HEADER)), "handshake",
            f"{SESSION_HEADER} header", t_get.headers.get(SESSION_HEADER), k_get.headers.get(SESSION_HEADER))
    t_bad, k_bad = (requests.post(s.rpc.url, headers={SESSION_HEADER: "stale"}, json={"method": "session-get"},
                                  timeout=5) for s in sides)
    d.check(t_bad.status_code == k_bad.status_code == 409, "handshake", "POST with a stale id: status",
            t_bad.status_code, k_bad.status_code)

    # error answers: HTTP 200 and Transmission's sentence in `result`
    good = make(tmp_path / "src", "Good", (("good.bin", 40_000),))
    calls: list[tuple[str, Any]] = [
        ("unknown method", {"method": "torrent-fly", "arguments": {}}),
        ("corrupt metainfo", {"method": "torrent-add", "arguments": {"metainfo": base64.b64encode(b"garbage").decode()}}),
        ("truncated metainfo", {"method": "torrent-add",
                                "arguments": {"metainfo": base64.b64encode(good.torrent[:60]).decode()}}),
        ("metainfo not base64", {"method": "torrent-add", "arguments": {"metainfo": "%%%% not base64 %%%%"}}),
        ("torrent-add without a torrent", {"method": "torrent-add", "arguments": {"paused": True}}),
        ("torrent-get without fields", {"method": "torrent-get", "arguments": {}}),
        ("no method", {"arguments": {}}),
        ("not JSON", b"{nope"),
    ]
    for step, body in calls:
        replies = [s.rpc.post(body) for s in sides]
        tr, kr = replies
        d.check(tr.status_code == kr.status_code == 200, step, "HTTP status", tr.status_code, kr.status_code)
        try:
            tj, kj = tr.json(), kr.json()
        except ValueError:
            d.add(step, "JSON body", tr.text[:100], kr.text[:100])
            continue
        d.check(tj.get("result") == kj.get("result"), step, "result", tj.get("result"), kj.get("result"))
        d.check(tj.get("result") != "success", step, "is an error", tj.get("result"), kj.get("result"))

    # the tag comes back, on success and on error
    for method in ("session-stats", "torrent-fly"):
        tj, kj = (s.rpc.post({"method": method, "tag": 42}).json() for s in sides)
        d.check(tj.get("tag") == kj.get("tag") == 42, f"tag on {method}", "tag", tj.get("tag"), kj.get("tag"))

    # a refused add leaves nothing behind on either side
    d.check(t_side.torrents(["name"]) == k_side.torrents(["name"]) == {}, "after errors", "torrents",
            t_side.torrents(["name"]), k_side.torrents(["name"]))

    assert not d.items, f"Kinora differs from transmission-daemon ({len(d.items)}):\n" + "\n".join(d.items)


# --- every field transmission-rpc asks for --------------------------------------------------------------

# New in Transmission 4.0 (rpc-version 17): 3.00 answers them as unknown fields, with 0.
NEW_IN_4 = {"file-count", "group", "percentComplete", "primary-mime-type", "trackerList"}
# Values that depend on the side (paths, clocks) or on timing: compared by type (and as noted below).
SIDE_DEPENDENT = {"downloadDir", "torrentFile", "magnetLink", "activityDate", "addedDate", "startDate", "editDate",
                  "doneDate", "secondsSeeding", "secondsDownloading", "manualAnnounceTime", "files", "fileStats",
                  "trackers", "trackerStats", "peers", "peersFrom"}


def test_transmission_rpc_default_fields_match(sides: tuple[Side, Side], tmp_path: Path) -> None:
    """The 75 fields transmission-rpc 7.0.12 asks for by default, on a seeding torrent and on a paused
    magnet with a tracker: same presence, JSON type and value (3.00's unknown 4.0 fields excepted)."""
    t_side, k_side = sides
    d = Differences()
    p = make(tmp_path / "src", "Movie.2023", (("Movie.2023.mkv", 180_000), ("Extras/Trailer.mkv", 40_000),
                                              ("Movie.2023.nfo", 500)))
    ghost = "0badc0de" * 5
    tracker = "http://127.0.0.1:9/announce"  # never answers: the magnet stays without metadata
    link = magnet(ghost, "Movie.2024", trackers=[tracker])
    for side in sides:
        p.copy_into(side.tv)
        side.rpc.ok("torrent-add", metainfo=p.metainfo, paused=False, **{"download-dir": str(side.tv)})
        side.rpc.ok("torrent-add", filename=link, paused=True, **{"download-dir": str(side.tv)})
    settle(sides, {p.info_hash: lambda t: t["status"] == 6, ghost: lambda t: t["status"] == 0}, "seeding / stopped")

    fields = get_torrent_arguments(17)
    t_all, k_all = t_side.torrents(fields), k_side.torrents(fields)
    for h, label in ((p.info_hash, p.name), (ghost, "magnet Movie.2024")):
        t, k = t_all[h], k_all[h]
        step = f"transmission-rpc fields of {label}"
        for name in fields:
            tv, kv = t.get(name, "<absent>"), k.get(name, "<absent>")
            if name in NEW_IN_4:
                d.check(tv == 0, step, name, tv, kv, "3.00 answers this 4.0 field as unknown (0)")
                continue
            if name not in t or name not in k:
                d.add(step, f"{name} present", name in t, name in k)
            elif not same_type(name, tv, kv) and not (json_type(tv) in ("int", "float") and json_type(kv) in ("int", "float")
                                                       and name in ("percentDone", "metadataPercentComplete",
                                                                    "recheckProgress", "uploadRatio")):
                d.add(step, f"{name} JSON type", json_type(tv), json_type(kv))
            elif name not in SIDE_DEPENDENT:
                d.check(tv == kv, step, name, tv, kv)
        # the side-dependent ones, by meaning
        d.check(Path(t["downloadDir"]) == t_side.tv and Path(k["downloadDir"]) == k_side.tv, step, "downloadDir",
                t["downloadDir"], k["downloadDir"])
        for name in ("addedDate", "startDate", "activityDate", "doneDate"):
            d.check((t[name] > 0) == (k[name] > 0), step, f"{name} set", t[name], k[name])
        d.check(t["peers"] == k["peers"] == [], step, "peers", t["peers"], k["peers"])
        d.check(t["peersFrom"] == k["peersFrom"], step, "peersFrom", t["peersFrom"], k["peersFrom"])
        for kind in ("files", "fileStats", "trackers"):
            t_list = t[kind]
            k_list = [{key: entry.get(key, "<absent>") for key in t_entry} for entry, t_entry in zip(k[kind], t_list)]
            d.check(len(t[kind]) == len(k[kind]) and t_list == k_list, step, kind, t_list, k[kind])
        t_stats = [{key: s[key] for key in ("announce", "host", "id", "isBackup", "scrape", "tier")} for s in t["trackerStats"]]
        k_stats = [{key: s.get(key) for key in ("announce", "host", "id", "isBackup", "scrape", "tier")} for s in k["trackerStats"]]
        d.check(t_stats == k_stats, step, "trackerStats", t_stats, k_stats)
        missing = sorted({key for s in t["trackerStats"] for key in s} - {key for s in k["trackerStats"] for key in s})
        d.check(not missing, step, "trackerStats keys", "", missing, "keys Transmission has and Kinora lacks")
        for link_field in ("magnetLink",):
            tl, kl = t[link_field], k[link_field]
            d.check(tl.split("&")[0] == kl.split("&")[0] and (("&tr=" in tl) == ("&tr=" in kl)), step, link_field, tl, kl)
        # Kinora's answers to the 4.0 fields mean what 4.0.6 means
        d.check(k["file-count"] == len(k["files"]), step, "file-count (kinora)", None, k["file-count"])
        d.check(k["percentComplete"] == (1 if h == p.info_hash else 0), step, "percentComplete (kinora)", None,
                k["percentComplete"])
        d.check(k["trackerList"] == ("" if h == p.info_hash else tracker), step, "trackerList (kinora)", None,
                k["trackerList"])
        d.check(k["group"] == "", step, "group (kinora)", None, k["group"])
        d.check(k["primary-mime-type"] == ("video/x-matroska" if h == p.info_hash else "application/octet-stream"),
                step, "primary-mime-type (kinora)", None, k["primary-mime-type"])

    assert not d.items, f"Kinora differs from transmission-daemon ({len(d.items)}):\n" + "\n".join(d.items)
