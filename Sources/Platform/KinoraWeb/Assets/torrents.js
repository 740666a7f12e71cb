// The torrents page (Templates/torrents.mustache): a client of the classic Transmission RPC
// (Transmission 4.0.6 rpc-spec; transmission-daemon 3.00 answers it too), with no library.
//
// Every request is POST {method, arguments, tag} to the page's data-rpc-url. The first answer is
// 409 with X-Transmission-Session-Id; the page sends that id on every later request and takes the
// new one on any later 409. The list, the open detail view and the footer refresh every 2 s.
//
// Methods and fields used (the server must answer exactly these):
//   session-get (no arguments): version, rpc-version, download-dir
//   session-stats: torrentCount, activeTorrentCount, pausedTorrentCount, downloadSpeed, uploadSpeed,
//                  cumulative-stats {downloadedBytes, uploadedBytes}
//   torrent-get {fields}: LIST_FIELDS (all torrents); {ids:[hash], fields}: DETAIL_FIELDS
//   torrent-add {metainfo | filename, paused, download-dir?} -> torrent-added | torrent-duplicate
//   torrent-start / torrent-stop / torrent-verify {ids:[hash]}
//   torrent-remove {ids:[hash], delete-local-data}
//   torrent-set {ids:[hash], files-wanted | files-unwanted | priority-high | priority-normal | priority-low: [index]}
(function () {
  "use strict";
  const root = document.getElementById("torrents");
  if (!root) return;

  const RPC_URL = root.dataset.rpcUrl || "/transmission/rpc";
  const REFRESH_MS = 2000;
  const LIST_FIELDS = [
    "id", "hashString", "name", "status", "error", "errorString", "percentDone", "recheckProgress",
    "metadataPercentComplete", "isFinished", "rateDownload", "rateUpload", "eta", "uploadRatio",
    "peersConnected", "peersSendingToUs", "peersGettingFromUs", "sizeWhenDone", "leftUntilDone",
  ];
  const DETAIL_FIELDS = [
    "id", "hashString", "name", "status", "error", "errorString", "downloadDir", "totalSize", "haveValid",
    "downloadedEver", "uploadedEver", "corruptEver", "addedDate", "doneDate", "comment", "pieceCount",
    "pieceSize", "isPrivate", "magnetLink", "files", "fileStats", "peers", "trackerStats",
  ];
  const STATUS = ["Stopped", "Queued to verify", "Verifying", "Queued", "Downloading", "Queued to seed", "Seeding"];
  const PRIORITY_KEYS = { "1": "priority-high", "0": "priority-normal", "-1": "priority-low" };

  const $ = (id) => document.getElementById(id);
  const rowsBody = $("torrent-rows");
  const listTable = rowsBody.closest("table");
  const emptyNote = $("torrents-empty");
  const errorBox = $("torrents-error");
  const statusBox = $("torrents-status");
  const filterInput = $("torrent-filter");
  const form = $("add-form");
  const fileInput = $("add-file");
  const linkInput = $("add-link");
  const dirInput = $("add-dir");
  const pausedBox = $("add-paused");
  const submitButton = $("add-submit");
  const detail = $("torrent-detail");
  const detailTitle = $("detail-title");
  const detailFacts = $("detail-facts");
  const detailActions = $("detail-actions");
  const filesBody = $("detail-files");
  const peersBody = $("detail-peers");
  const trackersBody = $("detail-trackers");
  const removeDialog = $("remove-dialog");
  const removeName = $("remove-name");
  const removeDeleteData = $("remove-delete-data");
  const footer = $("torrents-footer");

  // --- the RPC ----------------------------------------------------------------------------------

  let sessionId = "";
  let tag = 0;

  async function rpc(method, args) {
    const body = JSON.stringify({ method: method, arguments: args || {}, tag: ++tag });
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = { "Content-Type": "application/json" };
      if (sessionId) headers["X-Transmission-Session-Id"] = sessionId;
      let response;
      try {
        response = await fetch(RPC_URL, { method: "POST", headers: headers, body: body, cache: "no-store", credentials: "same-origin" });
      } catch (_) {
        throw new Error(`cannot reach the torrents server at ${RPC_URL}`);
      }
      if (response.status === 409) {
        const id = response.headers.get("X-Transmission-Session-Id");
        if (!id) throw new Error("the server asked for a session id (HTTP 409) but sent none");
        sessionId = id;
        continue;
      }
      if (response.status === 401) throw new Error("the server wants a user name and password (HTTP 401)");
      if (response.status === 403) throw new Error("the server refused this address (HTTP 403): check its RPC whitelist");
      if (!response.ok) throw new Error(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
      let reply;
      try {
        reply = await response.json();
      } catch (_) {
        throw new Error("the server's answer is not JSON");
      }
      if (!reply || reply.result !== "success") throw new Error(String((reply && reply.result) || "the server gave no result"));
      return reply.arguments || {};
    }
    throw new Error("the session id handshake did not settle (HTTP 409 three times)");
  }

  // --- messages -----------------------------------------------------------------------------------

  let errorIsFromRefresh = false;

  function showError(text, fromRefresh) {
    errorIsFromRefresh = !!fromRefresh;
    if (errorBox.textContent !== text) errorBox.textContent = text;
    errorBox.hidden = false;
  }

  function clearError(onlyRefresh) {
    if (onlyRefresh && !errorIsFromRefresh) return;
    errorBox.hidden = true;
    errorBox.textContent = "";
    errorIsFromRefresh = false;
  }

  function say(text) {
    statusBox.textContent = text;
  }

  // --- formatting ---------------------------------------------------------------------------------

  const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

  function size(bytes) {
    if (!(bytes > 0)) return "0 B";
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)) + " " + UNITS[unit];
  }

  const speed = (bytesPerSecond) => (bytesPerSecond > 0 ? size(bytesPerSecond) + "/s" : "–");

  function percent(fraction) {
    const value = Math.max(0, Math.min(1, Number(fraction) || 0));
    return (Math.floor(value * 1000) / 10).toFixed(1) + "%"; // floor: 99.99 % is not done yet
  }

  function duration(seconds) {
    const s = Math.round(seconds);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
    return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  }

  function eta(seconds) {
    if (seconds === -2) return "unknown";
    if (!(seconds >= 0)) return "–"; // -1: not available (stopped, seeding without a limit, …)
    return duration(seconds);
  }

  function ratio(value) {
    if (value === -2) return "∞";
    if (!(value >= 0)) return "–";
    return value.toFixed(2);
  }

  function date(epochSeconds) {
    return epochSeconds > 0 ? new Date(epochSeconds * 1000).toLocaleString() : "–";
  }

  function relative(epochSeconds) {
    if (!(epochSeconds > 0)) return "–";
    const delta = epochSeconds - Date.now() / 1000;
    return delta >= 0 ? `in ${duration(delta)}` : `${duration(-delta)} ago`;
  }

  function statusText(t) {
    let text = STATUS[t.status] || `Status ${t.status}`;
    if (t.status === 0 && t.isFinished) text = "Finished";
    if (t.status === 2 && t.recheckProgress > 0) text += " " + percent(t.recheckProgress);
    if (t.status === 4 && t.metadataPercentComplete < 1) text = "Fetching metadata " + percent(t.metadataPercentComplete);
    return text;
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function make(tag, attributes, text) {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === true) element.setAttribute(key, "");
      else if (value !== false && value != null) element.setAttribute(key, String(value));
    }
    if (text != null) element.textContent = text;
    return element;
  }

  // --- the list -----------------------------------------------------------------------------------

  const rows = new Map(); // hash -> <tr>
  const torrents = new Map(); // hash -> the last torrent-get entry

  function createRow(hash) {
    const tr = make("tr", { "data-hash": hash });
    const cell = (field, label) => tr.appendChild(make("td", { "data-field": field, "data-label": label }));
    cell("name", "Name").appendChild(make("button", { type: "button", class: "link", "data-action": "details" }));
    // one wrapper per cell, so that at phone width (a grid of label and value) the value stays one column
    const status = cell("status", "Status").appendChild(make("div"));
    status.append(make("span", { class: "status-text" }), make("span", { class: "torrent-error" }));
    const progress = cell("progress", "Progress").appendChild(make("div"));
    progress.append(make("progress", { max: "1", value: "0" }), make("span", { class: "percent" }));
    cell("rateDownload", "Down");
    cell("rateUpload", "Up");
    cell("eta", "ETA");
    cell("ratio", "Ratio");
    cell("peers", "Peers");
    const actions = cell("actions", "Actions");
    actions.classList.add("actions");
    actions.append(
      make("button", { type: "button", "data-action": "stop" }, "Stop"),
      make("button", { type: "button", "data-action": "verify" }, "Verify"),
      make("button", { type: "button", "data-action": "remove", class: "danger" }, "Remove…"),
    );
    return tr;
  }

  function toggleButton(button, t) {
    const action = t.status === 0 ? "start" : "stop";
    if (button.dataset.action !== action) {
      button.dataset.action = action;
      button.textContent = action === "start" ? "Start" : "Stop";
    }
    button.setAttribute("aria-label", `${button.textContent} ${t.name}`);
  }

  function updateRow(tr, t) {
    const field = (name) => tr.querySelector(`[data-field="${name}"]`);
    tr.dataset.status = String(t.status);
    tr.classList.toggle("has-error", !!t.error);
    const nameButton = field("name").firstElementChild;
    setText(nameButton, t.name || t.hashString);
    nameButton.setAttribute("aria-label", `Details of ${t.name || t.hashString}`);
    const status = field("status");
    setText(status.querySelector(".status-text"), statusText(t));
    setText(status.querySelector(".torrent-error"), t.error ? t.errorString || `error ${t.error}` : "");
    const progress = field("progress");
    progress.dataset.value = String(t.percentDone);
    progress.querySelector("progress").value = t.percentDone || 0;
    setText(progress.querySelector(".percent"), percent(t.percentDone));
    setText(field("rateDownload"), speed(t.rateDownload));
    setText(field("rateUpload"), speed(t.rateUpload));
    field("rateDownload").dataset.value = String(t.rateDownload || 0);
    field("rateUpload").dataset.value = String(t.rateUpload || 0);
    setText(field("eta"), eta(t.eta));
    setText(field("ratio"), ratio(t.uploadRatio));
    const peers = field("peers");
    peers.dataset.value = String(t.peersConnected || 0);
    setText(peers, `${t.peersConnected || 0} (↓${t.peersSendingToUs || 0} ↑${t.peersGettingFromUs || 0})`);
    peers.title = `${t.peersConnected || 0} connected, ${t.peersSendingToUs || 0} sending to us, ${t.peersGettingFromUs || 0} downloading from us`;
    const actions = field("actions");
    toggleButton(actions.querySelector('[data-action="start"], [data-action="stop"]'), t);
    actions.querySelector('[data-action="verify"]').setAttribute("aria-label", `Verify ${t.name}`);
    actions.querySelector('[data-action="remove"]').setAttribute("aria-label", `Remove ${t.name}`);
  }

  function byName(a, b) {
    return String(a.name).localeCompare(String(b.name), undefined, { numeric: true, sensitivity: "base" })
      || String(a.hashString).localeCompare(String(b.hashString));
  }

  function renderList(list) {
    torrents.clear();
    for (const t of list) torrents.set(t.hashString, t);
    const sorted = list.slice().sort(byName);
    for (const t of sorted) {
      let tr = rows.get(t.hashString);
      if (!tr) {
        tr = createRow(t.hashString);
        rows.set(t.hashString, tr);
      }
      updateRow(tr, t);
    }
    for (const [hash, tr] of rows) {
      if (torrents.has(hash)) continue;
      if (tr.contains(document.activeElement)) filterInput.focus();
      tr.remove();
      rows.delete(hash);
    }
    // move rows only when the order changed: moving a row takes the focus from its buttons
    const wanted = sorted.map((t) => rows.get(t.hashString));
    const current = Array.from(rowsBody.children);
    if (wanted.length !== current.length || wanted.some((tr, i) => tr !== current[i])) {
      for (const tr of wanted) rowsBody.appendChild(tr);
    }
    emptyNote.hidden = list.length > 0;
    listTable.setAttribute("aria-busy", "false");
    applyFilter();
  }

  function applyFilter() {
    const needle = filterInput.value.trim().toLocaleLowerCase();
    for (const [hash, tr] of rows) {
      const t = torrents.get(hash);
      tr.hidden = !!needle && !String(t ? t.name : "").toLocaleLowerCase().includes(needle);
    }
  }

  function nameOf(hash) {
    const t = torrents.get(hash);
    return (t && t.name) || hash;
  }

  // --- actions ------------------------------------------------------------------------------------

  const ACTIONS = {
    start: { method: "torrent-start", done: "Started", failed: "start" },
    stop: { method: "torrent-stop", done: "Stopped", failed: "stop" },
    verify: { method: "torrent-verify", done: "Verifying", failed: "verify" },
  };

  async function perform(action, hash, button) {
    if (action === "details") return openDetail(hash);
    if (action === "remove") return askRemove(hash);
    const spec = ACTIONS[action];
    if (!spec) return;
    if (button) button.disabled = true;
    try {
      await rpc(spec.method, { ids: [hash] });
      clearError();
      say(`${spec.done} ${nameOf(hash)}.`);
    } catch (error) {
      showError(`Could not ${spec.failed} ${nameOf(hash)}: ${error.message}`);
    } finally {
      if (button) button.disabled = false;
      refreshSoon();
    }
  }

  rowsBody.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    const tr = button && button.closest("tr[data-hash]");
    if (tr) perform(button.dataset.action, tr.dataset.hash, button);
  });

  detailActions.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button && detailHash) perform(button.dataset.action, detailHash, button);
  });

  filterInput.addEventListener("input", applyFilter);

  function askRemove(hash) {
    removeDialog.dataset.hash = hash;
    removeName.textContent = nameOf(hash);
    removeDeleteData.checked = false;
    if (typeof removeDialog.showModal === "function") {
      removeDialog.returnValue = "";
      removeDialog.showModal();
    } else if (window.confirm(`Remove ${nameOf(hash)} from the list?`)) {
      remove(hash, false);
    }
  }

  removeDialog.addEventListener("close", () => {
    const hash = removeDialog.dataset.hash;
    if (removeDialog.returnValue === "remove" && hash) remove(hash, removeDeleteData.checked);
  });

  async function remove(hash, deleteData) {
    const name = nameOf(hash);
    try {
      await rpc("torrent-remove", { ids: [hash], "delete-local-data": deleteData });
      clearError();
      say(deleteData ? `Removed ${name} and deleted its data.` : `Removed ${name}.`);
      if (detailHash === hash) closeDetail();
    } catch (error) {
      showError(`Could not remove ${name}: ${error.message}`);
    }
    refreshSoon();
  }

  // --- adding -------------------------------------------------------------------------------------

  function readBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result || "");
        const comma = url.indexOf(",");
        const data = comma >= 0 ? url.slice(comma + 1) : "";
        if (!data) reject(new Error("the file is empty"));
        else resolve(data);
      };
      reader.onerror = () => reject(new Error("the browser could not read the file"));
      reader.readAsDataURL(file);
    });
  }

  // A bare info hash (40 hex or 32 base32 characters) becomes a magnet link.
  function normalizedLink(text) {
    if (/^[0-9a-f]{40}$/i.test(text) || /^[a-z2-7]{32}$/i.test(text)) return `magnet:?xt=urn:btih:${text}`;
    return text;
  }

  function describeAdded(reply, fallback) {
    const added = reply["torrent-added"];
    const duplicate = reply["torrent-duplicate"];
    if (duplicate) return `${duplicate.name || fallback} is already in the list.`;
    return `Added ${(added && added.name) || fallback}.`;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const files = Array.from(fileInput.files || []);
    const link = normalizedLink(linkInput.value.trim());
    if (!files.length && !link) {
      showError("Choose a .torrent file, or paste a magnet link or URL, then press Add.");
      return;
    }
    const common = { paused: pausedBox.checked };
    const directory = dirInput.value.trim();
    if (directory) common["download-dir"] = directory;
    submitButton.disabled = true;
    const done = [];
    const failed = [];
    for (const file of files) {
      try {
        const metainfo = await readBase64(file);
        done.push(describeAdded(await rpc("torrent-add", Object.assign({ metainfo: metainfo }, common)), file.name));
      } catch (error) {
        failed.push(`${file.name}: ${error.message}`);
      }
    }
    let linkFailed = false;
    if (link) {
      try {
        done.push(describeAdded(await rpc("torrent-add", Object.assign({ filename: link }, common)), link));
      } catch (error) {
        linkFailed = true;
        failed.push(`${link}: ${error.message}`);
      }
    }
    submitButton.disabled = false;
    if (failed.length) showError(`Could not add ${failed.join("; ")}`);
    else clearError();
    say(done.join(" "));
    if (done.length) {
      fileInput.value = "";
      if (!linkFailed) linkInput.value = "";
    }
    refreshSoon();
  });

  // --- the detail view ----------------------------------------------------------------------------

  let detailHash = null;
  const pendingFiles = new Set(); // file indexes with a torrent-set under way

  async function openDetail(hash) {
    if (detailHash !== hash) {
      detailHash = hash;
      pendingFiles.clear();
      filesBody.replaceChildren();
      peersBody.replaceChildren();
      trackersBody.replaceChildren();
      detailFacts.replaceChildren();
    }
    detail.dataset.hash = hash;
    detailTitle.textContent = nameOf(hash);
    detail.hidden = false;
    detailTitle.focus();
    try {
      await refreshDetail();
    } catch (error) {
      showError(`Could not load the details of ${nameOf(hash)}: ${error.message}`, true);
    }
  }

  function closeDetail() {
    const hash = detailHash;
    detailHash = null;
    detail.hidden = true;
    delete detail.dataset.hash;
    const tr = hash && rows.get(hash);
    if (tr && detail.contains(document.activeElement)) tr.querySelector('[data-action="details"]').focus();
  }

  $("detail-close").addEventListener("click", closeDetail);

  async function refreshDetail() {
    const hash = detailHash;
    if (!hash) return;
    const reply = await rpc("torrent-get", { ids: [hash], fields: DETAIL_FIELDS });
    if (hash !== detailHash) return;
    const t = (reply.torrents || [])[0];
    if (!t) {
      say(`${nameOf(hash)} is no longer in the list.`);
      closeDetail();
      return;
    }
    renderDetail(t);
  }

  function renderDetail(t) {
    setText(detailTitle, t.name || t.hashString);
    toggleButton(detailActions.querySelector('[data-action="start"], [data-action="stop"]'), t);
    const facts = [
      ["hash", "Info hash", t.hashString],
      ["status", "Status", statusText(t)],
      ["downloadDir", "Location", t.downloadDir],
      ["size", "Size", `${size(t.totalSize)} (${size(t.haveValid)} verified)`],
      ["downloadedEver", "Downloaded", size(t.downloadedEver)],
      ["uploadedEver", "Uploaded", size(t.uploadedEver)],
      ["corruptEver", "Corrupt", size(t.corruptEver)],
      ["pieces", "Pieces", t.pieceCount ? `${t.pieceCount} × ${size(t.pieceSize)}` : "–"],
      ["addedDate", "Added", date(t.addedDate)],
      ["doneDate", "Completed", date(t.doneDate)],
      ["isPrivate", "Private", t.isPrivate ? "yes" : "no"],
    ];
    if (t.comment) facts.push(["comment", "Comment", t.comment]);
    if (t.magnetLink) facts.push(["magnetLink", "Magnet link", t.magnetLink]);
    if (t.error) facts.push(["error", "Error", t.errorString || `error ${t.error}`]);
    const signature = facts.map((f) => f[0]).join(",");
    if (detailFacts.dataset.signature !== signature) {
      detailFacts.replaceChildren(...facts.flatMap(([key, label]) => [make("dt", {}, label), make("dd", { "data-field": key })]));
      detailFacts.dataset.signature = signature;
    }
    for (const [key, , value] of facts) setText(detailFacts.querySelector(`dd[data-field="${key}"]`), String(value == null ? "–" : value));
    renderFiles(t);
    renderPeers(t.peers || []);
    renderTrackers(t.trackerStats || []);
  }

  function renderFiles(t) {
    const files = t.files || [];
    const stats = t.fileStats || [];
    if (!files.length) {
      filesBody.replaceChildren(emptyRow(5, t.status === 4 ? "No file list yet: fetching the metadata." : "No files."));
      return;
    }
    if (filesBody.querySelectorAll("tr[data-index]").length !== files.length) {
      filesBody.replaceChildren(...files.map((file, index) => createFileRow(index)));
    }
    files.forEach((file, index) => {
      const tr = filesBody.querySelector(`tr[data-index="${index}"]`);
      const stat = stats[index] || { wanted: true, priority: 0 };
      tr.dataset.name = file.name;
      setText(tr.querySelector('[data-field="name"]'), file.name);
      setText(tr.querySelector('[data-field="length"]'), size(file.length));
      const done = tr.querySelector('[data-field="done"]');
      done.dataset.value = String(file.length ? file.bytesCompleted / file.length : 1);
      setText(done, percent(file.length ? file.bytesCompleted / file.length : 1));
      const wanted = tr.querySelector('input[type="checkbox"]');
      const priority = tr.querySelector("select");
      wanted.setAttribute("aria-label", `Download ${file.name}`);
      priority.setAttribute("aria-label", `Priority of ${file.name}`);
      if (!pendingFiles.has(index)) {
        wanted.checked = !!stat.wanted;
        if (document.activeElement !== priority) priority.value = String(stat.priority || 0);
      }
    });
  }

  function createFileRow(index) {
    const tr = make("tr", { "data-index": index });
    const wantedCell = tr.appendChild(make("td", { "data-label": "Download" }));
    wantedCell.appendChild(make("input", { type: "checkbox", "data-field": "wanted" }));
    tr.appendChild(make("td", { "data-field": "name", "data-label": "File", class: "file-name" }));
    tr.appendChild(make("td", { "data-field": "length", "data-label": "Size" }));
    tr.appendChild(make("td", { "data-field": "done", "data-label": "Done" }));
    const select = make("select", { "data-field": "priority" });
    select.append(make("option", { value: "1" }, "High"), make("option", { value: "0" }, "Normal"), make("option", { value: "-1" }, "Low"));
    tr.appendChild(make("td", { "data-label": "Priority" })).appendChild(select);
    return tr;
  }

  function emptyRow(columns, text) {
    const tr = make("tr", { class: "empty" });
    tr.appendChild(make("td", { colspan: columns }, text));
    return tr;
  }

  filesBody.addEventListener("change", async (event) => {
    const control = event.target;
    const tr = control.closest("tr[data-index]");
    const hash = detailHash;
    if (!tr || !hash) return;
    const index = Number(tr.dataset.index);
    const name = tr.dataset.name || `file ${index + 1}`;
    let key;
    let message;
    if (control.matches('input[type="checkbox"]')) {
      key = control.checked ? "files-wanted" : "files-unwanted";
      message = control.checked ? `Will download ${name}.` : `Will skip ${name}.`;
    } else if (control.matches("select")) {
      key = PRIORITY_KEYS[control.value];
      message = `${name}: ${control.selectedOptions[0].textContent.toLowerCase()} priority.`;
    }
    if (!key) return;
    pendingFiles.add(index);
    control.disabled = true;
    try {
      await rpc("torrent-set", { ids: [hash], [key]: [index] });
      clearError();
      say(message);
    } catch (error) {
      showError(`Could not change ${name}: ${error.message}`);
    } finally {
      control.disabled = false;
      pendingFiles.delete(index);
      refreshSoon();
    }
  });

  function renderPeers(peers) {
    if (!peers.length) {
      peersBody.replaceChildren(emptyRow(6, "No peers connected."));
      return;
    }
    peersBody.replaceChildren(...peers.map((peer) => {
      const tr = make("tr", { "data-address": `${peer.address}:${peer.port}` });
      tr.append(
        make("td", { "data-label": "Address" }, `${peer.address}:${peer.port}`),
        make("td", { "data-label": "Client" }, peer.clientName || "–"),
        make("td", { "data-label": "Has" }, percent(peer.progress)),
        make("td", { "data-label": "Down" }, speed(peer.rateToClient)),
        make("td", { "data-label": "Up" }, speed(peer.rateToPeer)),
        make("td", { "data-label": "Flags", title: peer.isEncrypted ? "encrypted" : "" }, peer.flagStr || "–"),
      );
      return tr;
    }));
  }

  function renderTrackers(trackers) {
    if (!trackers.length) {
      trackersBody.replaceChildren(emptyRow(6, "No trackers."));
      return;
    }
    trackersBody.replaceChildren(...trackers.map((tracker) => {
      let last = "Not yet";
      if (tracker.lastAnnounceTime > 0) {
        last = tracker.lastAnnounceSucceeded
          ? `OK, ${tracker.lastAnnouncePeerCount} peers, ${relative(tracker.lastAnnounceTime)}`
          : `Failed: ${tracker.lastAnnounceResult || "no answer"} (${relative(tracker.lastAnnounceTime)})`;
      }
      const count = (n) => (n >= 0 ? String(n) : "–");
      const tr = make("tr", { "data-announce": tracker.announce });
      tr.append(
        make("td", { "data-label": "Tier" }, String((tracker.tier || 0) + 1)),
        make("td", { "data-label": "Announce URL", class: "url" }, tracker.announce),
        make("td", { "data-label": "Last announce" }, last),
        make("td", { "data-label": "Seeders" }, count(tracker.seederCount)),
        make("td", { "data-label": "Leechers" }, count(tracker.leecherCount)),
        make("td", { "data-label": "Next" }, relative(tracker.nextAnnounceTime)),
      );
      return tr;
    }));
  }

  // --- footer -------------------------------------------------------------------------------------

  let session = null;

  function renderSession(s) {
    session = s;
    if (s["download-dir"]) dirInput.placeholder = s["download-dir"];
    const version = s.version ? `Transmission RPC ${s["rpc-version"] || "?"} · ${s.version}` : "";
    setText(footer.querySelector('[data-field="server"]'), version);
  }

  function renderStats(s) {
    const count = s.torrentCount || 0;
    setText(footer.querySelector('[data-field="count"]'),
      `${count} torrent${count === 1 ? "" : "s"} (${s.activeTorrentCount || 0} active, ${s.pausedTorrentCount || 0} paused)`);
    setText(footer.querySelector('[data-field="rates"]'), `↓ ${speed(s.downloadSpeed)} · ↑ ${speed(s.uploadSpeed)}`);
    const total = s["cumulative-stats"] || {};
    setText(footer.querySelector('[data-field="totals"]'),
      `All time: ${size(total.downloadedBytes)} down, ${size(total.uploadedBytes)} up`);
  }

  // --- the refresh loop ---------------------------------------------------------------------------

  let timer = 0;
  let refreshing = false;
  let again = false;

  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    clearTimeout(timer);
    try {
      if (!session) renderSession(await rpc("session-get"));
      const reply = await rpc("torrent-get", { fields: LIST_FIELDS });
      renderList(reply.torrents || []);
      if (detailHash) await refreshDetail();
      renderStats(await rpc("session-stats"));
      clearError(true);
      root.dataset.refreshed = String(Date.now());
    } catch (error) {
      showError(`Could not refresh the list: ${error.message}`, true);
    } finally {
      refreshing = false;
      timer = setTimeout(refresh, again ? 0 : REFRESH_MS);
      again = false;
    }
  }

  function refreshSoon() {
    if (refreshing) {
      again = true;
    } else {
      clearTimeout(timer);
      timer = setTimeout(refresh, 0);
    }
  }

  refresh();
})();
