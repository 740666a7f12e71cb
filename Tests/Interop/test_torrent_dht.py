"""Kinora finds peers through the DHT (BEP 5) with libtorrent nodes, everything on 127.0.0.1 only: no
tracker in the magnets, no --peer, no public router. A libtorrent session that is only a DHT node
stands in for the public routers (swarm.LtDHTNode); libtorrent peers join through it with DHT on."""

from __future__ import annotations

import json
import time

import pytest

from harness import kinora_bin
from swarm import Prepared, Swarm, check_kinora_download, lt_create, lt_info, magnet, prepare

pytestmark = pytest.mark.timeout(120)

DOWNLOAD_TIMEOUT = 60.0  # exec → exit 0: a lookup, the metadata, 11 MiB on loopback


def test_magnet_without_tracker_is_downloaded_from_libtorrent_found_through_dht(swarm: Swarm) -> None:
    """Must-show. A libtorrent DHT node is the router; a libtorrent seeder joins through it and announces
    the torrent there; kinora joins through it with --dht-bootstrap, finds the seeder with get_peers,
    fetches the metadata (ut_metadata) and the data, and announces itself (the router accepts the token
    it gave kinora). The node id and the nodes kinora knew are kept for the next start."""
    p = prepare(swarm, tracker=None)
    router = swarm.libtorrent_dht()
    seeder = swarm.libtorrent("seed", p.torrent, p.seed_dir, dht=True, dht_bootstrap=[router.addr],
                              dht_announce_interval=5)
    router.wait_announce(p.info_hash, seeder.port, 30)

    link = magnet(p.info_hash, p.root.name)
    assert "tr=" not in link and "x.pe=" not in link
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), link, to, extra=["--dht-bootstrap", router.addr])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)

    dht = k.events("dht")
    assert dht and int(dht[0]["port"]) > 0 and "nodes" in dht[0], f"no `dht port=… nodes=…` line\n{k.describe()}"
    port = int(k.events("listening")[0]["port"])
    router.wait_announce(p.info_hash, port, 15)  # kinora's announce_peer, accepted by libtorrent

    state = json.loads((to / ".kinora" / "dht.json").read_text())
    assert len(state["nodeID"]) == 40, state
    assert router.addr in [n["address"] for n in state["nodes"]], f"the router is not in the saved nodes: {state}"


def test_libtorrent_joins_and_announces_through_kinoras_node(swarm: Swarm) -> None:
    """The other way round: kinora starts with --dht and no bootstrap node; a libtorrent seeder joins the
    DHT through kinora's node and announces to it (get_peers for a token, announce_peer with it); kinora
    pings it into its routing table, and its next lookup finds the seeder in its own store."""
    p = prepare(swarm, tracker=None)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), magnet(p.info_hash, p.root.name), to, extra=["--dht"])
    dht = k.event("dht", 20)
    assert int(dht["port"]) > 0, k.describe()
    swarm.libtorrent("seed", p.torrent, p.seed_dir, dht=True, dht_bootstrap=[f"127.0.0.1:{dht['port']}"],
                     dht_announce_interval=5)
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)


def test_private_torrent_never_touches_the_dht(swarm: Swarm) -> None:
    """BEP 27: with --dht on, a private torrent is neither looked up nor announced; the peer comes from
    --peer. The router sees the public one of a second run, so it was listening."""
    public = prepare(swarm, tracker=None)
    torrent = swarm.base / "private.torrent"
    info_hash = lt_create(public.root, torrent, [], private=True)
    p = Prepared(public.seed_dir, public.root, torrent, info_hash, lt_info(torrent), None)
    assert p.info["private"]
    router = swarm.libtorrent_dht()
    seeder = swarm.libtorrent("seed", p.torrent, p.seed_dir)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[seeder.addr], extra=["--dht-bootstrap", router.addr])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)

    # The same data as a public torrent, in a second run: this one is announced to the router.
    to2 = swarm.dir("kinora")
    k2 = swarm.kinora(kinora_bin(), public.torrent, to2, peers=[seeder.addr], extra=["--dht-bootstrap", router.addr])
    router.wait_announce(public.info_hash, None, 30)
    k2.stop()
    time.sleep(0.5)
    seen = [line for line in router.proc.lines if info_hash in line]
    assert not seen, f"the private torrent reached the DHT (get_peers or announce_peer): {seen}"
