"""The indexers role's web UI (Templates/indexers.mustache + Assets/indexers.js) in headless Chromium
through selenium, against `kinora serve --role indexers --role series` on 127.0.0.1, with the recorded
Torznab indexer of torznab_upstream.py behind it.

Covers: the page at / and its deep links does not carry the API key and asks for it (a wrong one is
refused with a clear message); an indexer added through the form (a wrong indexer key shows the
server's ApiKey message and offers "Save anyway"; the test passes with the right key; the categories
from its capabilities are listed); the series role added as an application, and an unreachable one
saved anyway, whose failed sync shows on the warning banner until it is deleted; "Sync App Indexers"
reporting completed or failed, with the series role holding the synced copy (checked on its API);
a search whose result row — and a hostile one whose title is markup and whose link is `javascript:` —
are shown as text; the indexer disabled (its copy leaves the series role) and deleted.

Screenshots go to $WEBUI_SCREENSHOTS (default: the test's tmp dir). Every wait is bounded; the server
is stopped by PID; Chromium reaches only 127.0.0.1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import Kinora, Servers
from torznab_upstream import UPSTREAM_KEY, QueryLog, recorded_torznab

pytestmark = pytest.mark.timeout(240)

UI_WAIT = 20.0  # one thing to appear on the page
API_TIMEOUT = 30.0  # one API request (a sync or a search waits for the peers behind the role)
RELEASE = "Show.Name.S01E02.1080p.WEB.h264-GRP"
HOSTILE_TITLE = '<img src="x" onerror="document.title=\'owned\'">Hostile'

# The recorded results plus a release an unfriendly indexer might send: markup as its title and a
# `javascript:` link, which the page must show as text and must not link.
RESULTS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed">
 <channel><title>Recorded Torznab</title>
  <item>
   <title>{RELEASE}</title>
   <guid>https://upstream.invalid/details/1</guid>
   <size>1460985071</size>
   <pubDate>Mon, 07 Dec 2026 10:00:00 +0000</pubDate>
   <link>https://upstream.invalid/dl/1.torrent</link>
   <torznab:attr name="category" value="5040"/>
   <torznab:attr name="seeders" value="35"/>
   <torznab:attr name="peers" value="40"/>
  </item>
  <item>
   <title>&lt;img src="x" onerror="document.title='owned'"&gt;Hostile</title>
   <guid>hostile-1</guid>
   <size>1024</size>
   <pubDate>Sun, 06 Dec 2026 10:00:00 +0000</pubDate>
   <link>javascript:document.title='owned'</link>
   <torznab:attr name="category" value="5040"/>
  </item>
 </channel>
</rss>""".encode()


@pytest.fixture
def upstream() -> Iterator[tuple[str, QueryLog]]:
    with recorded_torznab(RESULTS) as served:
        yield served


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("WEBUI_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


class API:
    """A role's API straight (not through the page), to check what the page did."""

    def __init__(self, k: Kinora, role: str, prefix: str, key: str):
        self.base = k.url(role, prefix)
        self.headers = {"X-Api-Key": key}

    def get(self, path: str) -> Any:
        r = requests.get(self.base + path, headers=self.headers, timeout=API_TIMEOUT)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:300]}"
        return r.json()


