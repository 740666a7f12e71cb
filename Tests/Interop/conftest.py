"""Fixtures of the interop suite: real `kinora serve` processes on 127.0.0.1, stopped by PID.

See harness.py for how a server is started, waited for and stopped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.chromium.webdriver import ChromiumDriver

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


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromiumDriver]:
    """Headless Chromium (Debian's chromium + chromium-driver), no sandbox, no network but 127.0.0.1;
    autoplay allowed (the media player starts without a click)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not chromium or not os.access(driver_path, os.X_OK):
        pytest.fail("Chromium and chromedriver are needed: apt-get install chromium chromium-driver", pytrace=False)
    base = tmp_path_factory.mktemp("chromium")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--no-proxy-server",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1280,1000", "--autoplay-policy=no-user-gesture-required",
                f"--user-data-dir={base / 'profile'}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path, log_output=str(base / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            process = service.process
            if process is not None and process.poll() is None:
                process.kill()  # chromedriver, by its PID
                process.wait(timeout=5)
