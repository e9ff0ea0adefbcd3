// What the bundler and packaging tests share: the package as `npm pack` makes it, a project that
// installs that tarball (as a user's would), a static server on loopback, and headless Chromium.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PKG_DIR = join(ROOT, "pkg");
const PAGE_DIR = fileURLToPath(new URL("page/", import.meta.url));
// Under the repository (target/ is not tracked), so that the projects made here resolve the
// bundlers and vitest from the repository's node_modules, and aps-migratable from their own.
const WORK = join(ROOT, "target", "bundlers");
const NPM_QUIET = ["--no-audit", "--no-fund", "--loglevel=error"];

/** A new empty folder for one test run. */
export function workDir(label) {
  mkdirSync(WORK, { recursive: true });
  return mkdtempSync(join(WORK, `${label}-`));
}

/** `npm pack` of pkg/ into `dir`: the tarball's path. */
export function pack(dir) {
  const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir, PKG_DIR, ...NPM_QUIET], { encoding: "utf8", timeout: 60000 }));
  return join(dir, filename);
}

/**
 * A project with the page's files (tests/bundlers/page/) that depends on the tarball, installed by
 * npm (offline: the tarball has no dependencies). Its folder.
 */
export function project(dir, tarball) {
  const at = join(dir, "project");
  cpSync(PAGE_DIR, at, { recursive: true });
  writeFileSync(join(at, "package.json"), JSON.stringify({ name: "bundled-page", private: true, type: "module", dependencies: { "aps-migratable": `file:${tarball}` } }, null, 2));
  execFileSync("npm", ["install", "--offline", "--no-package-lock", ...NPM_QUIET], { cwd: at, encoding: "utf8", timeout: 120000 });
  return at;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".wasm": "application/wasm", ".css": "text/css" };

/** A static server of `dir` on 127.0.0.1 (a free port); `requests` lists [path, status, type]. */
export async function serve(dir) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    let body = null;
    try {
      if (file.startsWith(dir + sep)) body = readFileSync(file);
    } catch {
      body = null;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    requests.push([path, body ? 200 : 404, body ? type : null]);
    if (body) res.writeHead(200, { "content-type": type }).end(body);
    else res.writeHead(404).end("not found");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's Chromium, as tests/e2e/admin.test.mjs starts it (flags for a machine with no network). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/**
 * Opens the page that `dir` holds (index.html and the bundle) and waits until it has run the
 * program: what it showed (the program's result, or {failed}), the requests, and page errors.
 */
export async function runPage(browser, dir) {
  const site = await serve(dir);
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  try {
    await page.goto(site.url);
    await page.waitForSelector("body[data-state=done], body[data-state=failed]", { timeout: 30000 });
    const shown = JSON.parse(await page.textContent("#result"));
    return { shown, requests: site.requests, pageErrors };
  } finally {
    await page.close();
    await site.close();
  }
}

/** The page's index.html with its script tag replaced (a classic script for webpack's output). */
export function pageHtml(scriptTag) {
  const html = readFileSync(join(PAGE_DIR, "index.html"), "utf8");
  const tag = /<script type="module" src="\.\/main\.js"><\/script>/;
  if (!tag.test(html)) throw new Error("tests/bundlers/page/index.html: no module script tag to replace");
  return html.replace(tag, scriptTag);
}

/** The files under `dir`, relative, sorted. */
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}
