"""The torrents role's web UI (Templates/torrents.mustache + Assets/torrents.js) driven in headless
Chromium through selenium, against a backend that speaks the Transmission RPC.

The `webui` fixture gives the backend, each test running once per backend:
  - "transmission": the page served by webui_harness.py in front of a REAL transmission-daemon, so the
    page is checked against Transmission itself;
  - "kinora": `kinora serve --role torrents`, which serves the page (from the binary's resource bundle:
    rebuild after changing the templates or assets) and the RPC; the same test is then a differential
    check of the torrents role against Transmission.
Every backend offers page_url, peer_addr (where its BitTorrent client takes incoming peers:
Transmission drops loopback peers learnt from a tracker, so the libtorrent seeder dials in),
download_dir, rpc(method, **args) (straight to the backend, to check what the page did), describe()
and stop().

Only 127.0.0.1 is used: Chromium resolves no other host; every wait is bounded; processes are
stopped by PID (the swarm's peers by swarm.stop_all, chromedriver by its Service).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException,
                                        TimeoutException, WebDriverException)
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from swarm import MiB, Swarm, compare_trees, magnet, prepare, wait_until
from webui_harness import KinoraWebUI, WebUIHarness

pytestmark = pytest.mark.timeout(240)  # the long test takes ~70 s on an idle 2-core machine

UI_WAIT = 20.0  # one thing to appear on the page (the page refreshes every 2 s)
TRANSFER_WAIT = 60.0  # 11 MiB from the rate-limited seeder
SEED_RATE_KIB = 1536  # the seeder's upload limit: slow enough to watch the progress move


# --- fixtures -----------------------------------------------------------------------------------------

# The backends the page is tested against: webui_harness.py + transmission-daemon, and the torrents role
# of `kinora serve` (page at /transmission/web/, RPC at /transmission/rpc on its port).
BACKENDS = ["transmission", "kinora"]


@pytest.fixture(params=BACKENDS)
def webui(request: pytest.FixtureRequest, swarm: Swarm) -> Iterator[Any]:
    if request.param == "transmission":
        backend = WebUIHarness(swarm)
    elif request.param == "kinora":
        backend = KinoraWebUI(request.getfixturevalue("servers"))
    else:
        raise AssertionError(f"unknown web UI backend {request.param}")
    try:
        yield backend
    finally:
        backend.stop()


# --- helpers --------------------------------------------------------------------------------------------

ROW_STATE = """
const tr = document.querySelector(`#torrent-rows tr[data-hash="${arguments[0]}"]`);
if (!tr) return null;
const f = (name) => tr.querySelector(`[data-field="${name}"]`);
const toggle = f("actions").querySelector('[data-action="start"], [data-action="stop"]');
return {
  status: Number(tr.dataset.status), statusText: f("status").querySelector(".status-text").textContent,
  error: f("status").querySelector(".torrent-error").textContent, name: f("name").textContent.trim(),
  progress: Number(f("progress").dataset.value), percent: f("progress").querySelector(".percent").textContent,
  down: Number(f("rateDownload").dataset.value), peers: Number(f("peers").dataset.value),
  eta: f("eta").textContent, ratio: f("ratio").textContent, toggle: toggle && toggle.dataset.action,
};
"""


class Page:
    """The torrents page in the browser, with bounded waits that report what the page showed."""

    def __init__(self, driver: ChromiumDriver, backend: Any):
        self.driver = driver
        self.backend = backend

    def open(self) -> "Page":
        self.driver.get(self.backend.page_url)
        # session-get and session-stats answered: the handshake (first 409) and the RPC work
        self.wait(lambda: self.text("#torrents-footer [data-field='server']") and
                  self.text("#torrents-footer [data-field='count']")[:1].isdigit(), "the footer filled from the RPC")
        return self

    def text(self, css: str) -> str:
        return self.driver.execute_script(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", css)

    def visible(self, css: str) -> bool:
        elements = self.driver.find_elements(By.CSS_SELECTOR, css)
        return bool(elements) and elements[0].is_displayed()

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def describe(self) -> str:
        try:
            logs = "\n".join(f"  {e['level']} {e['message']}" for e in self.driver.get_log("browser")[-20:])
        except WebDriverException:
            logs = "  (not available)"
        return (f"page error: {self.text('#torrents-error')!r}; status: {self.text('#torrents-status')!r}\n"
                f"rows: {self.text('#torrent-rows')[:800]!r}\nbrowser console:\n{logs}\n{self.backend.describe()}")

    def wait(self, predicate: Callable[[], Any], what: str, timeout: float = UI_WAIT) -> Any:
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.2,
                                 ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)
                                 ).until(lambda _driver: predicate())
        except TimeoutException:
            raise AssertionError(f"the page did not show {what} within {timeout:.0f} s\n{self.describe()}") from None

    def row(self, info_hash: str) -> dict | None:
        return self.driver.execute_script(ROW_STATE, info_hash)

    def wait_row(self, info_hash: str, predicate: Callable[[dict], bool], what: str,
                 timeout: float = UI_WAIT) -> dict:
        def check() -> dict | None:
            state = self.row(info_hash)
            return state if state is not None and predicate(state) else None
        try:
            return self.wait(check, what, timeout)
        except AssertionError as error:
            raise AssertionError(f"row {info_hash}: {self.row(info_hash)}\n{error}") from None

    def click(self, css: str) -> None:
        self.find(css).click()

    def row_button(self, info_hash: str, action: str) -> str:
        return f'#torrent-rows tr[data-hash="{info_hash}"] button[data-action="{action}"]'

    def add_file(self, path: Path, paused: bool = False) -> None:
        self.find("#add-file").send_keys(str(path))
        box = self.find("#add-paused")
        if box.is_selected() != paused:
            box.click()
        self.click("#add-submit")

    def add_link(self, link: str) -> None:
        field = self.find("#add-link")
        field.clear()
        field.send_keys(link)
        self.click("#add-submit")

    def refreshed(self) -> int:
        return int(self.driver.execute_script("return Number(document.getElementById('torrents').dataset.refreshed || 0)"))

    def wait_refresh(self, count: int = 2) -> None:
        """Waits until the page has refreshed itself `count` more times (so it shows the server's state)."""
        for _ in range(count):
            before = self.refreshed()
            self.wait(lambda: self.refreshed() > before, "another automatic refresh")


def torrent(backend: Any, info_hash: str, *fields: str) -> dict:
    got = backend.rpc("torrent-get", ids=[info_hash], fields=["hashString", *fields]).get("torrents", [])
    return got[0] if got else {}


# --- the tests ------------------------------------------------------------------------------------------

def test_add_download_details_files_stop_start_verify_remove(browser: ChromiumDriver, webui: Any,
                                                             swarm: Swarm) -> None:
    p = prepare(swarm)  # 4 files, 11 MiB, announced to opentracker over HTTP
    page = Page(browser, webui).open()
    assert page.visible("#torrents-empty"), f"an empty list shows its note\n{page.describe()}"

    # add by .torrent file (FileReader -> base64 metainfo)
    page.add_file(p.torrent)
    state = page.wait_row(p.info_hash, lambda r: r["name"] == p.root.name, "the added torrent")
    page.wait(lambda: "Added payload" in page.text("#torrents-status"), "the 'Added' message")
    assert not page.visible("#torrents-error"), f"no error after adding\n{page.describe()}"
    assert not page.visible("#torrents-empty")

    # the detail view: files, trackers, then peers once the seeder is connected
    page.click(f'#torrent-rows tr[data-hash="{p.info_hash}"] button[data-action="details"]')
    page.wait(lambda: page.visible("#torrent-detail") and
              page.find("#torrent-detail").get_attribute("data-hash") == p.info_hash, "the detail view")
    want_files = sorted(f["path"] for f in p.info["files"])
    page.wait(lambda: sorted(e.get_attribute("data-name") for e in
                             browser.find_elements(By.CSS_SELECTOR, "#detail-files tr[data-index]")) == want_files,
              f"the files {want_files}")
    page.wait(lambda: browser.find_elements(By.CSS_SELECTOR, f'#detail-trackers tr[data-announce="{p.tracker.http_url}"]'),
              f"the tracker {p.tracker.http_url}")
    assert p.info_hash in page.text("#detail-facts dd[data-field='hash']")

    # a libtorrent seeder dials in; the page shows the progress moving, a download rate and the peer
    seeder = swarm.libtorrent("seed", p.torrent, p.seed_dir, peers=(webui.peer_addr,), upload_limit=SEED_RATE_KIB)
    page.wait_row(p.info_hash, lambda r: 0 < r["progress"] < 1 and r["down"] > 0 and r["status"] == 4,
                  "a partial download with a download rate", TRANSFER_WAIT)
    page.wait(lambda: any(e.get_attribute("data-address").startswith("127.0.0.1:") for e in
                          browser.find_elements(By.CSS_SELECTOR, "#detail-peers tr[data-address]")),
              "the seeder in the peer list")
    state = page.wait_row(p.info_hash, lambda r: r["progress"] == 1 and r["status"] == 6, "100 % and seeding",
                          TRANSFER_WAIT)
    assert state["statusText"] == "Seeding" and state["percent"] == "100.0%", state
    problems = compare_trees(p.root, webui.download_dir / p.root.name)
    assert not problems, f"the downloaded data differs: {problems[:5]}"
    page.wait(lambda: page.text("#detail-files tr[data-index] [data-field='done']") == "100.0%", "files done")

    # files: skip one (files-unwanted), raise another's priority (priority-high)
    index = {e.get_attribute("data-name"): int(e.get_attribute("data-index"))
             for e in browser.find_elements(By.CSS_SELECTOR, "#detail-files tr[data-index]")}
    readme, big = index[f"{p.root.name}/README.txt"], index[f"{p.root.name}/big.bin"]
    page.click(f'#detail-files tr[data-index="{readme}"] input[type="checkbox"]')
    assert wait_until(lambda: not torrent(webui, p.info_hash, "fileStats")["fileStats"][readme]["wanted"], 10, 0.2), \
        f"unticking README.txt did not reach the server\n{page.describe()}"
    Select(page.find(f'#detail-files tr[data-index="{big}"] select')).select_by_value("1")
    assert wait_until(lambda: torrent(webui, p.info_hash, "fileStats")["fileStats"][big]["priority"] == 1, 10, 0.2), \
        f"High priority for big.bin did not reach the server\n{page.describe()}"
    page.wait_refresh()
    assert not page.find(f'#detail-files tr[data-index="{readme}"] input[type="checkbox"]').is_selected()
    assert page.find(f'#detail-files tr[data-index="{big}"] select').get_attribute("value") == "1"
    page.click(f'#detail-files tr[data-index="{readme}"] input[type="checkbox"]')  # wanted again
    assert wait_until(lambda: bool(torrent(webui, p.info_hash, "fileStats")["fileStats"][readme]["wanted"]), 10, 0.2)

    # stop and start from the row
    page.click(page.row_button(p.info_hash, "stop"))
    page.wait_row(p.info_hash, lambda r: r["status"] == 0 and r["toggle"] == "start", "stopped with a Start button")
    assert torrent(webui, p.info_hash, "status")["status"] == 0
    page.click(page.row_button(p.info_hash, "start"))
    page.wait_row(p.info_hash, lambda r: r["status"] == 6 and r["toggle"] == "stop", "seeding again")

    # verify: stopped, one byte of big.bin damaged, Verify finds the bad piece, Start fetches it again
    page.click(page.row_button(p.info_hash, "stop"))
    page.wait_row(p.info_hash, lambda r: r["status"] == 0, "stopped")
    damaged = webui.download_dir / p.root.name / "big.bin"
    with open(damaged, "r+b") as f:
        f.seek(3 * MiB)
        byte = f.read(1)
        f.seek(3 * MiB)
        f.write(bytes([byte[0] ^ 0xFF]))
    page.click(page.row_button(p.info_hash, "verify"))
    page.wait(lambda: "Verifying payload" in page.text("#torrents-status"), "the 'Verifying' message")
    page.wait_row(p.info_hash, lambda r: r["status"] == 0 and 0.9 < r["progress"] < 1,
                  "the damaged piece found by Verify (stopped, under 100 %)", 30)
    page.click(page.row_button(p.info_hash, "start"))
    page.wait_row(p.info_hash, lambda r: r["progress"] == 1 and r["status"] == 6, "seeding after the repair",
                  TRANSFER_WAIT)
    problems = compare_trees(p.root, webui.download_dir / p.root.name)
    assert not problems, f"the repaired data differs: {problems[:5]}"

    # remove with its data, from the detail view's button
    page.click('#detail-actions button[data-action="remove"]')
    page.wait(lambda: page.visible("#remove-dialog"), "the remove dialog")
    assert page.text("#remove-name") == p.root.name
    page.click("#remove-delete-data")
    page.click("#remove-confirm")
    page.wait(lambda: page.row(p.info_hash) is None, "the row gone after Remove")
    page.wait(lambda: not page.visible("#torrent-detail"), "the detail view closed")
    assert torrent(webui, p.info_hash) == {}, "the backend still lists the removed torrent"
    assert wait_until(lambda: not (webui.download_dir / p.root.name).exists(), 15, 0.2), \
        "Remove with 'delete the data' left the data"
    page.wait(lambda: page.visible("#torrents-empty"), "the empty-list note")

    # add by magnet link: a new seeder (no rate limit this time) dials in and gives the metadata, then the data
    seeder.proc.stop()
    page.add_link(magnet(p.info_hash, p.root.name, trackers=[p.tracker.http_url]))
    page.wait_row(p.info_hash, lambda r: True, "the torrent added by magnet")
    swarm.libtorrent("seed", p.torrent, p.seed_dir, peers=(webui.peer_addr,))
    state = page.wait_row(p.info_hash, lambda r: r["progress"] == 1 and r["status"] == 6,
                          "the magnet download at 100 % and seeding", TRANSFER_WAIT)
    assert state["name"] == p.root.name
    assert page.find("#add-link").get_attribute("value") == "", "the link field is cleared after a good add"
    problems = compare_trees(p.root, webui.download_dir / p.root.name)
    assert not problems, f"the magnet download differs: {problems[:5]}"

    # remove without deleting the data, after Cancel once
    page.click(page.row_button(p.info_hash, "remove"))
    page.wait(lambda: page.visible("#remove-dialog"), "the remove dialog")
    page.click("#remove-cancel")
    page.wait(lambda: not page.visible("#remove-dialog"), "the dialog closed by Cancel")
    page.wait_refresh(1)
    assert page.row(p.info_hash) is not None, "Cancel removed the torrent"
    page.click(page.row_button(p.info_hash, "remove"))
    page.wait(lambda: page.visible("#remove-dialog"), "the remove dialog")
    assert not page.find("#remove-delete-data").is_selected(), "'delete the data' is off by default"
    page.click("#remove-confirm")
    page.wait(lambda: page.row(p.info_hash) is None, "the row gone after Remove")
    assert (webui.download_dir / p.root.name / "big.bin").is_file(), "Remove without 'delete' deleted the data"
    assert not page.visible("#torrents-error"), f"an error is showing\n{page.describe()}"


def test_errors_are_shown(browser: ChromiumDriver, webui: Any, tmp_path: Path) -> None:
    page = Page(browser, webui).open()
    alert = page.find("#torrents-error")
    assert alert.get_attribute("role") == "alert"

    page.click("#add-submit")  # nothing chosen
    page.wait(lambda: page.visible("#torrents-error") and "Choose a .torrent file" in page.text("#torrents-error"),
              "the 'choose a file' error")

    junk = tmp_path / "not-a-torrent.torrent"
    junk.write_bytes(b"this is not bencode")
    page.add_file(junk)
    page.wait(lambda: "Could not add not-a-torrent.torrent:" in page.text("#torrents-error"),
              "the server's refusal of a bad .torrent")
    assert page.text("#torrents-error") != "Could not add not-a-torrent.torrent:", "the reason is missing"

    # the server goes away: the next automatic refresh says so
    webui.stop()
    page.wait(lambda: "Could not refresh the list:" in page.text("#torrents-error"), "the refresh error", 15)


def test_paused_add_phone_width_and_labels(browser: ChromiumDriver, webui: Any, swarm: Swarm) -> None:
    p = prepare(swarm, tracker=None, layout=(("a.bin", 300_000), ("folder/b.bin", 700_000)), name="small")
    browser.set_window_size(390, 844)
    try:
        page = Page(browser, webui).open()
        page.add_file(p.torrent, paused=True)
        state = page.wait_row(p.info_hash, lambda r: r["status"] == 0, "the torrent added paused")
        assert state["toggle"] == "start" and state["name"] == "small", state
        assert torrent(webui, p.info_hash, "status")["status"] == 0, "'Add paused' did not reach the server"
        assert page.find("#add-paused").is_selected()
        page.click("#add-paused")
        page.click(f'#torrent-rows tr[data-hash="{p.info_hash}"] button[data-action="details"]')
        page.wait(lambda: len(browser.find_elements(By.CSS_SELECTOR, "#detail-files tr[data-index]")) == 2, "two files")
        for css in ("#add-file", "#add-link", "#add-submit", page.row_button(p.info_hash, "start"),
                    page.row_button(p.info_hash, "remove"), "#detail-close"):
            assert page.visible(css), f"{css} is not visible at phone width"
        overflow = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert overflow[0] <= overflow[1] + 1, f"the page scrolls sideways at phone width: {overflow}"

        # every control has a name a screen reader can read out
        unnamed = browser.execute_script("""
            return Array.from(document.querySelectorAll('#torrents input, #torrents select, #torrents button'))
              .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                             && !(e.tagName === 'BUTTON' && e.textContent.trim()))
              .map((e) => e.outerHTML.slice(0, 120));""")
        assert unnamed == [], f"controls without a label: {unnamed}"
        assert page.find("#torrents-status").get_attribute("aria-live") == "polite"
    finally:
        browser.set_window_size(1280, 1000)
