#!/usr/bin/env node
// The benchmark suite: the module and the host against what a user would pick instead, measured
// side by side in one run on one machine. Not a test: nothing here fails on a slow number.
//
//   node bench/run.mjs [--quick] [--only precheck,contracts,bulk,files,cold,size,host] [--readme]
//                      [--before <package directory>] [--file-mib <n>]
//
// --before adds a before/after table: the same measurements of the package built from an earlier
// commit (`make bench` builds the one BENCH_BEFORE names) beside this one, interleaved in one run.
//
// Prints ONE Markdown table (measurement | ours | comparison | ratio | target | met?) after the
// machine it ran on, and writes the same to bench/results.md; --readme also puts it into
// docs/benchmarks.md between the "bench:begin"/"bench:end" markers. Progress goes to stderr. Needs a built
// pkg/ (make build) and, for the host row, an installed host/ (make setup-host); `make bench`
// does both first. Everything listens on loopback only.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import zlib from "node:zlib";

import { bench, benchRuns, median, timerOverheadNs } from "./stats.mjs";
import { JsPreChecker } from "./precheck-js.mjs";
import { newAjv, compileFor, compileContract } from "./ajv-setup.mjs";
import { ALLOWED_CONTEXT, BATCH_CASES, CONTRACT_SAMPLES, PARITY_CASES, REFUSED_CONTEXT, REQUEST, buildBatch } from "./samples.mjs";
import { startStaticServer } from "./serve.mjs";

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCH = join(ROOT, "bench");
const PKG = join(ROOT, "pkg");
const HOST = join(ROOT, "host");

