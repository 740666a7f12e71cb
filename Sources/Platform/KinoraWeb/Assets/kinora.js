// Keeps a status page's health list current without reloading the page.
(function () {
  "use strict";
  const section = document.querySelector("[data-refresh]");
  const list = document.getElementById("health");
  if (!section || !list) return;
  async function refresh() {
    try {
      const response = await fetch(section.dataset.refresh, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const report = await response.json();
      const items = report.checks.length ? report.checks : [{ kind: "ok", source: "", message: "All self-tests passed." }];
      list.replaceChildren(...items.map((check) => {
        const item = document.createElement("li");
        item.className = check.kind;
        if (check.source) {
          const strong = document.createElement("strong");
          strong.textContent = check.source + " ";
          item.append(strong);
        }
        item.append(check.message);
        return item;
      }));
    } catch (_) { /* the server is restarting; try again on the next tick */ }
  }
  setInterval(refresh, 10000);
})();
