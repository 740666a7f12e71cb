"""The series and movies roles' web UI (Templates/library.mustache + Assets/library.js) in headless
Chromium through selenium, against `kinora serve --role series --role movies` on 127.0.0.1 with the
offline metadata catalog (Tests/Interop/fixtures/catalog.json, KINORA_METADATA_CATALOG).

Covers: the page does not carry the API key; it asks for it, says so clearly on a wrong key (401), and
takes `?apikey=` once, dropping it from the address bar. Series: the add flow (lookup → root folder,
profile, monitoring → POST) leads to the detail page; the index shows the series with its poster (grid
and table); a season's monitoring toggled on the detail page changes it in the API; a quality profile's
cutoff changed in the settings changes it in the API; a 400's validation list is shown (a root folder
that does not exist). Movies: add a movie, see it with its poster and its detail page.

Screenshots of each screen go to $KINORA_SCREENSHOTS (default: the test's tmp dir), desktop and phone
width. Every wait is bounded; the server is stopped by PID; Chromium reaches only 127.0.0.1.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlparse

import pytest
import requests
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import HTTP_TIMEOUT, REPO, Kinora, Servers, kinora_bin

pytestmark = pytest.mark.timeout(240)

UI_WAIT = 20.0  # one thing to appear on the page
CATALOG = REPO / "Tests" / "Interop" / "fixtures" / "catalog.json"
SERIES_TITLE = "Breaking Bad"
MOVIE_TITLE = "Inception"

POSTERS = """
const sizes = {};
for (const card of document.querySelectorAll('a.card')) {
  const img = card.querySelector('img');
  sizes[card.querySelector('.card-title').textContent] = img && img.complete ? [img.naturalWidth, img.naturalHeight] : null;
}
return sizes;
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kinora]:
    """Both faces in one process, with the offline catalog as metadata provider."""
    if not CATALOG.is_file():
        pytest.fail(f"the offline catalog is missing: {CATALOG}", pytrace=False)
    kinora_bin()
    pool = Servers(tmp_path_factory.mktemp("library-webui"))
    try:
        yield pool.start(roles=["series", "movies"], env={"KINORA_METADATA_CATALOG": str(CATALOG)})
    finally:
        pool.stop_all()


@pytest.fixture(scope="module")
def keys(library: Kinora) -> dict[str, str]:
    return library.keys()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("KINORA_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


class API:
    """The role's API v3, straight (not through the page), to check what the page did."""

    def __init__(self, k: Kinora, role: str, key: str):
        self.base = k.url(role, "/api/v3")
        self.headers = {"X-Api-Key": key}

    def get(self, path: str) -> Any:
        r = requests.get(self.base + path, headers=self.headers, timeout=HTTP_TIMEOUT)
        assert r.status_code == 200, f"GET {path}: {r.status_code} {r.text[:300]}"
        return r.json()


class Page:
    """One face's page in the browser, with bounded waits that say what the page showed."""

    def __init__(self, driver: ChromiumDriver, k: Kinora, role: str, shots: Path):
        self.driver = driver
        self.k = k
        self.role = role
        self.shots = shots

    def open(self, path: str = "/") -> None:
        self.driver.get(self.k.url(self.role, path))

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
        return self.driver.find_element(By.ID, "library-view").get_attribute("data-view") or ""

    def wait_view(self, name: str) -> None:
        self.wait(lambda: self.view() == name and self.driver.find_element(By.ID, "library-view").get_attribute("aria-busy") is None,
                  f"the {name} view")

    def error(self) -> str:
        return self.driver.find_element(By.ID, "library-error").text

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

    def card_titles(self) -> list[str]:
        return [e.text for e in self.all("a.card .card-title")]

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(self.shots / f"{self.role}-{name}.png"))

    def phone_shot(self, name: str) -> None:
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
            return f"view={self.view()!r} error={self.error()!r} url={self.driver.current_url} console={logs}"
        except WebDriverException as error:
            return f"(page not readable: {error.msg})"


def fresh_page(browser: ChromiumDriver, k: Kinora, role: str, shots: Path) -> Page:
    page = Page(browser, k, role, shots)
    page.open("/")
    browser.execute_script("localStorage.clear()")
    page.open("/")
    return page


def add_through_ui(page: Page, term: str, title: str, choose: Callable[[Page], None]) -> str:
    """The add flow: search, pick the result called `title`, let `choose` set the options, add.
    Returns the detail page's path."""
    page.open("/add/new")
    page.wait_view("add")
    page.fill("#add-term", term)
    page.click("#add-search button[type=submit]")
    page.wait(lambda: any(e.find_element(By.CSS_SELECTOR, "h3").text.startswith(title) for e in page.all("#add-results li.lookup")),
              f"a lookup result for {title}")
    page.shot("add-results")
    result = next(e for e in page.all("#add-results li.lookup") if e.find_element(By.CSS_SELECTOR, "h3").text.startswith(title))
    result.find_element(By.CSS_SELECTOR, "button.choose").click()
    page.wait(lambda: page.css("#add-form").is_displayed(), "the add form")
    choose(page)
    page.shot("add-form")
    page.click("#add-submit")
    page.wait(lambda: page.view() == "detail" and page.css("#detail-title").text == title, f"the detail page of {title}")
    return urlparse(page.driver.current_url).path