// --- Options ------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const SECTIONS = ["precheck", "contracts", "bulk", "files", "cold", "size", "host"];
const QUICK = argv.includes("--quick");
const README = argv.includes("--readme");
let only = SECTIONS;
let BEFORE = null;
let FILE_MIB = QUICK ? 64 : 1024; // the "files" section's generated file (the issue's 1 GiB in a full run)
for (let i = 0; i < argv.length; i++) {
  const [flag, inline] = argv[i].split(/=(.*)/s, 2);
  if (flag === "--only") {
    only = (inline ?? argv[++i] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = only.filter((s) => !SECTIONS.includes(s));
    if (unknown.length || !only.length) usage(`--only takes a comma-separated list of ${SECTIONS.join(", ")}`);
  } else if (flag === "--before") {
    BEFORE = resolve(inline ?? argv[++i] ?? "");
    if (!BEFORE || !existsSync(join(BEFORE, "node", "index.cjs"))) usage(`--before takes a built package directory (got ${BEFORE})`);
  } else if (flag === "--file-mib") {
    FILE_MIB = Number(inline ?? argv[++i]);
    if (!Number.isInteger(FILE_MIB) || FILE_MIB < 1) usage("--file-mib takes a whole number of MiB");
  } else if (!["--quick", "--readme"].includes(flag)) usage(`unknown option ${argv[i]}`);
}
function usage(problem) {
  process.stderr.write(`bench: ${problem}\nusage: node bench/run.mjs [--quick] [--only ${SECTIONS.join(",")}] [--readme] [--before <package dir>] [--file-mib <n>]\n`);
  process.exit(2);
}

const CFG = QUICK
  ? { warmup: 1000, warmupMs: 150, samples: 3000, bulkRuns: 1, bulkWarmup: 0, fileRuns: 1, coldNode: 10, coldBrowser: 5, hostSeconds: 3, hostRounds: 3, hostWarmup: 1, connections: 50 }
  : { warmup: 5000, warmupMs: 400, samples: 30_000, bulkRuns: 5, bulkWarmup: 1, fileRuns: 3, coldNode: 20, coldBrowser: 10, hostSeconds: 10, hostRounds: 5, hostWarmup: 2, connections: 50 };
const POLICY = { locale: "en" }; // compiled once; built-in rules only (the JS comparison has no custom rules)
const BATCH_LINES = 100_000;
const WASM_GZIP_BUDGET = 131_072; // the browser .wasm: at most 128 KiB with gzip -9

const log = (line) => process.stderr.write(`${line}\n`);
const rows = [];
const notes = [];
let failures = 0;
const machine = { loadStart: os.loadavg()[0] };
const gen = mkdtempSync(join(os.tmpdir(), "aps-bench-"));

// --- Formatting ----------------------------------------------------------------------------------------
const num = (x, digits) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtUs = (us) => (us < 10 ? num(us, 2) : us < 100 ? num(us, 1) : num(us, 0));
const fmtT = (r) => `${fmtUs(r.medianUs)} µs (p99 ${fmtUs(r.p99Us)})${r.batch > 1 ? ` †${r.batch}` : ""}`;
const fmtMs = (ms) => `${ms < 10 ? num(ms, 2) : ms < 100 ? num(ms, 1) : num(ms, 0)} ms`;
const fmtBytes = (n) => `${n.toLocaleString("en-US")} B`;
/** ours ÷ comparison, with what it means for ours. */
function ratio(ours, comparison, higherIsBetter = false, words = ["faster", "slower"]) {
  const r = ours / comparison;
  if (!Number.isFinite(r)) return "—";
  const better = higherIsBetter ? r > 1 : r < 1;
  const text = r >= 100 ? Math.round(r).toLocaleString("en-US") : r < 0.01 ? r.toPrecision(2) : num(r, 2);
  return `${text}× (${Math.abs(r - 1) < 0.005 ? "same" : better ? words[0] : words[1]})`;
}
const met = (ok) => (ok === undefined ? "—" : ok ? "yes" : "**no**");
function row(measurement, ours, comparison, ratioText, target = "—", ok = undefined) {
  rows.push({ measurement, ours, comparison, ratio: ratioText, target, met: met(ok) });
}
function sectionFailed(section, error) {
  failures++;
  log(`${section}: FAILED: ${error?.stack ?? error}`);
  row(`${section}: error`, String(error?.message ?? error).split("\n")[0].slice(0, 160), "—", "—", "—", false);
}

// --- The module ----------------------------------------------------------------------------------------
function loadModule() {
  if (!existsSync(join(PKG, "node", "index.cjs"))) throw new Error("pkg/ is not built: run `make build` first");
  return require(PKG);
}

// --- 1. Pre-check ----------------------------------------------------------------------------------------
function sameOutcome(a, b) {
  const codes = (r) => r.failed.map((f) => f.code);
  const messages = (r) => r.failed.map((f) => f.message);
  return a.canMigrate === b.canMigrate && a.message === b.message && isDeepStrictEqual(codes(a), codes(b)) &&
    isDeepStrictEqual(messages(a), messages(b)) && isDeepStrictEqual(a.passed, b.passed) && isDeepStrictEqual(a.skipped, b.skipped);
}

function benchPrecheck(m) {
  log("pre-check: checking that the JS rules agree with the module ...");
  const checker = new m.PreChecker(POLICY);
  const js = new JsPreChecker(POLICY);
  for (const [i, [request, context]] of PARITY_CASES.entries()) {
    const ours = checker.explain(request, context);
    const theirs = js.explain(request, context);
    if (!sameOutcome(ours, theirs)) {
      throw new Error(`JS rules disagree with the module on parity case ${i}:\nmodule: ${JSON.stringify(ours)}\nJS:     ${JSON.stringify(theirs)}`);
    }
    if (!isDeepStrictEqual(checker.check(request, context), js.check(request, context))) throw new Error(`check() results differ on parity case ${i}`);
  }
  const ajv = newAjv();
  const contextValid = compileFor(ajv, m.contextSchema());
  for (const context of [ALLOWED_CONTEXT, REFUSED_CONTEXT]) if (!contextValid(context)) throw new Error("ajv rejects a benchmark context");
  const jsWithAjv = (request, context) => {
    if (!contextValid(context)) throw new Error("invalid context");
    return js.check(request, context);
  };
  const refusedCount = checker.explain(REQUEST, REFUSED_CONTEXT).failed.length;
  notes.push(`Builds: every Node row runs pkg/node (opt-level 3, built for speed); the Chromium row and the browser size rows run pkg/web (opt-level "z", built for size). Same source, same tests.`);
  notes.push(`Pre-check: ${PARITY_CASES.length} contexts checked first: the plain-JS rules give the module's verdicts, codes, messages, passed and skipped lists. The JS rules do not validate the context; the "+ ajv(contextSchema)" rows add that, as the module does on every call.`);

  const opts = { warmup: CFG.warmup, warmupMs: CFG.warmupMs, samples: CFG.samples };
  for (const [label, context] of [["allowed", ALLOWED_CONTEXT], [`refused (${refusedCount} reasons)`, REFUSED_CONTEXT]]) {
    log(`pre-check: ${label} ...`);
    const ours = bench(() => checker.check(REQUEST, context), opts);
    const plain = bench(() => js.check(REQUEST, context), opts);
    const withAjv = bench(() => jsWithAjv(REQUEST, context), opts);
    const limit = label === "allowed" ? 6 : 15;
    const ok = ours.medianUs <= limit;
    row(`Pre-check ${label}: PreChecker.check vs plain-JS rules`, fmtT(ours), fmtT(plain), ratio(ours.medianUs, plain.medianUs), `≤ ${limit} µs median`, ok);
    row(`Pre-check ${label}: PreChecker.check vs ajv(contextSchema) + JS rules`, fmtT(ours), fmtT(withAjv), ratio(ours.medianUs, withAjv.medianUs), `≤ ${limit} µs median`, ok);
    const oursExplain = bench(() => checker.explain(REQUEST, context), opts);
    const jsExplain = bench(() => js.explain(REQUEST, context), opts);
    row(`Pre-check ${label}: PreChecker.explain vs plain-JS rules' report`, fmtT(oursExplain), fmtT(jsExplain), ratio(oursExplain.medianUs, jsExplain.medianUs));
  }
  notes.push(`Per-call times: process.hrtime.bigint() around each call, ${opts.samples.toLocaleString("en-US")} samples after at least ${opts.warmup.toLocaleString("en-US")} warm-up calls and ${opts.warmupMs} ms, minus the clock's own cost (${timerOverheadNs()} ns). †k: the call takes under 2 µs, so each sample timed k calls and was divided by k (p99 is then of k-call means).`);
}

// --- 2. Contracts -----------------------------------------------------------------------------------------
function benchContracts(m) {
  const ids = m.contractIds();
  const missing = ids.filter((id) => !CONTRACT_SAMPLES[id]);
  if (missing.length) throw new Error(`no benchmark samples for ${missing.join(", ")}`);
  const opts = { warmup: CFG.warmup, warmupMs: CFG.warmupMs, samples: CFG.samples };
  for (const id of ids) {
    const validate = compileContract(m, id);
    const ajvCall = (payload) => () => (validate(payload) ? true : validate.errors);
    for (const kind of ["valid", "invalid"]) {
      const payload = CONTRACT_SAMPLES[id][kind];
      const ours = m.validateContract(id, payload);
      const theirs = validate(payload);
      if (ours.valid !== (kind === "valid") || theirs !== (kind === "valid")) {
        throw new Error(`${id}: the ${kind} sample is judged valid=${ours.valid} by the module and ${theirs} by ajv`);
      }
      log(`contracts: ${id} ${kind} ...`);
      const a = bench(() => m.validateContract(id, payload), opts);
      const b = bench(ajvCall(payload), opts);
      const what = kind === "valid" ? "valid" : `invalid (${ours.errors.length} errors, ajv ${validate.errors.length})`;
      const [target, ok] = kind === "valid" ? ["≤ 4 µs median", a.medianUs <= 4] : ["—", undefined];
      row(`Contract ${id}, ${what}: validateContract vs ajv`, fmtT(a), fmtT(b), ratio(a.medianUs, b.medianUs), target, ok);
    }
  }
  notes.push("Contracts: ajv 8 with allErrors and ajv-formats, each schema compiled once from contractSchema(id); both engines give the same verdict on every sample (checked first). validateContract also returns the payload with defaults applied (`value`).");
}

// --- 3. Bulk NDJSON ------------------------------------------------------------------------------------
const BLANK_LINE = /^[ \t\n\f\r]*$/; // the module's blank line: ASCII whitespace only

/** What a user writes instead of validateMany: split, JSON.parse and ajv per line, errors kept up to maxErrors. */
function ajvPerLine(text, validate, maxErrors = 1000) {
  const out = { total: 0, valid: 0, invalid: 0, errors: [], truncated: false };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (BLANK_LINE.test(line)) continue;
    out.total++;
    let errors;
    try {
      errors = validate(JSON.parse(line)) ? null : validate.errors;
    } catch (e) {
      errors = [{ instancePath: "", schemaPath: "", keyword: "json", params: {}, message: `line is not valid JSON: ${e.message}` }];
    }
    if (!errors) {
      out.valid++;
      continue;
    }
    out.invalid++;
    for (const e of errors) {
      if (out.errors.length < maxErrors) out.errors.push({ line: i + 1, ...e });
      else out.truncated = true;
    }
  }
  return out;
}

