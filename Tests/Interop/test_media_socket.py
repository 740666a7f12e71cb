"""The media role's `/socket` WebSocket with jellyfin-apiclient-python 1.20.2's own WSClient (and raw
websocket-client for what the client hides): the server asks for keep-alives (`ForceKeepAlive`),
answers `KeepAlive`, tells connected clients when a scan changed the library (`LibraryChanged`) and
when played state changed (`UserDataChanged`); a socket without a valid token is refused.

`kinora serve --role media` on 127.0.0.1; every wait is bounded; the server is stopped by PID.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
import requests
import websocket

from harness import HTTP_TIMEOUT, Kinora, Servers
from swarm import wait_until
from test_media_library import log_in, run_wizard, wait_scan
from test_media_hls import ffmpeg

pytestmark = pytest.mark.timeout(120)

WAIT = 20.0


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("socket-media") / "clip.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=320x180:r=24:d=2", "-f", "lavfi", "-i", "sine=d=2",
           "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(path))
    return path


def socket_url(k: Kinora, query: str = "") -> str:
    return f"ws://127.0.0.1:{k.ports['media']}/socket{query}"


def test_keepalive_library_and_userdata_events_reach_the_real_client(servers: Servers, clip: Path) -> None:
    data = servers.new_data_dir()
    first = data / "movies" / "First Clip (2020)"
    first.mkdir(parents=True)
    (first / "First Clip (2020).mp4").hardlink_to(clip)
    k = servers.start(data_dir=data, roles=["media"])
    run_wizard(k)
    client, login = log_in(k)
    token = login["AccessToken"]
    wait_scan(k, token)

    received: list[tuple[str, Any]] = []
    lock = threading.Lock()

    def callback(event: str, payload: Any) -> None:
        with lock:
            received.append((event, payload))

    def events(kind: str) -> list[Any]:
        with lock:
            return [payload for event, payload in received if event == kind]

    client.callback = callback
    client.logged_in = True
    client.start(websocket=True)
    try:
        assert wait_until(lambda: events("WebSocketConnect"), WAIT), received
        assert not events("WebSocketError"), received

        # A new movie and a rescan: the client hears of it.
        second = data / "movies" / "Second Clip (2021)"
        second.mkdir(parents=True)
        (second / "Second Clip (2021).mp4").hardlink_to(clip)
        assert k.post("media", "/Library/Refresh", params={"api_key": token}).status_code == 204
        assert wait_until(lambda: events("LibraryChanged"), WAIT), received
        changed = events("LibraryChanged")[0]
        assert isinstance(changed.get("CollectionFolders"), list) and changed["CollectionFolders"], changed

        # Marking it played: UserDataChanged names the user and the item.
        items = k.get("media", "/Items", params={"api_key": token, "Recursive": "true", "SearchTerm": "Second"}).json()["Items"]
        assert len(items) == 1, items
        r = k.post("media", f"/UserPlayedItems/{items[0]['Id']}", params={"api_key": token})
        assert r.status_code == 200, r.text
        assert wait_until(lambda: events("UserDataChanged"), WAIT), received
        update = events("UserDataChanged")[0]
        assert update["UserId"] == login["User"]["Id"], update
        assert [d["ItemId"] for d in update["UserDataList"]] == [items[0]["Id"]], update
    finally:
        client.stop()


def test_keepalive_answered_and_bad_tokens_refused(servers: Servers, clip: Path) -> None:
    k = servers.start(roles=["media"])
    run_wizard(k)
    _, login = log_in(k)
    token = login["AccessToken"]

    ws = websocket.create_connection(socket_url(k, f"?api_key={token}&deviceId=raw"), timeout=HTTP_TIMEOUT)
    try:
        hello = json.loads(ws.recv())
        assert hello == {"MessageType": "ForceKeepAlive", "Data": 60}, hello
        ws.send(json.dumps({"MessageType": "KeepAlive"}))
        assert json.loads(ws.recv()) == {"MessageType": "KeepAlive"}
        ws.send("not json at all")  # ignored, the socket stays up
        ws.send(json.dumps({"MessageType": "KeepAlive"}))
        assert json.loads(ws.recv()) == {"MessageType": "KeepAlive"}
    finally:
        ws.close()

    for query in ("", "?api_key=0123456789abcdef0123456789abcdef"):
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(socket_url(k, query), timeout=HTTP_TIMEOUT)
        # hummingbird-websocket answers a declined upgrade with 400 (Jellyfin: 401); either way, no socket.
        assert refused.value.status_code in (400, 401), (query, refused.value)
    plain = requests.get(k.url("media", "/socket"), params={"api_key": token}, timeout=HTTP_TIMEOUT)
    assert plain.status_code == 400 and "WebSocket" in plain.text, (plain.status_code, plain.text)
