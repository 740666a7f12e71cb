// The indexers role's (Prowlarr's) web UI on its API v1: indexers, the applications they are synced
// into, and a search across them. Search results come from indexers Kinora does not control, so every
// element is built with textContent and links are checked for their scheme; no HTML from data.
(function () {
  "use strict";

  const root = document.getElementById("indexers");
  if (!root) return;
  const view = document.getElementById("indexers-view");
  const errorBox = document.getElementById("indexers-error");
  const statusBox = document.getElementById("indexers-status");
  const keyForm = document.getElementById("indexers-key");
  const keyInput = document.getElementById("indexers-key-input");
  const forgetKey = document.getElementById("indexers-forget-key");

  const KEY_STORAGE = "kinora.indexers.apikey";
  const SYNC_LEVELS = [["fullSync", "Full sync"], ["addOnly", "Add and remove only"], ["disabled", "Disabled"]];
  const SEARCH_TYPES = [["search", "Any"], ["tvsearch", "TV"], ["movie", "Movie"]];

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
      else if (name === "checked" || name === "selected" || name === "disabled" || name === "hidden" || name === "multiple") node[name] = Boolean(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function button(text, onclick, attributes) {
    return el("button", Object.assign({ type: "button", onclick }, attributes || {}), text);
  }

  function option(value, text, selected) {
    return el("option", { value: String(value), selected: Boolean(selected) }, text);
  }

  function labelled(labelText, control, hint) {
    return el("div", { class: "field" }, el("label", { for: control.id }, labelText), control,
      hint ? el("small", { class: "hint" }, hint) : null);
  }

  /** A table cell; `label` names the column at phone width, where rows become cards. */
  function cell(field, label, ...children) {
    return el("td", { dataset: { field, label } }, ...children);
  }

  function table(id, headings, rows, emptyText) {
    return el("table", { id },
      el("thead", {}, el("tr", {}, headings.map((heading) => el("th", { scope: "col", text: heading })))),
      el("tbody", {}, rows.length ? rows
        : el("tr", { class: "empty" }, el("td", { colspan: String(headings.length), text: emptyText }))));
  }

  function formatSize(bytes) {
    if (!bytes) return "0 B";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(bytes);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit ? value.toFixed(value < 10 ? 2 : 1) : String(value)) + " " + units[unit];
  }

  function formatAge(release) {
    if (release.age >= 1) return release.age + (release.age === 1 ? " day" : " days");
    if (release.ageHours >= 1) return Math.floor(release.ageHours) + " h";
    return Math.max(0, Math.floor(release.ageMinutes || 0)) + " min";
  }

  /** Only links a browser follows harmlessly: an indexer could send `javascript:` as a download URL. */
  function safeLink(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url, location.href);
      return ["http:", "https:", "magnet:"].includes(parsed.protocol) ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function fieldValue(resource, name) {
    const field = (resource.fields || []).find((candidate) => candidate.name === name);
    return field ? field.value : undefined;
  }

  /** A copy of a schema template with these field values set (the rest keep their defaults). */
  function withFields(template, values) {
    const copy = JSON.parse(JSON.stringify(template));
    copy.fields = (copy.fields || []).map((field) => (field.name in values ? Object.assign(field, { value: values[field.name] }) : field));
    return copy;
  }

  /** Every category of an indexer's capabilities, subcategories after their parent. */
  function categoriesOf(indexer) {
    const list = [];
    const walk = (items) => {
      for (const item of items || []) {
        list.push(item);
        walk(item.subCategories);
      }
    };
    walk(indexer.capabilities && indexer.capabilities.categories);
    return list;
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
      response = await fetch("/api/v1" + path, init);
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
        + "Paste the key `kinora keys` prints for the indexers role.");
      throw new APIError(401, "Unauthorized");
    }
    if (!response.ok) {
      const failures = Array.isArray(data) ? data.filter((item) => item && item.errorMessage) : [];
      const message = failures.length ? failures.map((item) => item.errorMessage).join(" ")
        : (data && (data.message || data.error)) || (typeof data === "string" && data) || response.statusText;
      throw new APIError(response.status, method + " " + path.split("?")[0] + ": " + response.status + " " + message, failures);
    }
    return data;
  }

  const get = (path) => api("GET", path);

  /** Shows an error next to a form: a 400's list item by item (li[data-property]), else its message. */
  function formErrors(box, error) {
    box.replaceChildren();
    if (error.failures && error.failures.length) {
      box.append(el("div", { class: "failures message error" },
        el("strong", { text: "The server did not accept this:" }),
        el("ul", {}, error.failures.map((failure) => el("li", { dataset: { property: failure.propertyName || "" } },
          failure.propertyName ? el("code", { text: failure.propertyName }) : null,
          failure.propertyName ? " " : null, failure.errorMessage)))));
    } else {
      box.append(el("p", { class: "message error", text: error.message || String(error) }));
    }
  }

  function reportError(error) {
    if (error && error.status === 401) return; // the key form says it
    console.error(error);
    showError(error.message || String(error));
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

  function navigate(path) {
    history.pushState(null, "", path);
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

  function setView(name, ...children) {
    view.dataset.view = name;
    view.replaceChildren(...children);
    for (const anchor of root.querySelectorAll(".library-bar a[data-section]")) {
      if (anchor.dataset.section === name) anchor.setAttribute("aria-current", "page");
      else anchor.removeAttribute("aria-current");
    }
  }

  async function route() {
    const token = ++renderToken;
    const isCurrent = () => token === renderToken;
    showError("");
    const section = location.pathname.split("/").filter(Boolean)[0] || "indexers";
    view.setAttribute("aria-busy", "true");
    try {
      if (section === "indexers") await renderIndexers(isCurrent);
      else if (section === "applications") await renderApplications(isCurrent);
      else if (section === "search") await renderSearch(isCurrent);
      else setView("not-found", el("p", { class: "empty", text: "Nothing here." }), el("a", { href: "/", "data-link": true, text: "Back to the indexers" }));
    } catch (error) {
      if (isCurrent()) reportError(error);
    } finally {
      if (isCurrent()) view.removeAttribute("aria-busy");
    }
  }

  function start() {
    keyForm.hidden = true;
    view.hidden = false;
    forgetKey.hidden = false;
    route();
  }

  /**
   * Test and save buttons shared by the indexer and application forms. `read()` gives the resource
   * to send; a 400 shows its list next to the form and offers "Save anyway" (`?forceSave=true`),
   * as Prowlarr does when a test fails but the settings are meant.
   */
  function wireProviderForm(form, kind, resourcePath, read, onSaved) {
    const failures = el("div", { id: kind + "-failures" });
    const formStatus = el("p", { id: kind + "-form-status", class: "message ok", role: "status" });
    const forceSave = button("Save anyway", () => save(true), { id: kind + "-force-save", hidden: true });
    const test = button("Test", async () => {
      failures.replaceChildren();
      formStatus.textContent = "";
      forceSave.hidden = true;
      test.disabled = true;
      try {
        await api("POST", resourcePath + "/test", read());
        formStatus.textContent = "Test passed.";
      } catch (error) {
        if (error.status !== 401) formErrors(failures, error);
      } finally {
        test.disabled = false;
      }
    }, { id: kind + "-test" });
    const saveButton = el("button", { type: "submit", class: "primary", id: kind + "-save", text: "Save" });

    async function save(force) {
      failures.replaceChildren();
      formStatus.textContent = "";
      saveButton.disabled = true;
      try {
        const saved = await api("POST", resourcePath + (force ? "?forceSave=true" : ""), read());
        forceSave.hidden = true;
        onSaved(saved);
      } catch (error) {
        if (error.status === 401) return;
        formErrors(failures, error);
        forceSave.hidden = !(error.status === 400 && !force);
      } finally {
        saveButton.disabled = false;
      }
    }

    form.addEventListener("submit", (event) => { event.preventDefault(); save(false); });
    form.append(failures, formStatus, el("div", { class: "actions" }, test, saveButton, forceSave));
  }

  // --- indexers -------------------------------------------------------------------------------------------

  async function renderIndexers(isCurrent) {
    const [indexers, templates] = await Promise.all([get("/indexer"), get("/indexer/schema")]);
    if (!isCurrent()) return;
    indexers.sort((a, b) => (a.priority - b.priority) || String(a.name).localeCompare(String(b.name)));

    const rows = indexers.map((indexer) => {
      const categories = (indexer.capabilities && indexer.capabilities.categories) || [];
      const enabled = indexer.enable !== false;
      const toggle = button(enabled ? "Enabled" : "Disabled", () => setEnabled(indexer, !enabled, toggle), {
        class: "monitor-toggle toggle-enable", "aria-pressed": String(enabled),
        "aria-label": (enabled ? "Disable " : "Enable ") + indexer.name,
      });
      const remove = button("Delete", async () => {
        if (!confirm("Delete the indexer " + indexer.name + "? It is also removed from the applications.")) return;
        try {
          await api("DELETE", "/indexer/" + indexer.id);
          showStatus("Deleted " + indexer.name + ".");
          route();
        } catch (error) { reportError(error); }
      }, { class: "danger delete", "aria-label": "Delete " + indexer.name });
      return el("tr", { dataset: { indexerId: indexer.id, enabled: String(enabled) } },
        cell("name", "Name", indexer.name),
        cell("protocol", "Protocol", indexer.protocol === "usenet" ? "Usenet" : "Torrent"),
        cell("enabled", "Enabled", toggle),
        cell("priority", "Priority", String(indexer.priority)),
        cell("categories", "Categories", categories.length
          ? el("ul", { class: "chips" }, categories.map((category) => el("li", { class: "chip", text: category.name,
            // the top-level categories as chips; their subcategories on hover, to keep rows short
            title: [category.id + " " + category.name].concat((category.subCategories || []).map((sub) => sub.id + " " + sub.name)).join(", ") })))
          : el("span", { class: "muted", text: "unknown (not tested yet)" })),
        cell("actions", "Actions", remove));
    });

    setView("indexers",
      el("div", { class: "view-head" }, el("h1", { text: "Indexers" }),
        el("span", { class: "muted", id: "indexer-count", text: indexers.length + (indexers.length === 1 ? " indexer" : " indexers") })),
      table("indexer-list", ["Name", "Protocol", "Enabled", "Priority", "Categories", "Actions"], rows,
        "No indexers yet: add a Torznab or Newznab feed below."),
      indexerForm(templates));
  }

  /** PUT the indexer as listed with `enable` changed; the masked key ("********") keeps the stored one. */
  async function setEnabled(indexer, enable, toggle) {
    toggle.disabled = true;
    try {
      // Disabling an indexer that no longer answers is the usual reason to toggle it, and its
      // connection settings are unchanged: the capabilities read is not required (forceSave).
      await api("PUT", "/indexer/" + indexer.id + "?forceSave=true", Object.assign({}, indexer, { enable }));
      showStatus((enable ? "Enabled " : "Disabled ") + indexer.name + ".");
      route();
    } catch (error) {
      toggle.disabled = false;
      reportError(error);
    }
  }

  function indexerForm(templates) {
    const implementation = el("select", { id: "indexer-implementation", name: "implementation" },
      templates.map((template) => option(template.implementation, template.implementation + (template.protocol === "usenet" ? " (Usenet)" : " (torrents)"))));
    const name = el("input", { id: "indexer-name", name: "name", required: true, autocomplete: "off" });
    const url = el("input", { id: "indexer-url", name: "baseUrl", type: "url", required: true, autocomplete: "off", spellcheck: "false",
      placeholder: "https://indexer.example/" });
    const key = el("input", { id: "indexer-apikey", name: "apiKey", autocomplete: "off", spellcheck: "false" });
    const priority = el("input", { id: "indexer-priority", name: "priority", type: "number", min: "1", max: "50", value: "25" });

    const read = () => {
      const template = templates.find((candidate) => candidate.implementation === implementation.value) || templates[0];
      return Object.assign(withFields(template, { baseUrl: url.value.trim(), apiKey: key.value.trim() }), {
        name: name.value.trim(), priority: Number(priority.value) || 25, enable: true,
      });
    };

    const form = el("form", { id: "indexer-form", class: "panel", "aria-labelledby": "indexer-form-title" },
      el("h2", { id: "indexer-form-title", text: "Add an indexer" }),
      el("p", { class: "muted", text: "A Torznab or Newznab feed: a tracker's own API, Jackett's feed for one indexer, or another Prowlarr. "
        + "Testing and saving read its capabilities (categories) with the key." }),
      el("div", { class: "form-grid" },
        labelled("Name", name),
        labelled("Type", implementation),
        labelled("URL", url, "The API path /api is added."),
        labelled("API key", key, "The indexer's key, not Kinora's."),
        labelled("Priority", priority, "1 is tried first; 25 is the default.")));
    wireProviderForm(form, "indexer", "/indexer", read, (saved) => {
      showStatus("Added " + saved.name + ".");
      route();
    });
    return form;
  }

  // --- applications --------------------------------------------------------------------------------------

  async function renderApplications(isCurrent) {
    const [applications, templates, health] = await Promise.all([
      get("/applications"), get("/applications/schema"), get("/health").catch(() => []),
    ]);
    if (!isCurrent()) return;
    const problems = health.filter((item) => item.source === "ApplicationStatusCheck");
    const healthBox = el("div", { id: "applications-health", class: "message warning", role: "alert", hidden: !problems.length },
      problems.map((problem) => el("p", { text: problem.message })));

    const rows = applications.map((application) => {
      const remove = button("Delete", async () => {
        if (!confirm("Delete the application " + application.name + "? The indexers already synced into it stay there.")) return;
        try {
          await api("DELETE", "/applications/" + application.id);
          showStatus("Deleted " + application.name + ".");
          route();
        } catch (error) { reportError(error); }
      }, { class: "danger delete", "aria-label": "Delete " + application.name });
      const level = SYNC_LEVELS.find(([value]) => value === application.syncLevel);
      return el("tr", { dataset: { applicationId: application.id } },
        cell("name", "Name", application.name),
        cell("implementation", "Type", application.implementationName || application.implementation),
        cell("syncLevel", "Sync", level ? level[1] : String(application.syncLevel || "")),
        cell("baseUrl", "Address", String(fieldValue(application, "baseUrl") || "")),
        cell("actions", "Actions", remove));
    });

    const syncStatus = el("p", { id: "sync-status", class: "command-status", role: "status" });
    const syncButton = button("Sync App Indexers", async () => {
      syncButton.disabled = true;
      syncStatus.dataset.status = "started";
      syncStatus.textContent = "Syncing\u2026";
      try {
        // The command answers once the sync is over, with completed or failed and why.
        const command = await api("POST", "/command", { name: "ApplicationIndexerSync" });
        const after = await get("/health").catch(() => []);
        const left = after.filter((item) => item.source === "ApplicationStatusCheck");
        healthBox.replaceChildren(...left.map((problem) => el("p", { text: problem.message })));
        healthBox.hidden = !left.length;
        // The status last: once it says the sync ended, the whole view agrees with it.
        syncStatus.dataset.status = command.status;
        syncStatus.textContent = "Sync App Indexers: " + command.status + (command.message ? " (" + command.message + ")" : "");
      } catch (error) {
        syncStatus.dataset.status = "failed";
        syncStatus.textContent = "Sync App Indexers: " + error.message;
      } finally {
        syncButton.disabled = false;
      }
    }, { id: "sync-button", class: "primary" });

    setView("applications",
      el("div", { class: "view-head" }, el("h1", { text: "Applications" }),
        el("div", { class: "tools" }, syncButton)),
      syncStatus, healthBox,
      el("p", { class: "muted", text: "The series and movies managers (Kinora's own roles, or Sonarr and Radarr) this role keeps "
        + "supplied with its indexers, as \u201cNAME (Prowlarr)\u201d copies pointing at its feeds." }),
      table("application-list", ["Name", "Type", "Sync", "Address", "Actions"], rows, "No applications yet: add one below."),
      applicationForm(templates));
  }

  function applicationForm(templates) {
    const templateOf = (implementation) => templates.find((candidate) => candidate.implementation === implementation) || templates[0];
    const implementation = el("select", { id: "application-implementation", name: "implementation" },
      templates.map((template) => option(template.implementation, template.implementationName || template.implementation)));
    const name = el("input", { id: "application-name", name: "name", required: true, autocomplete: "off" });
    // The address the application reaches this role by: the page's own, unless a proxy says otherwise.
    const prowlarrURL = el("input", { id: "application-prowlarr-url", name: "prowlarrUrl", type: "url", required: true,
      autocomplete: "off", spellcheck: "false", value: location.origin });
    const defaultURL = () => String(fieldValue(templateOf(implementation.value), "baseUrl") || "");
    const url = el("input", { id: "application-url", name: "baseUrl", type: "url", required: true, autocomplete: "off",
      spellcheck: "false", value: defaultURL() });
    const key = el("input", { id: "application-apikey", name: "apiKey", required: true, autocomplete: "off", spellcheck: "false" });
    const syncLevel = el("select", { id: "application-sync-level", name: "syncLevel" },
      SYNC_LEVELS.map(([value, text]) => option(value, text, value === "fullSync")));
    let previousDefault = defaultURL();
    implementation.addEventListener("change", () => {
      // Follow the type's default address, unless it was typed in.
      if (url.value === previousDefault) url.value = defaultURL();
      previousDefault = defaultURL();
    });

    const read = () => Object.assign(withFields(templateOf(implementation.value), {
      prowlarrUrl: prowlarrURL.value.trim().replace(/\/+$/, ""), baseUrl: url.value.trim().replace(/\/+$/, ""), apiKey: key.value.trim(),
    }), { name: name.value.trim(), syncLevel: syncLevel.value });

    const form = el("form", { id: "application-form", class: "panel", "aria-labelledby": "application-form-title" },
      el("h2", { id: "application-form-title", text: "Add an application" }),
      el("div", { class: "form-grid" },
        labelled("Name", name),
        labelled("Type", implementation),
        labelled("Sync level", syncLevel, "Full sync also rewrites copies edited in the application; disabled pushes nothing."),
        labelled("Prowlarr server (this role)", prowlarrURL, "As the application reaches it, with any URL base: the synced indexers point here."),
        labelled("Application address", url, "Kinora's series role listens on 8989, movies on 7878."),
        labelled("Application API key", key, "For Kinora's roles: the series or movies line of kinora keys.")));
    wireProviderForm(form, "application", "/applications", read, (saved) => {
      showStatus("Added " + saved.name + ".");
      route();
    });
    return form;
  }

  // --- search -------------------------------------------------------------------------------------------------

  async function renderSearch(isCurrent) {
    const indexers = (await get("/indexer")).filter((indexer) => indexer.enable !== false);
    if (!isCurrent()) return;
    const params = new URLSearchParams(location.search);
    const listed = (name) => params.getAll(name).flatMap((value) => value.split(",")).filter(Boolean);
    const chosenIndexers = new Set(listed("indexerIds"));
    const chosenCategories = new Set(listed("categories"));

    const query = el("input", { id: "search-query", name: "query", type: "search", autocomplete: "off", value: params.get("query") || "" });
    const type = el("select", { id: "search-type", name: "type" },
      SEARCH_TYPES.map(([value, text]) => option(value, text, value === (params.get("type") || "search"))));
    const indexerSelect = el("select", { id: "search-indexers", name: "indexerIds", multiple: true, size: String(Math.min(6, Math.max(2, indexers.length))) },
      indexers.map((indexer) => option(indexer.id, indexer.name, chosenIndexers.has(String(indexer.id)))));
    const categories = new Map();
    for (const indexer of indexers) for (const category of categoriesOf(indexer)) categories.set(category.id, category.name);
    const categorySelect = el("select", { id: "search-categories", name: "categories", multiple: true, size: "6" },
      [...categories].sort((a, b) => a[0] - b[0]).map(([id, categoryName]) => option(id, id + " " + categoryName, chosenCategories.has(String(id)))));
    const count = el("p", { id: "search-count", class: "muted", role: "status" });
    const results = el("div", { id: "search-output" });

    const form = el("form", { id: "search-form", class: "panel", role: "search", "aria-label": "Search the indexers" },
      el("div", { class: "form-grid" },
        labelled("Search for", query),
        labelled("Type", type),
        labelled("Indexers", indexerSelect, "None chosen: every enabled indexer."),
        labelled("Categories", categorySelect, "None chosen: all.")),
      el("div", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "search-submit", text: "Search" })));

    const selected = (select) => [...select.selectedOptions].map((choice) => choice.value);
    const search = async () => {
      const wanted = new URLSearchParams();
      if (query.value.trim()) wanted.set("query", query.value.trim());
      wanted.set("type", type.value);
      for (const id of selected(indexerSelect)) wanted.append("indexerIds", id);
      for (const id of selected(categorySelect)) wanted.append("categories", id);
      // Keep the search in the address, so it can be reloaded and shared (without the key).
      history.replaceState(null, "", "/search?" + wanted);
      count.textContent = "Searching\u2026";
      results.replaceChildren();
      try {
        const releases = await get("/search?" + wanted);
        if (!isCurrent()) return;
        count.textContent = releases.length + (releases.length === 1 ? " result" : " results");
        results.replaceChildren(resultsTable(releases));
      } catch (error) {
        count.textContent = "";
        if (error.status !== 401) formErrors(results, error);
      }
    };
    form.addEventListener("submit", (event) => { event.preventDefault(); search(); });

    setView("search", el("div", { class: "view-head" }, el("h1", { text: "Search" })),
      indexers.length ? form : el("p", { class: "empty" }, "No enabled indexers to search: ",
        el("a", { href: "/indexers", "data-link": true, text: "add one" }), "."),
      count, results);
    if (indexers.length && params.has("query")) await search();
  }

  function resultsTable(releases) {
    const rows = releases.map((release) => {
      const download = safeLink(release.downloadUrl) || safeLink(release.magnetUrl);
      const info = safeLink(release.infoUrl);
      return el("tr", { dataset: { guid: release.guid, indexerId: release.indexerId } },
        cell("title", "Title", info ? el("a", { href: info, rel: "noopener noreferrer nofollow", target: "_blank", text: release.title }) : release.title),
        cell("indexer", "Indexer", release.indexer),
        cell("size", "Size", formatSize(release.size)),
        cell("age", "Age", el("span", { title: release.publishDate || "", text: formatAge(release) })),
        cell("peers", "Seeders / leechers", release.protocol === "torrent"
          ? (release.seeders ?? "?") + " / " + (release.leechers ?? "?") : "\u2013"),
        cell("categories", "Categories", (release.categories || []).map((category) => category.name || String(category.id)).join(", ")),
        cell("download", "Download", download
          ? el("a", { class: "download", href: download, rel: "noopener noreferrer nofollow", "aria-label": "Download " + release.title,
            text: release.protocol === "usenet" ? ".nzb" : (download.startsWith("magnet:") ? "magnet" : ".torrent") })
          : el("span", { class: "muted", text: "none" })));
    });
    return table("search-results", ["Title", "Indexer", "Size", "Age", "Seeders / leechers", "Categories", "Download"], rows,
      "Nothing found.");
  }

  // --- start ------------------------------------------------------------------------------------------------

  takeKeyFromURL();
  if (apiKey) start();
  else askForKey("");
})();