function benchBulk(m) {
  const decoder = new TextDecoder();
  for (const id of Object.keys(BATCH_CASES)) {
    log(`bulk: ${id}: building ${BATCH_LINES.toLocaleString("en-US")} lines ...`);
    const { text, bytes, expected } = buildBatch(id, BATCH_LINES);
    const mb = bytes.length / 1e6;
    const validate = compileFor(newAjv(), m.contractSchema(id));
    const counts = (r) => `${r.total}/${r.valid}/${r.invalid}`;
    const want = counts(expected);
    const variants = [
      ["string", () => m.validateMany(id, text), () => ajvPerLine(text, validate)],
      ["Uint8Array", () => m.validateMany(id, bytes), () => ajvPerLine(decoder.decode(bytes), validate)],
    ];
    for (const [kind, ours, theirs] of variants) {
      log(`bulk: ${id} (${kind}) ...`);
      const a = benchRuns(ours, { warmup: CFG.bulkWarmup, runs: CFG.bulkRuns });
      const b = benchRuns(theirs, { warmup: CFG.bulkWarmup, runs: CFG.bulkRuns });
      const same = counts(a.last) === want && counts(b.last) === want;
      if (!same) throw new Error(`${id} (${kind}): counts total/valid/invalid differ: expected ${want}, validateMany ${counts(a.last)}, JSON.parse + ajv ${counts(b.last)}`);
      const oursMBs = mb / (a.medianMs / 1000);
      const theirMBs = mb / (b.medianMs / 1000);
      const r = oursMBs / theirMBs;
      row(
        `Bulk ${id}, ${(mb).toFixed(1)} MB, ${BATCH_LINES.toLocaleString("en-US")} lines (${want} total/valid/invalid, both agree): validateMany(${kind}) vs ${kind === "string" ? "" : "TextDecoder + "}JSON.parse + ajv per line`,
        `${num(oursMBs, 1)} MB/s (${fmtMs(a.medianMs)})`,
        `${num(theirMBs, 1)} MB/s (${fmtMs(b.medianMs)})`,
        ratio(oursMBs, theirMBs, true),
        // Issue 16's targets: bytes need no decoding or copy, so twice the ajv pipeline; a string
        // must be copied into wasm memory as UTF-8 first, so par.
        kind === "string" ? "≥ 1×" : "≥ 2×",
        r >= (kind === "string" ? 1 : 2),
      );
    }
  }
  notes.push(`Bulk: about 5% of the lines are bad (not JSON, truncated, or invalid payloads), 2% blank, LF and CRLF mixed; MB/s of UTF-8 bytes, median of ${CFG.bulkRuns} runs after ${CFG.bulkWarmup} warm-up run(s); both sides keep at most 1000 errors with their line numbers.`);
}

// --- 3b. Files of any size: validateFile on 1 and 2 workers, and the CLI -------------------------------
const FILE_ID = "fusebill/subscription_migrate";

/** A file of at least FILE_MIB MiB: the bulk section's batch written again and again; its counts. */
function writeBigFile() {
  const { bytes, expected } = buildBatch(FILE_ID, BATCH_LINES);
  const copies = Math.ceil((FILE_MIB * 1024 * 1024) / bytes.length);
  const file = join(gen, "big.ndjson");
  const fd = openSync(file, "w");
  for (let i = 0; i < copies; i++) writeSync(fd, bytes);
  closeSync(fd);
  const times = (n) => n * copies;
  return { file, size: bytes.length * copies, expected: { total: times(expected.total), valid: times(expected.valid), invalid: times(expected.invalid) } };
}

/** bench/file-child.mjs in a fresh process: its report, and the process's wall time. */
function fileChild(args) {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, [join(BENCH, "file-child.mjs"), ...args], { encoding: "utf8", maxBuffer: 1 << 20 });
  const wallMs = performance.now() - t0;
  if (out.status !== 0) throw new Error(`file-child ${args.join(" ")}: exit ${out.status}: ${out.stderr}`);
  return { ...JSON.parse(out.stdout), wallMs };
}

