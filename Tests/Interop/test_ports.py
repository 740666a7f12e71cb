"""All nine roles in one process: every port answers /ping soon after the ready line."""

from __future__ import annotations

import time

import requests

from harness import ROLES, Kinora

PING_DEADLINE = 2.0  # seconds after the ready line was read (issue 2, "Must show")


def test_ready_line_is_printed(kinora: Kinora) -> None:
    assert kinora.ready_line is not None and kinora.ready_line.startswith("kinora ready")


def test_all_nine_ports_answer_ping_within_2s_of_ready(kinora: Kinora) -> None:
    assert kinora.ready_at is not None
    deadline = kinora.ready_at + PING_DEADLINE
    pending = dict(kinora.ports)
    last: dict[str, str] = {}
    while pending and time.monotonic() < deadline:
        for role, port in list(pending.items()):
            try:
                response = requests.get(f"http://127.0.0.1:{port}/ping", timeout=0.5)
            except requests.RequestException as error:
                last[role] = repr(error)
                continue
            last[role] = f"HTTP {response.status_code}: {response.text[:200]!r}"
            if response.status_code == 200:
                del pending[role]
        if pending:
            time.sleep(0.02)
    elapsed = time.monotonic() - kinora.ready_at
    assert not pending, (
        f"{len(pending)} of {len(ROLES)} roles did not answer GET /ping with 200 within "
        f"{PING_DEADLINE} s of the ready line ({elapsed:.2f} s elapsed): "
        + "; ".join(f"{role} on {kinora.ports[role]}: {last.get(role)}" for role in pending)
        + "\n" + kinora.describe()
    )

