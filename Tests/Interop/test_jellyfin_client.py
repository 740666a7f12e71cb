"""jellyfin-apiclient-python 1.20.2 reads the public system info of the media role.

The client's ConnectionManager.connect_to_address() fetches `system/info/public` (lower case, as
the client sends it) and records the server's Id, Name and Version; that is what a Jellyfin client
does before it asks for a user to sign in.
"""

from __future__ import annotations

from importlib.metadata import version

from jellyfin_apiclient_python import JellyfinClient
from jellyfin_apiclient_python.connection_manager import CONNECTION_STATE

from harness import HEX32, HTTP_TIMEOUT, Kinora


def make_client() -> JellyfinClient:
    client = JellyfinClient()
    client.config.app("kinora-interop", "0.0.1", "pytest", "kinora-interop-device")
    client.config.http(user_agent="kinora-interop/0.0.1", max_retries=0, timeout=HTTP_TIMEOUT)
    client.config.data["auth.ssl"] = False
    client.auth.API.default_timeout = HTTP_TIMEOUT
    return client


def test_client_version() -> None:
    assert version("jellyfin-apiclient-python") == "1.20.2"


def test_public_info(shared_kinora: Kinora) -> None:
    client = make_client()
    info = client.auth.API.get_public_info(shared_kinora.url("media", "").rstrip("/"))
    assert info, "get_public_info returned nothing (the server did not answer system/info/public with 200)"
    direct = shared_kinora.get("media", "/System/Info/Public").json()
    assert info.get("Id") == direct.get("Id") and HEX32.match(info["Id"]), info
    assert info.get("Version") == direct.get("Version") and info.get("Version"), info
    assert info.get("ProductName") == "Jellyfin Server", info


def test_connect_to_address(shared_kinora: Kinora) -> None:
    client = make_client()
    address = f"127.0.0.1:{shared_kinora.ports['media']}"
    state = client.auth.connect_to_address(address)
    assert state.get("State") == CONNECTION_STATE.ServerSignIn, f"connect_to_address({address!r}) -> {state}"
    server = state["Servers"][0]
    direct = shared_kinora.get("media", "/System/Info/Public").json()
    assert server["Id"] == direct["Id"], server
    assert server["Version"] == direct["Version"], server
    assert server["Name"] == direct["ServerName"], server
    assert server["address"].rstrip("/") == f"http://{address}", server


def test_wizard_then_login(kinora: Kinora) -> None:
    """The first-run wizard over plain HTTP, then the client signs in and uses its token."""
    for path, body in [("/Startup/Configuration", {"UICulture": "en-US"}),
                       ("/Startup/User", {"Name": "alice", "Password": "s3cret"}),
                       ("/Startup/Complete", None)]:
        response = kinora.post("media", path, json=body)
        assert response.status_code == 204, (path, response.status_code, response.text)

    client = make_client()
    address = f"127.0.0.1:{kinora.ports['media']}"
    client.auth.connect_to_address(address)
    assert client.auth.login(f"http://{address}", "alice", "wrong") == {}
    result = client.auth.login(f"http://{address}", "alice", "s3cret")
    assert result, "login failed"
    assert result["User"]["Name"] == "alice" and HEX32.match(result["User"]["Id"])
    assert HEX32.match(result["AccessToken"])
    assert result["ServerId"] == kinora.get("media", "/System/Info/Public").json()["Id"]

    # The client now sends its token in the MediaBrowser header.
    client.config.data["auth.server"] = f"http://{address}"
    me = client.jellyfin.users()
    assert me["Id"] == result["User"]["Id"], me
    info = client.jellyfin.get_system_info_new()
    assert info["StartupWizardCompleted"] is True and info["Id"] == result["ServerId"], info