/** The CLI on the file (--json, errors to a pipe that is drained): wall time of the process. */
function cliRun(file) {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, [join(PKG, "node/cli.cjs"), "validate", "--json", "--workers", "2", FILE_ID, file], { encoding: "utf8", maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (out.status !== 1) throw new Error(`CLI: exit ${out.status} (1 expected: the file has invalid lines): ${out.stderr}`);
  const summary = JSON.parse(out.stdout.trimEnd().split("\n").at(-1));
  return { wallMs, total: summary.total, valid: summary.valid, invalid: summary.invalid };
}

/** Median (by `key`) of `runs` results of `fn`, which must give the expected counts. */
function medianRun(fn, key, expected, what) {
  const results = Array.from({ length: CFG.fileRuns }, fn);
  for (const r of results) {
    const counts = `${r.total}/${r.valid}/${r.invalid}`;
    const want = `${expected.total}/${expected.valid}/${expected.invalid}`;
    if (counts !== want) throw new Error(`${what}: counts total/valid/invalid ${counts}, expected ${want}`);
  }
  return { ms: median(results.map((r) => r[key])), maxRssMiB: Math.max(...results.map((r) => r.maxRssMiB ?? 0)) };
}

function benchFiles() {
  log(`files: writing ${FILE_MIB} MiB of ${FILE_ID} NDJSON ...`);
  const { file, size, expected } = writeBigFile();
  const mb = size / 1e6;
  const rate = (ms) => `${num(mb / (ms / 1000), 1)} MB/s (${fmtMs(ms)})`;
  const label = `${num(size / 2 ** 20, 0)} MiB ${FILE_ID} file, ${expected.total.toLocaleString("en-US")} lines`;
  log("files: JSON.parse + ajv per line (readline) ...");
  const ajv = medianRun(() => fileChild(["ajv", FILE_ID, file]), "ms", expected, "JSON.parse + ajv");
  log("files: validateFile, 1 worker ...");
  const one = medianRun(() => fileChild(["validateFile", FILE_ID, file, "1"]), "ms", expected, "validateFile, 1 worker");
  log("files: validateFile, 2 workers ...");
  const two = medianRun(() => fileChild(["validateFile", FILE_ID, file, "2"]), "ms", expected, "validateFile, 2 workers");
  const twoWall = medianRun(() => fileChild(["validateFile", FILE_ID, file, "2"]), "wallMs", expected, "validateFile, 2 workers (process)");
  log("files: the CLI, 2 workers ...");
  const cli = medianRun(() => cliRun(file), "wallMs", expected, "CLI");
  row(`${label}: validateFile, 1 worker vs readline + JSON.parse + ajv per line`, rate(one.ms), rate(ajv.ms), ratio(ajv.ms, one.ms, true), "≥ 2×", ajv.ms / one.ms >= 2);
  row(`${label}: validateFile, 2 workers vs 1 worker`, rate(two.ms), rate(one.ms), ratio(one.ms, two.ms, true), "≥ 1.7×", one.ms / two.ms >= 1.7);
  row(`${label}: the CLI (validate --json --workers 2, whole process) vs a process running validateFile, 2 workers`, fmtMs(cli.ms), fmtMs(twoWall.ms), ratio(cli.ms, twoWall.ms), "within 10 %", cli.ms <= twoWall.ms * 1.1);
  row(`${label}: peak resident memory of the process, validateFile 1 / 2 workers (readline + ajv beside it)`, `${num(one.maxRssMiB, 0)} / ${num(two.maxRssMiB, 0)} MiB`, `${num(ajv.maxRssMiB, 0)} MiB`, "—", "≤ 256 MiB", Math.max(one.maxRssMiB, two.maxRssMiB) <= 256);
  notes.push(`Files: ${FILE_MIB} MiB (--file-mib) of the bulk section's ${FILE_ID} batch, repeated; each figure the median of ${CFG.fileRuns} fresh processes (bench/file-child.mjs), timing the call alone except the CLI row, which times whole processes on both sides; peak resident memory is the process's maxRSS (worker threads included). readline splits on LF and CRLF; both sides agree on the counts.`);
  rmSync(file, { force: true });
}

// --- 4. Cold start --------------------------------------------------------------------------------------
function writeSchemas(m) {
  const file = join(gen, "schemas.json");
  if (!existsSync(file)) {
    const schemas = { context: m.contextSchema(), policy: m.policySchema() };
    for (const id of m.contractIds()) schemas[id] = m.contractSchema(id);
    writeFileSync(file, JSON.stringify(schemas));
    writeFileSync(join(gen, "context.schema.json"), JSON.stringify(schemas.context));
  }
  return file;
}

let bundleInfo = null;
/** esbuild --bundle --minify --platform=browser of ajv + ajv-formats + our schemas (gen/ajv-bundle.js). */
async function ajvBundle(m) {
  if (bundleInfo) return bundleInfo;
  const esbuild = require("esbuild");
  const schemasFile = writeSchemas(m);
  const outfile = join(gen, "ajv-bundle.js");
  const schemasPlugin = {
    name: "aps-bench-schemas",
    setup(build) {
      build.onResolve({ filter: /^aps-bench-schemas$/ }, () => ({ path: schemasFile }));
    },
  };
  await esbuild.build({
    entryPoints: [join(BENCH, "ajv-bundle-entry.mjs")],
    bundle: true, minify: true, platform: "browser", format: "esm", target: "es2020",
    outfile, plugins: [schemasPlugin], logLevel: "error", legalComments: "none",
  });
  // The module's own JS glue, bundled and minified the same way (the .wasm stays a separate file).
  const glueFile = join(gen, "glue-bundle.js");
  await esbuild.build({
    entryPoints: [join(PKG, "web", "index.js")],
    bundle: true, minify: true, platform: "browser", format: "esm", target: "es2020",
    outfile: glueFile, logLevel: "error", legalComments: "none",
  });
  bundleInfo = { outfile, glueFile };
  return bundleInfo;
}

function coldNodeOnce(mode, schemaFile, pkgDir = PKG) {
  const r = spawnSync(process.execPath, [join(BENCH, "cold-node.mjs"), mode, schemaFile, pkgDir], { encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`cold start (${mode}) failed: ${r.stderr || r.error}`);
  const out = JSON.parse(r.stdout);
  return out;
}

async function benchCold(m) {
  writeSchemas(m);
  const schemaFile = join(gen, "context.schema.json");
  log(`cold: Node, ${CFG.coldNode} fresh processes each ...`);
  const wasmRuns = [];
  const ajvMs = [];
  for (let i = 0; i < CFG.coldNode; i++) {
    const a = coldNodeOnce("wasm", schemaFile);
    const b = coldNodeOnce("ajv", schemaFile);
    if (a.result?.canMigrate !== true || b.result?.canMigrate !== true) throw new Error("a cold start did not answer canMigrate: true");
    wasmRuns.push(a);
    ajvMs.push(b.ms);
  }
  const split = (runs) => `load ${fmtMs(median(runs.map((r) => r.loadMs)))} + new PreChecker ${fmtMs(median(runs.map((r) => r.newMs)))} + first check ${fmtMs(median(runs.map((r) => r.firstCheckMs)))}`;
  const wasmMs = wasmRuns.map((r) => r.ms);
  const a = median(wasmMs);
  const b = median(ajvMs);
  row(
    `Cold start, Node (${CFG.coldNode} fresh processes, median): require pkg + new PreChecker + first check vs require ajv + ajv-formats + compile contextSchema + first JS-rules check`,
    `${fmtMs(a)} (${split(wasmRuns)}; min ${fmtMs(Math.min(...wasmMs))})`, `${fmtMs(b)} (min ${fmtMs(Math.min(...ajvMs))})`, ratio(a, b), "≤ 10 ms", a <= 10,
  );

  log(`cold: Chromium, ${CFG.coldBrowser} fresh contexts each ...`);
  const { chromium } = require("playwright-core");
  await ajvBundle(m);
  const server = await startStaticServer({ "/pkg/": PKG, "/gen/": gen, "/bench/": BENCH, "/": join(BENCH, "web") });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    machine.chromium = browser.version();
    const coldOnce = async (mode) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/index.html?mode=${mode}`);
        await page.waitForFunction(() => window.__cold, null, { timeout: 30_000 });
        const out = await page.evaluate(() => window.__cold);
        if (out.error) throw new Error(`browser cold start (${mode}): ${out.error}`);
        if (out.result?.canMigrate !== true) throw new Error(`browser cold start (${mode}) answered ${JSON.stringify(out.result)}`);
        return out;
      } finally {
        await context.close();
      }
    };
    await coldOnce("wasm"); // the first page of a browser pays for starting a renderer; not counted
    await coldOnce("ajv");
    const wasmRunsB = [];
    const ajvB = [];
    for (let i = 0; i < CFG.coldBrowser; i++) {
      wasmRunsB.push(await coldOnce("wasm"));
      ajvB.push((await coldOnce("ajv")).ms);
    }
    const wasmB = wasmRunsB.map((r) => r.ms);
    const c = median(wasmB);
    const d = median(ajvB);
    row(
      `Cold start, headless Chromium (${CFG.coldBrowser} fresh contexts, median): import + await init() + new PreChecker + first check vs import ajv bundle + compile contextSchema + first JS-rules check`,
      `${fmtMs(c)} (${split(wasmRunsB).replace("load", "import + init")}; min ${fmtMs(Math.min(...wasmB))})`, `${fmtMs(d)} (min ${fmtMs(Math.min(...ajvB))})`, ratio(c, d),
    );
  } finally {
    await browser?.close();
    await server.close();
  }
  notes.push("Cold start: Node times from just before require/import to the first result inside each fresh process (process start-up itself is not counted); Chromium times with performance.now() in a fresh browser context per run (empty HTTP and code caches), served from a loopback static server. The ajv side compiles only the schema the first call needs.");
}

// --- 5. Size -------------------------------------------------------------------------------------------
/** gzip -9 size: the gzip program when there is one (what `make size` and docs/architecture.md report), else node:zlib. */
let gzipTool = "gzip -9";
const gzip = (buf) => {
  if (gzipTool === "gzip -9") {
    const r = spawnSync("gzip", ["-9c"], { input: buf, maxBuffer: 64 * 2 ** 20 });
    if (r.status === 0) return r.stdout.length;
    gzipTool = "node:zlib level 9";
  }
  return zlib.gzipSync(buf, { level: 9 }).length;
};
const brotli = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

async function benchSize(m) {
  log("size: bundling ajv + ajv-formats + schemas with esbuild ...");
  const { outfile, glueFile } = await ajvBundle(m);
  const wasm = readFileSync(join(PKG, "web", "aps_migratable_bg.wasm"));
  const bundle = readFileSync(outfile);
  const glue = readFileSync(glueFile);
  const glueRaw = readFileSync(join(PKG, "web", "index.js")).length + readFileSync(join(PKG, "web", "aps_migratable.js")).length;
  const w = { raw: wasm.length, gz: gzip(wasm), br: brotli(wasm) };
  const a = { raw: bundle.length, gz: gzip(bundle), br: brotli(bundle) };
  const g = { raw: glue.length, gz: gzip(glue), br: brotli(glue) };
  const small = ["smaller", "larger"];
  row(".wasm for browsers (pkg/web, built for size) raw vs ajv + ajv-formats + schemas bundle (esbuild, minified)", fmtBytes(w.raw), fmtBytes(a.raw), ratio(w.raw, a.raw, false, small));
  row(".wasm gzip -9 vs the ajv bundle gzip -9", fmtBytes(w.gz), fmtBytes(a.gz), ratio(w.gz, a.gz, false, small), `≤ ${fmtBytes(WASM_GZIP_BUDGET)}`, w.gz <= WASM_GZIP_BUDGET);
  row(".wasm brotli (q 11) vs the ajv bundle brotli", fmtBytes(w.br), fmtBytes(a.br), ratio(w.br, a.br, false, small));
  // Node's build (opt-level 3, for speed; the rows above are the browser's, opt-level "z").
  const nodeWasm = readFileSync(join(PKG, "node", "aps_migratable_bg.wasm"));
  const n = { raw: nodeWasm.length, gz: gzip(nodeWasm) };
  row(".wasm for Node (pkg/node, built for speed; no budget of its own): raw / gzip -9", `${fmtBytes(n.raw)} / ${fmtBytes(n.gz)}`, "—", "—");
  row(`JS glue (pkg/web/index.js + aps_migratable.js: ${fmtBytes(glueRaw)} as shipped), esbuild-minified: raw / gzip / brotli`, `${fmtBytes(g.raw)} / ${fmtBytes(g.gz)} / ${fmtBytes(g.br)}`, "—", "—");
  row("Everything a page downloads (.wasm + minified glue), gzip -9 vs the ajv bundle", fmtBytes(w.gz + g.gz), fmtBytes(a.gz), ratio(w.gz + g.gz, a.gz, false, small));
  notes.push(`Size: gzip -9 by ${gzipTool === "gzip -9" ? "the gzip program (as make size)" : gzipTool}, brotli quality 11 by node:zlib. The ajv bundle holds ${Object.keys(JSON.parse(readFileSync(join(gen, "schemas.json"), "utf8"))).length} schemas (every contract, context, policy) and compiles them at runtime with new Function, which a page under a strict Content-Security-Policy (like www/, no 'unsafe-eval') cannot do; the module needs only 'wasm-unsafe-eval'.`);
}

// --- 6. The host ---------------------------------------------------------------------------------------
/**
 * Starts a server script as a child process; resolves {origin, stop, exitInfo} once its banner
 * names the endpoint. exitInfo() is null while it runs, else how it ended and its last stderr.
 */
function startChild(script, env, cwd) {
  const child = spawn(process.execPath, [script], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let ended = null;
  child.stderr.setEncoding("utf8");
  const exited = once(child, "exit").then(([code, signal]) => {
    ended = { code, signal, stderr: stderr.trim().split("\n").slice(-3).join(" / ").slice(0, 300) };
    return ended;
  });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  const exitInfo = () => (ended && !stopping ? `exited with ${ended.code ?? ended.signal} during the run (${ended.stderr || "no stderr"})` : null);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`did not start within 15 s: ${stderr.trim().slice(0, 300)}`)); }, 15_000);
    child.stderr.on("data", (d) => {
      stderr += d;
      const m = /endpoint:\s+POST (https?:\/\/[^/\s]+)\//.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], stop, exitInfo });
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code ?? signal} before listening: ${stderr.trim().slice(0, 300)}`));
    });
  });
}

