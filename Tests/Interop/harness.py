"""Helpers for the interop suite: starts the real `kinora` binary on 127.0.0.1 and stops it by PID.

The binary is taken from $KINORA_BIN (scripts/test passes the one it just built), else from
.build/debug/kinora in the repository. Every server runs in a fresh temporary data dir on free
ports chosen by binding port 0 on 127.0.0.1, and every wait in here is bounded.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import pytest
import requests

from swarm import wait_until  # one polling helper for both harnesses (swarm.py is standard-library only)

REPO = Path(__file__).resolve().parents[2]

# role -> the default port of the service it replaces (DESIGN.md)
ROLES: dict[str, int] = {
    "requests": 5055,
    "indexers": 9696,
    "series": 8989,
    "movies": 7878,
    "subtitles": 6767,
    "torrents": 9091,
    "media": 8096,
    "audiobooks": 13378,
    "gateway": 8080,
}
KEYED_ROLES = ("requests", "indexers", "series", "movies", "subtitles")

READY_PREFIX = "kinora ready"
READY_TIMEOUT = 30.0  # seconds from exec to the ready line
STOP_TIMEOUT = 10.0  # seconds from SIGTERM to exit before SIGKILL
CLI_TIMEOUT = 30.0  # seconds for one-shot commands (keys, config show)
HTTP_TIMEOUT = 5.0  # seconds for one HTTP request

HEX32 = re.compile(r"^[0-9a-f]{32}$")


def kinora_bin() -> Path:
    path = Path(os.environ.get("KINORA_BIN") or REPO / ".build" / "debug" / "kinora")
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"kinora binary not found at {path}: build it (`swift build`) or set KINORA_BIN",
            pytrace=False,
        )
    return path


def free_ports(count: int) -> list[int]:
    """Distinct free TCP ports on 127.0.0.1, found by binding port 0 (all held open at once)."""
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            held.append(s)
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def is_listening(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def run_cli(args: Iterable[str], env: Optional[dict[str, str]] = None,
            timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    """Runs `kinora ARGS...` to completion, bounded in time, with stdin closed."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        [str(kinora_bin()), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )


