"""pyarr 5.2.0 (the newest that runs on Python 3.11) against the series, movies and indexers roles.

pyarr 5.2.0 has SonarrAPI and RadarrAPI but no ProwlarrAPI (that class came with pyarr 6, which
needs a newer Python). Its ProwlarrAPI is pyarr's BaseArrAPI with ver_uri "/v1"; the test uses that
class directly when the installed pyarr has no ProwlarrAPI.
"""

from __future__ import annotations

from importlib.metadata import version

import pyarr
import pytest
from pyarr.base import BaseArrAPI
from pyarr.exceptions import PyarrUnauthorizedError

from harness import HTTP_TIMEOUT, Kinora


def prowlarr_api(url: str, key: str) -> BaseArrAPI:
    cls = getattr(pyarr, "ProwlarrAPI", None)
    return cls(url, key) if cls is not None else BaseArrAPI(url, key, ver_uri="/v1")


CLIENTS = {
    "series": (lambda url, key: pyarr.SonarrAPI(url, key), "Sonarr"),
    "movies": (lambda url, key: pyarr.RadarrAPI(url, key), "Radarr"),
    "indexers": (prowlarr_api, "Prowlarr"),
}


def bounded(client: BaseArrAPI) -> BaseArrAPI:
    """pyarr sends without a timeout; give its requests.Session one so a hung server fails the test."""
    send = client.session.request

    def request(method, url, **kwargs):
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return send(method, url, **kwargs)

    client.session.request = request  # type: ignore[method-assign]
    return client


def test_pyarr_version() -> None:
    assert version("pyarr") == "5.2.0"


@pytest.mark.parametrize("role", list(CLIENTS))
def test_get_system_status(shared_kinora: Kinora, shared_keys: dict[str, str], role: str) -> None:
    make, app_name = CLIENTS[role]
    client = bounded(make(f"http://127.0.0.1:{shared_kinora.ports[role]}", shared_keys[role]))
    status = client.get_system_status()
    assert isinstance(status, dict), status
    assert status.get("appName") == app_name, status
    assert status.get("version"), status


@pytest.mark.parametrize("role", list(CLIENTS))
def test_wrong_key_raises_unauthorized(shared_kinora: Kinora, role: str) -> None:
    make, _ = CLIENTS[role]
    client = bounded(make(f"http://127.0.0.1:{shared_kinora.ports[role]}", "f" * 32))
    with pytest.raises(PyarrUnauthorizedError):
        client.get_system_status()


def test_sonarr_through_gateway_host(shared_kinora: Kinora, shared_keys: dict[str, str]) -> None:
    """pyarr pointed at the gateway, as a user behind Traefik would."""
    client = bounded(pyarr.SonarrAPI(f"http://127.0.0.1:{shared_kinora.ports['gateway']}", shared_keys["series"]))
    client.session.headers["Host"] = "sonarr.homelab.local"
    assert client.get_system_status().get("appName") == "Sonarr"