const HOST_HEADERS = {
  "content-type": "application/json",
  "aps-controller-uri": "https://controller.example:6308/",
  "aps-instance-id": "0c5cb2f4-3a69-4c1a-9e59-5f0a4c1ac7a1",
};
const HOST_CASES = [
  { label: "allowed", path: "/mail/eeeeeeee-0000-4000-8000-000000000001/migrationPreCheck", body: { targetAccount: "aaaaaaaa-0000-4000-8000-000000000002" }, canMigrate: true },
  { label: "refused (brand)", path: "/mail/eeeeeeee-0000-4000-8000-000000000001/migrationPreCheck", body: { targetAccount: "aaaaaaaa-0000-4000-8000-000000000005" }, canMigrate: false },
];

/** One autocannon run against one URL; the first request errors are kept. */
async function loadRun(server, path, body, duration) {
  const autocannon = require("autocannon");
  const opts = { url: server.origin + path, method: "POST", headers: HOST_HEADERS, body: JSON.stringify(body), connections: CFG.connections, duration };
  const firstErrors = new Map();
  const cpu = process.cpuUsage();
  const r = await new Promise((resolve, reject) => {
    const instance = autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("reqError", (e) => firstErrors.set(e.code ?? e.message, (firstErrors.get(e.code ?? e.message) ?? 0) + 1));
  });
  const used = process.cpuUsage(cpu);
  return { total: r.requests.total, seconds: duration, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, cpuUs: used.user + used.system, firstErrors };
}