def check_index_poster(page: Page, title: str) -> None:
    page.open("/")
    page.wait_view("index")
    if page.css("#index-view-toggle").get_attribute("data-layout") != "posters":
        page.click("#index-view-toggle")
    page.wait(lambda: title in page.card_titles(), f"a card for {title} in the index")
    size = page.wait(lambda: (sizes := page.driver.execute_script(POSTERS)).get(title) and sizes[title][0] > 0 and sizes[title],
                     f"the poster of {title} to load")
    assert size[1] > size[0], f"the poster of {title} is not portrait: {size}"
    page.shot("index-posters")
    page.phone_shot("index")
    page.click("#index-view-toggle")
    page.wait(lambda: any(e.text == title for e in page.all("table.index-table tbody td a")), f"{title} in the table view")
    page.shot("index-table")
    page.click("#index-view-toggle")
    page.wait(lambda: title in page.card_titles(), "the poster grid again")


def test_key_is_asked_for_not_embedded(library: Kinora, keys: dict[str, str], browser: ChromiumDriver, shots: Path) -> None:
    key = keys["series"]
    html = requests.get(library.url("series", "/"), timeout=HTTP_TIMEOUT)
    assert html.status_code == 200 and 'id="library"' in html.text, html.text[:300]
    assert key not in html.text, "the page hands the API key to anyone who loads it"
    deep = requests.get(library.url("series", "/series/some-show"), timeout=HTTP_TIMEOUT)
    assert deep.status_code == 200 and 'data-face="series"' in deep.text
    assert 'data-face="movies"' in requests.get(library.url("movies", "/movie/some-movie"), timeout=HTTP_TIMEOUT).text

    page = fresh_page(browser, library, "series", shots)
    page.wait(lambda: page.css("#library-key").is_displayed(), "the API key form")
    page.shot("key-form")
    page.fill("#library-key-input", "0" * 32)
    page.click("#library-key button[type=submit]")
    page.wait(lambda: "401" in page.error(), "a clear message about the refused key")
    assert page.css("#library-key").is_displayed()
    page.shot("key-refused")

    page.open("/?apikey=" + key)
    page.wait_view("index")
    assert "apikey" not in page.driver.current_url, page.driver.current_url
    assert not page.css("#library-key").is_displayed()
    assert browser.execute_script("return Object.values(localStorage)").count(key) == 1

    # a stale key in the browser: the next API call brings the form back with the message
    browser.execute_script("for (const k of Object.keys(localStorage)) if (k.endsWith('.apikey')) localStorage.setItem(k, arguments[0])", "f" * 32)
    page.open("/calendar")
    page.wait(lambda: page.css("#library-key").is_displayed() and "401" in page.error(), "the key form after a 401")
    page.fill("#library-key-input", key)
    page.click("#library-key button[type=submit]")
    page.wait_view("calendar")


