// The admin page: loads the browser build of the module (the same one the APS host runs) and
// wires the three panels. Everything runs locally; nothing is fetched but this page's own files.
//
// The package is imported relative to this file, so the page works both when a server maps www/
// to / and pkg/ to /pkg/ (scripts/serve.mjs) and when a static server serves the repository root
// (the page at /www/, the package at /pkg/).
import { byId, setText } from "./dom.js";

// ------------------------------------------------------------------ tabs (WAI-ARIA tabs pattern)

const tabs = [...document.querySelectorAll('[role="tab"]')];

function selectTab(tab, { focus = false, updateHash = true } = {}) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute("aria-selected", String(on));
    other.tabIndex = on ? 0 : -1;
    byId(other.getAttribute("aria-controls")).hidden = !on;
  }
  if (focus) tab.focus();
  if (updateHash) history.replaceState(null, "", `#${tab.getAttribute("aria-controls")}`);
}

for (const tab of tabs) {
  tab.addEventListener("click", () => selectTab(tab));
  tab.addEventListener("keydown", (event) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], { focus: true });
  });
}

function tabFromHash() {
  const tab = tabs.find((t) => `#${t.getAttribute("aria-controls")}` === location.hash);
  if (tab) selectTab(tab, { updateHash: false });
}
window.addEventListener("hashchange", tabFromHash);
tabFromHash();

// ------------------------------------------------------------------ the module

const status = byId("module-status");
try {
  const api = await import("../pkg/web/index.js");
  await api.default();
  const [{ setupPrecheck }, { setupValidator }, { setupBulk }] = await Promise.all([
    import("./precheck.js"),
    import("./validator.js"),
    import("./bulk.js"),
  ]);
  setupPrecheck(api);
  setupValidator(api);
  setupBulk(api);
  setText(status, `Module ${api.version()} loaded · runs in this browser, nothing is sent anywhere`);
  status.classList.add("ok");
  document.documentElement.dataset.ready = "true";
} catch (error) {
  setText(status, `The module could not be loaded (${error?.message ?? error}). Build it with “make build”, then reload.`);
  status.classList.add("failed");
  document.documentElement.dataset.ready = "failed";
  throw error;
}