/** The rounds of one server, summed: requests/s over all of them, the median round's p99. */
function combined(server, runs) {
  const sum = (f) => runs.reduce((n, r) => n + f(r), 0);
  const seconds = sum((r) => r.seconds);
  const kinds = new Map();
  for (const r of runs) for (const [k, n] of r.firstErrors) kinds.set(k, (kinds.get(k) ?? 0) + n);
  return {
    rps: sum((r) => r.total) / seconds, p99: median(runs.map((r) => r.p99)), errors: sum((r) => r.errors), non2xx: sum((r) => r.non2xx), total: sum((r) => r.total),
    // The load generator's own CPU (this process), in % of one core over the measured runs.
    loadCpu: (100 * sum((r) => r.cpuUs)) / (seconds * 1e6),
    errorKinds: [...kinds].map(([k, n]) => `${k} ×${n}`).join(", "), exited: server.exitInfo(),
  };
}

/**
 * Two servers under the same load, one after the other in rounds (A B, B A, A B, ...), after a
 * warm-up of each: a change of the machine's speed during the run (a shared VM drifts by up to 2×
 * within minutes) falls on both alike. Each side is its rounds summed; `ratio` is the median of
 * the rounds' ratios (A ÷ B), the figure the row judges.
 */
async function paired([a, aCase], [b, bCase]) {
  await loadRun(a, aCase.path, aCase.body, CFG.hostWarmup); // JIT warm-up, not counted
  await loadRun(b, bCase.path, bCase.body, CFG.hostWarmup);
  const seconds = CFG.hostSeconds / CFG.hostRounds;
  const runs = [[], []];
  const ratios = [];
  for (let i = 0; i < CFG.hostRounds; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    const round = [];
    for (const k of order) {
      const [server, c] = k === 0 ? [a, aCase] : [b, bCase];
      round[k] = await loadRun(server, c.path, c.body, seconds);
      runs[k].push(round[k]);
    }
    ratios.push(round[0].total / round[1].total);
  }
  return { a: combined(a, runs[0]), b: combined(b, runs[1]), ratio: median(ratios), ratios };
}

function hostUnavailable() {
  if (!existsSync(join(HOST, "src", "server.js"))) return "host/src/server.js is missing";
  if (!existsSync(join(HOST, "node_modules", "fastify"))) return "host/node_modules is not installed (make setup-host)";
  if (!existsSync(join(HOST, "node_modules", "aps-migratable"))) return "host/node_modules/aps-migratable is missing (make setup-host)";
  return null;
}

