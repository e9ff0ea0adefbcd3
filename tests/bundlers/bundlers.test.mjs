// The package as its users meet it: `npm pack` of pkg/, installed into a fresh project, and one
// program (page/app.js: `import init, {...} from "aps-migratable"; await init();` then
// migrationPreCheck and validateContract) run unchanged in Node (ES module, CommonJS, a worker
// thread), under vitest (page/app.spec.js), and as a page built by Vite, webpack 5 and esbuild, in headless Chromium.
// Every run must give the same answers; only "before init" differs: Node's build is ready at once,
// the browser build throws InputError NOT_INITIALIZED. Run: `make test-bundlers` (builds pkg/ first).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { PKG_DIR, ROOT, filesUnder, launchChromium, pack, pageHtml, project, runPage, workDir } from "./support.mjs";

let dir;
let app;
let browser;
/** The program's answers in a fresh Node process: what every other run must reproduce. */
let inNode;

before(async () => {
  assert.ok(existsSync(join(PKG_DIR, "package.json")), "pkg/ is not built: run make build");
  dir = workDir("bundlers");
  app = project(dir, pack(dir));
  inNode = JSON.parse(execFileSync(process.execPath, ["run.mjs"], { cwd: app, encoding: "utf8", timeout: 30000 }));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the browser build answers: Node's answers, except that nothing runs before init(). */
const inBrowser = () => ({
  ...inNode,
  beforeInit: {
    threw: {
      name: "InputError",
      code: "NOT_INITIALIZED",
      message: "version() was called before init(): in the browser build, call and await init() (or call initSync()) once before anything else",
      isApsMigratableError: true,
      isContextError: false,
      isInputError: true,
    },
  },
});

/** The page in `out` ran the program and showed the browser build's answers; the .wasm came as wasm. */
async function assertPageRuns(out, bundler) {
  const { shown, requests, pageErrors } = await runPage(browser, out);
  assert.deepEqual(pageErrors, [], `${bundler}: errors on the page`);
  assert.deepEqual(shown, inBrowser(), `${bundler}: the page's answers`);
  const wasm = requests.filter(([path]) => path.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `${bundler}: one .wasm request (${JSON.stringify(requests)})`);
  assert.deepEqual(wasm[0].slice(1), [200, "application/wasm"], `${bundler}: the .wasm was found`);
  return requests;
}

test("Node, ES module: the program runs in a fresh process; init() resolves at once and nothing needs it first", () => {
  assert.equal(inNode.beforeInit.returned, inNode.version, "Node's build answers before init()");
  assert.equal(inNode.version, createRequire(join(app, "package.json"))("aps-migratable/package.json").version);
  assert.deepEqual(inNode.allowed, { canMigrate: true });
  assert.equal(inNode.refused.canMigrate, false);
  assert.match(inNode.refused.message, /brand/i);
  assert.equal(inNode.contract.valid, false);
  assert.deepEqual(inNode.contract.errors.map((e) => [e.instancePath, e.keyword]), [["/planFamilyRelationshipId", "minimum"]]);
  assert.deepEqual(inNode.contextError.threw, {
    name: "ContextError",
    code: "INVALID_CONTEXT",
    message: inNode.contextError.threw.message,
    isApsMigratableError: true,
    isContextError: true,
    isInputError: false,
  });
});

test("Node, CommonJS: require() gives the same module, with init as the default export and shared error classes", () => {
  const out = JSON.parse(execFileSync(process.execPath, ["run.cjs"], { cwd: app, encoding: "utf8", timeout: 30000 }));
  assert.deepEqual(out, { beforeInit: inNode.version, viaInitSync: true, version: inNode.version, isContextError: true });
});

test("Node, a worker thread: the same answers", async () => {
  const worker = new Worker(join(app, "worker.js"));
  const answer = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  assert.deepEqual(answer, inNode);
});

test("vitest: the page's program, unchanged, under vitest (Node environment)", () => {
  const vitest = join(ROOT, "node_modules/vitest/vitest.mjs");
  const out = execFileSync(process.execPath, [vitest, "run", "--root", app, "--reporter", "verbose"], {
    cwd: app,
    encoding: "utf8",
    timeout: 120000,
    env: { ...process.env, CI: "true", NO_COLOR: "1" },
  });
  assert.match(out, /Tests\s+1 passed \(1\)/, out);
  const line = out.split("\n").find((l) => l.startsWith("APS_RESULT "));
  assert.ok(line, `vitest printed no result:\n${out}`);
  assert.deepEqual(JSON.parse(line.slice("APS_RESULT ".length)), inNode);
});

test("Vite: `vite build` of the page, no configuration: runs in Chromium", async () => {
  const out = join(dir, "dist-vite");
  await viteBuild({ root: app, configFile: false, logLevel: "error", build: { outDir: out, emptyOutDir: true } });
  await assertPageRuns(out, "Vite");
});

test("webpack 5: a production build of the page, no configuration beyond entry and output: runs in Chromium", async () => {
  const out = join(dir, "dist-webpack");
  const stats = await new Promise((resolve, reject) => {
    webpack({ mode: "production", context: app, entry: "./main.js", output: { path: out, filename: "main.js" }, performance: { hints: false } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  assert.ok(!stats.hasWarnings(), stats.toString("errors-warnings"));
  writeFileSync(join(out, "index.html"), pageHtml('<script src="./main.js" defer></script>'));
  await assertPageRuns(out, "webpack");
});

/** esbuild's bundle of the page (ES module output, so import.meta.url is the bundle's URL). */
async function esbuildPage(out) {
  mkdirSync(out, { recursive: true });
  await esbuild({ entryPoints: [join(app, "main.js")], bundle: true, format: "esm", outdir: out, absWorkingDir: app, logLevel: "error" });
  writeFileSync(join(out, "index.html"), pageHtml('<script type="module" src="./main.js"></script>'));
}

test("esbuild: with the one documented step (copy the .wasm next to the bundle), the page runs in Chromium", async () => {
  const out = join(dir, "dist-esbuild");
  await esbuildPage(out);
  // The step (README, Bundlers): the package exports the file's path for it.
  const wasm = createRequire(join(app, "package.json")).resolve("aps-migratable/web/aps_migratable_bg.wasm");
  copyFileSync(wasm, join(out, "aps_migratable_bg.wasm"));
  assert.deepEqual(filesUnder(out), ["aps_migratable_bg.wasm", "index.html", "main.js"]);
  await assertPageRuns(out, "esbuild");
});

test("esbuild, the other documented way: --loader:.wasm=file and the file's address given to init()", async () => {
  const out = join(dir, "dist-esbuild-file-loader");
  mkdirSync(out, { recursive: true });
  await esbuild({ entryPoints: { main: join(app, "main-wasm-url.js") }, bundle: true, format: "esm", outdir: out, absWorkingDir: app, loader: { ".wasm": "file" }, logLevel: "error" });
  writeFileSync(join(out, "index.html"), pageHtml('<script type="module" src="./main.js"></script>'));
  const { shown, requests, pageErrors } = await runPage(browser, out);
  assert.deepEqual(pageErrors, []);
  // init() ran first, so the program's own "before init" call is answered, as in Node.
  assert.deepEqual(shown, inNode);
  const wasm = requests.filter(([path]) => path.endsWith(".wasm"));
  assert.equal(wasm.length, 1);
  assert.match(wasm[0][0], /^\/aps_migratable_bg-\w+\.wasm$/, "esbuild's hashed copy");
  assert.deepEqual(wasm[0].slice(1), [200, "application/wasm"]);
});

test("esbuild without either step: init() rejects with InputError INIT_FAILED, which points to the README's Bundlers section", async () => {
  const out = join(dir, "dist-esbuild-no-wasm");
  await esbuildPage(out);
  const { shown, requests } = await runPage(browser, out);
  assert.deepEqual(requests.filter(([path]) => path.endsWith(".wasm")), [["/aps_migratable_bg.wasm", 404, null]]);
  assert.equal(shown.failed?.name, "InputError", JSON.stringify(shown));
  assert.equal(shown.failed.code, "INIT_FAILED");
  assert.match(shown.failed.message, /404/);
  assert.match(shown.failed.message, /esbuild: see the package README, Bundlers/);
});