class Page:
    """The indexers page in the browser, with bounded waits that say what the page showed."""

    def __init__(self, driver: ChromiumDriver, k: Kinora, shots: Path):
        self.driver = driver
        self.k = k
        self.shots = shots

    def open(self, path: str = "/") -> None:
        self.driver.get(self.k.url("indexers", path))

    def wait(self, predicate: Callable[[], Any], what: str, timeout: float = UI_WAIT) -> Any:
        def check(_: Any) -> Any:
            try:
                return predicate()
            except WebDriverException:
                return None
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.25).until(check)
        except TimeoutException:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; {self.describe()}") from None

    def view(self) -> str:
        return self.css("#indexers-view").get_attribute("data-view") or ""

    def wait_view(self, name: str) -> None:
        self.wait(lambda: self.view() == name and self.css("#indexers-view").get_attribute("aria-busy") is None, f"the {name} view")

    def css(self, selector: str) -> Any:
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector: str) -> list[Any]:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def fill(self, selector: str, text: str) -> None:
        field = self.css(selector)
        field.clear()
        field.send_keys(text)

    def click(self, selector: str) -> None:
        self.css(selector).click()

    def confirm(self) -> None:
        """Accepts the page's confirm() dialog."""
        WebDriverWait(self.driver, UI_WAIT).until(expected_conditions.alert_is_present()).accept()

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.shots / f"indexers-{name}.png"))

    def phone_shot(self, name: str) -> None:
        """A screenshot at phone width, where nothing may be wider than the screen."""
        size = self.driver.get_window_size()
        self.driver.set_window_size(390, 844)
        try:
            self.driver.execute_script("window.scrollTo(0, 0)")
            self.shot(name + "-phone")
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            assert width <= 400, f"the {name} page is {width}px wide at phone width (390px): something does not wrap"
        finally:
            self.driver.set_window_size(size["width"], size["height"])

    def describe(self) -> str:
        try:
            logs = [e["message"][:240] for e in self.driver.get_log("browser")][-8:]
            error = self.css("#indexers-error").text
            return f"view={self.view()!r} error={error!r} url={self.driver.current_url} console={logs}"
        except WebDriverException as error:
            return f"(page not readable: {error.msg})"