async function benchHost() {
  const why = hostUnavailable();
  if (why) {
    row("host: not available", why, "—", "—", "≥ 0.8× req/s, 0 errors", undefined);
    return;
  }
  const logLevel = process.env.BENCH_HOST_LOG_LEVEL || "info"; // the host's default; both servers use it
  // The host as a child process of this run, with `env` beside the settings every row shares.
  const startHost = (env = {}) =>
    startChild(join(HOST, "src", "server.js"), { APS_HOST: "127.0.0.1", APS_PORT: "0", APS_STATIC: "false", APS_LOG_LEVEL: logLevel, ...env }, HOST);
  let host;
  let bare;
  let alt;
  try {
    try {
      host = await startHost();
      for (const c of HOST_CASES) {
        const res = await fetch(host.origin + c.path, { method: "POST", headers: HOST_HEADERS, body: JSON.stringify(c.body) });
        const answer = await res.json();
        if (res.status !== 200 || answer.canMigrate !== c.canMigrate) throw new Error(`${c.label}: answered ${res.status} ${JSON.stringify(answer)}`);
      }
    } catch (e) {
      row("host: not available", `the host did not answer as expected: ${String(e.message).split("\n")[0].slice(0, 200)}`, "—", "—", "≥ 0.8× req/s, 0 errors", undefined);
      return;
    }
    bare = await startChild(join(BENCH, "bare-fastify.mjs"), { APS_LOG_LEVEL: logLevel }, ROOT);
    const res = await fetch(`${bare.origin}${HOST_CASES[0].path}`, { method: "POST", headers: HOST_HEADERS, body: "{}" });
    if (res.status !== 200) throw new Error(`bare fastify answered ${res.status}`);

    const fmt = (r) => `${Math.round(r.rps).toLocaleString("en-US")} req/s, p99 ${r.p99} ms, ${r.errors} errors${r.errorKinds ? ` (${r.errorKinds})` : ""}, ${r.non2xx} non-2xx${r.exited ? `; the server ${r.exited}` : ""}`;
    const clean = (r) => r.errors === 0 && r.non2xx === 0;
    const how = `autocannon, ${CFG.connections} connections, ${CFG.hostRounds} alternated rounds of ${num(CFG.hostSeconds / CFG.hostRounds, 1)} s each`;
    const rounds = (p) => `; rounds ${p.ratios.map((x) => num(x, 2)).join(", ")}`;
    for (const c of HOST_CASES) {
      log(`host: ${c.label} vs bare fastify, ${CFG.hostRounds} rounds ...`);
      const p = await paired([host, c], [bare, HOST_CASES[0]]);
      row(
        `Host POST /{service}/{resourceId}/migrationPreCheck, ${c.label} vs bare fastify route answering a constant (${how}; ratio: the median round's)`,
        fmt(p.a), fmt(p.b) + rounds(p), ratio(p.ratio, 1, true), "≥ 0.8× req/s, p99 ≤ 2×, 0 errors", p.ratio >= 0.8 && p.a.p99 <= 2 * p.b.p99 && clean(p.a),
      );
    }
    // Every core: the same host with APS_WORKERS=2 (node:cluster), against the one-worker host.
    log(`host: allowed, APS_WORKERS=2 vs 1, ${CFG.hostRounds} rounds ...`);
    await bare.stop();
    alt = await startHost({ APS_WORKERS: "2" });
    {
      const p = await paired([alt, HOST_CASES[0]], [host, HOST_CASES[0]]);
      const cpu = (r) => `; autocannon used ${Math.round(r.loadCpu)}% of a core`;
      row(
        `Host, allowed, APS_WORKERS=2 vs 1 worker (${how}; in this process on the same cores)`,
        fmt(p.a) + cpu(p.a), fmt(p.b) + cpu(p.b) + rounds(p), ratio(p.ratio, 1, true), "— (measured)", clean(p.a),
      );
    }
    // What a user would write instead (bench/ajv-fastify.mjs: the same data set and context,
    // ajv on contextSchema(), the JS rules), against the host with the same built-in-only policy.
    await alt.stop();
    await host.stop();
    const policyFile = join(gen, "builtin-policy.json");
    writeFileSync(policyFile, JSON.stringify(POLICY));
    host = await startHost({ APS_POLICY_FILE: policyFile });
    // Each comparison server answers every case as the host does (`answer` picks what must be
    // equal), then both are loaded in alternated rounds, case by case.
    const compare = async (what, against, answer) => {
      for (const c of HOST_CASES) {
        const [ours, theirs] = await Promise.all([host, alt].map((srv) => fetch(srv.origin + c.path, { method: "POST", headers: HOST_HEADERS, body: JSON.stringify(c.body) }).then(answer)));
        if (!isDeepStrictEqual(ours, theirs)) throw new Error(`${c.label}: the host answered ${JSON.stringify(ours)}, ${what} ${JSON.stringify(theirs)}`);
      }
      for (const c of HOST_CASES) {
        log(`host: ${c.label}, built-in rules, vs ${what}, ${CFG.hostRounds} rounds ...`);
        const p = await paired([host, c], [alt, c]);
        row(
          `Host, ${c.label}, built-in rules only, vs ${against} (${how}; ratio: the median round's)`,
          fmt(p.a), fmt(p.b) + rounds(p), ratio(p.ratio, 1, true), "≥ 1× req/s", p.ratio >= 1 && clean(p.a),
        );
      }
    };
    alt = await startChild(join(BENCH, "ajv-fastify.mjs"), { APS_LOG_LEVEL: logLevel }, ROOT);
    await compare("ajv + JS rules", "a fastify route with ajv (contextSchema) + the JS rules of bench/precheck-js.mjs, same data set", (r) => r.json());
    // The same host with only its check replaced by ajv + the JS rules (bench/ajv-host.mjs):
    // the same plugin, headers, logging and data set, so the rows compare the check alone.
    await alt.stop();
    alt = await startChild(join(BENCH, "ajv-host.mjs"), { APS_HOST: "127.0.0.1", APS_PORT: "0", APS_STATIC: "false", APS_LOG_LEVEL: logLevel, APS_POLICY_FILE: policyFile }, HOST);
    const headerNames = (r) => [...r.headers.keys()].filter((name) => !["date", "keep-alive", "connection"].includes(name)).sort();
    await compare(
      "the same host with ajv + JS rules",
      "the same host with its check replaced by ajv (contextSchema) + the JS rules (bench/ajv-host.mjs: same plugin, headers and logs)",
      async (r) => ({ status: r.status, headers: headerNames(r), body: await r.json() }),
    );
    notes.push(`Host: both servers are child processes of this run on 127.0.0.1 (host: file source, APS_STATIC=false; both log at ${logLevel} with pino to /dev/null); autocannon runs in this process, ${CFG.hostWarmup} s warm-up each, on the same ${os.availableParallelism?.() ?? os.cpus().length} cores as the servers.`);
  } finally {
    await host?.stop();
    await bare?.stop();
    await alt?.stop();
  }
}

// --- 7. Before/after ------------------------------------------------------------------------------------
const rowsBA = [];
/** One before/after row: times (bench results or ms: lower is better), rates or sizes. */
function rowBA(measurement, before, after, fmt, higherIsBetter = false, target = "—", ok = undefined, words = ["faster", "slower"]) {
  const value = (x) => (typeof x === "number" ? x : x.medianUs);
  rowsBA.push({ measurement, before: fmt(before), after: fmt(after), ratio: ratio(value(after), value(before), higherIsBetter, words), target, met: met(ok) });
}

