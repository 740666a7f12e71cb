"""Fixtures of the interop suite: real `kinora serve` processes on 127.0.0.1, stopped by PID.

See harness.py for how a server is started, waited for and stopped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from harness import KEYED_ROLES, REPO, Kinora, Servers, kinora_bin
from swarm import Swarm, open_swarm


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    """A factory for `kinora serve` processes in fresh data dirs; all stopped at teardown."""
    kinora_bin()
    pool = Servers(tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


@pytest.fixture
def kinora(servers: Servers) -> Kinora:
    """All nine roles in one process, ready."""
    return servers.start()


@pytest.fixture(scope="module")
def shared_kinora(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kinora]:
    """All nine roles in one process, shared by the read-only tests of one module."""
    kinora_bin()
    base = tmp_path_factory.mktemp("kinora")
    pool = Servers(base)
    try:
        yield pool.start()
    finally:
        pool.stop_all()


@pytest.fixture(scope="module")
def shared_keys(shared_kinora: Kinora) -> dict[str, str]:
    keys = shared_kinora.keys()
    missing = [role for role in KEYED_ROLES if role not in keys]
    assert not missing, f"`kinora keys` printed no key for {missing}: {keys}"
    return keys


def pytest_report_header(config) -> list[str]:
    path = os.environ.get("KINORA_BIN") or str(REPO / ".build" / "debug" / "kinora")
    return [f"kinora binary: {path}"]


@pytest.fixture
def swarm(tmp_path: Path) -> Iterator[Swarm]:
    """Real BitTorrent peers on 127.0.0.1 (swarm.py), each stopped by PID when the test ends."""
    s = open_swarm(tmp_path)
    try:
        yield s
    finally:
        s.stop_all()