def test_indexers_page_adds_syncs_searches_toggles_and_deletes(servers: Servers, upstream, browser: ChromiumDriver,
                                                               shots: Path) -> None:
    upstream_url, upstream_log = upstream
    k: Kinora = servers.start(roles=["indexers", "series"])
    keys = k.keys()
    prowlarr = API(k, "indexers", "/api/v1", keys["indexers"])
    sonarr = API(k, "series", "/api/v3", keys["series"])

    # The page replaces the status page at / and answers its deep links, without the key in it.
    for path in ("/", "/indexers", "/applications", "/search"):
        html = requests.get(k.url("indexers", path), timeout=API_TIMEOUT)
        assert html.status_code == 200 and 'id="indexers"' in html.text, f"{path}: {html.status_code} {html.text[:200]}"
        assert keys["indexers"] not in html.text, "the page hands the API key to anyone who loads it"
    assert requests.get(k.url("indexers", "/nothing-here"), timeout=API_TIMEOUT).status_code == 404

    # The key: asked for, a wrong one refused with a clear message, the right one kept.
    page = Page(browser, k, shots)
    page.open("/")
    browser.execute_script("localStorage.clear()")
    page.open("/")
    page.wait(lambda: page.css("#indexers-key").is_displayed(), "the API key form")
    page.fill("#indexers-key-input", "0" * 32)
    page.click("#indexers-key button[type=submit]")
    page.wait(lambda: "401" in page.css("#indexers-error").text, "a clear message about the refused key")
    page.fill("#indexers-key-input", keys["indexers"])
    page.click("#indexers-key button[type=submit]")
    page.wait_view("indexers")
    assert not page.css("#indexers-key").is_displayed()
    page.wait(lambda: "No indexers yet" in page.css("#indexer-list").text, "the empty indexer list")

    # An indexer through the form: the wrong key is refused with the server's ApiKey message.
    page.fill("#indexer-name", "Recorded")
    Select(page.css("#indexer-implementation")).select_by_value("Torznab")
    page.fill("#indexer-url", upstream_url)
    page.fill("#indexer-apikey", "wrong")
    page.fill("#indexer-priority", "10")
    page.click("#indexer-save")
    page.wait(lambda: page.all('#indexer-failures li[data-property="ApiKey"]'), "the ApiKey message next to the form")
    assert "API key" in page.css('#indexer-failures li[data-property="ApiKey"]').text
    assert page.css("#indexer-force-save").is_displayed(), "no way to save anyway after a refused test"
    assert prowlarr.get("/indexer") == []
    page.shot("indexer-refused")
    page.fill("#indexer-apikey", UPSTREAM_KEY)
    page.click("#indexer-test")
    page.wait(lambda: page.css("#indexer-form-status").text == "Test passed.", "the test to pass with the right key")
    assert not page.all("#indexer-failures li")
    page.click("#indexer-save")
    page.wait(lambda: page.all("#indexer-list tr[data-indexer-id]"), "the indexer in the list")
    indexer = prowlarr.get("/indexer")[0]
    assert indexer["name"] == "Recorded" and indexer["priority"] == 10 and indexer["enable"] is True, indexer
    row = f'#indexer-list tr[data-indexer-id="{indexer["id"]}"]'
    cells = {e.get_attribute("data-field"): e.text for e in page.all(row + " td")}
    assert cells["name"] == "Recorded" and cells["protocol"] == "Torrent" and cells["priority"] == "10", cells
    chips = page.all(row + " td[data-field=categories] li")
    assert [e.text for e in chips] == ["Movies", "TV", "Audio"]
    assert chips[1].get_attribute("title") == "5000 TV, 5040 TV/HD, 5070 TV/Anime"
    page.shot("indexers")
    page.phone_shot("indexers")

    # Applications: the series role (a wrong key first: the server's ApiKey message).
    page.click('.library-bar a[data-section="applications"]')
    page.wait_view("applications")
    assert page.css("#application-prowlarr-url").get_attribute("value") == k.url("indexers", "/").rstrip("/")
    assert not page.css("#applications-health").is_displayed()
    Select(page.css("#application-implementation")).select_by_value("Sonarr")
    page.fill("#application-name", "Kinora series")
    page.fill("#application-url", k.url("series", "/").rstrip("/"))
    page.fill("#application-apikey", "not-the-key")
    Select(page.css("#application-sync-level")).select_by_value("fullSync")
    page.click("#application-save")
    page.wait(lambda: page.all('#application-failures li[data-property="ApiKey"]'), "the application's ApiKey message")
    page.fill("#application-apikey", keys["series"])
    page.click("#application-test")
    page.wait(lambda: page.css("#application-form-status").text == "Test passed.", "the application test to pass")
    page.click("#application-save")
    page.wait(lambda: len(page.all("#application-list tr[data-application-id]")) == 1, "the series role in the list")
    series_app = prowlarr.get("/applications")[0]
    assert series_app["name"] == "Kinora series" and series_app["syncLevel"] == "fullSync", series_app
    assert {f["name"]: f.get("value") for f in series_app["fields"]}["prowlarrUrl"] == k.url("indexers", "/").rstrip("/")

    # An application that cannot be reached: refused, then saved anyway.
    Select(page.css("#application-implementation")).select_by_value("Sonarr")
    page.fill("#application-name", "Gone")
    page.fill("#application-url", "http://127.0.0.1:9")
    page.fill("#application-apikey", "x" * 32)
    page.click("#application-save")
    page.wait(lambda: page.css("#application-force-save").is_displayed(), "Save anyway after the refused connection test")
    assert page.css("#application-failures").text, "no reason given for the refusal"
    page.click("#application-force-save")
    page.wait(lambda: len(page.all("#application-list tr[data-application-id]")) == 2, "the unreachable application in the list")

    # Sync App Indexers: failed because of "Gone", shown on the banner; the series role got the indexer anyway.
    page.click("#sync-button")
    page.wait(lambda: page.css("#sync-status").get_attribute("data-status") in ("completed", "failed"), "the sync to finish", 60)
    assert page.css("#sync-status").get_attribute("data-status") == "failed", page.css("#sync-status").text
    assert "Gone" in page.css("#sync-status").text
    page.wait(lambda: page.css("#applications-health").is_displayed(), "the health warning")
    assert "Gone" in page.css("#applications-health").text
    copies = sonarr.get("/indexer")
    assert [c["name"] for c in copies] == ["Recorded (Prowlarr)"], copies
    page.shot("applications-failing")

    gone = next(a for a in prowlarr.get("/applications") if a["name"] == "Gone")
    page.click(f'#application-list tr[data-application-id="{gone["id"]}"] button.delete')
    page.confirm()
    page.wait(lambda: len(page.all("#application-list tr[data-application-id]")) == 1, "the unreachable application to go")
    page.click("#sync-button")
    page.wait(lambda: page.css("#sync-status").get_attribute("data-status") == "completed", "the sync to complete", 60)
    assert not page.css("#applications-health").is_displayed()
    page.shot("applications")
    page.phone_shot("applications")

    # Search: the recorded result in the table; the hostile one as text, without a link.
    page.click('.library-bar a[data-section="search"]')
    page.wait_view("search")
    page.fill("#search-query", "Show Name")
    Select(page.css("#search-type")).select_by_value("tvsearch")
    Select(page.css("#search-indexers")).select_by_value(str(indexer["id"]))
    Select(page.css("#search-categories")).select_by_value("5000")
    page.click("#search-submit")
    page.wait(lambda: page.css("#search-count").text == "2 results", "the two recorded results")
    asked = [q for q in upstream_log if q.get("t") == ["tvsearch"]]
    assert asked and asked[-1]["q"] == ["Show Name"] and asked[-1]["cat"] == ["5000"], asked
    good = page.css('#search-results tr[data-guid="https://upstream.invalid/details/1"]')
    found = {e.get_attribute("data-field"): e.text for e in good.find_elements(By.CSS_SELECTOR, "td")}
    assert found["title"] == RELEASE and found["indexer"] == "Recorded", found
    assert found["size"] == "1.36 GiB" and found["peers"] == "35 / 5" and found["categories"] == "TV/HD", found
    assert found["age"].endswith(("day", "days", "h", "min")), found
    assert good.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href") == "https://upstream.invalid/dl/1.torrent"
    hostile = page.css('#search-results tr[data-guid="hostile-1"]')
    assert hostile.find_element(By.CSS_SELECTOR, 'td[data-field="title"]').text == HOSTILE_TITLE
    assert not hostile.find_elements(By.CSS_SELECTOR, "a"), "a javascript: link from an indexer was made clickable"
    assert not page.all("#search-results img") and browser.title != "owned"
    page.shot("search")
    page.phone_shot("search")

    # The search is in the address: reloading it searches again.
    params = parse_qs(urlparse(browser.current_url).query)
    assert params["query"] == ["Show Name"] and params["type"] == ["tvsearch"] and params["categories"] == ["5000"], params
    browser.refresh()
    page.wait(lambda: page.css("#search-count").text == "2 results", "the results after a reload")
    assert Select(page.css("#search-categories")).first_selected_option.get_attribute("value") == "5000"

    # Disable: the API says so, and the full sync takes the copy out of the series role.
    page.click('.library-bar a[data-section="indexers"]')
    page.wait_view("indexers")
    page.click(row + " button.toggle-enable")
    page.wait(lambda: page.css(row).get_attribute("data-enabled") == "false", "the row shown disabled")
    assert prowlarr.get(f"/indexer/{indexer['id']}")["enable"] is False
    assert {f["name"]: f.get("value") for f in prowlarr.get(f"/indexer/{indexer['id']}")["fields"]}["apiKey"] == "********"
    page.wait(lambda: sonarr.get("/indexer") == [], "the copy to leave the series role", 30)
    assert page.css(row + " button.toggle-enable").get_attribute("aria-pressed") == "false"
    # The stored key survived the masked "********" sent back: enabling reads the capabilities with it.
    page.click(row + " button.toggle-enable")
    page.wait(lambda: page.css(row).get_attribute("data-enabled") == "true", "the row shown enabled again")
    requests.post(k.url("indexers", "/api/v1/indexer/test"), json=prowlarr.get(f"/indexer/{indexer['id']}"),
                  headers=prowlarr.headers, timeout=API_TIMEOUT).raise_for_status()

    # Delete, confirmed.
    page.click(row + " button.delete")
    page.confirm()
    page.wait(lambda: not page.all(row), "the indexer to leave the list")
    assert prowlarr.get("/indexer") == []
    assert not page.css("#indexers-error").text, page.describe()