/** The same measurements of the package in --before and of this one, one after the other for each row. */
async function benchBeforeAfter(m) {
  const old = require(BEFORE);
  const opts = { warmup: CFG.warmup, warmupMs: CFG.warmupMs, samples: CFG.samples };
  const us = (r) => fmtT(r);
  const checkers = [new old.PreChecker(POLICY), new m.PreChecker(POLICY)];
  for (const [label, context, limit] of [["allowed", ALLOWED_CONTEXT, 6], ["refused", REFUSED_CONTEXT, 15]]) {
    log(`before/after: pre-check ${label} ...`);
    const [b, a] = checkers.map((c) => bench(() => c.check(REQUEST, context), opts));
    rowBA(`PreChecker.check, ${label}`, b, a, us, false, `≤ ${limit} µs median`, a.medianUs <= limit);
  }
  for (const id of m.contractIds()) {
    for (const kind of ["valid", "invalid"]) {
      log(`before/after: validateContract ${id} ${kind} ...`);
      const payload = CONTRACT_SAMPLES[id][kind];
      const [b, a] = [old, m].map((mod) => bench(() => mod.validateContract(id, payload), opts));
      const [target, ok] = kind === "valid" ? ["≤ 4 µs median", a.medianUs <= 4] : ["—", undefined];
      rowBA(`validateContract ${id}, ${kind}`, b, a, us, false, target, ok);
    }
  }
  for (const id of Object.keys(BATCH_CASES)) {
    const { text, bytes } = buildBatch(id, BATCH_LINES);
    const mb = bytes.length / 1e6;
    for (const [kind, input] of [["string", text], ["Uint8Array", bytes]]) {
      log(`before/after: bulk ${id} (${kind}) ...`);
      const [b, a] = [old, m].map((mod) => benchRuns(() => mod.validateMany(id, input), { warmup: CFG.bulkWarmup, runs: CFG.bulkRuns }));
      const [rb, ra] = [b, a].map((r) => mb / (r.medianMs / 1000));
      rowBA(`validateMany ${id}, ${BATCH_LINES.toLocaleString("en-US")} lines (${kind}), MB/s`, rb, ra, (x) => `${num(x, 1)} MB/s`, true, "no worse", ra >= rb * 0.95);
    }
  }
  writeSchemas(m);
  const schemaFile = join(gen, "context.schema.json");
  log(`before/after: cold start, Node, ${CFG.coldNode} processes each ...`);
  const coldB = [];
  const coldA = [];
  for (let i = 0; i < CFG.coldNode; i++) {
    coldB.push(coldNodeOnce("wasm", schemaFile, BEFORE).ms);
    coldA.push(coldNodeOnce("wasm", schemaFile, PKG).ms);
  }
  rowBA(`Cold start, Node (median of ${CFG.coldNode})`, median(coldB), median(coldA), fmtMs, false, "no worse", median(coldA) <= median(coldB) * 1.05);
  log(`before/after: cold start, Chromium, ${CFG.coldBrowser} contexts each ...`);
  const { chromium } = require("playwright-core");
  const server = await startStaticServer({ "/pkg/": PKG, "/before/": BEFORE, "/gen/": gen, "/bench/": BENCH, "/": join(BENCH, "web") });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const coldOnce = async (pkg) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/index.html?mode=wasm&pkg=${pkg}`);
        await page.waitForFunction(() => window.__cold, null, { timeout: 30_000 });
        const out = await page.evaluate(() => window.__cold);
        if (out.error || out.result?.canMigrate !== true) throw new Error(`browser cold start (${pkg}): ${out.error ?? JSON.stringify(out.result)}`);
        return out.ms;
      } finally {
        await context.close();
      }
    };
    await coldOnce("/pkg");
    const bB = [];
    const bA = [];
    for (let i = 0; i < CFG.coldBrowser; i++) {
      bB.push(await coldOnce("/before"));
      bA.push(await coldOnce("/pkg"));
    }
    rowBA(`Cold start, headless Chromium (median of ${CFG.coldBrowser})`, median(bB), median(bA), fmtMs, false, "no worse", median(bA) <= median(bB) * 1.05);
  } finally {
    await browser?.close();
    await server.close();
  }
  for (const build of ["web", "node"]) {
    const [b, a] = [BEFORE, PKG].map((dir) => gzip(readFileSync(join(dir, build, "aps_migratable_bg.wasm"))));
    const [target, ok] = build === "web" ? [`≤ ${fmtBytes(WASM_GZIP_BUDGET)}`, a <= WASM_GZIP_BUDGET] : ["—", undefined];
    rowBA(`.wasm (pkg/${build}) gzip -9`, b, a, fmtBytes, false, target, ok, ["smaller", "larger"]);
  }
}

// --- The report ----------------------------------------------------------------------------------------
function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m) return m[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? "unknown CPU";
}

/** Which build was measured: the package version, the .wasm's hash, the commit and whether the tree had changes. */
function buildId() {
  const parts = [];
  try {
    const version = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version;
    const sha = (target) => createHash("sha256").update(readFileSync(join(PKG, target, "aps_migratable_bg.wasm"))).digest("hex").slice(0, 12);
    parts.push(`aps-migratable ${version} (.wasm sha256: node ${sha("node")} (opt-level 3), web ${sha("web")} (opt-level "z"))`);
  } catch {}
  const git = (...args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status === 0) parts.push(`commit ${head.stdout.trim()}${git("status", "--porcelain").stdout.trim() ? " with uncommitted changes" : ""}`);
  return parts.join(", ");
}

function report() {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const load = `load average ${machine.loadStart.toFixed(2)} at start, ${os.loadavg()[0].toFixed(2)} at end`;
  const lines = [
    `Build: ${buildId()}.`,
    "",
    `Machine: ${cpuModel()}, ${cores} cores, ${gib} GiB memory, ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}${machine.chromium ? `; Chromium ${machine.chromium}` : ""}; ${date}; ${load}; ${QUICK ? "--quick" : "full"} run${only.length < SECTIONS.length ? ` (--only ${only.join(",")})` : ""}.`,
    "",
    "| measurement | ours | comparison | ratio | target | met? |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${[r.measurement, r.ours, r.comparison, r.ratio, r.target, r.met].map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`),
    "",
    "ratio = ours ÷ comparison (times and sizes: below 1 is better for ours; MB/s and req/s: above 1 is better). Times are medians with p99 in brackets.",
    "",
    ...notes.map((n) => `- ${n}`),
    ...(rowsBA.length
      ? [
          "",
          `Before/after (the package in ${BEFORE} beside this one, same run):`,
          "",
          "| measurement | before | after | after ÷ before | target | met? |",
          "|---|---|---|---|---|---|",
          ...rowsBA.map((r) => `| ${[r.measurement, r.before, r.after, r.ratio, r.target, r.met].map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`),
        ]
      : []),
  ];
  return lines.join("\n");
}

function updateReadme(table) {
  const file = join(ROOT, "docs", "benchmarks.md");
  const text = readFileSync(file, "utf8");
  const begin = "<!-- bench:begin -->";
  const end = "<!-- bench:end -->";
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    log(`--readme: docs/benchmarks.md has no ${begin} … ${end} markers; left as it is`);
    return;
  }
  writeFileSync(file, `${text.slice(0, i + begin.length)}\n${table}\n${text.slice(j)}`);
  log("--readme: docs/benchmarks.md updated");
}

// --- Main ------------------------------------------------------------------------------------------------
const started = performance.now();
let m = null;
try {
  m = loadModule();
  log(`aps-migratable ${m.version()}; ${QUICK ? "quick" : "full"} run of ${only.join(", ")}`);
} catch (e) {
  sectionFailed("module", e);
}
const SECTION_RUNNERS = { precheck: benchPrecheck, contracts: benchContracts, bulk: benchBulk, files: benchFiles, cold: benchCold, size: benchSize, host: benchHost };
for (const section of SECTIONS) {
  if (!only.includes(section)) continue;
  if (!m && section !== "host") continue;
  const t0 = performance.now();
  try {
    await SECTION_RUNNERS[section](m);
  } catch (e) {
    sectionFailed(section, e);
  }
  log(`${section}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
if (BEFORE && m) {
  const t0 = performance.now();
  try {
    await benchBeforeAfter(m);
  } catch (e) {
    sectionFailed("before/after", e);
  }
  log(`before/after: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
rmSync(gen, { recursive: true, force: true });

const table = report();
writeFileSync(join(BENCH, "results.md"), `# Benchmark results\n\n${table}\n`);
if (README) updateReadme(table);
process.stdout.write(`\n${table}\n`);
log(`\nbench: ${((performance.now() - started) / 1000).toFixed(0)} s; written to bench/results.md${failures ? `; ${failures} section(s) FAILED` : ""}`);
process.exitCode = failures ? 1 : 0;
