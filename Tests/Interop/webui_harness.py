"""The torrents web UI served the way Kinora serves it, but in front of a REAL transmission-daemon.

A small HTTP server on 127.0.0.1 (free port, in-process threads) that
  - renders Sources/Platform/KinoraWeb/Templates/torrents.mustache inside layout.mustache at
    /transmission/web/ (a tiny Mustache renderer below: variables, {{{raw}}}, sections, comments),
  - serves Sources/Platform/KinoraWeb/Assets/* at /kinora/assets/NAME,
  - proxies /transmission/rpc to transmission-daemon, passing X-Transmission-Session-Id both ways,
so the page is same-origin with the RPC exactly as under `kinora serve`. Since the daemon speaks the
real RPC, a test that passes here checks the page against Transmission itself; the same test run
against `kinora serve` is then a differential check of the torrents role.

KinoraWebUI offers the same interface (page_url, peer_addr, download_dir, rpc, describe, stop) for
`kinora serve --role torrents`, which serves the page and the RPC itself.

The daemon is swarm.Transmission (own config dir, RPC and peer ports free and on 127.0.0.1, DHT, LPD,
PEX, uTP off); it is stopped by PID with the rest of its Swarm.

Run by hand to look at the page:  python3 Tests/Interop/webui_harness.py   (Ctrl-C stops everything)
"""

from __future__ import annotations

import html
import http.client
import http.server
import re
import threading
from pathlib import Path
from typing import Any, Optional

from swarm import Swarm, Transmission, TransmissionRPC

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "Sources" / "Platform" / "KinoraWeb"
RPC_PATH = "/transmission/rpc"
PAGE_PATH = "/transmission/web/"
PROXY_TIMEOUT = 30.0  # one proxied RPC request


# --- a minimal Mustache (what layout.mustache and torrents.mustache use) ----------------------------

_TAG = re.compile(r"\{\{(\{.*?\}|[#^/!&]?.*?)\}\}", re.S)


def render_mustache(template: str, context: dict[str, Any]) -> str:
    """{{name}} (HTML-escaped), {{{name}}} and {{&name}} (raw), {{#name}}…{{/name}} (lists, truthy
    values), {{^name}}…{{/name}}, {{! comments }}; standalone section and comment lines vanish."""
    # standalone tags (alone on their line) take their line with them, as the spec says
    template = re.sub(r"(?m)^[ \t]*(\{\{[#^/!][^}]*\}\})[ \t]*\n", r"\1", template)
    out: list[str] = []
    _render(template, [context], out)
    return "".join(out)


def _lookup(stack: list[Any], name: str) -> Any:
    if name == ".":
        return stack[-1]
    for frame in reversed(stack):
        if isinstance(frame, dict) and name in frame:
            return frame[name]
    return None


def _render(template: str, stack: list[Any], out: list[str]) -> None:
    pos = 0
    while True:
        m = _TAG.search(template, pos)
        if not m:
            out.append(template[pos:])
            return
        out.append(template[pos:m.start()])
        tag = m.group(1)
        pos = m.end()
        if tag.startswith("!"):
            continue
        if tag.startswith("{"):
            out.append(str(_lookup(stack, tag[1:-1].strip()) or ""))
            continue
        if tag.startswith("&"):
            out.append(str(_lookup(stack, tag[1:].strip()) or ""))
            continue
        if tag[0] in "#^":
            name = tag[1:].strip()
            close = re.compile(r"\{\{/\s*" + re.escape(name) + r"\s*\}\}")
            end = close.search(template, pos)
            if not end:
                raise ValueError(f"unclosed section {name}")
            inner = template[pos:end.start()]
            pos = end.end()
            value = _lookup(stack, name)
            if tag[0] == "^":
                if not value:
                    _render(inner, stack, out)
            elif isinstance(value, list):
                for item in value:
                    _render(inner, stack + [item], out)
            elif value:
                _render(inner, stack + [value], out)
            continue
        value = _lookup(stack, tag.strip())
        out.append(html.escape("" if value is None else str(value), quote=True))


def render_page(rpc_url: str = RPC_PATH) -> str:
    """torrents.mustache in layout.mustache, with the context WebShell.render gives."""
    templates = WEB / "Templates"
    body = render_mustache((templates / "torrents.mustache").read_text(), {"rpcURL": rpc_url})
    return render_mustache((templates / "layout.mustache").read_text(), {
        "title": "Torrents", "body": body, "homeURL": "/", "version": "webui-harness",
        "navigation": [{"title": "Torrents", "url": PAGE_PATH, "isCurrent": True}],
    })


# --- the server ---------------------------------------------------------------------------------------

