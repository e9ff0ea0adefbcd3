// The command line (pkg/node/cli.cjs, the package's `aps-migratable` bin), run as a child process
// with pipes (so stderr is not a terminal: no progress bar). What it prints is checked against the
// API it stands for (validateMany, migrationPreCheck, explainPreCheck, the schemas).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { ALLOWED_CONTEXT, REFUSED_CONTEXT, TARGET, BATCH_CASES, buildBatch } from "../../bench/samples.mjs";

const m = createRequire(import.meta.url)("../../pkg/node/index.cjs");
const CLI = new URL("../../pkg/node/cli.cjs", import.meta.url).pathname;
const ID = "fusebill/subscription_migrate";
const dir = mkdtempSync(join(tmpdir(), "aps-cli-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI: { status, stdout, stderr }. */
const run = (args, input) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: "utf8" });
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const parseNdjson = (text) => text.trimEnd().split("\n").map((line) => JSON.parse(line));

const { bytes: BATCH } = buildBatch(ID, 2000);
const BATCH_FILE = file("batch.ndjson", BATCH);
const VALID_FILE = file("valid.ndjson", BATCH_CASES[ID].good.map((v) => JSON.stringify(v)).join("\n") + "\n");

test("--help: the program's and each command's, exit 0", () => {
  for (const args of [[], ["--help"], ["-h"]]) {
    const r = run(args);
    assert.equal(r.status, 0, args.join(" "));
    assert.match(r.stdout, /^Usage: aps-migratable <command>/);
    for (const command of ["validate", "precheck", "contracts", "schema"]) assert.match(r.stdout, new RegExp(`\\n  ${command}\\b`));
  }
  for (const command of ["validate", "precheck", "contracts", "schema"]) {
    const r = run([command, "--help"]);
    assert.equal(r.status, 0, command);
    assert.match(r.stdout, new RegExp(`^Usage: aps-migratable ${command}\\b`), command);
  }
});

test("validate --json: one error per line, then a summary; the errors and counts of validateMany; exit 1 when a line is invalid", () => {
  const r = run(["validate", "--json", ID, BATCH_FILE]);
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, "", "no progress bar when stderr is not a terminal");
  const lines = parseNdjson(r.stdout);
  const want = m.validateMany(ID, BATCH);
  assert.ok(want.invalid > 0 && want.errors.length > 0);
  assert.deepEqual(lines.slice(0, -1), want.errors);
  assert.deepEqual(lines.at(-1), { contract: ID, input: BATCH_FILE, total: want.total, valid: want.valid, invalid: want.invalid, errors: want.errors.length, truncated: false });
});

test("validate --max-errors and --workers: the first errors, truncated, the same with 1 and 2 workers", () => {
  // More than one 4 MiB chunk, so that two workers do share the file.
  const { bytes } = buildBatch(ID, 40_000, 7);
  assert.ok(bytes.length > 4 * 1024 * 1024, `${bytes.length} bytes`);
  const big = file("big.ndjson", bytes);
  const want = m.validateMany(ID, bytes, { maxErrors: 3 });
  const outputs = ["1", "2"].map((workers) => run(["validate", "--json", "--max-errors", "3", "--workers", workers, ID, big]));
  for (const r of outputs) {
    assert.equal(r.status, 1, r.stderr);
    const lines = parseNdjson(r.stdout);
    assert.deepEqual(lines.slice(0, -1), want.errors);
    assert.equal(lines.at(-1).truncated, true);
  }
  assert.equal(outputs[0].stdout, outputs[1].stdout);
});

test("validate without --json: a summary and the first errors by line; exit 0 when every line is valid", () => {
  const r = run(["validate", ID, BATCH_FILE]);
  assert.equal(r.status, 1, r.stderr);
  const want = m.validateMany(ID, BATCH, { maxErrors: 20 });
  const [summary, ...rest] = r.stdout.trimEnd().split("\n");
  assert.ok(summary.includes(`${want.total.toLocaleString("en-US")} lines`) && summary.includes(`${want.invalid.toLocaleString("en-US")} invalid`), summary);
  assert.deepEqual(rest.slice(0, 20).map((l) => Number(l.match(/^line (\d+): /)?.[1])), want.errors.map((e) => e.line));
  assert.deepEqual(rest.slice(0, 20).map((l, i) => l.endsWith(`${want.errors[i].message} [${want.errors[i].keyword}]`)), Array(20).fill(true));
  assert.match(rest.at(-1), /--max-errors/, "says that there are more");
  const ok = run(["validate", ID, VALID_FILE]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, / 0 invalid\n$/);
});

