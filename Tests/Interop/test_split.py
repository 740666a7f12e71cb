"""Split mode: `--role NAME` runs that role only."""

from __future__ import annotations

import requests

from harness import Servers, is_listening


def test_role_series_listens_on_its_port_only(servers: Servers) -> None:
    server = servers.start(roles=["series"])
    port = server.ports["series"]
    response = requests.get(f"http://127.0.0.1:{port}/ping", timeout=5)
    assert response.status_code == 200, f"series /ping on {port}: HTTP {response.status_code}"
    listening = [f"{role}={p}" for role, p in server.ports.items() if role != "series" and is_listening(p)]
    assert not listening, f"`--role series` also listens on {listening}\n{server.describe()}"


def test_two_roles_in_one_process(servers: Servers) -> None:
    server = servers.start(roles=["torrents", "media"])
    for role in ("torrents", "media"):
        response = requests.get(server.url(role, "/ping"), timeout=5)
        assert response.status_code == 200, f"{role} /ping: HTTP {response.status_code}"
    listening = [f"{role}={p}" for role, p in server.ports.items()
                 if role not in ("torrents", "media") and is_listening(p)]
    assert not listening, f"`--role torrents --role media` also listens on {listening}"
