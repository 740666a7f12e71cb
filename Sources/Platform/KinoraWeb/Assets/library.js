// The series (Sonarr) and movies (Radarr) roles' web UI: one app for both faces, on their API v3.
// The page (Templates/library.mustache) says which face; the app routes by location and builds every
// element with textContent, never HTML from data.
(function () {
  "use strict";

  const root = document.getElementById("library");
  if (!root) return;
  const view = document.getElementById("library-view");
  const errorBox = document.getElementById("library-error");
  const statusBox = document.getElementById("library-status");
  const keyForm = document.getElementById("library-key");
  const keyInput = document.getElementById("library-key-input");
  const forgetKey = document.getElementById("library-forget-key");

  const isSeries = root.dataset.face !== "movies";
  // What differs between the faces, in one place.
  const FACE = isSeries
    ? { resource: "series", detailPath: "series", plural: "Series", singular: "series", file: "episodefile",
        fileParam: "seriesId", refresh: "RefreshSeries", rescan: "RescanSeries" }
    : { resource: "movie", detailPath: "movie", plural: "Movies", singular: "movie", file: "moviefile",
        fileParam: "movieId", refresh: "RefreshMovie", rescan: "RescanMovie" };
  const KEY_STORAGE = "kinora.library." + (isSeries ? "series" : "movies") + ".apikey";
  const PREFS_STORAGE = "kinora.library." + (isSeries ? "series" : "movies") + ".prefs";

  // --- small helpers -----------------------------------------------------------------------------

  /** el("a", {href: "/", class: "x", dataset: {id: 1}, onclick: f}, "text", child…) */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else if (name === "value") node.value = value;
      else if (name === "checked" || name === "selected" || name === "disabled" || name === "hidden") node[name] = Boolean(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function link(href, text, attributes) {
    return el("a", Object.assign({ href, "data-link": true }, attributes || {}), text);
  }

  function button(text, onclick, attributes) {
    return el("button", Object.assign({ type: "button", onclick }, attributes || {}), text);
  }

  function option(value, text, selected) {
    return el("option", { value: String(value), selected: Boolean(selected) }, text);
  }

  function labelled(labelText, control, hint) {
    const id = control.id || ("f-" + Math.random().toString(36).slice(2));
    control.id = id;
    return el("div", { class: "field" }, el("label", { for: id }, labelText), control,
      hint ? el("small", { class: "hint" }, hint) : null);
  }

  function checkbox(labelText, checked, attributes) {
    const input = el("input", Object.assign({ type: "checkbox", checked }, attributes || {}));
    return { input, label: el("label", { class: "check" }, input, " " + labelText) };
  }

  function formatSize(bytes) {
    if (!bytes) return "0 B";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit ? value.toFixed(value < 10 ? 2 : 1) : String(value)) + " " + units[unit];
  }

  function formatDate(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (isNaN(date)) return String(iso);
    return date.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
  }

  function dayKey(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" + String(date.getDate()).padStart(2, "0");
  }

  function pad2(number) { return String(number).padStart(2, "0"); }

  function episodeCode(episode) { return "S" + pad2(episode.seasonNumber) + "E" + pad2(episode.episodeNumber); }

  function qualityName(file) {
    return (file && file.quality && file.quality.quality && file.quality.quality.name) || "";
  }

  function slugOf(item) { return item.titleSlug || String(item.id); }

  function detailURL(item) { return "/" + FACE.detailPath + "/" + encodeURIComponent(slugOf(item)); }

  function prefs() {
    try { return JSON.parse(localStorage.getItem(PREFS_STORAGE)) || {}; } catch (_) { return {}; }
  }

  function savePrefs(changes) {
    localStorage.setItem(PREFS_STORAGE, JSON.stringify(Object.assign(prefs(), changes)));
  }

  function showError(message) {
    errorBox.replaceChildren();
    if (!message) return;
    if (message instanceof Node) errorBox.append(message);
    else errorBox.textContent = message;
  }

  let statusTimer = null;
  function showStatus(message) {
    statusBox.textContent = message || "";
    clearTimeout(statusTimer);
    if (message) statusTimer = setTimeout(() => { statusBox.textContent = ""; }, 6000);
  }

  // --- the API --------------------------------------------------------------------------------------

  /** An answer other than 2xx; `failures` holds a 400's [{propertyName, errorMessage}] list. */
  class APIError extends Error {
    constructor(status, message, failures) {
      super(message);
      this.status = status;
      this.failures = failures || [];
    }
  }

  let apiKey = localStorage.getItem(KEY_STORAGE) || "";

  async function api(method, path, body) {
    const headers = { Accept: "application/json", "X-Api-Key": apiKey };
    const init = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch("/api/v3" + path, init);
    } catch (error) {
      throw new APIError(0, "The server did not answer (" + error.message + "). Is Kinora running?");
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (_) { data = text; }
    }
    if (response.status === 401) {
      askForKey("The server refused the API key (401 Unauthorized): it is missing or wrong. "
        + "Paste the key `kinora keys` prints for the " + (isSeries ? "series" : "movies") + " role.");
      throw new APIError(401, "Unauthorized");
    }
    if (!response.ok) {
      const failures = Array.isArray(data) ? data.filter((item) => item && item.errorMessage) : [];
      let message = failures.length ? failures.map((item) => item.errorMessage).join(" ")
        : (data && (data.message || data.error)) || (typeof data === "string" && data) || response.statusText;
      throw new APIError(response.status, method + " " + path + ": " + response.status + " " + message, failures);
    }
    return data;
  }

  const get = (path) => api("GET", path);

  /** A list of validation failures as the originals answer them, or the error's message. */
  function errorView(error) {
    if (error.failures && error.failures.length) {
      return el("div", { class: "failures" },
        el("strong", { text: "The server did not accept this:" }),
        el("ul", {}, error.failures.map((failure) => el("li", { dataset: { property: failure.propertyName || "" } },
          failure.propertyName ? el("code", { text: failure.propertyName }) : null,
          failure.propertyName ? " " : null, failure.errorMessage))));
    }
    return error.message || String(error);
  }

  function reportError(error) {
    if (error && error.status === 401) return; // the key form says it
    console.error(error);
    showError(errorView(error));
  }

  // Artwork: URLs under /api need the key, which an <img> cannot send, so those are fetched and shown
  // from a blob; other same-origin and remote URLs are used as they are.
  const blobURLs = new Map();

  function imageURL(item, coverType) {
    const image = (item.images || []).find((candidate) => candidate.coverType === coverType);
    // a lookup result is not in the library yet: the server has no copy, only the remote one
    if (!item.id) return (coverType === "poster" && item.remotePoster) || (image && (image.remoteUrl || (/^https?:/.test(image.url || "") ? image.url : null))) || null;
    if (!image) return null;
    if (image.url && image.url.startsWith("/")) return image.url;
    return image.remoteUrl || image.url || null;
  }

  async function loadImage(img, url, fallback) {
    try {
      if (url.startsWith("/api/")) {
        let blobURL = blobURLs.get(url);
        if (!blobURL) {
          const response = await fetch(url, { headers: { "X-Api-Key": apiKey } });
          if (!response.ok) throw new Error(String(response.status));
          blobURL = URL.createObjectURL(await response.blob());
          blobURLs.set(url, blobURL);
        }
        img.src = blobURL;
      } else {
        img.src = url;
      }
    } catch (_) {
      fallback();
    }
  }

  function poster(item, className) {
    const box = el("span", { class: className || "poster" });
    const placeholder = el("span", { class: "placeholder", text: item.title || "" });
    const url = imageURL(item, "poster");
    if (!url) {
      box.append(placeholder);
      return box;
    }
    const img = el("img", { alt: "", loading: "lazy", decoding: "async" });
    const fallback = () => { img.remove(); box.append(placeholder); };
    img.addEventListener("error", fallback, { once: true });
    img.addEventListener("load", () => { box.dataset.loaded = "true"; }, { once: true });
    box.append(img);
    loadImage(img, url, fallback);
    return box;
  }

  // --- the key ------------------------------------------------------------------------------------------

  function askForKey(message) {
    keyForm.hidden = false;
    view.hidden = true;
    forgetKey.hidden = true;
    if (message) showError(message);
    keyInput.value = "";
    keyInput.focus();
  }

  keyForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const candidate = keyInput.value.trim();
    if (!candidate) return;
    apiKey = candidate;
    try {
      await get("/system/status");
    } catch (error) {
      if (error.status !== 401) showError("Could not check the key: " + error.message);
      return;
    }
    localStorage.setItem(KEY_STORAGE, apiKey);
    keyForm.hidden = true;
    showError("");
    start();
  });

  forgetKey.addEventListener("click", () => {
    localStorage.removeItem(KEY_STORAGE);
    apiKey = "";
    askForKey("");
  });

  /** ?apikey= is taken once, then dropped from the address bar and history. */
  function takeKeyFromURL() {
    const url = new URL(location.href);
    const given = url.searchParams.get("apikey");
    if (given === null) return;
    url.searchParams.delete("apikey");
    history.replaceState(null, "", url.pathname + url.search + url.hash);
    if (given.trim()) {
      apiKey = given.trim();
      localStorage.setItem(KEY_STORAGE, apiKey);
    }
  }

  // --- routing ------------------------------------------------------------------------------------------

  function navigate(path, replace) {
    if (replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    route();
  }

  document.addEventListener("click", (event) => {
    const anchor = event.target.closest && event.target.closest("a[data-link]");
    if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener("popstate", () => route());

  let renderToken = 0;
  let pollTimers = [];

  function setView(name, section, ...children) {
    view.dataset.view = name;
    view.replaceChildren(...children);
    for (const anchor of root.querySelectorAll(".library-bar a[data-section]")) {
      if (anchor.dataset.section === section) anchor.setAttribute("aria-current", "page");
      else anchor.removeAttribute("aria-current");
    }
  }

  async function route() {
    const token = ++renderToken;
    pollTimers.forEach(clearInterval);
    pollTimers = [];
    showError("");
    const parts = location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    view.setAttribute("aria-busy", "true");
    try {
      const isCurrent = () => token === renderToken;
      if (parts.length === 0 || (parts.length === 1 && (parts[0] === "series" || parts[0] === "movies"))) await renderIndex(isCurrent);
      else if ((parts[0] === "series" || parts[0] === "movie") && parts[1]) await renderDetail(parts[1], isCurrent);
      else if (parts[0] === "add" && parts[1] === "import") await renderImport(isCurrent);
      else if (parts[0] === "add") await renderAdd(isCurrent);
      else if (parts[0] === "calendar") await renderCalendar(isCurrent);
      else if (parts[0] === "wanted") await renderWanted(parts[1] === "cutoff" ? "cutoff" : "missing", isCurrent);
      else if (parts[0] === "settings") await renderSettings(parts[1] || "", isCurrent);
      else setView("not-found", "", el("p", { class: "empty", text: "Nothing here." }), link("/", "Back to " + FACE.plural.toLowerCase()));
    } catch (error) {
      if (token === renderToken) reportError(error);
    } finally {
      if (token === renderToken) view.removeAttribute("aria-busy");
    }
  }

  function start() {
    keyForm.hidden = true;
    view.hidden = false;
    forgetKey.hidden = false;
    route();
  }

  // Commands (refresh, rescan): POST, then follow their status until they end.
  async function runCommand(body, statusLine, onDone) {
    statusLine.textContent = body.name + ": queued";
    statusLine.dataset.status = "queued";
    let command;
    try {
      command = await api("POST", "/command", body);
    } catch (error) {
      statusLine.textContent = body.name + ": " + error.message;
      statusLine.dataset.status = "failed";
      return;
    }
    const finished = ["completed", "failed", "aborted", "cancelled", "orphaned"];
    const started = Date.now();
    const show = (current) => {
      statusLine.dataset.status = current.status || "queued";
      statusLine.textContent = body.name + ": " + (current.status || "queued")
        + (current.message ? " (" + current.message + ")" : "");
    };
    show(command);
    while (!finished.includes(command.status) && Date.now() - started < 120000) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        command = await get("/command/" + command.id);
      } catch (error) {
        statusLine.textContent = body.name + ": " + error.message;
        return;
      }
      show(command);
    }
    if (command.status === "completed") {
      showStatus(body.name + " completed.");
      if (onDone) onDone();
    }
  }

  // --- index: posters or table --------------------------------------------------------------------------

  function isMissing(item) {
    if (isSeries) {
      const stats = item.statistics || {};
      return item.monitored && (stats.episodeFileCount || 0) < (stats.episodeCount || 0);
    }
    return item.monitored && !item.hasFile;
  }

  function progressText(item) {
    if (!isSeries) return item.hasFile ? "Downloaded" : (item.monitored ? "Missing" : "Not monitored");
    const stats = item.statistics || {};
    return (stats.episodeFileCount || 0) + " / " + (stats.episodeCount || 0) + " episodes";
  }

  async function renderIndex(isCurrent) {
    const [items, profiles] = await Promise.all([get("/" + FACE.resource), get("/qualityprofile").catch(() => [])]);
    if (!isCurrent()) return;
    const profileNames = new Map(profiles.map((profile) => [profile.id, profile.name]));
    const state = Object.assign({ layout: "posters", sort: "title", filter: "all", text: "" }, prefs());

    const list = el("div", { id: "index-list" });
    const count = el("span", { class: "muted", id: "index-count" });
    const toggle = button("", () => {
      state.layout = state.layout === "posters" ? "table" : "posters";
      savePrefs({ layout: state.layout });
      draw();
    }, { id: "index-view-toggle" });
    const sort = el("select", { id: "index-sort", onchange: () => { state.sort = sort.value; savePrefs({ sort: state.sort }); draw(); } },
      option("title", "Sort by title", state.sort === "title"),
      option("added", "Sort by date added", state.sort === "added"),
      option("year", "Sort by year", state.sort === "year"));
    const filter = el("select", { id: "index-filter", onchange: () => { state.filter = filter.value; savePrefs({ filter: state.filter }); draw(); } },
      option("all", "All", state.filter === "all"),
      option("monitored", "Monitored only", state.filter === "monitored"),
      option("unmonitored", "Unmonitored only", state.filter === "unmonitored"),
      option("missing", "Missing files", state.filter === "missing"));
    const search = el("input", { type: "search", id: "index-search", placeholder: "Filter by title", autocomplete: "off",
      oninput: () => { state.text = search.value.toLowerCase(); draw(); } });

    function visible() {
      const shown = items.filter((item) => {
        if (state.filter === "monitored" && !item.monitored) return false;
        if (state.filter === "unmonitored" && item.monitored) return false;
        if (state.filter === "missing" && !isMissing(item)) return false;
        return !state.text || (item.title || "").toLowerCase().includes(state.text);
      });
      const byTitle = (a, b) => (a.sortTitle || a.title || "").localeCompare(b.sortTitle || b.title || "");
      if (state.sort === "added") shown.sort((a, b) => String(b.added || "").localeCompare(String(a.added || "")) || byTitle(a, b));
      else if (state.sort === "year") shown.sort((a, b) => (b.year || 0) - (a.year || 0) || byTitle(a, b));
      else shown.sort(byTitle);
      return shown;
    }

    function draw() {
      const shown = visible();
      toggle.textContent = state.layout === "posters" ? "Show as table" : "Show as posters";
      toggle.dataset.layout = state.layout;
      count.textContent = shown.length + " of " + items.length;
      if (!items.length) {
        list.replaceChildren(el("p", { class: "empty" }, "No " + FACE.plural.toLowerCase() + " yet. ",
          link("/add/new", "Add one"), " or ", link("/add/import", "import a folder you already have"), "."));
        return;
      }
      if (!shown.length) {
        list.replaceChildren(el("p", { class: "empty", text: "Nothing matches the filter." }));
        return;
      }
      list.replaceChildren(state.layout === "posters" ? posterGrid(shown) : indexTable(shown));
    }

    function posterGrid(shown) {
      return el("div", { class: "cards grid", role: "list" }, shown.map((item) => {
        const card = el("a", { class: "card" + (item.monitored ? "" : " unmonitored"), href: detailURL(item), "data-link": true,
          role: "listitem", dataset: { id: item.id, missing: String(isMissing(item)) } }, poster(item));
        const stats = item.statistics || {};
        if (isSeries) {
          const percent = stats.percentOfEpisodes || (stats.episodeCount ? 100 * (stats.episodeFileCount || 0) / stats.episodeCount : 0);
          card.firstChild.append(el("progress", { max: "100", value: String(Math.round(percent)),
            class: isMissing(item) ? "missing" : "complete", "aria-label": progressText(item) }));
        } else {
          card.firstChild.append(el("span", { class: "flag " + (item.hasFile ? "has-file" : (item.monitored ? "missing" : "unmonitored")),
            text: progressText(item) }));
        }
        card.append(el("span", { class: "card-title", text: item.title }),
          el("span", { class: "card-subtitle", text: [item.year, isSeries ? progressText(item) : item.studio].filter(Boolean).join(" · ") }));
        return card;
      }));
    }

    function indexTable(shown) {
      const headers = isSeries ? ["Title", "Year", "Network", "Status", "Profile", "Episodes", "Size", "Monitored"]
        : ["Title", "Year", "Studio", "Status", "Profile", "File", "Size", "Monitored"];
      return el("table", { class: "index-table" },
        el("thead", {}, el("tr", {}, headers.map((header) => el("th", { scope: "col", text: header })))),
        el("tbody", {}, shown.map((item) => {
          const stats = item.statistics || {};
          const cells = [
            el("td", { "data-label": "Title" }, link(detailURL(item), item.title)),
            el("td", { "data-label": "Year", text: item.year || "" }),
            el("td", { "data-label": headers[2], text: (isSeries ? item.network : item.studio) || "" }),
            el("td", { "data-label": "Status", text: item.status || "" }),
            el("td", { "data-label": "Profile", text: profileNames.get(item.qualityProfileId) || "" }),
            el("td", { "data-label": headers[5], text: progressText(item) }),
            el("td", { "data-label": "Size", text: formatSize(isSeries ? stats.sizeOnDisk : (item.sizeOnDisk || (item.movieFile && item.movieFile.size))) }),
            el("td", { "data-label": "Monitored", text: item.monitored ? "Yes" : "No" }),
          ];
          return el("tr", { dataset: { id: item.id, missing: String(isMissing(item)) } }, cells);
        })));
    }

    setView("index", "index",
      el("div", { class: "view-head" }, el("h1", { text: FACE.plural }), count,
        el("div", { class: "tools" }, search, sort, filter, toggle, link("/add/new", "Add new", { class: "button primary" }))),
      list);
    draw();
  }

  // --- detail page --------------------------------------------------------------------------------------

  async function findItem(slug) {
    if (/^\d+$/.test(slug)) {
      try { return await get("/" + FACE.resource + "/" + slug); } catch (error) { if (error.status !== 404) throw error; }
    }
    const items = await get("/" + FACE.resource);
    return items.find((item) => item.titleSlug === slug || String(item.id) === slug) || null;
  }

  function monitorToggle(monitored, label, onToggle) {
    const toggle = button(monitored ? "Monitored" : "Unmonitored", async () => {
      toggle.disabled = true;
      try {
        await onToggle(!(toggle.getAttribute("aria-pressed") === "true"));
      } catch (error) {
        reportError(error);
      } finally {
        toggle.disabled = false;
      }
    }, { class: "monitor-toggle", "aria-pressed": String(Boolean(monitored)), "aria-label": (monitored ? "Unmonitor " : "Monitor ") + label,
      title: monitored ? "Monitored: click to stop monitoring" : "Not monitored: click to monitor" });
    return toggle;
  }

  function facts(pairs) {
    return el("dl", { class: "facts compact" }, pairs.filter(([, value]) => value !== undefined && value !== null && value !== "")
      .map(([name, value]) => [el("dt", { text: name }), el("dd", { dataset: { fact: name } }, value)]));
  }

  async function renderDetail(slug, isCurrent) {
    const item = await findItem(slug);
    if (!isCurrent()) return;
    if (!item) {
      setView("not-found", "index", el("p", { class: "empty", text: "No " + FACE.singular + " called \u201c" + slug + "\u201d." }),
        link("/", "Back to " + FACE.plural.toLowerCase()));
      return;
    }
    const [profiles, files, episodes] = await Promise.all([
      get("/qualityprofile").catch(() => []),
      get("/" + FACE.file + "?" + FACE.fileParam + "=" + item.id).catch(() => []),
      isSeries ? get("/episode?seriesId=" + item.id) : Promise.resolve([]),
    ]);
    if (!isCurrent()) return;
    const reload = () => { if (isCurrent()) route(); };
    const profileName = (profiles.find((profile) => profile.id === item.qualityProfileId) || {}).name || "";
    const commandStatus = el("p", { id: "command-status", class: "command-status", role: "status" });
    const idField = isSeries ? { seriesId: item.id } : { movieIds: [item.id] };
    const rescanField = isSeries ? { seriesId: item.id } : { movieId: item.id };

    async function saveItem(changes) {
      const updated = await api("PUT", "/" + FACE.resource + "/" + item.id, Object.assign({}, item, changes));
      Object.assign(item, updated || changes);
      showStatus("Saved " + item.title + ".");
      return updated;
    }

    const actions = el("div", { class: "actions" },
      monitorToggle(item.monitored, item.title, async (monitored) => { await saveItem({ monitored }); reload(); }),
      button("Refresh", () => runCommand(Object.assign({ name: FACE.refresh }, idField), commandStatus, reload), { id: "refresh-button" }),
      button("Rescan disk", () => runCommand(Object.assign({ name: FACE.rescan }, rescanField), commandStatus, reload), { id: "rescan-button" }),
      button("Edit", () => { editPanel.hidden = !editPanel.hidden; }, { id: "edit-button" }),
      button("Delete\u2026", () => { deletePanel.hidden = !deletePanel.hidden; }, { class: "danger", id: "delete-button" }));

    const editPanel = editForm(item, profiles, async (changes) => { await saveItem(changes); reload(); });
    editPanel.hidden = true;
    const deletePanel = deleteForm(item);
    deletePanel.hidden = true;

    const stats = item.statistics || {};
    const movieFile = !isSeries ? (files[0] || item.movieFile) : null;
    const head = el("div", { class: "item-head" }, poster(item, "item-poster"),
      el("div", { class: "item-text" },
        el("h1", { id: "detail-title", tabindex: "-1", text: item.title }),
        el("p", { class: "muted", text: [item.year, isSeries ? item.network : item.studio, item.status,
          !isSeries && item.runtime ? item.runtime + " min" : null].filter(Boolean).join(" · ") }),
        item.overview ? el("p", { class: "overview", text: item.overview }) : null,
        facts(isSeries ? [
          ["Path", item.path], ["Quality profile", profileName], ["Series type", item.seriesType],
          ["Season folders", item.seasonFolder === undefined ? "" : (item.seasonFolder ? "Yes" : "No")],
          ["Episodes", progressText(item)], ["Size on disk", formatSize(stats.sizeOnDisk)],
          ["TVDb", item.tvdbId ? String(item.tvdbId) : ""],
        ] : [
          ["Path", item.path], ["Quality profile", profileName], ["Minimum availability", item.minimumAvailability],
          ["In cinemas", formatDate(item.inCinemas)], ["Digital release", formatDate(item.digitalRelease)],
          ["Physical release", formatDate(item.physicalRelease)], ["File", movieFile ? "Downloaded" : progressText(item)],
          ["Quality", qualityName(movieFile)], ["Size on disk", movieFile ? formatSize(movieFile.size) : ""],
          ["TMDb", item.tmdbId ? String(item.tmdbId) : ""],
        ]),
        actions, commandStatus, editPanel, deletePanel));

    const sections = isSeries ? seasonSections(item, episodes, files, saveItem, reload) : [];
    setView("detail", "index", head, ...sections, filesTable(files, episodes));
    document.title = item.title + " \u00b7 Kinora";
  }

  function editForm(item, profiles, onSave) {
    const profile = el("select", { id: "edit-profile" }, profiles.map((p) => option(p.id, p.name, p.id === item.qualityProfileId)));
    const fields = [labelled("Quality profile", profile)];
    let seriesType, seasonFolder, availability;
    if (isSeries) {
      seriesType = el("select", { id: "edit-series-type" }, ["standard", "daily", "anime"].map((type) => option(type, type, type === item.seriesType)));
      seasonFolder = checkbox("Season folders", item.seasonFolder, { id: "edit-season-folder" });
      fields.push(labelled("Series type", seriesType), seasonFolder.label);
    } else {
      availability = availabilitySelect(item.minimumAvailability, "edit-availability");
      fields.push(labelled("Minimum availability", availability));
    }
    const form = el("form", { class: "panel inline-form", id: "edit-form" }, fields, el("button", { type: "submit", class: "primary", text: "Save" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = { qualityProfileId: Number(profile.value) };
      if (isSeries) Object.assign(changes, { seriesType: seriesType.value, seasonFolder: seasonFolder.input.checked });
      else changes.minimumAvailability = availability.value;
      try { await onSave(changes); } catch (error) { reportError(error); }
    });
    return form;
  }

  function deleteForm(item) {
    const deleteFiles = checkbox("Also delete the folder and its files", false, { id: "delete-files" });
    const form = el("form", { class: "panel inline-form", id: "delete-form" },
      el("span", { text: "Remove " + item.title + " from the library?" }), deleteFiles.label,
      el("button", { type: "submit", class: "danger", text: "Delete" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api("DELETE", "/" + FACE.resource + "/" + item.id + "?deleteFiles=" + deleteFiles.input.checked);
        showStatus("Removed " + item.title + ".");
        navigate("/");
      } catch (error) { reportError(error); }
    });
    return form;
  }

  function seasonSections(series, episodes, files, saveItem, reload) {
    const filesById = new Map(files.map((file) => [file.id, file]));
    const seasons = (series.seasons || []).slice().sort((a, b) => b.seasonNumber - a.seasonNumber);
    const now = Date.now();
    return [el("h2", { text: "Seasons" })].concat(seasons.map((season) => {
      const inSeason = episodes.filter((episode) => episode.seasonNumber === season.seasonNumber)
        .sort((a, b) => a.episodeNumber - b.episodeNumber);
      const stats = season.statistics || {};
      const have = stats.episodeFileCount !== undefined ? stats.episodeFileCount : inSeason.filter((e) => e.hasFile).length;
      const total = stats.episodeCount !== undefined ? stats.episodeCount : inSeason.length;
      const name = season.seasonNumber === 0 ? "Specials" : "Season " + season.seasonNumber;
      const rows = inSeason.map((episode) => {
        const file = episode.episodeFileId ? filesById.get(episode.episodeFileId) : null;
        const aired = episode.airDateUtc || episode.airDate;
        const state = episode.hasFile ? "has-file" : (aired && new Date(aired).getTime() > now ? "unaired" : (episode.monitored ? "missing" : "unmonitored"));
        const stateText = episode.hasFile ? (qualityName(file) || "Downloaded") : { unaired: "Not aired", missing: "Missing", unmonitored: "Unmonitored" }[state];
        return el("tr", { dataset: { episodeId: episode.id, hasFile: String(Boolean(episode.hasFile)), monitored: String(Boolean(episode.monitored)) } },
          el("td", { "data-label": "#", text: String(episode.episodeNumber) }),
          el("td", { "data-label": "Title", text: episode.title || "TBA" }),
          el("td", { "data-label": "Air date", text: formatDate(episode.airDate || episode.airDateUtc) }),
          el("td", { "data-label": "File", class: "state " + state, text: stateText + (file ? " \u00b7 " + formatSize(file.size) : "") }),
          el("td", { "data-label": "Monitored" }, monitorToggle(episode.monitored, episodeCode(episode), async (monitored) => {
            await api("PUT", "/episode/monitor", { episodeIds: [episode.id], monitored });
            reload();
          })));
      });
      const table = el("table", { class: "episodes-table" },
        el("thead", {}, el("tr", {}, ["#", "Title", "Air date", "File", "Monitored"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, rows.length ? rows : el("tr", { class: "empty" }, el("td", { colspan: "5", text: "No episodes known yet." }))));
      const details = el("details", { class: "season-episodes", open: season.seasonNumber === Math.max(...seasons.map((s) => s.seasonNumber)) },
        el("summary", { text: rows.length + " episodes" }), table);
      return el("section", { class: "season panel", dataset: { season: season.seasonNumber, monitored: String(Boolean(season.monitored)) } },
        el("div", { class: "season-head" },
          el("h3", { text: name }),
          monitorToggle(season.monitored, name, async (monitored) => {
            const seasonsCopy = (series.seasons || []).map((s) => s.seasonNumber === season.seasonNumber ? Object.assign({}, s, { monitored }) : s);
            await saveItem({ seasons: seasonsCopy });
            reload();
          }),
          el("span", { class: "muted", text: have + " / " + total + " episodes" + (stats.sizeOnDisk ? " \u00b7 " + formatSize(stats.sizeOnDisk) : "") })),
        details);
    }));
  }

  function filesTable(files, episodes) {
    if (!files.length) return el("section", { class: "files" }, el("h2", { text: "Files" }), el("p", { class: "muted", text: "No files yet." }));
    return el("section", { class: "files" }, el("h2", { text: "Files" }),
      el("table", { class: "files-table" },
        el("thead", {}, el("tr", {}, [isSeries ? "Episodes" : null, "Path", "Quality", "Size", "Added"].filter(Boolean).map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, files.map((file) => el("tr", { dataset: { fileId: file.id } },
          isSeries ? el("td", { "data-label": "Episodes", text: episodes.filter((e) => e.episodeFileId === file.id).map(episodeCode).join(", ") }) : null,
          el("td", { "data-label": "Path", class: "path", text: file.relativePath || file.path || "" }),
          el("td", { "data-label": "Quality", text: qualityName(file) }),
          el("td", { "data-label": "Size", text: formatSize(file.size) }),
          el("td", { "data-label": "Added", text: formatDate(file.dateAdded) }))))));
  }

  function availabilitySelect(current, id) {
    const choices = [["announced", "Announced"], ["inCinemas", "In cinemas"], ["released", "Released"]];
    return el("select", { id }, choices.map(([value, text]) => option(value, text, value === (current || "released"))));
  }

  // --- add new ------------------------------------------------------------------------------------------

  const MONITOR_OPTIONS = [
    ["all", "All episodes"], ["future", "Future episodes"], ["missing", "Missing episodes"], ["existing", "Existing episodes"],
    ["firstSeason", "First season only"], ["latestSeason", "Latest season only"], ["none", "None"],
  ];

  /** The controls both the add flow and the library import ask for, with the last choices preselected. */
  function addOptionsControls(rootFolders, profiles, prefix, withRootFolder) {
    const last = prefs().add || {};
    const controls = {};
    const fields = [];
    if (withRootFolder) {
      controls.root = el("select", { id: prefix + "-root", required: true },
        rootFolders.map((folder) => option(folder.path, folder.path + (folder.freeSpace ? " (" + formatSize(folder.freeSpace) + " free)" : ""), folder.path === last.root)));
      fields.push(labelled("Root folder", controls.root));
    }
    controls.profile = el("select", { id: prefix + "-profile", required: true },
      profiles.map((profile) => option(profile.id, profile.name, profile.id === last.profile)));
    fields.push(labelled("Quality profile", controls.profile));
    if (isSeries) {
      controls.monitor = el("select", { id: prefix + "-monitor" }, MONITOR_OPTIONS.map(([value, text]) => option(value, text, value === (last.monitor || "all"))));
      controls.seriesType = el("select", { id: prefix + "-series-type" },
        [["standard", "Standard"], ["daily", "Daily"], ["anime", "Anime"]].map(([value, text]) => option(value, text, value === (last.seriesType || "standard"))));
      controls.seasonFolder = checkbox("Season folders", last.seasonFolder !== false, { id: prefix + "-season-folder" });
      fields.push(labelled("Monitor", controls.monitor), labelled("Series type", controls.seriesType), controls.seasonFolder.label);
    } else {
      controls.monitored = checkbox("Monitored", last.monitored !== false, { id: prefix + "-monitored" });
      controls.availability = availabilitySelect(last.availability, prefix + "-availability");
      fields.push(labelled("Minimum availability", controls.availability), controls.monitored.label);
    }
    controls.fields = fields;
    controls.resource = (lookup, rootFolderPath) => {
      const choice = { qualityProfileId: Number(controls.profile.value), rootFolderPath };
      if (isSeries) {
        Object.assign(choice, {
          monitored: controls.monitor.value !== "none", seriesType: controls.seriesType.value,
          seasonFolder: controls.seasonFolder.input.checked,
          addOptions: { monitor: controls.monitor.value, searchForMissingEpisodes: false, searchForCutoffUnmetEpisodes: false },
        });
      } else {
        Object.assign(choice, {
          monitored: controls.monitored.input.checked, minimumAvailability: controls.availability.value,
          addOptions: { monitor: controls.monitored.input.checked ? "movieOnly" : "none", searchForMovie: false },
        });
      }
      return Object.assign({}, lookup, choice);
    };
    controls.remember = () => savePrefs({ add: {
      root: controls.root && controls.root.value, profile: Number(controls.profile.value),
      monitor: controls.monitor && controls.monitor.value, seriesType: controls.seriesType && controls.seriesType.value,
      seasonFolder: controls.seasonFolder ? controls.seasonFolder.input.checked : undefined,
      monitored: controls.monitored ? controls.monitored.input.checked : undefined,
      availability: controls.availability && controls.availability.value,
    } });
    return controls;
  }

  function lookupLine(item) {
    return [item.year, isSeries ? item.network : item.studio, isSeries && item.seasons ? item.seasons.filter((s) => s.seasonNumber > 0).length + " seasons" : null]
      .filter(Boolean).join(" \u00b7 ");
  }

  async function renderAdd(isCurrent) {
    const [rootFolders, profiles] = await Promise.all([get("/rootfolder"), get("/qualityprofile")]);
    if (!isCurrent()) return;
    const term = el("input", { type: "search", id: "add-term", name: "term", autocomplete: "off", required: true,
      placeholder: isSeries ? "Series title, or tvdb:ID" : "Movie title, or tmdb:ID / imdb:tt…" });
    const results = el("ol", { id: "add-results", class: "lookup-results" });
    const chosen = el("div", { id: "add-chosen" });
    const searchForm = el("form", { id: "add-search", class: "add-search", role: "search" },
      el("label", { for: "add-term", class: "visually-hidden", text: "Search" }), term,
      el("button", { type: "submit", class: "primary", text: "Search" }));

    async function search(text) {
      results.replaceChildren(el("li", { class: "muted", text: "Searching\u2026" }));
      chosen.replaceChildren();
      let found;
      try {
        found = await get("/" + FACE.resource + "/lookup?term=" + encodeURIComponent(text));
      } catch (error) {
        results.replaceChildren();
        reportError(error);
        return;
      }
      if (!found.length) {
        results.replaceChildren(el("li", { class: "empty", text: "Nothing found for \u201c" + text + "\u201d." }));
        return;
      }
      results.replaceChildren(...found.map((item, index) => el("li", { class: "lookup", dataset: { lookup: index } },
        poster(item, "poster small"),
        el("div", { class: "lookup-text" },
          el("h3", {}, item.title, item.year ? el("span", { class: "muted", text: " (" + item.year + ")" }) : null),
          el("p", { class: "muted", text: lookupLine(item) }),
          item.overview ? el("p", { class: "overview clamp", text: item.overview }) : null,
          item.id ? link(detailURL(item), "Already in the library", { class: "button" })
            : button("Add\u2026", () => choose(item), { class: "primary choose" })))));
    }

    function choose(item) {
      const controls = addOptionsControls(rootFolders, profiles, "add", true);
      const failures = el("div", { id: "add-errors", role: "alert" });
      const form = el("form", { id: "add-form", class: "panel add-form" },
        el("div", { class: "add-form-head" }, poster(item, "poster small"),
          el("div", {}, el("h2", { text: "Add " + item.title + (item.year ? " (" + item.year + ")" : "") }),
            el("p", { class: "muted", text: lookupLine(item) }))),
        el("div", { class: "form-grid" }, controls.fields), failures,
        el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "add-submit", text: "Add " + FACE.singular }),
          button("Cancel", () => chosen.replaceChildren())));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        failures.replaceChildren();
        const submit = form.querySelector("#add-submit");
        submit.disabled = true;
        try {
          const created = await api("POST", "/" + FACE.resource, controls.resource(item, controls.root.value));
          controls.remember();
          showStatus("Added " + created.title + ".");
          navigate(detailURL(created));
        } catch (error) {
          if (error.status !== 401) failures.replaceChildren(el("div", { class: "message error" }, errorView(error)));
        } finally {
          submit.disabled = false;
        }
      });
      chosen.replaceChildren(form);
      form.scrollIntoView({ block: "nearest" });
      form.querySelector("select, input").focus();
    }

    searchForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = term.value.trim();
      if (!text) return;
      history.replaceState(null, "", "/add/new?term=" + encodeURIComponent(text));
      search(text);
    });

    const notes = [];
    if (!rootFolders.length) notes.push(el("p", { class: "message error" }, "There is no root folder yet: ", link("/settings/mediamanagement", "add one"), " first."));
    if (!profiles.length) notes.push(el("p", { class: "message error" }, "There is no quality profile yet: ", link("/settings/profiles", "add one"), " first."));
    setView("add", "add", el("div", { class: "view-head" }, el("h1", { text: "Add new " + FACE.singular })), ...notes, searchForm, chosen, results);
    const given = new URLSearchParams(location.search).get("term");
    if (given) {
      term.value = given;
      search(given);
    } else {
      term.focus();
    }
  }

  // --- library import ------------------------------------------------------------------------------------

  function lookupTerm(folderName) {
    return folderName.replace(/\{[^}]*\}/g, " ").replace(/[[\](){}._]/g, " ").replace(/\s+/g, " ").trim();
  }

  function bestMatch(candidates, folderName) {
    const year = (folderName.match(/\b(19|20)\d{2}\b/) || [])[0];
    return candidates.find((candidate) => year && String(candidate.year) === year) || candidates[0] || null;
  }

  async function renderImport(isCurrent) {
    const [rootFolders, profiles] = await Promise.all([get("/rootfolder"), get("/qualityprofile")]);
    if (!isCurrent()) return;
    const withFolders = rootFolders.filter((folder) => (folder.unmappedFolders || []).length);
    const head = el("div", { class: "view-head" }, el("h1", { text: "Library import" }));
    const intro = el("p", { class: "lead", text: "Folders in your root folders that are not in the library yet. Each is looked up by its name; check the match, then import." });
    if (!withFolders.length) {
      setView("import", "import", head, intro, el("p", { class: "empty" }, "Every folder in the root folders is already in the library. ",
        link("/settings/mediamanagement", "Manage root folders"), "."));
      return;
    }
    const rootSelect = el("select", { id: "import-root" }, withFolders.map((folder) =>
      option(folder.id, folder.path + " (" + folder.unmappedFolders.length + " folders)", false)));
    const controls = addOptionsControls(rootFolders, profiles, "import", false);
    const body = el("tbody", { id: "import-rows" });
    const outcome = el("div", { id: "import-outcome" });
    const submit = el("button", { type: "submit", class: "primary", id: "import-submit", text: "Import" });
    let rows = [];

    async function loadRoot() {
      const folder = withFolders.find((candidate) => String(candidate.id) === rootSelect.value) || withFolders[0];
      outcome.replaceChildren();
      rows = folder.unmappedFolders.map((unmapped) => {
        const include = el("input", { type: "checkbox", checked: true, "aria-label": "Import " + unmapped.name });
        const match = el("select", { class: "import-match", "aria-label": "Match for " + unmapped.name, disabled: true }, option("", "Looking up\u2026"));
        const state = el("td", { "data-label": "Status", class: "import-state", text: "Looking up\u2026" });
        const row = { unmapped, include, match, state, candidates: [], root: folder,
          tr: el("tr", { dataset: { folder: unmapped.name } },
            el("td", { "data-label": "Import" }, include),
            el("td", { "data-label": "Folder", class: "path", text: unmapped.name }),
            el("td", { "data-label": "Match" }, match), state) };
        return row;
      });
      body.replaceChildren(...rows.map((row) => row.tr));
      // two lookups at a time: quick enough, gentle on the metadata provider
      let next = 0;
      async function worker() {
        while (next < rows.length) {
          const row = rows[next++];
          try {
            row.candidates = await get("/" + FACE.resource + "/lookup?term=" + encodeURIComponent(lookupTerm(row.unmapped.name)));
          } catch (error) {
            row.state.textContent = "Lookup failed: " + error.message;
            row.include.checked = false;
            continue;
          }
          const best = bestMatch(row.candidates, row.unmapped.name);
          row.match.replaceChildren(option("", "No match"), ...row.candidates.map((candidate, index) =>
            option(String(index), candidate.title + (candidate.year ? " (" + candidate.year + ")" : "") + (candidate.id ? " \u2014 already in the library" : ""), candidate === best)));
          row.match.disabled = false;
          const update = () => {
            const picked = row.candidates[Number(row.match.value)];
            row.state.textContent = row.match.value === "" ? "No match" : (picked && picked.id ? "Already in the library" : "Ready");
            row.tr.dataset.state = row.match.value === "" ? "unmatched" : "matched";
            if (row.match.value === "") row.include.checked = false;
          };
          row.match.addEventListener("change", update);
          if (!best) row.match.value = "";
          update();
        }
      }
      await Promise.all([worker(), worker()]);
    }

    const form = el("form", { id: "import-form", class: "panel" },
      el("div", { class: "form-grid" }, labelled("Root folder", rootSelect), controls.fields),
      el("table", { class: "import-table" },
        el("thead", {}, el("tr", {}, ["Import", "Folder", "Match", "Status"].map((h) => el("th", { scope: "col", text: h })))), body),
      el("div", { class: "actions" }, submit));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const picked = rows.filter((row) => row.include.checked && row.match.value !== "" && row.candidates[Number(row.match.value)]);
      const left = rows.filter((row) => !picked.includes(row));
      if (!picked.length) {
        showError("Nothing to import: check at least one folder that has a match.");
        return;
      }
      submit.disabled = true;
      try {
        const resources = picked.map((row) => Object.assign(controls.resource(row.candidates[Number(row.match.value)], row.root.path),
          { path: row.unmapped.path }));
        const imported = await api("POST", "/" + FACE.resource + "/import", resources);
        controls.remember();
        outcome.replaceChildren(el("section", { class: "panel", id: "import-done" },
          el("h2", { text: "Imported " + (imported || []).length }),
          el("ul", {}, (imported || []).map((item) => el("li", {}, link(detailURL(item), item.title + (item.year ? " (" + item.year + ")" : "")))))),
          left.length ? el("section", { class: "panel", id: "import-left" }, el("h2", { text: "Not imported " + left.length }),
            el("ul", {}, left.map((row) => el("li", {}, el("code", { text: row.unmapped.name }), " \u2014 ",
              row.match.value === "" ? (row.candidates.length ? "no match chosen" : "no match found for its name") : "skipped")))) : null);
        for (const row of picked) row.tr.remove();
        rows = left;
      } catch (error) {
        reportError(error);
      } finally {
        submit.disabled = false;
      }
    });
    rootSelect.addEventListener("change", loadRoot);
    setView("import", "import", head, intro, form, outcome);
    await loadRoot();
  }

  // --- calendar -------------------------------------------------------------------------------------------

  const MOVIE_DATES = [["inCinemas", "In cinemas"], ["digitalRelease", "Digital release"], ["physicalRelease", "Physical release"]];

  /** Calendar entries [{date, title, detail, href, state}] of the API's answer. */
  function calendarEntries(records, seriesById, start, end) {
    const entries = [];
    for (const record of records) {
      if (isSeries) {
        const when = record.airDateUtc || record.airDate;
        if (!when) continue;
        const series = record.series || seriesById.get(record.seriesId) || { id: record.seriesId, title: "Series " + record.seriesId };
        const date = record.airDateUtc ? new Date(record.airDateUtc) : new Date(record.airDate + "T12:00:00");
        entries.push({ date, title: series.title, detail: episodeCode(record) + " " + (record.title || ""), href: detailURL(series),
          state: record.hasFile ? "has-file" : (date.getTime() > Date.now() ? "unaired" : (record.monitored ? "missing" : "unmonitored")) });
      } else {
        for (const [field, label] of MOVIE_DATES) {
          if (!record[field]) continue;
          const date = new Date(record[field]);
          if (date < start || date > end) continue;
          entries.push({ date, title: record.title, detail: label, href: detailURL(record),
            state: record.hasFile ? "has-file" : (record.monitored ? "missing" : "unmonitored") });
        }
      }
    }
    return entries.sort((a, b) => a.date - b.date);
  }

  async function renderCalendar(isCurrent) {
    const params = new URLSearchParams(location.search);
    const now = new Date();
    const monthParam = /^(\d{4})-(\d{2})$/.exec(params.get("month") || "");
    const month = monthParam ? new Date(Number(monthParam[1]), Number(monthParam[2]) - 1, 1) : new Date(now.getFullYear(), now.getMonth(), 1);
    const gridStart = new Date(month);
    gridStart.setDate(1 - ((month.getDay() + 6) % 7)); // weeks start on Monday
    const gridEnd = new Date(month.getFullYear(), month.getMonth() + 1, 0);
    gridEnd.setDate(gridEnd.getDate() + (6 - ((gridEnd.getDay() + 6) % 7)));
    gridEnd.setHours(23, 59, 59, 999);
    const query = "?start=" + encodeURIComponent(gridStart.toISOString()) + "&end=" + encodeURIComponent(gridEnd.toISOString())
      + "&unmonitored=true" + (isSeries ? "&includeSeries=true" : "");
    const [records, allSeries] = await Promise.all([get("/calendar" + query), isSeries ? get("/series").catch(() => []) : Promise.resolve([])]);
    if (!isCurrent()) return;
    const entries = calendarEntries(records, new Map(allSeries.map((series) => [series.id, series])), gridStart, gridEnd);
    const byDay = new Map();
    for (const entry of entries) {
      const key = dayKey(entry.date);
      if (!byDay.has(key)) byDay.set(key, []);
      byDay.get(key).push(entry);
    }
    const monthKey = (date) => date.getFullYear() + "-" + pad2(date.getMonth() + 1);
    const previous = new Date(month.getFullYear(), month.getMonth() - 1, 1);
    const following = new Date(month.getFullYear(), month.getMonth() + 1, 1);
    const layout = prefs().calendar || (window.matchMedia("(max-width: 760px)").matches ? "agenda" : "month");

    const entryLink = (entry) => el("a", { href: entry.href, "data-link": true, class: "calendar-entry " + entry.state },
      el("strong", { text: entry.title }), " ", el("span", { text: entry.detail }));

    let body;
    if (layout === "month") {
      const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
      const cells = [];
      for (let day = new Date(gridStart); day <= gridEnd; day.setDate(day.getDate() + 1)) {
        const key = dayKey(day);
        cells.push(el("div", { class: "calendar-day" + (day.getMonth() !== month.getMonth() ? " other-month" : "") + (key === dayKey(now) ? " today" : ""),
          dataset: { day: key } }, el("span", { class: "day-number", text: String(day.getDate()) }), (byDay.get(key) || []).map(entryLink)));
      }
      body = el("div", { class: "calendar-month", id: "calendar-grid" }, weekdays.map((name) => el("div", { class: "weekday", text: name })), cells);
    } else {
      const days = [...byDay.keys()].filter((key) => key.startsWith(monthKey(month)));
      body = days.length
        ? el("ol", { class: "calendar-agenda", id: "calendar-agenda" }, days.map((key) => el("li", { dataset: { day: key } },
          el("h3", { text: formatDate(byDay.get(key)[0].date) }), byDay.get(key).map(entryLink))))
        : el("p", { class: "empty", text: "Nothing this month." });
    }
    const switchTo = layout === "month" ? "agenda" : "month";
    setView("calendar", "calendar",
      el("div", { class: "view-head" },
        el("h1", { text: month.toLocaleDateString(undefined, { month: "long", year: "numeric" }) }),
        el("div", { class: "tools" },
          link("/calendar?month=" + monthKey(previous), "\u2039 Previous", { class: "button" }),
          link("/calendar", "Today", { class: "button" }),
          link("/calendar?month=" + monthKey(following), "Next \u203a", { class: "button" }),
          button(switchTo === "agenda" ? "Agenda" : "Month", () => { savePrefs({ calendar: switchTo }); route(); }, { id: "calendar-layout" }))),
      body);
  }

  // --- wanted -----------------------------------------------------------------------------------------------

  async function renderWanted(kind, isCurrent) {
    const params = new URLSearchParams(location.search);
    const page = Math.max(1, Number(params.get("page")) || 1);
    const pageSize = 20;
    const query = "?page=" + page + "&pageSize=" + pageSize + "&monitored=true"
      + (isSeries ? "&includeSeries=true&includeEpisodeFile=true&sortKey=airDateUtc&sortDirection=descending" : "");
    const [answer, allSeries] = await Promise.all([get("/wanted/" + kind + query), isSeries ? get("/series").catch(() => []) : Promise.resolve([])]);
    if (!isCurrent()) return;
    const seriesById = new Map(allSeries.map((series) => [series.id, series]));
    const records = answer.records || [];
    const total = answer.totalRecords || 0;
    const pages = Math.max(1, Math.ceil(total / (answer.pageSize || pageSize)));
    const tabs = el("div", { class: "tabs", role: "navigation", "aria-label": "Wanted" },
      link("/wanted/missing", "Missing", { "aria-current": kind === "missing" ? "page" : null }),
      link("/wanted/cutoff", "Cutoff unmet", { "aria-current": kind === "cutoff" ? "page" : null }));
    let table;
    if (!records.length) {
      table = el("p", { class: "empty", text: kind === "missing" ? "Nothing is missing." : "Every file meets its profile's cutoff." });
    } else if (isSeries) {
      table = el("table", { class: "wanted-table", id: "wanted-table" },
        el("thead", {}, el("tr", {}, ["Series", "Episode", "Title", "Air date", kind === "cutoff" ? "Quality" : "Status"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, records.map((episode) => {
          const series = episode.series || seriesById.get(episode.seriesId) || { id: episode.seriesId, title: "Series " + episode.seriesId };
          return el("tr", { dataset: { episodeId: episode.id } },
            el("td", { "data-label": "Series" }, link(detailURL(series), series.title)),
            el("td", { "data-label": "Episode", text: episodeCode(episode) }),
            el("td", { "data-label": "Title", text: episode.title || "" }),
            el("td", { "data-label": "Air date", text: formatDate(episode.airDateUtc || episode.airDate) }),
            el("td", { "data-label": kind === "cutoff" ? "Quality" : "Status", text: kind === "cutoff" ? qualityName(episode.episodeFile) : "Missing" }));
        })));
    } else {
      table = el("table", { class: "wanted-table", id: "wanted-table" },
        el("thead", {}, el("tr", {}, ["Title", "Year", "Availability", "In cinemas", kind === "cutoff" ? "Quality" : "Status"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, records.map((movie) => el("tr", { dataset: { movieId: movie.id } },
          el("td", { "data-label": "Title" }, link(detailURL(movie), movie.title)),
          el("td", { "data-label": "Year", text: movie.year || "" }),
          el("td", { "data-label": "Availability", text: movie.minimumAvailability || "" }),
          el("td", { "data-label": "In cinemas", text: formatDate(movie.inCinemas) }),
          el("td", { "data-label": kind === "cutoff" ? "Quality" : "Status", text: kind === "cutoff" ? qualityName(movie.movieFile) : (movie.status || "Missing") })))));
    }
    const pager = el("div", { class: "pager", id: "wanted-pager" },
      page > 1 ? link("/wanted/" + kind + "?page=" + (page - 1), "\u2039 Previous", { class: "button" }) : null,
      el("span", { class: "muted", text: "Page " + page + " of " + pages + " \u00b7 " + total + " " + (total === 1 ? "record" : "records") }),
      page < pages ? link("/wanted/" + kind + "?page=" + (page + 1), "Next \u203a", { class: "button" }) : null);
    setView("wanted", "wanted", el("div", { class: "view-head" }, el("h1", { text: "Wanted" }), tabs), table, pager);
  }

  // --- settings ---------------------------------------------------------------------------------------------

  const SETTINGS_PAGES = [
    ["profiles", "Quality profiles", "Which qualities to download, the cutoff, upgrades and custom format scores."],
    ["customformats", "Custom formats", "Conditions on releases, scored by the profiles; import and export as JSON (TRaSH guides)."],
    ["quality", "Quality definitions", "Size limits per quality, in MB per minute of runtime."],
    ["mediamanagement", "Media management", "Root folders and file naming."],
    ["indexers", "Indexers", "Where releases are searched."],
    ["downloadclients", "Download clients", "Where releases are sent to download."],
    ["connect", "Connections", "Who is told when something is imported (a media server, for example)."],
    ["tags", "Tags", "Labels that tie " + FACE.plural.toLowerCase() + " to indexers, clients and connections."],
  ];

  async function renderSettings(page, isCurrent) {
    const nav = el("nav", { class: "settings-nav", "aria-label": "Settings" },
      SETTINGS_PAGES.map(([key, title]) => link("/settings/" + key, title, { "aria-current": key === page ? "page" : null })));
    const content = el("div", { class: "settings-content", id: "settings-content" });
    const render = {
      profiles: settingsProfiles, customformats: settingsCustomFormats, quality: settingsQualityDefinitions,
      mediamanagement: settingsMediaManagement, tags: settingsTags,
      indexers: (box, current) => settingsProviders("indexer", "Indexers", box, current),
      downloadclients: (box, current) => settingsProviders("downloadclient", "Download clients", box, current),
      connect: (box, current) => settingsProviders("notification", "Connections", box, current),
    }[page];
    if (!render) {
      setView("settings", "settings", el("div", { class: "view-head" }, el("h1", { text: "Settings" })),
        el("ul", { class: "settings-index" }, SETTINGS_PAGES.map(([key, title, about]) =>
          el("li", {}, link("/settings/" + key, title), el("p", { class: "muted", text: about })))));
      return;
    }
    const title = SETTINGS_PAGES.find(([key]) => key === page)[1];
    setView("settings-" + page, "settings", el("div", { class: "view-head" }, el("h1", { text: title })), nav, content);
    await render(content, isCurrent);
  }

  function formErrors(box, error) {
    box.replaceChildren(el("div", { class: "message error" }, errorView(error)));
  }

  // Provider fields (indexers, download clients, connections, custom format conditions), by field type.
  function fieldControl(field, idPrefix) {
    const id = idPrefix + "-" + field.name.replace(/[^A-Za-z0-9]/g, "-");
    const label = field.label || field.name;
    const hint = [field.helpText, field.unit ? "(" + field.unit + ")" : null].filter(Boolean).join(" ");
    const type = String(field.type || "textbox").toLowerCase();
    let node;
    let read;
    if (type === "hidden") {
      return { node: null, read: () => field.value };
    } else if (type === "info") {
      node = el("p", { class: "muted", text: field.helpText || label });
      read = () => field.value;
    } else if (type === "checkbox") {
      const box = checkbox(label, field.value, { id });
      node = el("div", { class: "field" }, box.label, hint ? el("small", { class: "hint", text: hint }) : null);
      read = () => box.input.checked;
    } else if (type === "select" && Array.isArray(field.selectOptions) && field.selectOptions.length) {
      const numeric = field.selectOptions.every((choice) => typeof choice.value === "number");
      const select = el("select", { id }, field.selectOptions.map((choice) => option(choice.value, choice.name, String(choice.value) === String(field.value))));
      node = labelled(label, select, hint);
      read = () => numeric ? Number(select.value) : select.value;
    } else if (type === "number") {
      const input = el("input", { type: "number", id, step: "any", value: field.value === null || field.value === undefined ? "" : String(field.value) });
      node = labelled(label, input, hint);
      read = () => input.value === "" ? null : Number(input.value);
    } else if (type === "tag" || Array.isArray(field.value)) {
      const numeric = Array.isArray(field.value) && field.value.length > 0 && field.value.every((value) => typeof value === "number");
      const input = el("input", { type: "text", id, value: Array.isArray(field.value) ? field.value.join(", ") : (field.value || ""), autocomplete: "off" });
      node = labelled(label, input, hint || "Separate values with commas.");
      read = () => {
        const values = input.value.split(",").map((value) => value.trim()).filter(Boolean);
        return numeric || (values.length && values.every((value) => /^\d+$/.test(value)) && type !== "tag") ? values.map(Number) : values;
      };
    } else if (type === "textarea") {
      const area = el("textarea", { id, rows: "4" });
      area.value = field.value || "";
      node = labelled(label, area, hint);
      read = () => area.value;
    } else {
      const input = el("input", { type: type === "password" ? "password" : "text", id, autocomplete: type === "password" ? "new-password" : "off",
        spellcheck: "false", value: field.value === null || field.value === undefined ? "" : String(field.value) });
      node = labelled(label, input, hint);
      read = () => input.value;
    }
    if (field.advanced && node) node.classList.add("advanced");
    return { node, read };
  }

  function fieldControls(fields, idPrefix) {
    const controls = (fields || []).slice().sort((a, b) => (a.order || 0) - (b.order || 0)).map((field) => ({ field, control: fieldControl(field, idPrefix) }));
    return {
      nodes: controls.map(({ control }) => control.node).filter(Boolean),
      read: () => controls.map(({ field, control }) => Object.assign({}, field, { value: control.read() })),
      hasAdvanced: controls.some(({ field }) => field.advanced),
    };
  }

  // Quality profiles

  function profileItemName(item) { return item.quality ? item.quality.name : item.name; }
  function profileItemId(item) { return item.quality ? item.quality.id : item.id; }

  async function settingsProfiles(box, isCurrent) {
    const [profiles, formats] = await Promise.all([get("/qualityprofile"), get("/customformat").catch(() => [])]);
    if (!isCurrent()) return;
    const editor = el("div", { id: "profile-editor" });
    const list = el("ul", { class: "settings-list", id: "profile-list" }, profiles.map((profile) => {
      const cutoff = profile.items.find((item) => profileItemId(item) === profile.cutoff);
      const allowed = profile.items.filter((item) => item.allowed).map(profileItemName).reverse();
      return el("li", { class: "panel", dataset: { profileId: profile.id } },
        el("div", { class: "list-head" }, el("h2", { text: profile.name }),
          button("Edit", () => editProfile(profile), { class: "edit" }),
          button("Delete", async () => {
            if (!confirm("Delete the profile " + profile.name + "?")) return;
            try { await api("DELETE", "/qualityprofile/" + profile.id); route(); } catch (error) { reportError(error); }
          }, { class: "danger" })),
        el("p", { class: "muted", dataset: { field: "cutoff" }, text: "Cutoff: " + (cutoff ? profileItemName(cutoff) : "none")
          + (profile.upgradeAllowed ? " \u00b7 upgrades allowed" : " \u00b7 no upgrades") }),
        el("p", { class: "chips" }, allowed.map((name) => el("span", { class: "chip", text: name }))));
    }));

    async function newProfile() {
      try { editProfile(await get("/qualityprofile/schema")); } catch (error) { reportError(error); }
    }

    function editProfile(original) {
      const profile = JSON.parse(JSON.stringify(original));
      const failures = el("div", { id: "profile-errors" });
      const name = el("input", { id: "profile-name", value: profile.name || "", required: true });
      const upgrades = checkbox("Upgrades allowed", profile.upgradeAllowed, { id: "profile-upgrades" });
      const cutoff = el("select", { id: "profile-cutoff" });
      const itemRows = profile.items.slice().reverse().map((item) => {
        const allowed = el("input", { type: "checkbox", checked: item.allowed, onchange: () => { item.allowed = allowed.checked; fillCutoff(); } });
        return el("li", { dataset: { quality: profileItemName(item) } }, el("label", { class: "check" }, allowed, " " + profileItemName(item)),
          item.items && item.items.length ? el("span", { class: "muted", text: " (" + item.items.map(profileItemName).join(", ") + ")" }) : null);
      });
      function fillCutoff() {
        const current = cutoff.value || String(profile.cutoff);
        const allowedItems = profile.items.filter((item) => item.allowed).reverse();
        cutoff.replaceChildren(...allowedItems.map((item) => option(profileItemId(item), profileItemName(item), String(profileItemId(item)) === current)));
      }
      fillCutoff();
      const scoreInput = (id, value) => el("input", { type: "number", id, step: "1", value: String(value || 0) });
      const minScore = scoreInput("profile-min-score", profile.minFormatScore);
      const cutoffScore = scoreInput("profile-cutoff-score", profile.cutoffFormatScore);
      const minUpgradeScore = "minUpgradeFormatScore" in profile ? scoreInput("profile-min-upgrade-score", profile.minUpgradeFormatScore) : null;
      const scores = new Map((profile.formatItems || []).map((item) => [item.format, item.score || 0]));
      const formatInputs = formats.map((format) => ({ format, input: el("input", { type: "number", step: "1", value: String(scores.get(format.id) || 0),
        "aria-label": "Score of " + format.name, dataset: { format: format.id } }) }));
      const form = el("form", { id: "profile-form", class: "panel" },
        el("h2", { text: profile.id ? "Edit " + profile.name : "New quality profile" }),
        el("div", { class: "form-grid" }, labelled("Name", name), upgrades.label, labelled("Upgrade until", cutoff, "The quality at which upgrades stop.")),
        el("fieldset", {}, el("legend", { text: "Allowed qualities (best first)" }), el("ul", { class: "quality-items" }, itemRows)),
        el("fieldset", {}, el("legend", { text: "Custom formats" }),
          el("div", { class: "form-grid" }, labelled("Minimum score", minScore), labelled("Upgrade until score", cutoffScore),
            minUpgradeScore ? labelled("Minimum score increment", minUpgradeScore) : null),
          formatInputs.length ? el("table", { class: "scores" }, el("tbody", {}, formatInputs.map(({ format, input }) =>
            el("tr", {}, el("td", { text: format.name }), el("td", {}, input)))))
            : el("p", { class: "muted" }, "No custom formats yet: ", link("/settings/customformats", "create some"), " to score releases.")),
        failures,
        el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "profile-save", text: "Save" }),
          button("Cancel", () => editor.replaceChildren())));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        failures.replaceChildren();
        Object.assign(profile, {
          name: name.value.trim(), upgradeAllowed: upgrades.input.checked, cutoff: Number(cutoff.value),
          minFormatScore: Number(minScore.value) || 0, cutoffFormatScore: Number(cutoffScore.value) || 0,
          formatItems: formatInputs.map(({ format, input }) => ({ format: format.id, name: format.name, score: Number(input.value) || 0 })),
        });
        if (minUpgradeScore) profile.minUpgradeFormatScore = Number(minUpgradeScore.value) || 0;
        try {
          if (profile.id) await api("PUT", "/qualityprofile/" + profile.id, profile);
          else await api("POST", "/qualityprofile", profile);
          showStatus("Saved the profile " + profile.name + ".");
          route();
        } catch (error) {
          if (error.status !== 401) formErrors(failures, error);
        }
      });
      editor.replaceChildren(form);
      form.scrollIntoView({ block: "nearest" });
      name.focus();
    }

    box.replaceChildren(el("div", { class: "actions" }, button("Add a profile", newProfile, { class: "primary", id: "profile-add" })), list, editor);
  }

  // Custom formats

  /** A custom format as the originals export it (and TRaSH guides publish it): fields as {name: value}. */
  function exportFormat(format) {
    return {
      name: format.name,
      includeCustomFormatWhenRenaming: Boolean(format.includeCustomFormatWhenRenaming),
      specifications: (format.specifications || []).map((spec) => ({
        name: spec.name, implementation: spec.implementation, negate: Boolean(spec.negate), required: Boolean(spec.required),
        fields: Object.fromEntries((spec.fields || []).map((field) => [field.name, field.value])),
      })),
    };
  }

  /** The API's resource of a pasted custom format: fields given as an object become the schema's list. */
  function importFormat(pasted, schema) {
    if (!pasted || typeof pasted !== "object" || typeof pasted.name !== "string" || !pasted.name.trim()) {
      throw new Error("Each custom format needs a name.");
    }
    return {
      name: pasted.name.trim(),
      includeCustomFormatWhenRenaming: Boolean(pasted.includeCustomFormatWhenRenaming),
      specifications: (pasted.specifications || []).map((spec) => {
        if (Array.isArray(spec.fields)) return spec;
        const template = schema.find((candidate) => candidate.implementation === spec.implementation);
        const given = spec.fields || {};
        const fields = template ? template.fields.map((field) => Object.assign({}, field, field.name in given ? { value: given[field.name] } : {}))
          : Object.entries(given).map(([name, value]) => ({ name, value }));
        for (const [name, value] of Object.entries(given)) {
          if (!fields.some((field) => field.name === name)) fields.push({ name, value });
        }
        return { name: spec.name, implementation: spec.implementation, implementationName: template ? template.implementationName : spec.implementation,
          negate: Boolean(spec.negate), required: Boolean(spec.required), fields };
      }),
    };
  }

  async function settingsCustomFormats(box, isCurrent) {
    const [formats, schema] = await Promise.all([get("/customformat"), get("/customformat/schema").catch(() => [])]);
    if (!isCurrent()) return;
    const editor = el("div", { id: "format-editor" });
    const describe = (spec) => (spec.negate ? "not " : "") + (spec.implementationName || spec.implementation) + ": "
      + (spec.fields || []).map((field) => String(field.value)).join(", ") + (spec.required ? " (required)" : "");
    const list = el("ul", { class: "settings-list", id: "format-list" }, formats.map((format) => el("li", { class: "panel", dataset: { formatId: format.id } },
      el("div", { class: "list-head" }, el("h2", { text: format.name }),
        button("Edit", () => editFormat(format), { class: "edit" }),
        button("Export", () => showExport([format]), { class: "export" }),
        button("Delete", async () => {
          if (!confirm("Delete the custom format " + format.name + "?")) return;
          try { await api("DELETE", "/customformat/" + format.id); route(); } catch (error) { reportError(error); }
        }, { class: "danger" })),
      el("ul", { class: "specs muted" }, (format.specifications || []).map((spec) => el("li", { text: spec.name + " \u2014 " + describe(spec) }))))));

    function showExport(chosen) {
      const area = el("textarea", { id: "format-export-json", rows: "14", readonly: true, spellcheck: "false" });
      area.value = JSON.stringify(chosen.length === 1 ? exportFormat(chosen[0]) : chosen.map(exportFormat), null, 2);
      editor.replaceChildren(el("section", { class: "panel" }, el("h2", { text: "Export" }), area,
        el("div", { class: "actions" }, button("Copy", async () => {
          area.select();
          try { await navigator.clipboard.writeText(area.value); showStatus("Copied."); } catch (_) { document.execCommand("copy"); }
        }), button("Close", () => editor.replaceChildren()))));
      area.focus();
    }

    function showImport() {
      const area = el("textarea", { id: "format-import-json", rows: "14", spellcheck: "false",
        placeholder: "{\n  \"name\": \"…\",\n  \"specifications\": [ … ]\n}" });
      const failures = el("div", { id: "format-import-errors" });
      const form = el("form", { class: "panel", id: "format-import-form" },
        el("h2", { text: "Import custom formats" }),
        el("p", { class: "muted", text: "Paste one custom format (or a list) as JSON, as the originals export it and the TRaSH guides publish it. A format with the same name is replaced." }),
        area, failures,
        el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "format-import-submit", text: "Import" }),
          button("Cancel", () => editor.replaceChildren())));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        failures.replaceChildren();
        let pasted;
        try {
          pasted = JSON.parse(area.value);
        } catch (error) {
          failures.replaceChildren(el("p", { class: "message error", text: "This is not valid JSON: " + error.message }));
          return;
        }
        try {
          const resources = (Array.isArray(pasted) ? pasted : [pasted]).map((format) => importFormat(format, schema));
          for (const resource of resources) {
            const existing = formats.find((format) => format.name.toLowerCase() === resource.name.toLowerCase());
            if (existing) await api("PUT", "/customformat/" + existing.id, Object.assign({ id: existing.id }, resource));
            else await api("POST", "/customformat", resource);
          }
          showStatus("Imported " + resources.map((resource) => resource.name).join(", ") + ".");
          route();
        } catch (error) {
          if (error.status === 401) return;
          if (error instanceof APIError) formErrors(failures, error);
          else failures.replaceChildren(el("p", { class: "message error", text: error.message }));
        }
      });
      editor.replaceChildren(form);
      area.focus();
    }

    function editFormat(original) {
      const format = JSON.parse(JSON.stringify(original || { name: "", includeCustomFormatWhenRenaming: false, specifications: [] }));
      const failures = el("div", { id: "format-errors" });
      const name = el("input", { id: "format-name", value: format.name, required: true });
      const renaming = checkbox("Include in {Custom Formats} when renaming", format.includeCustomFormatWhenRenaming, { id: "format-renaming" });
      const specList = el("div", { class: "specs-edit", id: "format-specs" });
      let specs = [];
      function addSpec(spec) {
        const specName = el("input", { value: spec.name || "", "aria-label": "Condition name", required: true });
        const negate = checkbox("Negate", spec.negate);
        const required = checkbox("Required", spec.required);
        const controls = fieldControls(spec.fields, "spec-" + specs.length);
        const entry = { spec, specName, negate, required, controls };
        const node = el("fieldset", { class: "spec", dataset: { implementation: spec.implementation } },
          el("legend", { text: spec.implementationName || spec.implementation }),
          el("div", { class: "form-grid" }, labelled("Name", specName), controls.nodes, negate.label, required.label),
          button("Remove condition", () => { node.remove(); specs = specs.filter((candidate) => candidate !== entry); }, { class: "danger" }));
        entry.node = node;
        specs.push(entry);
        specList.append(node);
      }
      (format.specifications || []).forEach(addSpec);
      const kind = el("select", { id: "format-add-kind", "aria-label": "Condition type" },
        schema.map((template, index) => option(index, template.implementationName || template.implementation)));
      const form = el("form", { id: "format-form", class: "panel" },
        el("h2", { text: format.id ? "Edit " + format.name : "New custom format" }),
        el("div", { class: "form-grid" }, labelled("Name", name), renaming.label),
        el("h3", { text: "Conditions" }), specList,
        el("div", { class: "inline-form" }, kind, button("Add condition", () => {
          const template = schema[Number(kind.value)];
          if (template) addSpec(JSON.parse(JSON.stringify(Object.assign({ name: template.implementationName, negate: false, required: false }, template))));
        }, { id: "format-add-spec" })),
        failures,
        el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "format-save", text: "Save" }),
          button("Cancel", () => editor.replaceChildren())));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        failures.replaceChildren();
        const resource = Object.assign({}, format, {
          name: name.value.trim(), includeCustomFormatWhenRenaming: renaming.input.checked,
          specifications: specs.map(({ spec, specName, negate, required, controls }) => Object.assign({}, spec, {
            name: specName.value.trim(), negate: negate.input.checked, required: required.input.checked, fields: controls.read(),
          })),
        });
        try {
          if (resource.id) await api("PUT", "/customformat/" + resource.id, resource);
          else await api("POST", "/customformat", resource);
          showStatus("Saved the custom format " + resource.name + ".");
          route();
        } catch (error) {
          if (error.status !== 401) formErrors(failures, error);
        }
      });
      editor.replaceChildren(form);
      name.focus();
    }

    box.replaceChildren(
      el("div", { class: "actions" }, button("New custom format", () => editFormat(null), { class: "primary", id: "format-add" }),
        button("Import JSON\u2026", showImport, { id: "format-import" }),
        formats.length ? button("Export all", () => showExport(formats), { id: "format-export-all" }) : null),
      editor, formats.length ? list : el("p", { class: "empty", text: "No custom formats yet." }));
  }

  // Quality definitions

  async function settingsQualityDefinitions(box, isCurrent) {
    const definitions = await get("/qualitydefinition");
    if (!isCurrent()) return;
    const failures = el("div", { id: "definition-errors" });
    const sizeInput = (value, label) => el("input", { type: "number", min: "0", step: "0.1", "aria-label": label,
      value: value === null || value === undefined ? "" : String(value), placeholder: "no limit" });
    const rows = definitions.map((definition) => {
      const title = definition.title || (definition.quality && definition.quality.name) || "";
      const inputs = { minSize: sizeInput(definition.minSize, title + " minimum"),
        preferredSize: sizeInput(definition.preferredSize, title + " preferred"), maxSize: sizeInput(definition.maxSize, title + " maximum") };
      return { definition, inputs, tr: el("tr", { dataset: { quality: title } },
        el("td", { "data-label": "Quality", text: title }),
        el("td", { "data-label": "Minimum" }, inputs.minSize),
        el("td", { "data-label": "Preferred" }, inputs.preferredSize),
        el("td", { "data-label": "Maximum" }, inputs.maxSize)) };
    });
    const form = el("form", { id: "definitions-form" },
      el("p", { class: "muted", text: "Sizes in MB per minute of runtime; an empty maximum means no limit." }),
      el("table", { class: "definitions-table" },
        el("thead", {}, el("tr", {}, ["Quality", "Minimum", "Preferred", "Maximum"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, rows.map((row) => row.tr))),
      failures, el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "definitions-save", text: "Save" })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      failures.replaceChildren();
      const number = (input) => input.value === "" ? null : Number(input.value);
      const updated = rows.map(({ definition, inputs }) => Object.assign({}, definition, {
        minSize: number(inputs.minSize) || 0, preferredSize: number(inputs.preferredSize), maxSize: number(inputs.maxSize),
      }));
      try {
        try {
          await api("PUT", "/qualitydefinition/update", updated);
        } catch (error) {
          if (error.status !== 404 && error.status !== 405) throw error;
          for (const definition of updated) await api("PUT", "/qualitydefinition/" + definition.id, definition);
        }
        showStatus("Saved the quality definitions.");
      } catch (error) {
        if (error.status !== 401) formErrors(failures, error);
      }
    });
    box.replaceChildren(form);
  }

  // Media management: root folders and naming

  async function settingsMediaManagement(box, isCurrent) {
    const [folders, naming] = await Promise.all([get("/rootfolder"), get("/config/naming").catch(() => null)]);
    if (!isCurrent()) return;
    const folderErrors = el("div", { id: "rootfolder-errors" });
    const path = el("input", { id: "rootfolder-path", placeholder: "/path/to/" + (isSeries ? "tv" : "movies"), required: true, spellcheck: "false" });
    const addForm = el("form", { id: "rootfolder-form", class: "inline-form" }, el("label", { for: "rootfolder-path", text: "Add a root folder" }), path,
      el("button", { type: "submit", class: "primary", text: "Add" }));
    addForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      folderErrors.replaceChildren();
      try {
        await api("POST", "/rootfolder", { path: path.value.trim() });
        showStatus("Added the root folder " + path.value.trim() + ".");
        route();
      } catch (error) {
        if (error.status !== 401) formErrors(folderErrors, error);
      }
    });
    const table = el("table", { class: "rootfolders-table", id: "rootfolder-list" },
      el("thead", {}, el("tr", {}, ["Path", "Free space", "Unmapped folders", ""].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, folders.length ? folders.map((folder) => el("tr", { dataset: { rootfolderId: folder.id } },
        el("td", { "data-label": "Path", class: "path", text: folder.path }),
        el("td", { "data-label": "Free space", text: folder.accessible === false ? "not accessible" : formatSize(folder.freeSpace) }),
        el("td", { "data-label": "Unmapped" }, (folder.unmappedFolders || []).length
          ? link("/add/import", String(folder.unmappedFolders.length) + " to import") : "0"),
        el("td", {}, button("Remove", async () => {
          try { await api("DELETE", "/rootfolder/" + folder.id); route(); } catch (error) { reportError(error); }
        }, { class: "danger", "aria-label": "Remove " + folder.path }))))
        : el("tr", { class: "empty" }, el("td", { colspan: "4", text: "No root folders yet." }))));
    const sections = [el("section", { class: "panel" }, el("h2", { text: "Root folders" }), table, addForm, folderErrors)];
    if (naming) sections.push(namingForm(naming));
    box.replaceChildren(...sections);
  }

  function namingForm(naming) {
    const failures = el("div", { id: "naming-errors" });
    const words = (key) => key.replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase());
    const controls = Object.entries(naming).filter(([key]) => key !== "id").map(([key, value]) => {
      if (typeof value === "boolean") {
        const box = checkbox(words(key), value, { id: "naming-" + key });
        return { key, node: box.label, read: () => box.input.checked };
      }
      if (typeof value === "number") {
        const input = el("input", { type: "number", id: "naming-" + key, value: String(value) });
        return { key, node: labelled(words(key), input), read: () => Number(input.value) };
      }
      if (value === null || typeof value === "string") {
        const input = el("input", { type: "text", id: "naming-" + key, value: value || "", spellcheck: "false", class: "wide" });
        return { key, node: labelled(words(key), input), read: () => input.value };
      }
      return { key, node: null, read: () => value };
    });
    const form = el("form", { class: "panel", id: "naming-form" }, el("h2", { text: "Naming" }),
      el("div", { class: "naming-fields" }, controls.map((control) => control.node).filter(Boolean)), failures,
      el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "naming-save", text: "Save naming" })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      failures.replaceChildren();
      const updated = Object.assign({}, naming, Object.fromEntries(controls.map((control) => [control.key, control.read()])));
      try {
        await api("PUT", "/config/naming" + (naming.id !== undefined ? "/" + naming.id : ""), updated);
        showStatus("Saved the naming settings.");
      } catch (error) {
        if (error.status !== 401) formErrors(failures, error);
      }
    });
    return form;
  }

  // Indexers, download clients, connections: the originals' provider resources with schema templates.

  async function settingsProviders(kind, title, box, isCurrent) {
    const [providers, tags] = await Promise.all([get("/" + kind), get("/tag").catch(() => [])]);
    if (!isCurrent()) return;
    const editor = el("div", { id: "provider-editor" });
    const tagNames = new Map(tags.map((tag) => [tag.id, tag.label]));
    const testStatus = el("p", { class: "muted", role: "status", id: "provider-list-status" });

    async function test(resource, statusLine) {
      statusLine.textContent = "Testing\u2026";
      statusLine.className = "muted";
      try {
        await api("POST", "/" + kind + "/test", resource);
        statusLine.textContent = "Test passed: " + (resource.name || resource.implementationName) + " answered.";
        statusLine.className = "message ok";
        statusLine.dataset.result = "ok";
      } catch (error) {
        if (error.status === 401) return;
        statusLine.replaceChildren(el("span", {}, "Test failed: "), errorView(error));
        statusLine.className = "message error";
        statusLine.dataset.result = "failed";
      }
    }

    const enabledText = (provider) => {
      if (kind === "indexer") return [provider.enableRss && "RSS", provider.enableAutomaticSearch && "automatic search", provider.enableInteractiveSearch && "interactive search"].filter(Boolean).join(", ") || "disabled";
      if (kind === "downloadclient") return provider.enable ? "enabled" : "disabled";
      return Object.keys(provider).filter((key) => /^on[A-Z]/.test(key) && provider[key] === true).map((key) => key.slice(2)).join(", ") || "no events";
    };

    const list = providers.length ? el("table", { class: "providers-table", id: "provider-list" },
      el("thead", {}, el("tr", {}, ["Name", "Type", kind === "notification" ? "Events" : "Enabled", "Tags", ""].map((h) => el("th", { scope: "col", text: h })))),
      el("tbody", {}, providers.map((provider) => el("tr", { dataset: { providerId: provider.id } },
        el("td", { "data-label": "Name", text: provider.name }),
        el("td", { "data-label": "Type", text: provider.implementationName || provider.implementation }),
        el("td", { "data-label": kind === "notification" ? "Events" : "Enabled", text: enabledText(provider) }),
        el("td", { "data-label": "Tags", text: (provider.tags || []).map((id) => tagNames.get(id) || id).join(", ") }),
        el("td", { class: "actions" },
          button("Edit", () => editProvider(provider), { class: "edit" }),
          button("Test", () => test(provider, testStatus), { class: "test" }),
          button("Delete", async () => {
            if (!confirm("Delete " + provider.name + "?")) return;
            try { await api("DELETE", "/" + kind + "/" + provider.id); route(); } catch (error) { reportError(error); }
          }, { class: "danger" }))))))
      : el("p", { class: "empty", text: "None yet." });

    async function chooseTemplate() {
      let templates;
      try { templates = await get("/" + kind + "/schema"); } catch (error) { reportError(error); return; }
      editor.replaceChildren(el("section", { class: "panel", id: "provider-templates" },
        el("h2", { text: "Add: choose a type" }),
        el("div", { class: "template-grid" }, templates.map((template) => button(template.implementationName || template.implementation, () => {
          editProvider(Object.assign(JSON.parse(JSON.stringify(template)), { name: template.name || template.implementationName || "" }));
        }, { class: "template", dataset: { implementation: template.implementation } }))),
        el("div", { class: "actions" }, button("Cancel", () => editor.replaceChildren()))));
    }

    function editProvider(original) {
      const provider = JSON.parse(JSON.stringify(original));
      const failures = el("div", { id: "provider-errors" });
      const statusLine = el("p", { id: "provider-test-status", role: "status" });
      const name = el("input", { id: "provider-name", value: provider.name || "", required: true });
      const flags = Object.keys(provider).filter((key) => typeof provider[key] === "boolean" && !/^(supports|is)[A-Z]/.test(key))
        .map((key) => ({ key, box: checkbox(key.replace(/([A-Z])/g, " $1").replace(/^./, (first) => first.toUpperCase()), provider[key], { id: "provider-" + key }) }));
      const priority = typeof provider.priority === "number" ? el("input", { type: "number", id: "provider-priority", min: "1", max: "50", value: String(provider.priority) }) : null;
      const tagBoxes = tags.map((tag) => ({ tag, box: checkbox(tag.label, (provider.tags || []).includes(tag.id)) }));
      const fields = fieldControls(provider.fields, "provider-field");
      const advancedToggle = fields.hasAdvanced ? checkbox("Show advanced settings", false, { id: "provider-advanced" }) : null;
      const fieldBox = el("div", { class: "form-grid provider-fields hide-advanced" }, fields.nodes);
      if (advancedToggle) advancedToggle.input.addEventListener("change", () => fieldBox.classList.toggle("hide-advanced", !advancedToggle.input.checked));
      const read = () => {
        const resource = Object.assign({}, provider, { name: name.value.trim(), fields: fields.read(), tags: tagBoxes.filter(({ box }) => box.input.checked).map(({ tag }) => tag.id) });
        for (const { key, box } of flags) resource[key] = box.input.checked;
        if (priority) resource.priority = Number(priority.value) || 1;
        return resource;
      };
      const save = async (force) => {
        failures.replaceChildren();
        const resource = read();
        const query = force ? "?forceSave=true" : "";
        try {
          if (resource.id) await api("PUT", "/" + kind + "/" + resource.id + query, resource);
          else await api("POST", "/" + kind + query, resource);
          showStatus("Saved " + resource.name + ".");
          route();
        } catch (error) {
          if (error.status === 401) return;
          formErrors(failures, error);
          if (!force && error.status === 400) failures.append(button("Save anyway", () => save(true), { id: "provider-force-save" }));
        }
      };
      const form = el("form", { id: "provider-form", class: "panel", dataset: { implementation: provider.implementation } },
        el("h2", { text: (provider.id ? "Edit " : "Add ") + (provider.implementationName || provider.implementation) }),
        provider.infoLink ? el("p", { class: "muted" }, el("a", { href: provider.infoLink, rel: "noopener noreferrer", target: "_blank", text: "About this type" })) : null,
        el("div", { class: "form-grid" }, labelled("Name", name), priority ? labelled("Priority", priority, "1 is tried first.") : null),
        flags.length ? el("div", { class: "flags" }, flags.map(({ box }) => box.label)) : null,
        fieldBox, advancedToggle ? advancedToggle.label : null,
        tags.length ? el("fieldset", {}, el("legend", { text: "Tags" }), tagBoxes.map(({ box }) => box.label)) : null,
        failures, statusLine,
        el("div", { class: "actions" },
          button("Test", () => test(read(), statusLine), { id: "provider-test" }),
          el("button", { type: "submit", class: "primary", id: "provider-save", text: "Save" }),
          button("Cancel", () => editor.replaceChildren())));
      form.addEventListener("submit", (event) => { event.preventDefault(); save(false); });
      editor.replaceChildren(form);
      form.scrollIntoView({ block: "nearest" });
      name.focus();
    }

    box.replaceChildren(el("div", { class: "actions" }, button("Add\u2026", chooseTemplate, { class: "primary", id: "provider-add" })),
      testStatus, list, editor);
  }

  // Tags

  async function settingsTags(box, isCurrent) {
    const tags = await get("/tag");
    if (!isCurrent()) return;
    const failures = el("div", { id: "tag-errors" });
    const label = el("input", { id: "tag-label", required: true, autocomplete: "off", placeholder: "e.g. requested-by-alice" });
    const form = el("form", { id: "tag-form", class: "inline-form" }, el("label", { for: "tag-label", text: "New tag" }), label,
      el("button", { type: "submit", class: "primary", text: "Add" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      failures.replaceChildren();
      try {
        await api("POST", "/tag", { label: label.value.trim() });
        route();
      } catch (error) {
        if (error.status !== 401) formErrors(failures, error);
      }
    });
    box.replaceChildren(el("section", { class: "panel" },
      tags.length ? el("ul", { class: "chips", id: "tag-list" }, tags.map((tag) => el("li", { class: "chip", dataset: { tagId: tag.id } }, tag.label + " ",
        button("\u00d7", async () => {
          try { await api("DELETE", "/tag/" + tag.id); route(); } catch (error) { reportError(error); }
        }, { class: "link", "aria-label": "Delete the tag " + tag.label }))))
        : el("p", { class: "muted", text: "No tags yet." }),
      form, failures));
  }

  // --- start ------------------------------------------------------------------------------------------------

  takeKeyFromURL();
  if (apiKey) start();
  else askForKey("");
})();