def parse_keys(stdout: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for line in stdout.splitlines():
        parts = line.split()
        if not parts:
            continue
        assert len(parts) == 2, f"`kinora keys` line is not `ROLE KEY`: {line!r}"
        keys[parts[0]] = parts[1]
    return keys


def read_keys(data_dir: Path, config_dir: Optional[Path] = None) -> dict[str, str]:
    args = ["keys", "--data", str(data_dir)]
    if config_dir is not None:
        args += ["--config", str(config_dir)]
    result = run_cli(args)
    assert result.returncode == 0, (
        f"`kinora {' '.join(args)}` exited {result.returncode}\n"
        f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return parse_keys(result.stdout)


@dataclass
class Kinora:
    """One running `kinora serve` process."""

    proc: subprocess.Popen
    args: list[str]
    data_dir: Path
    ports: dict[str, int]  # every role's chosen port, also for roles that are not run
    roles: list[str]  # the roles this process runs
    stderr_path: Path
    started_at: float  # time.monotonic() just before exec
    ready_at: Optional[float] = None  # time.monotonic() when the ready line was read
    ready_line: Optional[str] = None
    stdout_lines: list[str] = field(default_factory=list)
    _lines: "queue.Queue[Optional[str]]" = field(default_factory=queue.Queue)
    _pump: Optional[threading.Thread] = None

    # --- output -------------------------------------------------------------------------

    def _pump_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.stdout_lines.append(line)
            self._lines.put(line)
        self._lines.put(None)  # EOF

    def stderr(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    def describe(self) -> str:
        return (
            f"command: {' '.join(self.args)}\nexit code: {self.proc.poll()}\n"
            f"stdout:\n" + "\n".join(self.stdout_lines[-40:]) + "\n"
            f"stderr (last 4000 chars):\n{self.stderr()[-4000:]}"
        )

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = self.started_at + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no `{READY_PREFIX}` line within {timeout:.0f} s\n{self.describe()}")
            try:
                line = self._lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            if line is None:
                self.proc.wait(timeout=STOP_TIMEOUT)
                raise AssertionError(f"kinora exited before printing `{READY_PREFIX}`\n{self.describe()}")
            if line.startswith(READY_PREFIX):
                self.ready_at = time.monotonic()
                self.ready_line = line
                return

    # --- addressing ---------------------------------------------------------------------

    def url(self, role: str, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.ports[role]}{path}"

    def get(self, role: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return requests.get(self.url(role, path), **kwargs)

    def post(self, role: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return requests.post(self.url(role, path), **kwargs)

    def via_gateway(self, host: str, path: str, headers: Optional[dict[str, str]] = None,
                    **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", HTTP_TIMEOUT)
        return requests.get(self.url("gateway", path), headers={"Host": host, **(headers or {})}, **kwargs)

    def keys(self) -> dict[str, str]:
        return read_keys(self.data_dir)

    # --- lifecycle ----------------------------------------------------------------------

    @property
    def pid(self) -> int:
        return self.proc.pid

    def signal(self, sig: int) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)

    def wait_exit(self, timeout: float) -> Optional[int]:
        """The exit code, or None when still running after `timeout` seconds."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        if self._pump is not None:
            self._pump.join(timeout=5)  # the rest of stdout, up to EOF
        return code

    def stop(self, timeout: float = STOP_TIMEOUT) -> int:
        """SIGTERM, then SIGKILL after `timeout` seconds; returns the exit code (negative: signal)."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
            if self.wait_exit(timeout) is None:
                self.signal(signal.SIGKILL)
                self.proc.wait(timeout=STOP_TIMEOUT)
        if self._pump is not None:
            self._pump.join(timeout=5)  # the rest of stdout, up to EOF
        return self.proc.returncode


def _child_setup() -> None:
    """In the child before exec: own session (a Ctrl-C reaches pytest, not the server), and
    SIGKILL when pytest dies, so that no server outlives a killed test run."""
    os.setsid()
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def spawn(data_dir: Path, ports: Optional[dict[str, int]] = None, roles: Optional[list[str]] = None,
          extra_args: Iterable[str] = (), env: Optional[dict[str, str]] = None) -> Kinora:
    """Starts `kinora serve` without waiting for it to be ready."""
    ports = dict(ports) if ports else dict(zip(ROLES, free_ports(len(ROLES))))
    args = [str(kinora_bin()), "serve", "--data", str(data_dir), "--bind", "127.0.0.1"]
    for role in roles or []:
        args += ["--role", role]
    for role, port in ports.items():
        args += ["--port", f"{role}={port}"]
    args += list(extra_args)

    full_env = dict(os.environ)
    # The torrents role listens for peers too: never on Transmission's default 51413, which a test's
    # transmission-daemon (or the machine) may hold.
    full_env.setdefault("KINORA_TORRENTS_PEER_PORT", str(free_ports(1)[0]))
    # ...and joins no public DHT: nothing outside 127.0.0.1 is reachable from a test.
    full_env.setdefault("KINORA_TORRENTS_DHT_BOOTSTRAP", "")
    full_env.update(env or {})
    logs = data_dir.parent / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    stderr_path = Path(tempfile.mkstemp(prefix="kinora-", suffix=".stderr", dir=logs)[1])
    with open(stderr_path, "w") as stderr:
        started_at = time.monotonic()
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            bufsize=1,
            env=full_env,
            preexec_fn=_child_setup,
        )
    server = Kinora(proc=proc, args=args, data_dir=data_dir, ports=ports,
                    roles=list(roles or ROLES), stderr_path=stderr_path, started_at=started_at)
    server._pump = threading.Thread(target=server._pump_stdout, name=f"kinora-{proc.pid}-stdout", daemon=True)
    server._pump.start()
    return server


class Servers:
    """Starts servers for one test and stops every one of them afterwards, by PID."""

    def __init__(self, base: Path):
        self.base = base
        self.started: list[Kinora] = []
        self._count = 0

    def new_data_dir(self) -> Path:
        self._count += 1
        path = self.base / f"data{self._count}"
        path.mkdir(parents=True)
        return path

    def spawn(self, data_dir: Optional[Path] = None, **kwargs) -> Kinora:
        server = spawn(data_dir or self.new_data_dir(), **kwargs)
        self.started.append(server)
        return server

    def start(self, data_dir: Optional[Path] = None, **kwargs) -> Kinora:
        server = self.spawn(data_dir, **kwargs)
        try:
            server.wait_ready()
        except BaseException:
            server.stop()
            raise
        return server

    def stop_all(self) -> None:
        for server in self.started:
            server.stop()


def json_of(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise AssertionError(
            f"{response.request.method} {response.url}: body is not JSON "
            f"(HTTP {response.status_code}, Content-Type {response.headers.get('Content-Type')!r}): "
            f"{response.text[:300]!r}"
        ) from None


def json_type(value: Any) -> str:
    """A JSON value's type by JSON's names (a bool is not an int), for comparing wire shapes."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if value is None:
        return "null"
    return {str: "str", list: "list", dict: "dict"}.get(type(value), type(value).__name__)
