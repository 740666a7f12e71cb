"""The media role's web client (Templates/media.mustache + Assets/media.js) in headless Chromium through
selenium, against `kinora serve --role media` on 127.0.0.1 with real ffmpeg/ffprobe.

The home page shows artwork scaled by the server (a poster, and a frame grabbed from a video without one).

Two files made here with ffmpeg: an H.264 + AAC MP4 with an English .srt beside it (the browser plays it
as it is) and an HEVC + AC-3 Matroska with an embedded SubRip track (the browser cannot: it goes through
the HLS transcoder). For each: open it from the home page, play, `currentTime` passes 3 s, a subtitle
track shows its cue, a seek lands where asked and playback goes on; after leaving the player no ffmpeg of
the server is left. Also: the first-run form, sign-in, search, and the administration page giving a
second user one library only, which the server then enforces.

Every wait is bounded; the server is stopped by PID; Chromium reaches only 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
import requests
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from harness import HTTP_TIMEOUT, Kinora, Servers
from swarm import wait_until
from test_media_hls import AUTH, ffmpeg, ffmpeg_children, wait_scanned

pytestmark = pytest.mark.timeout(300)

UI_WAIT = 20.0  # one thing to appear on the page
PLAY_WAIT = 60.0  # playback to pass a point (a transcode starts ffmpeg first)
RUNTIME = 40  # seconds of each generated video: room for a seek to 25 s
SEEK_TO = 25.0
MP4_CUE = "Kinora external subtitle"
MKV_CUE = "Kinora embedded subtitle"

CARD_IMAGES = """
const sizes = {};
for (const card of document.querySelectorAll('a.card')) {
  const img = card.querySelector('img');
  if (img && img.complete) sizes[card.querySelector('.card-title').textContent] = [img.naturalWidth, img.naturalHeight];
}
return sizes;
"""

PLAYER_STATE = """
const v = document.querySelector('#player video');
if (!v) return null;
const tracks = Array.from(v.textTracks).map((t) => ({
  mode: t.mode, cues: t.cues ? t.cues.length : -1,
  active: t.activeCues ? Array.from(t.activeCues).map((c) => c.text) : [] }));
return { time: v.currentTime, paused: v.paused, ready: v.readyState, method: v.dataset.playMethod,
         error: v.error && (v.error.message || String(v.error.code)), duration: v.duration, tracks };
