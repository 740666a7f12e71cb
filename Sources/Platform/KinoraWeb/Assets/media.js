// The media role's web client: a small single-page app on Jellyfin's API (same origin).
// Views are chosen by location.hash; every view is built with DOM calls and textContent only, so
// nothing a library file is named can turn into markup.
(function () {
  "use strict";

  const root = document.getElementById("media");
  if (!root) return;
  const view = document.getElementById("media-view");
  const errorBox = document.getElementById("media-error");
  const TICKS_PER_SECOND = 10000000;
  const PAGE_SIZE = 60;
  const PROGRESS_INTERVAL_MS = 10000;
  const STORAGE_KEY = "kinora.media.session";

  // --- session and API ------------------------------------------------------------------------

  let session = readSession();
  /// The current view's cleanup (the player reports "stopped" and releases its stream here).
  let teardown = null;
  let views = null;

  function readSession() {
    try { return JSON.parse(localStorage.getItem(STORAGE_KEY)) || null; } catch (_) { return null; }
  }

  function deviceId() {
    let id = localStorage.getItem("kinora.media.device");
    if (!id) {
      id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
      localStorage.setItem("kinora.media.device", id);
    }
    return id;
  }

  function authorization() {
    const quote = (value) => String(value).replace(/["\\]/g, "");
    let header = `MediaBrowser Client="Kinora Web", Device="${quote(browserName())}", DeviceId="${deviceId()}", Version="${quote(root.dataset.version || "0")}"`;
    if (session) header += `, Token="${session.token}"`;
    return header;
  }

  function browserName() {
    const agent = navigator.userAgent;
    if (/Edg\//.test(agent)) return "Edge";
    if (/Chrom(e|ium)\//.test(agent)) return "Chromium";
    if (/Firefox\//.test(agent)) return "Firefox";
    if (/Safari\//.test(agent)) return "Safari";
    return "Browser";
  }

  class APIError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
    }
    const text = search.toString();
    return text ? "?" + text : "";
  }

  async function api(method, path, { params, body, keepalive } = {}) {
    const headers = { Authorization: authorization(), Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(path + query(params), {
      method, headers, keepalive: !!keepalive, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && session) {
      signOut(false);
      throw new APIError(401, "Your session has ended; sign in again.");
    }
    if (!response.ok) {
      const text = (await response.text()).trim();
      throw new APIError(response.status, text && text.length < 300 ? text : `The server answered ${response.status}.`);
    }
    if (response.status === 204) return null;
    const type = response.headers.get("Content-Type") || "";
    return type.includes("json") ? response.json() : response.text();
  }

  /// A URL for an element that cannot send headers (<video>, <track>): the token goes in the query.
  function withToken(url) {
    if (/[?&]api_key=/i.test(url)) return url;
    return url + (url.includes("?") ? "&" : "?") + "api_key=" + encodeURIComponent(session.token);
  }

  function showError(error) {
    errorBox.textContent = error ? (error.message || String(error)) : "";
  }

  // --- small DOM helpers ----------------------------------------------------------------------

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function show(name, ...children) {
    view.dataset.view = name;
    view.replaceChildren(...children.flat().filter(Boolean));
  }

  function formatTime(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function runtime(item) {
    if (!item.RunTimeTicks) return null;
    const minutes = Math.round(item.RunTimeTicks / TICKS_PER_SECOND / 60);
    return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  }

  function imageURL(item, height) {
    if (item.ImageTags && item.ImageTags.Primary) {
      return `/Items/${item.Id}/Images/Primary${query({ fillHeight: height, quality: 90, tag: item.ImageTags.Primary })}`;
    }
    if (item.SeriesId && item.SeriesPrimaryImageTag) {
      return `/Items/${item.SeriesId}/Images/Primary${query({ fillHeight: height, quality: 90, tag: item.SeriesPrimaryImageTag })}`;
    }
    return null;
  }

  function episodeLabel(item) {
    if (item.Type !== "Episode") return null;
    const season = item.ParentIndexNumber != null ? `S${String(item.ParentIndexNumber).padStart(2, "0")}` : "";
    const episode = item.IndexNumber != null ? `E${String(item.IndexNumber).padStart(2, "0")}` : "";
    return [item.SeriesName, season + episode].filter(Boolean).join(" · ");
  }

  function card(item) {
    const wide = item.Type === "Episode" || item.Type === "Video";
    const image = imageURL(item, wide ? 220 : 330);
    const picture = image
      ? el("img", { src: image, alt: "", loading: "lazy" })
      : el("span", { class: "placeholder", text: item.Name || "?" });
    const data = item.UserData || {};
    return el("a", { class: "card" + (wide ? " wide" : ""), href: `#/item/${item.Id}`, dataset: { id: item.Id, type: item.Type } },
      el("span", { class: "poster" }, picture,
        data.Played ? el("span", { class: "badge played", title: "Played", text: "✓" }) : null,
        item.UnplayedItemCount ? el("span", { class: "badge", title: "Unplayed episodes", text: String(item.UnplayedItemCount) }) : null,
        data.PlayedPercentage ? el("progress", { max: 100, value: Math.round(data.PlayedPercentage) }) : null),
      el("span", { class: "card-title", text: item.Name }),
      el("span", { class: "card-subtitle", text: episodeLabel(item) || (item.ProductionYear ? String(item.ProductionYear) : "") }));
  }

  function row(title, items, moreHref) {
    if (!items.length) return null;
    return el("section", { class: "row" },
      el("h2", {}, moreHref ? el("a", { href: moreHref, text: title }) : title),
      el("div", { class: "cards" }, items.map(card)));
  }

  // --- setup and sign-in ----------------------------------------------------------------------

  const setupForm = document.getElementById("media-setup");
  const signinForm = document.getElementById("media-signin");

  async function signIn(name, password) {
    const result = await api("POST", "/Users/AuthenticateByName", { body: { Username: name, Pw: password } });
    session = { token: result.AccessToken, userId: result.User.Id, name: result.User.Name, isAdmin: !!(result.User.Policy && result.User.Policy.IsAdministrator) };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    views = null;
  }

  function signOut(tellServer) {
    if (tellServer && session) api("POST", "/Sessions/Logout").catch(() => {});
    session = null;
    views = null;
    localStorage.removeItem(STORAGE_KEY);
    // The next person to sign in starts at home, not on the page the last one left open.
    history.replaceState(null, "", location.pathname + location.search);
    route();
  }

  setupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = setupForm.elements.name.value.trim();
    const password = setupForm.elements.password.value;
    try {
      await api("POST", "/Startup/User", { body: { Name: name, Password: password } });
      await api("POST", "/Startup/Complete");
      await signIn(name, password);
      location.hash = "#/admin";
      route();
    } catch (error) { showError(error); }
  });

  signinForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await signIn(signinForm.elements.name.value.trim(), signinForm.elements.password.value);
      signinForm.reset();
      if (!location.hash || location.hash === "#/") location.hash = "#/home";
      route();
    } catch (error) {
      showError(error.status === 401 ? new Error("Invalid user name or password.") : error);
    }
  });

  document.getElementById("media-signout").addEventListener("click", () => signOut(true));

  document.getElementById("media-search").addEventListener("submit", (event) => {
    event.preventDefault();
    const term = event.target.elements.q.value.trim();
    if (term) location.hash = "#/search?q=" + encodeURIComponent(term);
  });

  // --- chrome: which forms and links show --------------------------------------------------------

  async function userViews() {
    if (!views) views = (await api("GET", "/UserViews", { params: { userId: session.userId } })).Items || [];
    return views;
  }

  async function updateChrome() {
    const signedIn = !!session;
    setupForm.hidden = true;
    signinForm.hidden = signedIn;
    document.getElementById("media-search").hidden = !signedIn;
    document.getElementById("media-signout").hidden = !signedIn;
    document.getElementById("media-admin-link").hidden = !(signedIn && session.isAdmin);
    document.getElementById("media-user-name").textContent = signedIn ? session.name : "";
    const libraries = document.getElementById("media-libraries");
    if (!signedIn) { libraries.replaceChildren(); return; }
    const list = await userViews();
    libraries.replaceChildren(...list.map((v) => el("a", { href: `#/library/${v.Id}`, text: v.Name })));
  }

  // --- views ----------------------------------------------------------------------------------

  async function homeView() {
    const userId = session.userId;
    const [libraries, resume, nextUp] = await Promise.all([
      userViews(),
      api("GET", "/UserItems/Resume", { params: { userId, Limit: 12, MediaTypes: "Video" } }),
      api("GET", "/Shows/NextUp", { params: { userId, Limit: 12 } }),
    ]);
    const latest = await Promise.all(libraries.map((library) =>
      api("GET", "/Items/Latest", { params: { userId, ParentId: library.Id, Limit: 16 } }).then((items) => ({ library, items }))));
    const rows = [
      row("Continue watching", resume.Items || []),
      row("Next up", nextUp.Items || []),
      ...latest.map(({ library, items }) => row(`Latest in ${library.Name}`, items || [], `#/library/${library.Id}`)),
    ].filter(Boolean);
    show("home", el("h1", { class: "visually-hidden", text: "Home" }),
      rows.length ? rows : el("p", { class: "empty", text: session.isAdmin
        ? "Nothing here yet. Add a library under Administration, or put videos in the data folder's tv/, anime/ and movies/ folders."
        : "Nothing here yet." }));
  }

  const LIBRARY_TYPES = { movies: "Movie", tvshows: "Series", homevideos: "Video" };

  async function libraryView(id, params) {
    const library = (await userViews()).find((v) => v.Id === id);
    if (!library) throw new Error("This library does not exist or you have no access to it.");
    const sortBy = params.get("sort") || "SortName";
    const filter = params.get("filter") || "";
    const grid = el("div", { class: "cards grid" });
    const more = el("button", { type: "button", hidden: true, text: "Load more" });
    const count = el("span", { class: "muted" });
    let loaded = 0;
    async function load() {
      more.disabled = true;
      const page = await api("GET", "/Items", { params: {
        userId: session.userId, ParentId: id, Recursive: true,
        IncludeItemTypes: LIBRARY_TYPES[library.CollectionType] || "Movie,Series,Video",
        SortBy: sortBy === "SortName" ? "SortName" : `${sortBy},SortName`,
        SortOrder: sortBy === "SortName" ? "Ascending" : "Descending",
        Filters: filter, StartIndex: loaded, Limit: PAGE_SIZE, EnableUserData: true,
      } });
      grid.append(...(page.Items || []).map(card));
      loaded += (page.Items || []).length;
      count.textContent = `${page.TotalRecordCount} ${page.TotalRecordCount === 1 ? "title" : "titles"}`;
      more.hidden = loaded >= page.TotalRecordCount;
      more.disabled = false;
    }
    more.addEventListener("click", () => load().catch(showError));
    const navigate = (key, value) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value); else next.delete(key);
      location.hash = `#/library/${id}?${next}`;
    };
    const sort = el("select", { "aria-label": "Sort by", onchange: (e) => navigate("sort", e.target.value) },
      [["SortName", "Name"], ["DateCreated", "Date added"], ["ProductionYear", "Year"], ["DatePlayed", "Last played"]]
        .map(([value, label]) => el("option", { value, selected: value === sortBy, text: label })));
    const filters = el("select", { "aria-label": "Show", onchange: (e) => navigate("filter", e.target.value) },
      [["", "All"], ["IsUnplayed", "Unplayed"], ["IsResumable", "In progress"], ["IsFavorite", "Favourites"]]
        .map(([value, label]) => el("option", { value, selected: value === filter, text: label })));
    show("library", el("div", { class: "view-head" }, el("h1", { text: library.Name }), count, sort, filters), grid, more);
    await load();
  }

  async function itemView(id) {
    const userId = session.userId;
    const item = await api("GET", `/Users/${userId}/Items/${id}`);
    const data = item.UserData || {};
    const facts = [item.ProductionYear, runtime(item), item.OfficialRating, item.CommunityRating ? `★ ${item.CommunityRating.toFixed(1)}` : null].filter(Boolean);
    const heading = el("div", { class: "item-head" },
      imageURL(item, 450) ? el("img", { class: "item-poster", src: imageURL(item, 450), alt: "" }) : null,
      el("div", { class: "item-text" },
        item.Type === "Episode" && item.SeriesId
          ? el("p", { class: "muted" }, el("a", { href: `#/item/${item.SeriesId}`, text: item.SeriesName }), " · ", item.SeasonId ? el("a", { href: `#/item/${item.SeasonId}`, text: item.SeasonName || `Season ${item.ParentIndexNumber}` }) : null)
          : null,
        item.Type === "Season" && item.SeriesId ? el("p", { class: "muted" }, el("a", { href: `#/item/${item.SeriesId}`, text: item.SeriesName })) : null,
        el("h1", { text: item.Type === "Episode" && item.IndexNumber != null ? `${item.IndexNumber}. ${item.Name}` : item.Name }),
        facts.length ? el("p", { class: "muted", text: facts.join(" · ") }) : null,
        el("div", { class: "actions" }, playButtons(item), stateButtons(item)),
        item.Overview ? el("p", { class: "overview", text: item.Overview }) : null,
        (item.Genres || []).length ? el("p", { class: "muted", text: item.Genres.join(", ") }) : null,
        mediaFacts(item)));
    const parts = [heading];
    if (item.Type === "Series") {
      const [seasons, next] = await Promise.all([
        api("GET", `/Shows/${id}/Seasons`, { params: { userId } }),
        api("GET", "/Shows/NextUp", { params: { userId, SeriesId: id, Limit: 1 } }),
      ]);
      parts.push(row("Next up", next.Items || []), row("Seasons", seasons.Items || []));
    } else if (item.Type === "Season") {
      const episodes = await api("GET", `/Shows/${item.SeriesId}/Episodes`, { params: { userId, SeasonId: id, Fields: "Overview" } });
      parts.push(el("section", { class: "episodes" }, el("h2", { text: "Episodes" }),
        el("ol", {}, (episodes.Items || []).map(episodeRow))));
    }
    show("item", ...parts.filter(Boolean));
    view.dataset.itemType = item.Type;
    if (data.PlayedPercentage) view.dataset.resumable = "true";
  }

  function episodeRow(episode) {
    const data = episode.UserData || {};
    return el("li", { dataset: { id: episode.Id } },
      el("a", { href: `#/item/${episode.Id}`, text: `${episode.IndexNumber != null ? episode.IndexNumber + ". " : ""}${episode.Name}` }),
      data.Played ? el("span", { class: "badge played", title: "Played", text: "✓" }) : null,
      episode.RunTimeTicks ? el("span", { class: "muted", text: runtime(episode) }) : null,
      el("a", { class: "button", href: `#/play/${episode.Id}${data.PlaybackPositionTicks ? "?start=" + data.PlaybackPositionTicks : ""}`, text: data.PlaybackPositionTicks ? "Resume" : "Play" }),
      episode.Overview ? el("p", { class: "muted", text: episode.Overview }) : null);
  }

  function playButtons(item) {
    if (item.IsFolder) return null;
    const position = (item.UserData || {}).PlaybackPositionTicks || 0;
    return [
      position > 0 ? el("a", { class: "button primary", id: "resume-button", href: `#/play/${item.Id}?start=${position}`, text: `Resume from ${formatTime(position / TICKS_PER_SECOND)}` }) : null,
      el("a", { class: "button" + (position > 0 ? "" : " primary"), id: "play-button", href: `#/play/${item.Id}`, text: position > 0 ? "Play from the start" : "Play" }),
    ];
  }

  function stateButtons(item) {
    const data = item.UserData || {};
    const toggle = (label, on, path) => el("button", { type: "button", "aria-pressed": on ? "true" : "false", text: label, onclick: async (event) => {
      const button = event.currentTarget;
      const pressed = button.getAttribute("aria-pressed") === "true";
      try {
        await api(pressed ? "DELETE" : "POST", path, { params: { userId: session.userId } });
        button.setAttribute("aria-pressed", pressed ? "false" : "true");
      } catch (error) { showError(error); }
    } });
    return [toggle("Played", data.Played, `/UserPlayedItems/${item.Id}`), toggle("Favourite", data.IsFavorite, `/UserFavoriteItems/${item.Id}`)];
  }

  function mediaFacts(item) {
    const source = (item.MediaSources || [])[0];
    if (!source) return null;
    const streams = source.MediaStreams || [];
    const describe = (s) => [s.Language, s.Codec && s.Codec.toUpperCase(), s.Type === "Video" && s.Width ? `${s.Width}×${s.Height}` : null, s.ChannelLayout, s.IsExternal ? "external" : null, s.IsForced ? "forced" : null].filter(Boolean).join(" ");
    const lines = [["File", (source.Container || "").toUpperCase() + (source.Size ? ` · ${(source.Size / 1048576).toFixed(1)} MiB` : "")]];
    for (const type of ["Video", "Audio", "Subtitle"]) {
      const matching = streams.filter((s) => s.Type === type);
      if (matching.length) lines.push([type, matching.map(describe).join("; ")]);
    }
    return el("dl", { class: "facts compact" }, lines.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  }

  async function searchView(params) {
    const term = params.get("q") || "";
    document.getElementById("media-search-q").value = term;
    const found = await api("GET", "/Items", { params: {
      userId: session.userId, SearchTerm: term, Recursive: true, IncludeItemTypes: "Movie,Series,Episode,Video", Limit: PAGE_SIZE, EnableUserData: true,
    } });
    const items = found.Items || [];
    show("search", el("h1", { text: `Results for “${term}”` }),
      items.length ? el("div", { class: "cards grid" }, items.map(card)) : el("p", { class: "empty", text: "Nothing matches." }));
  }

  // --- the player -----------------------------------------------------------------------------

  /// What this browser plays without help, as a Jellyfin device profile; everything else is
  /// transcoded to H.264 + AAC in HLS.
  function deviceProfile() {
    const probe = document.createElement("video");
    const can = (type) => probe.canPlayType(type) !== "";
    const mp4Video = ["h264"];
    if (can('video/mp4; codecs="hvc1.1.6.L93.B0"')) mp4Video.push("hevc");
    if (can('video/mp4; codecs="av01.0.05M.08"')) mp4Video.push("av1");
    if (can('video/mp4; codecs="vp09.00.10.08"')) mp4Video.push("vp9");
    const mp4Audio = ["aac", "mp3"];
    if (can('audio/mp4; codecs="opus"')) mp4Audio.push("opus");
    if (can('audio/mp4; codecs="flac"')) mp4Audio.push("flac");
    if (can('audio/mp4; codecs="ac-3"')) mp4Audio.push("ac3");
    if (can('audio/mp4; codecs="ec-3"')) mp4Audio.push("eac3");
    const webmVideo = ["vp8", "vp9"].concat(can('video/webm; codecs="av01.0.05M.08"') ? ["av1"] : []);
    return {
      Name: "Kinora Web",
      MaxStreamingBitrate: 120000000,
      MaxStaticBitrate: 100000000,
      DirectPlayProfiles: [
        { Container: "mp4,m4v", Type: "Video", VideoCodec: mp4Video.join(","), AudioCodec: mp4Audio.join(",") },
        { Container: "webm", Type: "Video", VideoCodec: webmVideo.join(","), AudioCodec: "vorbis,opus" },
      ],
      TranscodingProfiles: [
        { Container: "ts", Type: "Video", VideoCodec: "h264", AudioCodec: "aac", Context: "Streaming", Protocol: "hls", MaxAudioChannels: "2", BreakOnNonKeyFrames: true },
      ],
      CodecProfiles: [],
      SubtitleProfiles: [
        { Format: "vtt", Method: "External" },
        { Format: "srt", Method: "External" },
        { Format: "ass", Method: "External" },
        { Format: "ssa", Method: "External" },
      ],
    };
  }

  function canPlayHLS() {
    return document.createElement("video").canPlayType("application/vnd.apple.mpegurl") !== "";
  }

  async function playerView(id, params) {
    const userId = session.userId;
    const item = await api("GET", `/Users/${userId}/Items/${id}`);
    const startTicks = Math.max(0, Number(params.get("start")) || 0);
    const info = await api("POST", `/Items/${id}/PlaybackInfo`, {
      params: { UserId: userId, StartTimeTicks: startTicks, IsPlayback: true, AutoOpenLiveStream: true },
      body: { DeviceProfile: deviceProfile() },
    });
    const source = (info.MediaSources || [])[0];
    if (!source) throw new Error("This item has no playable file.");
    const playSessionId = info.PlaySessionId;
    let url, playMethod;
    if (source.SupportsDirectPlay) {
      playMethod = "DirectPlay";
      url = `/Videos/${id}/stream${query({ Static: true, MediaSourceId: source.Id, PlaySessionId: playSessionId })}`;
    } else if (source.TranscodingUrl) {
      if (!canPlayHLS()) throw new Error("This file needs transcoding, which is delivered as HLS, and this browser cannot play HLS. Use Chromium, Chrome, Edge or Safari, or a Jellyfin app.");
      playMethod = "Transcode";
      url = source.TranscodingUrl;
    } else {
      throw new Error("This browser cannot play this file and the server cannot transcode it (is ffmpeg installed?).");
    }

    const video = el("video", { controls: true, autoplay: true, playsinline: true, preload: "auto", crossorigin: "anonymous" });
    video.dataset.playMethod = playMethod;
    const subtitles = (source.MediaStreams || []).filter((s) => s.Type === "Subtitle" && s.DeliveryUrl);
    for (const stream of subtitles) {
      video.append(el("track", {
        kind: "subtitles", src: withToken(stream.DeliveryUrl), srclang: stream.Language || "und",
        label: stream.DisplayTitle || stream.Title || stream.Language || `Subtitle ${stream.Index}`, dataset: { index: stream.Index },
      }));
    }
    const select = el("select", { id: "subtitle-select", "aria-label": "Subtitles" },
      el("option", { value: "-1", text: "Subtitles off" }),
      subtitles.map((s) => el("option", { value: String(s.Index), text: s.DisplayTitle || s.Language || `Subtitle ${s.Index}` })));
    function chooseSubtitle(index) {
      Array.from(video.textTracks).forEach((track, position) => {
        track.mode = String(subtitles[position].Index) === String(index) ? "showing" : "disabled";
      });
      select.value = String(index);
    }
    select.addEventListener("change", () => chooseSubtitle(select.value));
    const chosen = source.DefaultSubtitleStreamIndex;
    const status = el("span", { class: "muted", id: "player-status", text: playMethod === "DirectPlay" ? "Direct play" : "Transcoding" });
    show("player",
      el("div", { class: "view-head" }, el("h1", { text: episodeLabel(item) ? `${episodeLabel(item)} · ${item.Name}` : item.Name }),
        el("a", { href: `#/item/${id}`, text: "Back" })),
      el("div", { id: "player", class: "player" }, video),
      el("div", { class: "player-tools" }, select, status));

    // Reports, as Jellyfin's clients send them: start, progress every 10 s and on pause/seek, stop.
    const report = () => ({
      ItemId: id, MediaSourceId: source.Id, PlaySessionId: playSessionId, PlayMethod: playMethod, CanSeek: true,
      PositionTicks: Math.round(video.currentTime * TICKS_PER_SECOND), IsPaused: video.paused, IsMuted: video.muted,
      VolumeLevel: Math.round(video.volume * 100), SubtitleStreamIndex: Number(select.value),
    });
    let started = false;
    let stopped = false;
    const progress = (eventName) => {
      if (!started || stopped) return;
      api("POST", "/Sessions/Playing/Progress", { body: Object.assign(report(), { EventName: eventName }) }).catch(() => {});
    };
    video.addEventListener("loadedmetadata", () => {
      if (startTicks > 0) video.currentTime = startTicks / TICKS_PER_SECOND;
      chooseSubtitle(chosen != null ? chosen : -1);
    }, { once: true });
    video.addEventListener("playing", () => {
      if (started) return;
      started = true;
      api("POST", "/Sessions/Playing", { body: report() }).catch(() => {});
    });
    video.addEventListener("pause", () => progress("pause"));
    video.addEventListener("play", () => progress("unpause"));
    video.addEventListener("seeked", () => progress("timeupdate"));
    video.addEventListener("error", () => {
      const error = video.error;
      showError(new Error(`The video could not be played${error && error.message ? ": " + error.message : ""}.`));
    });
    const timer = setInterval(() => progress("timeupdate"), PROGRESS_INTERVAL_MS);
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (started) api("POST", "/Sessions/Playing/Stopped", { body: report(), keepalive: true }).catch(() => {});
      else if (playMethod === "Transcode") api("DELETE", "/Videos/ActiveEncodings", { params: { PlaySessionId: playSessionId, DeviceId: deviceId() }, keepalive: true }).catch(() => {});
      video.pause();
      video.removeAttribute("src");
      video.load();
    };
    window.addEventListener("pagehide", stop, { once: true });
    teardown = stop;
    video.src = url.startsWith("/") ? withToken(url) : url;
    video.play().catch(() => { /* autoplay refused: the controls are there */ });
  }

  // --- administration -------------------------------------------------------------------------

  async function adminView() {
    if (!session.isAdmin) throw new Error("Only administrators can open the administration pages.");
    const librariesSection = el("section", { id: "admin-libraries", class: "panel" });
    const scanSection = el("section", { id: "admin-scan", class: "panel" });
    const usersSection = el("section", { id: "admin-users", class: "panel" });
    const transcodingSection = el("section", { id: "admin-transcoding", class: "panel" });
    show("admin", el("h1", { text: "Administration" }), librariesSection, scanSection, usersSection, transcodingSection);

    async function drawLibraries() {
      const folders = await api("GET", "/Library/VirtualFolders");
      const form = el("form", { class: "inline-form" },
        el("input", { name: "name", placeholder: "Name", required: true, "aria-label": "Library name" }),
        el("select", { name: "type", "aria-label": "Content" }, [["movies", "Movies"], ["tvshows", "Shows"], ["homevideos", "Home videos"]].map(([v, t]) => el("option", { value: v, text: t }))),
        el("input", { name: "path", placeholder: "Folder (inside the data folder)", required: true, "aria-label": "Folder" }),
        el("button", { type: "submit", class: "primary", text: "Add library" }));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("POST", "/Library/VirtualFolders", { params: { name: form.elements.name.value.trim(), collectionType: form.elements.type.value, paths: form.elements.path.value.trim(), refreshLibrary: true } });
          views = null;
          await Promise.all([drawLibraries(), updateChrome()]);
        } catch (error) { showError(error); }
      });
      librariesSection.replaceChildren(el("h2", { text: "Libraries" }),
        el("table", {}, el("thead", {}, el("tr", {}, ["Name", "Content", "Folders", ""].map((h) => el("th", { text: h })))),
          el("tbody", {}, folders.map((folder) => el("tr", { dataset: { name: folder.Name } },
            el("td", { text: folder.Name }), el("td", { text: folder.CollectionType }), el("td", { text: (folder.Locations || []).join(", ") }),
            el("td", {}, el("button", { type: "button", class: "danger", text: "Remove", onclick: async () => {
              if (!confirm(`Remove the library ${folder.Name}? The files stay where they are.`)) return;
              try { await api("DELETE", "/Library/VirtualFolders", { params: { name: folder.Name } }); views = null; await Promise.all([drawLibraries(), updateChrome()]); } catch (error) { showError(error); }
            } })))))),
        form);
    }

    async function drawScan() {
      const scan = await api("GET", "/kinora/media/scan");
      const failures = Object.entries(scan.failures || {});
      const running = scan.started && !scan.finished;
      scanSection.replaceChildren(el("h2", { text: "Scanning" }),
        el("p", { class: "muted", id: "scan-summary", text: running ? `Scanning since ${new Date(scan.started).toLocaleTimeString()}…`
          : scan.finished ? `Last scan finished ${new Date(scan.finished).toLocaleString()}: ${scan.videos} videos, ${scan.added} added, ${scan.updated} updated, ${scan.removed} removed, ${scan.probed} probed.`
          : "No scan has run yet." }),
        el("button", { type: "button", class: "primary", text: "Scan all libraries", onclick: async () => {
          try { await api("POST", "/Library/Refresh"); setTimeout(() => drawScan().catch(showError), 1000); } catch (error) { showError(error); }
        } }),
        failures.length ? el("details", {}, el("summary", { text: `${failures.length} files could not be read` }),
          el("ul", {}, failures.map(([path, why]) => el("li", {}, el("code", { text: path }), " — ", why)))) : null);
    }

    async function drawUsers() {
      const [users, folders] = await Promise.all([api("GET", "/Users"), api("GET", "/Library/VirtualFolders")]);
      const form = el("form", { class: "inline-form" },
        el("input", { name: "name", placeholder: "User name", required: true, "aria-label": "User name" }),
        el("input", { name: "password", type: "password", placeholder: "Password", "aria-label": "Password", autocomplete: "new-password" }),
        el("label", { class: "check" }, el("input", { type: "checkbox", name: "admin" }), "Administrator"),
        el("button", { type: "submit", class: "primary", text: "Add user" }));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          const user = await api("POST", "/Users/New", { body: { Name: form.elements.name.value.trim(), Password: form.elements.password.value } });
          if (form.elements.admin.checked) await api("POST", `/Users/${user.Id}/Policy`, { body: Object.assign({}, user.Policy, { IsAdministrator: true }) });
          await drawUsers();
        } catch (error) { showError(error); }
      });
      const access = (user) => {
        const policy = user.Policy || {};
        const boxes = el("fieldset", { class: "access" }, el("legend", { class: "visually-hidden", text: `Libraries ${user.Name} can see` }),
          el("label", { class: "check" }, el("input", { type: "checkbox", name: "all", checked: policy.EnableAllFolders !== false }), "All libraries"),
          folders.map((f) => el("label", { class: "check" }, el("input", { type: "checkbox", name: "folder", value: f.ItemId, checked: policy.EnableAllFolders === false && (policy.EnabledFolders || []).includes(f.ItemId) }), f.Name)));
        boxes.addEventListener("change", async () => {
          const all = boxes.querySelector("input[name=all]").checked;
          const enabled = Array.from(boxes.querySelectorAll("input[name=folder]:checked"), (box) => box.value);
          try { await api("POST", `/Users/${user.Id}/Policy`, { body: Object.assign({}, policy, { EnableAllFolders: all, EnabledFolders: all ? [] : enabled }) }); } catch (error) { showError(error); }
        });
        return boxes;
      };
      usersSection.replaceChildren(el("h2", { text: "Users" }),
        el("table", {}, el("thead", {}, el("tr", {}, ["Name", "Role", "Libraries", "Last active", ""].map((h) => el("th", { text: h })))),
          el("tbody", {}, users.map((user) => el("tr", { dataset: { id: user.Id } },
            el("td", { text: user.Name }),
            el("td", { text: user.Policy && user.Policy.IsAdministrator ? "Administrator" : "User" }),
            el("td", {}, user.Policy && user.Policy.IsAdministrator ? "All" : access(user)),
            el("td", { text: user.LastActivityDate ? new Date(user.LastActivityDate).toLocaleString() : "never" }),
            el("td", {}, user.Id === session.userId ? null : el("button", { type: "button", class: "danger", text: "Delete", onclick: async () => {
              if (!confirm(`Delete ${user.Name}? Their played state and resume points go with them.`)) return;
              try { await api("DELETE", `/Users/${user.Id}`); await drawUsers(); } catch (error) { showError(error); }
            } })))))),
        form);
    }

    async function drawTranscoding() {
      const options = await api("GET", "/System/Configuration/encoding");
      const available = options.KinoraAvailableHardwareAccelerationTypes || ["none"];
      const select = el("select", { name: "hwaccel", "aria-label": "Hardware acceleration" },
        available.map((type) => el("option", { value: type, selected: type === options.HardwareAccelerationType, text: type === "none" ? "None (software, libx264)" : type.toUpperCase() })));
      const limit = el("input", { type: "number", name: "limit", min: 1, max: 64, value: options.KinoraMaximumTranscodes, "aria-label": "Concurrent transcodes" });
      const form = el("form", { class: "inline-form" },
        el("label", {}, "Hardware acceleration ", select), el("label", {}, "At most ", limit, " transcodes at once"),
        el("button", { type: "submit", class: "primary", text: "Save" }));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        try {
          await api("POST", "/System/Configuration/encoding", { body: Object.assign({}, options, { HardwareAccelerationType: select.value, KinoraMaximumTranscodes: Number(limit.value) }) });
          await drawTranscoding();
        } catch (error) { showError(error); }
      });
      transcodingSection.replaceChildren(el("h2", { text: "Transcoding" }),
        el("dl", { class: "facts compact" },
          el("dt", { text: "ffmpeg" }), el("dd", { text: options.EncoderAppPathDisplay || "not found — install ffmpeg to transcode" }),
          el("dt", { text: "Working folder" }), el("dd", { text: options.TranscodingTempPath || "" }),
          el("dt", { text: "Running now" }), el("dd", { text: String(options.KinoraActiveTranscodes || 0) })),
        form);
    }

    await Promise.all([drawLibraries(), drawScan(), drawUsers(), drawTranscoding()]);
    const timer = setInterval(() => drawScan().catch(() => {}), 5000);
    teardown = () => clearInterval(timer);
  }

  // --- routing --------------------------------------------------------------------------------

  async function route() {
    if (teardown) { const done = teardown; teardown = null; done(); }
    showError(null);
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, search] = hash.split("?");
    const params = new URLSearchParams(search || "");
    const [name, id] = path.split("/");
    try {
      if (!session) {
        const info = await api("GET", "/System/Info/Public");
        await updateChrome();
        view.replaceChildren();
        view.dataset.view = info.StartupWizardCompleted ? "signin" : "setup";
        signinForm.hidden = !info.StartupWizardCompleted;
        setupForm.hidden = info.StartupWizardCompleted;
        return;
      }
      await updateChrome();
      switch (name) {
        case "library": await libraryView(id, params); break;
        case "item": await itemView(id); break;
        case "search": await searchView(params); break;
        case "play": await playerView(id, params); break;
        case "admin": await adminView(); break;
        default: await homeView();
      }
    } catch (error) {
      show("error");
      showError(error);
    }
  }

  window.addEventListener("hashchange", route);
  route();
})();