test("validate -: stdin, the same result as the file", () => {
  const fromFile = parseNdjson(run(["validate", "--json", ID, BATCH_FILE]).stdout);
  const r = run(["validate", "--json", ID, "-"], BATCH);
  assert.equal(r.status, 1, r.stderr);
  const fromStdin = parseNdjson(r.stdout);
  assert.deepEqual(fromStdin.slice(0, -1), fromFile.slice(0, -1));
  assert.deepEqual({ ...fromStdin.at(-1), input: BATCH_FILE }, fromFile.at(-1));
});

test("validate: a missing file, a directory, an unknown contract, bad arguments: exit 2 with a message that says what is wrong", () => {
  const cases = [
    [["validate", ID, join(dir, "missing.ndjson")], /missing\.ndjson: no such file/],
    [["validate", ID, dir], /is a directory/],
    [["validate", "acme/nothing", BATCH_FILE], /no contract "acme\/nothing"; known contracts: chargebee/],
    [["validate", ID], /validate takes <contract> <file\|->/],
    [["validate", "--max-errors", "many", ID, BATCH_FILE], /--max-errors must be a whole number/],
    [["validate", "--workers", "0", ID, BATCH_FILE], /--workers must be a whole number of at least 1/],
    [["validate", "--bogus", ID, BATCH_FILE], /Unknown option '--bogus'[\s\S]*validate --help/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(" "));
    assert.equal(r.stdout, "", args.join(" "));
    assert.match(r.stderr, /^aps-migratable: /);
    assert.match(r.stderr, message, args.join(" "));
  }
});

test("precheck: the APS answer (exit 0 allowed, 1 refused), --explain prints the report, bad input exits 2", () => {
  const allowed = file("allowed.json", JSON.stringify(ALLOWED_CONTEXT));
  const refused = file("refused.json", JSON.stringify(REFUSED_CONTEXT));
  const set = { targetAccount: TARGET };
  let r = run(["precheck", "--context", allowed, "--target", TARGET]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), m.migrationPreCheck(set, ALLOWED_CONTEXT));
  r = run(["precheck", "--context", refused, "--target", TARGET]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), m.migrationPreCheck(set, REFUSED_CONTEXT));
  const policy = file("policy.json", JSON.stringify({ locale: "de" }));
  r = run(["precheck", "--context", refused, "--target", TARGET, "--policy", policy, "--explain"]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), m.explainPreCheck(set, REFUSED_CONTEXT, { locale: "de" }));
  const bad = [
    [["precheck", "--target", TARGET], /precheck needs --context/],
    [["precheck", "--context", file("not.json", "{"), "--target", TARGET], /not\.json is not JSON/],
    [["precheck", "--context", join(dir, "none.json"), "--target", TARGET], /none\.json: no such file/],
    [["precheck", "--context", file("empty.json", "{}"), "--target", TARGET], /invalid context/],
    [["precheck", "--context", allowed, "--target", TARGET, "--policy", file("p.json", '{"locale":5}')], /invalid policy/],
  ];
  for (const [args, message] of bad) {
    const out = run(args);
    assert.equal(out.status, 2, args.join(" "));
    assert.match(out.stderr, message, args.join(" "));
  }
});

test("contracts and schema: the ids and the schemas the module ships", () => {
  const ids = run(["contracts"]);
  assert.equal(ids.status, 0);
  assert.deepEqual(ids.stdout.trimEnd().split("\n"), m.contractIds());
  assert.deepEqual(JSON.parse(run(["schema", "context"]).stdout), m.contextSchema());
  assert.deepEqual(JSON.parse(run(["schema", "policy"]).stdout), m.policySchema());
  assert.deepEqual(JSON.parse(run(["schema", ID]).stdout), m.contractSchema(ID));
  const unknown = run(["schema", "acme/nothing"]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no contract "acme\/nothing"/);
});

test("the package's bin is the CLI", () => {
  const manifest = JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url), "utf8"));
  assert.deepEqual(manifest.bin, { "aps-migratable": "node/cli.cjs" });
  assert.match(readFileSync(CLI, "utf8"), /^#!\/usr\/bin\/env node\n/);
});
