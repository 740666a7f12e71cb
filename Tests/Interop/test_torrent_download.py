"""Kinora downloads a multi-file torrent from real seeders on 127.0.0.1: libtorrent via opentracker over
HTTP and over UDP, aria2c via opentracker, transmission-daemon dialled with --peer. Data compared byte
for byte with the seeder's."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import kinora_bin
from swarm import Swarm, check_kinora_download, prepare

pytestmark = pytest.mark.timeout(90)

DOWNLOAD_TIMEOUT = 60.0  # seconds from exec to exit 0 (11 MiB on loopback: a few seconds is normal)




@pytest.mark.parametrize("tracker", ["http", "udp"])
def test_from_libtorrent_via_opentracker(swarm: Swarm, tracker: str) -> None:
    p = prepare(swarm, tracker=tracker)
    swarm.libtorrent("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1)  # the seeder announced before kinora asks
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to)
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    assert k.events("listening") and int(k.events("listening")[0]["port"]) > 0, k.describe()


def test_from_aria2_via_opentracker(swarm: Swarm) -> None:
    p = prepare(swarm)
    swarm.aria2("seed", p.torrent, p.seed_dir)
    p.tracker.wait_peers(p.info_hash, seeders=1, timeout=30)  # aria2 checks the data first
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to)
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)


def test_from_transmission_dialled_with_peer(swarm: Swarm) -> None:
    """Transmission ignores loopback peers from a tracker, so kinora dials it (--peer)."""
    p = prepare(swarm)
    tr = swarm.transmission()
    tr.add(p.torrent, p.seed_dir)
    tr.wait_seeding(p.info_hash)
    to = swarm.dir("kinora")
    k = swarm.kinora(kinora_bin(), p.torrent, to, peers=[tr.addr])
    check_kinora_download(k, p, to, DOWNLOAD_TIMEOUT)
    assert tr.torrent(p.info_hash)["uploadedEver"] >= p.size, "transmission did not upload the payload"
