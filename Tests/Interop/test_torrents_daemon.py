"""What users expect of a Transmission daemon beyond single calls: a watch folder, the incomplete folder and
the done script around a real download from libtorrent, the download queue, and stopped torrents staying
stopped across a restart."""

from __future__ import annotations

import base64
import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from harness import Kinora, Servers
from swarm import Swarm, TransmissionRPC, compare_trees, prepare, wait_until

pytestmark = pytest.mark.timeout(150)


class RPC(TransmissionRPC):
    """The shared Transmission RPC client, pointed at the torrents role."""

    def __init__(self, k: Kinora):
        super().__init__(k.ports["torrents"], "kinora", timeout=10)

    def torrents(self, *fields: str) -> list[dict]:
        return self("torrent-get", fields=["id", *fields])["torrents"]


def test_watch_folder_adds_and_renames(servers: Servers, swarm: Swarm) -> None:
    k = servers.start(roles=["torrents"])
    rpc = RPC(k)
    watch = k.data_dir / "downloads" / "watch"
    rpc("session-set", **{"watch-dir": str(watch), "watch-dir-enabled": True})
    p = prepare(swarm, tracker=None, name="Watched.Show.S01E02")
    shutil.copytree(p.root, k.data_dir / "downloads" / p.root.name)
    watch.mkdir(parents=True, exist_ok=True)
    (watch / "junk.torrent").write_bytes(b"not a torrent")
    dropped = watch / "show.torrent"
    shutil.copy(p.torrent, dropped)
    old = time.time() - 10  # as if the copy finished a while ago
    for path in (dropped, watch / "junk.torrent"):
        os.utime(path, (old, old))
    assert wait_until(lambda: (watch / "show.torrent.added").exists(), timeout=20), sorted(os.listdir(watch))
    assert not dropped.exists()
    assert (watch / "junk.torrent.invalid").exists(), sorted(os.listdir(watch))
    torrents = rpc.torrents("name", "hashString", "percentDone")
    assert [t["hashString"] for t in torrents] == [p.info_hash], torrents
    assert wait_until(lambda: rpc.torrents("percentDone")[0]["percentDone"] == 1, timeout=20), rpc.torrents("status", "percentDone")


def test_incomplete_folder_and_done_script_around_a_real_download(servers: Servers, swarm: Swarm) -> None:
    k = servers.start(roles=["torrents"])
    rpc = RPC(k)
    incomplete = k.data_dir / "downloads" / ".incomplete"
    script = k.data_dir / "done.sh"
    report = k.data_dir / "done.env"
    script.write_text(f"#!/bin/sh\nenv | grep '^TR_' | sort > '{report}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    rpc("session-set", **{"incomplete-dir": str(incomplete), "incomplete-dir-enabled": True,
                          "script-torrent-done-enabled": True, "script-torrent-done-filename": str(script)})

    p = prepare(swarm, tracker="http", name="Movie.2023.720p")
    swarm.libtorrent("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1)
    added = rpc("torrent-add", metainfo=base64.b64encode(p.torrent.read_bytes()).decode(), labels=["movies"])
    assert added["torrent-added"]["hashString"] == p.info_hash

    final = k.data_dir / "downloads" / p.root.name
    assert wait_until(lambda: report.exists() and final.exists(), timeout=60), \
        (rpc.torrents("status", "percentDone", "errorString", "downloadDir"), sorted(os.listdir(k.data_dir / "downloads")))
    assert not compare_trees(p.root, final), "the finished download differs from the seeder's data"
    assert not (incomplete / p.root.name).exists(), "the finished download was left in the incomplete folder"
    assert wait_until(lambda: "TR_TORRENT_HASH" in report.read_text(), timeout=5)
    env = dict(line.split("=", 1) for line in report.read_text().splitlines())
    assert env["TR_TORRENT_HASH"] == p.info_hash and env["TR_TORRENT_NAME"] == p.root.name, env
    assert env["TR_TORRENT_LABELS"] == "movies" and env["TR_TORRENT_ID"] == "1", env
    [t] = rpc.torrents("downloadDir", "leftUntilDone", "status", "doneDate")
    assert t["downloadDir"] == str(k.data_dir / "downloads") and t["leftUntilDone"] == 0 and t["doneDate"] > 0, t


def test_download_queue_and_stopped_state_across_restart(servers: Servers) -> None:
    data = servers.new_data_dir()
    k = servers.start(data, roles=["torrents"])
    rpc = RPC(k)
    rpc("session-set", **{"download-queue-enabled": True, "download-queue-size": 1})
    hashes = ["11" * 20, "22" * 20, "33" * 20]
    for index, h in enumerate(hashes):
        rpc("torrent-add", filename=f"magnet:?xt=urn:btih:{h}&dn=Queued.{index}")
    rpc("torrent-stop", ids=[3])

    def statuses() -> dict[int, int]:
        return {t["id"]: t["status"] for t in rpc.torrents("status")}

    # One downloading (4), one waiting for the queue (3), the stopped one stopped (0).
    assert wait_until(lambda: statuses() == {1: 4, 2: 3, 3: 0}, timeout=10), statuses()
    rpc("queue-move-top", ids=[2])
    assert wait_until(lambda: statuses() == {1: 3, 2: 4, 3: 0}, timeout=10), statuses()

    assert k.stop() == 0, k.describe()
    k2 = servers.start(data, roles=["torrents"], ports=k.ports)
    rpc2 = RPC(k2)
    settings = rpc2("session-get", fields=["download-queue-size"])
    assert settings["download-queue-size"] == 1
    assert wait_until(lambda: {t["id"]: t["status"] for t in rpc2.torrents("status")} == {1: 3, 2: 4, 3: 0}, timeout=10), \
        rpc2.torrents("status", "name", "queuePosition")


def test_magnet_without_tracker_resolves_through_dht_in_the_daemon(servers: Servers, swarm: Swarm) -> None:
    """The torrents role runs a DHT node (dht-enabled, bootstrapped from torrents.dht-bootstrap): a magnet
    with no tracker, added over the RPC, is downloaded from a libtorrent seeder found through a libtorrent
    DHT router, everything on 127.0.0.1."""
    from swarm import magnet

    p = prepare(swarm, tracker=None, name="Dht.Show.S01E01")
    router = swarm.libtorrent_dht()
    seeder = swarm.libtorrent("seed", p.torrent, p.seed_dir, dht=True, dht_bootstrap=[router.addr], dht_announce_interval=5)
    router.wait_announce(p.info_hash, seeder.port, 30)
    k = servers.start(roles=["torrents"], env={"KINORA_TORRENTS_DHT_BOOTSTRAP": router.addr})
    rpc = RPC(k)
    link = magnet(p.info_hash, p.root.name)
    assert "tr=" not in link
    rpc("torrent-add", filename=link)
    final = k.data_dir / "downloads" / p.root.name
    assert wait_until(lambda: rpc.torrents("percentDone")[0]["percentDone"] == 1, timeout=60), \
        rpc.torrents("status", "percentDone", "peersConnected", "errorString", "totalSize")
    assert not compare_trees(p.root, final), "the data found through the DHT differs from the seeder's"
