"""Restarts, crashes, signals and a port already in use."""

from __future__ import annotations

import signal
import socket
import time

import pytest

from harness import KEYED_ROLES, ROLES, STOP_TIMEOUT, Servers, free_ports, is_listening, read_keys


def status_with(server, key: str) -> int:
    return server.get("series", "/api/v3/system/status", headers={"X-Api-Key": key}).status_code


def test_sigterm_exits_0(servers: Servers) -> None:
    server = servers.start()
    server.signal(signal.SIGTERM)
    code = server.wait_exit(STOP_TIMEOUT)
    assert code == 0, f"exit code after SIGTERM: {code} (None: still running after {STOP_TIMEOUT} s)\n{server.describe()}"
    still = [f"{role}={port}" for role, port in server.ports.items() if is_listening(port)]
    assert not still, f"ports still listening after exit: {still}"


def test_sigint_exits_0(servers: Servers) -> None:
    server = servers.start()
    server.signal(signal.SIGINT)
    code = server.wait_exit(STOP_TIMEOUT)
    assert code == 0, f"exit code after SIGINT: {code}\n{server.describe()}"


def test_restart_keeps_api_keys(servers: Servers) -> None:
    first = servers.start()
    before = first.keys()
    assert sorted(before) == sorted(KEYED_ROLES), before
    assert first.stop() == 0, first.describe()

    second = servers.start(data_dir=first.data_dir, ports=first.ports)
    after = second.keys()
    assert after == before, f"keys changed across a restart:\nbefore {before}\nafter  {after}"
    assert status_with(second, before["series"]) == 200


def test_keys_before_first_start_are_the_keys_served(servers: Servers) -> None:
    """`kinora keys` on a fresh data dir creates (or reads) the same keys `serve` then uses."""
    data_dir = servers.new_data_dir()
    keys = read_keys(data_dir)
    assert sorted(keys) == sorted(KEYED_ROLES), keys
    server = servers.start(data_dir=data_dir)
    assert server.keys() == keys
    assert status_with(server, keys["series"]) == 200


def test_kill_9_then_restart(servers: Servers) -> None:
    first = servers.start()
    before = first.keys()
    # a little traffic first, so that the database has been used and connections were open
    assert status_with(first, before["series"]) == 200
    first.signal(signal.SIGKILL)
    assert first.wait_exit(STOP_TIMEOUT) == -signal.SIGKILL

    second = servers.start(data_dir=first.data_dir, ports=first.ports)  # the same ports, at once
    assert second.keys() == before, "keys changed after kill -9 and restart"
    for role in ROLES:
        assert second.get(role, "/ping").status_code == 200, f"{role} /ping after restart"
    assert status_with(second, before["series"]) == 200
    assert second.stop() == 0, second.describe()


@pytest.mark.parametrize("busy_role", ["series", "gateway"])
def test_port_in_use_is_one_clear_error(servers: Servers, busy_role: str) -> None:
    blocker = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    try:
        busy_port = blocker.getsockname()[1]
        others = [role for role in ROLES if role != busy_role]
        ports = dict(zip(others, free_ports(len(others))))
        ports[busy_role] = busy_port
        server = servers.spawn(ports=ports)
        started = time.monotonic()
        code = server.wait_exit(10.0)
        elapsed = time.monotonic() - started
        assert code is not None, f"still running {elapsed:.1f} s after start with {busy_role}'s port {busy_port} taken\n{server.describe()}"
        assert code != 0, f"exit code 0 with {busy_role}'s port {busy_port} taken\n{server.describe()}"
        assert not any(line.startswith("kinora ready") for line in server.stdout_lines), \
            f"printed the ready line although {busy_role} could not listen"
        stderr_lines = [line for line in server.stderr().splitlines() if line.strip()]
        naming = [line for line in stderr_lines if busy_role in line and str(busy_port) in line]
        assert naming, f"no stderr line names {busy_role!r} and port {busy_port}:\n{server.stderr()[-3000:]}"
        still = [f"{role}={port}" for role, port in ports.items() if role != busy_role and is_listening(port)]
        assert not still, f"ports left listening after the failed start: {still}"
    finally:
        blocker.close()



def test_stdout_carries_only_the_ready_line(servers: Servers) -> None:
    """Logs go to stderr; stdout is the one `kinora ready` line that scripts wait for."""
    server = servers.start()
    keys = server.keys()
    for role in ROLES:
        server.get(role, "/ping")
    server.get("series", "/api/v3/system/status", headers={"X-Api-Key": keys["series"]})
    assert server.stop() == 0, server.describe()
    assert len(server.stdout_lines) == 1 and server.stdout_lines[0].startswith("kinora ready"), \
        f"stdout should be the ready line only:\n" + "\n".join(server.stdout_lines[:20])


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_sigterm_during_startup_exits(servers: Servers, delay: float) -> None:
    """A stop that arrives before (or while) the listeners come up still ends the process, leaving no port open."""
    server = servers.spawn()
    time.sleep(delay)
    server.signal(signal.SIGTERM)
    code = server.wait_exit(STOP_TIMEOUT)
    assert code is not None, f"still running {STOP_TIMEOUT} s after SIGTERM sent {delay} s after exec\n{server.describe()}"
    still = [f"{role}={port}" for role, port in server.ports.items() if is_listening(port)]
    assert not still, f"ports still listening after exit: {still}"
