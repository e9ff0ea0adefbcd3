// The tarball npm would publish: what `npm pack` puts in it, and what publint and
// @arethetypeswrong/cli (attw) say of it. Run: `make test-bundlers` (builds pkg/ first).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { PKG_DIR, ROOT, filesUnder, pack, workDir } from "./support.mjs";

let dir;
let tarball;

before(() => {
  assert.ok(existsSync(join(PKG_DIR, "package.json")), "pkg/ is not built: run make build");
  dir = workDir("lint");
  tarball = pack(dir);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("npm pack --dry-run: every file of pkg/ and nothing else, the entries among them, and nothing to warn about", () => {
  const run = spawnSync("npm", ["pack", "--dry-run", "--json", PKG_DIR], { encoding: "utf8", timeout: 60000 });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /warn|error/i);
  const [{ files, name }] = JSON.parse(run.stdout);
  assert.equal(name, "aps-migratable");
  const paths = files.map((f) => f.path).sort();
  assert.deepEqual(paths, filesUnder(PKG_DIR), "the tarball holds pkg/ exactly");
  const entries = ["index.cjs", "index.d.cts", "index.d.mts", "index.mjs"].map((f) => `node/${f}`).concat(["web/index.d.ts", "web/index.js"]);
  const build = ["aps_migratable.d.ts", "aps_migratable.js", "aps_migratable_bg.wasm", "aps_migratable_bg.wasm.d.ts", "package.json", "snippets/package.json"];
  for (const file of ["LICENSE", "README.md", "package.json", ...entries, ...build.map((f) => `node/${f}`), ...build.filter((f) => f !== "snippets/package.json").map((f) => `web/${f}`)]) {
    assert.ok(paths.includes(file), `${file} is in the tarball`);
  }
  // wasm-bindgen's JS snippets (src/bindings/*.js) ship in both builds, stage.js among them.
  const snippets = (build) => paths.filter((p) => p.startsWith(`${build}/snippets/`) && p.endsWith(".js")).map((p) => p.slice(build.length + 1));
  assert.ok(snippets("node").some((p) => p.endsWith("/src/bindings/stage.js")));
  assert.deepEqual(snippets("node"), snippets("web"));
});

test("publint: no error, warning or suggestion on the tarball (strict)", async () => {
  const { buffer, byteOffset, byteLength } = readFileSync(tarball);
  const { messages, pkg } = await publint({ pack: { tarball: buffer.slice(byteOffset, byteOffset + byteLength) }, strict: true, level: "suggestion" });
  assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`), []);
});

/** attw's JSON report of the tarball with `args`, and its exit status. */
function attw(...args) {
  const cli = join(ROOT, "node_modules/@arethetypeswrong/cli/dist/index.js");
  const run = spawnSync(process.execPath, [cli, tarball, "--format", "json", "--no-color", ...args], { encoding: "utf8", timeout: 120000 });
  const report = JSON.parse(run.stdout);
  assert.ok(report.analysis?.entrypoints, `attw gave no analysis: ${run.stdout.slice(0, 500)} ${run.stderr}`);
  return { status: run.status, report };
}

test("@arethetypeswrong/cli: every entry's types are right for node10, node16 (CommonJS and ESM) and bundlers", () => {
  // The .wasm file is an asset (for bundlers that do not follow new URL(..., import.meta.url)),
  // not a module with types; the browser build is ES module only, checked below as such.
  const { status, report } = attw("--exclude-entrypoints", "./web", "./web/aps_migratable_bg.wasm");
  assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), [".", "./node", "./package.json"]);
  assert.deepEqual(report.analysis.problems, []);
  assert.equal(status, 0);
});

test("@arethetypeswrong/cli: aps-migratable/web, an ES module, has right types wherever ES modules load", () => {
  const { status, report } = attw("--entrypoints", "./web", "--profile", "esm-only");
  assert.deepEqual(Object.keys(report.analysis.entrypoints), ["./web"]);
  // esm-only ignores the resolutions of CommonJS (where require() would meet an ES module): not a
  // way to use a browser build. That one is reported, and only that.
  const ignored = ["node10", "node16-cjs"];
  assert.deepEqual(report.analysis.problems.filter((p) => !ignored.includes(p.resolutionKind)), []);
  assert.deepEqual(report.analysis.problems.map((p) => `${p.kind} ${p.resolutionKind}`), ["CJSResolvesToESM node16-cjs"]);
  assert.equal(status, 0);
});

test("the tarball holds the files pkg/ has (npm pack leaves nothing out that an entry needs)", () => {
  const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").map((p) => p.replace(/^package\//, "")).sort();
  const manifest = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));
  const targets = new Set();
  const walk = (t) => (typeof t === "string" ? targets.add(t.replace(/^\.\//, "")) : Object.values(t).forEach(walk));
  walk(manifest.exports);
  for (const t of [manifest.main, manifest.module, manifest.types, ...targets]) assert.ok(listed.includes(t.replace(/^\.\//, "")), `${t} is in the tarball`);
});