"""


def srt(text: str) -> str:
    return f"1\n00:00:00,500 --> 00:00:{RUNTIME - 1:02d},000\n{text}\n"


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("webui-media")
    mp4 = base / "plain.mp4"
    ffmpeg("-f", "lavfi", "-i", f"testsrc=s=480x270:r=24:d={RUNTIME}", "-f", "lavfi", "-i", f"sine=d={RUNTIME}",
           "-c:v", "libx264", "-preset", "ultrafast", "-g", "48", "-c:a", "aac", "-movflags", "+faststart", str(mp4))
    (base / "plain.en.srt").write_text(srt(MP4_CUE))
    subtitle = base / "embedded.srt"
    subtitle.write_text(srt(MKV_CUE))
    mkv = base / "hevc.mkv"
    ffmpeg("-f", "lavfi", "-i", f"testsrc=s=480x270:r=24:d={RUNTIME}", "-f", "lavfi", "-i", f"sine=d={RUNTIME}",
           "-i", str(subtitle), "-map", "0:v", "-map", "1:a", "-map", "2:s",
           "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=48",
           "-c:a", "ac3", "-c:s", "srt", "-metadata:s:s:0", "language=eng", str(mkv))
    poster = base / "poster.jpg"
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=600x900", "-frames:v", "1", str(poster))
    return {"mp4": mp4, "srt": base / "plain.en.srt", "mkv": mkv, "poster": poster}


@pytest.fixture
def server(servers: Servers, videos: dict[str, Path]) -> Kinora:
    data = servers.new_data_dir()
    movie = data / "movies" / "Plain Movie (2021)"
    movie.mkdir(parents=True)
    (movie / "Plain Movie (2021).mp4").hardlink_to(videos["mp4"])
    (movie / "Plain Movie (2021).en.srt").write_bytes(videos["srt"].read_bytes())
    (movie / "poster.jpg").hardlink_to(videos["poster"])
    hevc = data / "movies" / "Hevc Movie (2022)"
    hevc.mkdir(parents=True)
    (hevc / "Hevc Movie (2022).mkv").hardlink_to(videos["mkv"])
    (data / "tv" / "Some Show" / "Season 01").mkdir(parents=True)
    (data / "tv" / "Some Show" / "Season 01" / "Some Show - S01E01 - One.mp4").hardlink_to(videos["mp4"])
    return servers.start(data_dir=data, roles=["media"])


class Page:
    """The media page in the browser, with bounded waits that say what the page showed."""

    def __init__(self, driver: ChromiumDriver, k: Kinora):
        self.driver = driver
        self.k = k

    def open(self, fragment: str = "") -> None:
        self.driver.get(self.k.url("media", "/web/") + fragment)

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
        return self.driver.find_element(By.ID, "media-view").get_attribute("data-view") or ""

    def wait_view(self, name: str) -> None:
        self.wait(lambda: self.view() == name, f"the {name} view")

    def error(self) -> str:
        return self.driver.find_element(By.ID, "media-error").text

    def fill(self, element_id: str, text: str) -> None:
        field = self.driver.find_element(By.ID, element_id)
        field.clear()
        field.send_keys(text)

    def click(self, css: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, css).click()

    def player(self) -> dict[str, Any] | None:
        return self.driver.execute_script(PLAYER_STATE)

    def card_names(self) -> list[str]:
        return [e.find_element(By.CSS_SELECTOR, ".card-title").text for e in self.driver.find_elements(By.CSS_SELECTOR, "a.card")]

    def describe(self) -> str:
        try:
            logs = [e["message"][:200] for e in self.driver.get_log("browser")][-8:]
            return (f"view={self.view()!r} error={self.error()!r} url={self.driver.current_url} "
                    f"player={self.player()} console={logs}")
        except WebDriverException as error:
            return f"(page not readable: {error.msg})"


def sign_in_ui(page: Page, name: str, password: str) -> None:
    page.wait_view("signin")
    page.fill("signin-name", name)
    page.fill("signin-password", password)
    page.click("#media-signin button[type=submit]")
    page.wait_view("home")


def api_token(k: Kinora, name: str, password: str) -> str:
    r = k.post("media", "/Users/AuthenticateByName", json={"Username": name, "Pw": password}, headers={"Authorization": AUTH})
    assert r.status_code == 200, r.text
    return r.json()["AccessToken"]


def play_and_check(page: Page, title: str, method: str, cue: str) -> None:
    """From the home page: open `title`, play it, check time, subtitles and a seek."""
    page.click("#media-libraries a")  # the first library link proves the bar is there; go home again
    page.open("#/home")
    page.wait(lambda: title in page.card_names(), f"a card for {title} on the home page")
    card = next(e for e in page.driver.find_elements(By.CSS_SELECTOR, "a.card")
                if e.find_element(By.CSS_SELECTOR, ".card-title").text == title)
    card.click()
    page.wait_view("item")
    page.click("#play-button")
    page.wait_view("player")
    state = page.wait(lambda: (s := page.player()) and s["time"] > 3 and s, f"{title} to play past 3 s", PLAY_WAIT)
    assert state["method"] == method, state
    assert not page.error(), page.describe()

    select = Select(page.driver.find_element(By.ID, "subtitle-select"))
    assert len(select.options) >= 2, [o.text for o in select.options]
    select.select_by_index(1)
    state = page.wait(lambda: (s := page.player()) and any(t["mode"] == "showing" and cue in t["active"] for t in s["tracks"]) and s,
                      f"the subtitle cue {cue!r} showing", UI_WAIT)

    page.driver.execute_script("document.querySelector('#player video').currentTime = arguments[0]", SEEK_TO)
    page.wait(lambda: (s := page.player()) and SEEK_TO + 1.5 < s["time"] < SEEK_TO + 12 and not s["paused"] and s,
              f"{title} to play on after a seek to {SEEK_TO} s", PLAY_WAIT)
    assert not page.error(), page.describe()


def test_play_direct_and_transcoded_with_subtitles_and_seek(server: Kinora, browser: ChromiumDriver) -> None:
    page = Page(browser, server)
    browser.delete_all_cookies()
    page.open()
    browser.execute_script("localStorage.clear()")

    # First run: the setup form creates the administrator and signs in.
    page.open()
    page.wait_view("setup")
    page.fill("setup-name", "alice")
    page.fill("setup-password", "secret")
    page.click("#media-setup button[type=submit]")
    page.wait_view("admin")
    token = api_token(server, "alice", "secret")
    wait_scanned(server, token, videos=3)

    # Sign out and in again through the form.
    page.click("#media-signout")
    sign_in_ui(page, "alice", "secret")
    assert page.driver.find_element(By.ID, "media-user-name").text == "alice"

    # Artwork: the poster scaled to the card (fillHeight=330 of 600×900), a grabbed frame for the MKV.
    sizes = page.wait(lambda: (found := browser.execute_script(CARD_IMAGES)) and len(found) >= 2
                      and all(size[1] > 0 for size in found.values()) and found, "the cards' images to load")
    assert sizes["Plain Movie"] == [220, 330], sizes
    assert sizes["Hevc Movie"][0] > 0, sizes
    movie = server.get("media", "/Items", params={"api_key": token, "Recursive": "true", "SearchTerm": "Plain"}).json()["Items"][0]
    for query, status in [({"maxWidth": "0"}, 400), ({"quality": "101"}, 400), ({"fillWidth": "abc"}, 400), ({"format": "gif"}, 400)]:
        r = requests.get(server.url("media", f"/Items/{movie['Id']}/Images/Primary"), params=query, timeout=HTTP_TIMEOUT)
        assert r.status_code == status and r.text, (query, r.status_code, r.text)
    for path in ("Images/Primary/1", "Images/Nonsense", "Images/..%2F..%2Fetc%2Fpasswd"):
        assert requests.get(server.url("media", f"/Items/{movie['Id']}/{path}"), timeout=HTTP_TIMEOUT).status_code == 404, path

    play_and_check(page, "Plain Movie", "DirectPlay", MP4_CUE)
    play_and_check(page, "Hevc Movie", "Transcode", MKV_CUE)

    # Leaving the player reports the stop; no transcode is left (this short file may be done already).
    page.open("#/home")
    page.wait_view("home")
    assert wait_until(lambda: not ffmpeg_children(server.pid), 20), f"ffmpeg still running: {ffmpeg_children(server.pid)}"

    # Search.
    box = browser.find_element(By.ID, "media-search-q")
    box.send_keys("hevc")
    box.submit()
    page.wait_view("search")
    page.wait(lambda: page.card_names() == ["Hevc Movie"], "the search to find Hevc Movie only")


def test_admin_gives_a_user_one_library(server: Kinora, browser: ChromiumDriver) -> None:
    for path, body in [("/Startup/User", {"Name": "alice", "Password": "secret"}), ("/Startup/Complete", None)]:
        assert server.post("media", path, json=body).status_code == 204
    token = api_token(server, "alice", "secret")
    wait_scanned(server, token, videos=3)
    page = Page(browser, server)
    page.open()
    browser.execute_script("localStorage.clear()")
    page.open()
    sign_in_ui(page, "alice", "secret")

    page.open("#/admin")
    page.wait_view("admin")
    page.wait(lambda: browser.find_elements(By.CSS_SELECTOR, "#admin-libraries tr[data-name='Movies']"), "the Movies library listed")
    assert "Degraded" not in browser.find_element(By.ID, "admin-transcoding").text
    assert "ffmpeg" in browser.find_element(By.ID, "admin-transcoding").text

    users = browser.find_element(By.ID, "admin-users")
    users.find_element(By.NAME, "name").send_keys("bob")
    users.find_element(By.NAME, "password").send_keys("hunter2")
    users.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    row = page.wait(lambda: next((r for r in browser.find_elements(By.CSS_SELECTOR, "#admin-users tbody tr")
                                  if r.find_element(By.CSS_SELECTOR, "td").text == "bob"), None), "bob in the users table")
    # Only Shows: untick "All libraries", tick Shows.
    row.find_element(By.CSS_SELECTOR, "input[name=all]").click()
    shows = next(box for box in row.find_elements(By.CSS_SELECTOR, "input[name=folder]")
                 if box.find_element(By.XPATH, "..").text == "Shows")
    shows.click()

    bob_id = next(u["Id"] for u in server.get("media", "/Users", params={"api_key": token}).json() if u["Name"] == "bob")

    def policy() -> dict[str, Any]:
        return server.get("media", f"/Users/{bob_id}", params={"api_key": token}).json()["Policy"]
    assert wait_until(lambda: policy()["EnableAllFolders"] is False and len(policy()["EnabledFolders"]) == 1, 10), policy()

    # Bob sees Shows only, in the page and through the API.
    page.click("#media-signout")
    sign_in_ui(page, "bob", "hunter2")
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#media-libraries a")]
    assert links == ["Shows"], links
    assert "Plain Movie" not in page.card_names() and "One" in page.card_names(), page.card_names()
    bob = api_token(server, "bob", "hunter2")
    movies = requests.get(server.url("media", "/Items"), params={"api_key": bob, "Recursive": "true", "IncludeItemTypes": "Movie"},
                          timeout=HTTP_TIMEOUT).json()
    assert movies["TotalRecordCount"] == 0, movies
    alice_movies = server.get("media", "/Items", params={"api_key": token, "Recursive": "true", "IncludeItemTypes": "Movie"}).json()
    movie_id = alice_movies["Items"][0]["Id"]
    for path in (f"/Items/{movie_id}", f"/Videos/{movie_id}/stream", f"/Items/{movie_id}/Download"):
        r = requests.get(server.url("media", path), params={"api_key": bob}, timeout=HTTP_TIMEOUT)
        assert r.status_code == 404, (path, r.status_code)
    assert browser.find_element(By.ID, "media-admin-link").get_attribute("hidden") is not None
    # The last administrator cannot be deleted (one sentence says why).
    alice_id = next(u["Id"] for u in server.get("media", "/Users", params={"api_key": token}).json() if u["Name"] == "alice")
    r = requests.delete(server.url("media", f"/Users/{alice_id}"), params={"api_key": token}, timeout=HTTP_TIMEOUT)
    assert r.status_code == 400 and "administrator" in r.text, (r.status_code, r.text)