CONTENT_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        self.server.log.append(f"{self.command} {self.path} " + (format % args))

    def _send(self, status: int, body: bytes, content_type: str, headers: Optional[dict[str, str]] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        if path in ("/", "/transmission/web"):
            self._send(301, b"", "text/plain", {"Location": PAGE_PATH})
        elif path == PAGE_PATH:
            self._send(200, render_page().encode(), "text/html; charset=utf-8")
        elif path.startswith("/kinora/assets/"):
            name = path.rsplit("/", 1)[1]
            file = WEB / "Assets" / name
            if "/" in name or name.startswith(".") or not file.is_file():
                self._send(404, b"not found", "text/plain")
            else:
                self._send(200, file.read_bytes(), CONTENT_TYPES.get(file.suffix, "application/octet-stream"))
        elif path == RPC_PATH:
            self._proxy(b"")
        else:
            self._send(404, b"not found", "text/plain")

    def do_POST(self) -> None:  # noqa: N802
        if self.path.split("?", 1)[0] != RPC_PATH:
            self._send(404, b"not found", "text/plain")
            return
        length = int(self.headers.get("Content-Length") or 0)
        self._proxy(self.rfile.read(length))

    def _proxy(self, body: bytes) -> None:
        headers = {"Content-Type": self.headers.get("Content-Type") or "application/json"}
        session = self.headers.get("X-Transmission-Session-Id")
        if session is not None:
            headers["X-Transmission-Session-Id"] = session
        if self.headers.get("Authorization"):
            headers["Authorization"] = self.headers["Authorization"]
        conn = http.client.HTTPConnection("127.0.0.1", self.server.rpc_port, timeout=PROXY_TIMEOUT)
        try:
            conn.request(self.command, RPC_PATH, body=body if self.command == "POST" else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            passed = {}
            for name in ("X-Transmission-Session-Id", "WWW-Authenticate"):
                if response.getheader(name) is not None:
                    passed[name] = response.getheader(name)
            self.server.rpc_log.append((body, response.status))
            self._send(response.status, data, response.getheader("Content-Type") or "application/json", passed)
        except OSError as error:
            self._send(502, f"transmission-daemon: {error}".encode(), "text/plain")
        finally:
            conn.close()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, rpc_port: int):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.rpc_port = rpc_port
        self.log: list[str] = []
        self.rpc_log: list[tuple[bytes, int]] = []  # (request body, HTTP status) of every proxied request


class WebUIHarness:
    """The page + proxy in front of one transmission-daemon. The interface the web UI test needs:
    page_url, peer_addr (where the client takes incoming peers), download_dir, rpc(), stop()."""

    def __init__(self, swarm: Swarm):
        self.transmission: Transmission = swarm.transmission()
        self.server = _Server(self.transmission.rpc_port)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="webui-harness", daemon=True)
        self._thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.page_url = self.base_url + PAGE_PATH
        self.peer_addr = self.transmission.addr
        self.download_dir = self.transmission.config / "downloads"
        self.name = "transmission-daemon"
        self._stopped = False

    def rpc(self, method: str, **arguments: Any) -> dict:
        """One RPC straight to the daemon (not through the page), for checking what the page did."""
        return self.transmission.rpc(method, **arguments)

    def describe(self) -> str:
        return (f"webui harness at {self.page_url}; last requests:\n" + "\n".join(self.server.log[-20:])
                + "\n" + self.transmission.proc.describe())

    def stop(self) -> None:
        """Stops the page server and the daemon (by PID); safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
        self.transmission.proc.stop()


class KinoraWebUI:
    """The same interface in front of `kinora serve --role torrents`: the role serves the page at
    /transmission/web/ and the RPC at /transmission/rpc on its own port (no proxy in between)."""

    def __init__(self, servers: Any):  # harness.Servers (imported by the caller: it needs pytest and requests)
        from harness import free_ports

        peer_port = free_ports(1)[0]
        self.kinora = servers.start(roles=["torrents"], env={"KINORA_TORRENTS_PEER_PORT": str(peer_port)})
        self.page_url = self.kinora.url("torrents", PAGE_PATH)
        self._rpc = TransmissionRPC(self.kinora.ports["torrents"], "kinora", timeout=PROXY_TIMEOUT)
        session = self.rpc("session-get")
        self.peer_addr = f"127.0.0.1:{session.get('peer-port') or peer_port}"
        self.download_dir = Path(session["download-dir"])
        self.name = "kinora"

    def rpc(self, method: str, **arguments: Any) -> dict:
        return self._rpc(method, **arguments)

    def describe(self) -> str:
        return f"kinora torrents role at {self.page_url}\n{self.kinora.describe()}"

    def stop(self) -> None:
        self.kinora.stop()


if __name__ == "__main__":
    import tempfile
    import time

    with tempfile.TemporaryDirectory(prefix="kinora-webui-") as tmp:
        swarm = Swarm(Path(tmp) / "swarm")
        harness = WebUIHarness(swarm)
        print(f"torrents page: {harness.page_url}  (transmission-daemon RPC on 127.0.0.1:{harness.transmission.rpc_port},"
              f" peers on {harness.peer_addr}; Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            harness.stop()
            swarm.stop_all()