def test_series_add_index_detail_and_settings(library: Kinora, keys: dict[str, str], browser: ChromiumDriver, shots: Path) -> None:
    api = API(library, "series", keys["series"])
    page = fresh_page(browser, library, "series", shots)
    page.open("/?apikey=" + keys["series"])
    page.wait_view("index")

    def choose(p: Page) -> None:
        roots = Select(p.css("#add-root"))
        tv = next(o for o in roots.options if o.get_attribute("value").rstrip("/").endswith("/tv"))
        roots.select_by_value(tv.get_attribute("value"))
        Select(p.css("#add-monitor")).select_by_value("all")
        Select(p.css("#add-series-type")).select_by_value("standard")

    detail_path = add_through_ui(page, "breaking bad", SERIES_TITLE, choose)
    assert detail_path.startswith("/series/"), detail_path
    series = next(s for s in api.get("/series") if s["title"] == SERIES_TITLE)
    assert series["path"].rstrip("/").split("/")[-2] == "tv", series["path"]
    assert series["seriesType"] == "standard" and series["monitored"]
    page.wait(lambda: len(page.all(".season[data-season]")) >= 1, "the seasons on the detail page")
    page.shot("detail")

    check_index_poster(page, SERIES_TITLE)

    # open the detail page from the index, as a user does; a deep link loads the same page
    next(e for e in page.all("a.card") if e.find_element(By.CSS_SELECTOR, ".card-title").text == SERIES_TITLE).click()
    page.wait(lambda: page.view() == "detail" and page.css("#detail-title").text == SERIES_TITLE, "the detail page from the index")
    assert urlparse(page.driver.current_url).path == detail_path
    page.open(detail_path)
    page.wait(lambda: page.view() == "detail" and page.css("#detail-title").text == SERIES_TITLE, "the detail page by its deep link")
    page.phone_shot("detail")

    # a season's monitoring, toggled on the page, changes in the API
    season_one = next(s for s in series["seasons"] if s["seasonNumber"] == 1)
    assert season_one["monitored"], series["seasons"]
    page.click('.season[data-season="1"] button.monitor-toggle')
    page.wait(lambda: not next(s for s in api.get(f"/series/{series['id']}")["seasons"] if s["seasonNumber"] == 1)["monitored"],
              "season 1 unmonitored in the API")
    page.wait(lambda: page.css('.season[data-season="1"]').get_attribute("data-monitored") == "false", "the page to show season 1 unmonitored")
    for other in api.get(f"/series/{series['id']}")["seasons"]:
        if other["seasonNumber"] != 1:
            assert other["monitored"] == next(s for s in series["seasons"] if s["seasonNumber"] == other["seasonNumber"])["monitored"], other

    # an episode's monitoring, toggled on the page, changes in the API
    episodes = api.get(f"/episode?seriesId={series['id']}")
    target = next(e for e in episodes if e["seasonNumber"] == 2 and e["episodeNumber"] == 1)
    page.wait(lambda: page.css('.season[data-season="2"]'), "season 2")
    page.driver.execute_script("document.querySelector('.season[data-season=\"2\"] details').open = true")
    page.click(f'tr[data-episode-id="{target["id"]}"] button.monitor-toggle')
    page.wait(lambda: next(e for e in api.get(f"/episode?seriesId={series['id']}") if e["id"] == target["id"])["monitored"] != target["monitored"],
              "the episode's monitoring to change in the API")

    # settings → quality profiles: change a cutoff
    page.open("/settings/profiles")
    page.wait_view("settings-profiles")
    profiles = api.get("/qualityprofile")
    profile = next(p for p in profiles if sum(1 for item in p["items"] if item["allowed"]) >= 2)
    page.click(f'li[data-profile-id="{profile["id"]}"] button.edit')
    page.wait(lambda: page.css("#profile-form").is_displayed(), "the profile form")
    cutoff = Select(page.css("#profile-cutoff"))
    new_value = next(o.get_attribute("value") for o in cutoff.options if o.get_attribute("value") != str(profile["cutoff"]))
    cutoff.select_by_value(new_value)
    page.shot("profile-form")
    page.click("#profile-save")
    page.wait(lambda: api.get(f"/qualityprofile/{profile['id']}")["cutoff"] == int(new_value), "the new cutoff in the API")
    page.wait_view("settings-profiles")

    # a 400's validation list is shown: a root folder that does not exist
    page.open("/settings/mediamanagement")
    page.wait_view("settings-mediamanagement")
    page.fill("#rootfolder-path", "/does/not/exist/kinora-webui")
    page.click("#rootfolder-form button[type=submit]")
    page.wait(lambda: page.css("#rootfolder-errors").text.strip(), "the validation error of the root folder")
    page.shot("rootfolder-error")

    # the other screens render without an error
    for path, name in [("/calendar", "calendar"), ("/wanted/missing", "wanted"), ("/add/import", "import"),
                       ("/settings/customformats", "settings-customformats"), ("/settings/quality", "settings-quality"),
                       ("/settings/indexers", "settings-indexers"), ("/settings/tags", "settings-tags")]:
        page.open(path)
        page.wait_view(name)
        assert not page.error(), f"{path}: {page.describe()}"
        page.shot(name)


def test_movies_add_and_index(library: Kinora, keys: dict[str, str], browser: ChromiumDriver, shots: Path) -> None:
    api = API(library, "movies", keys["movies"])
    page = fresh_page(browser, library, "movies", shots)
    page.open("/?apikey=" + keys["movies"])
    page.wait_view("index")

    def choose(p: Page) -> None:
        Select(p.css("#add-availability")).select_by_value("released")

    detail_path = add_through_ui(page, "inception", MOVIE_TITLE, choose)
    assert detail_path.startswith("/movie/"), detail_path
    movie = next(m for m in api.get("/movie") if m["title"] == MOVIE_TITLE)
    assert movie["monitored"] and movie["minimumAvailability"] == "released", movie
    facts = {e.get_attribute("data-fact"): e.text for e in page.all("#library-view dd[data-fact]")}
    assert facts.get("Minimum availability") == "released", facts
    page.shot("detail")

    check_index_poster(page, MOVIE_TITLE)
    page.open("/wanted/missing")
    page.wait_view("wanted")
    assert not page.error(), page.describe()
    page.shot("wanted")
