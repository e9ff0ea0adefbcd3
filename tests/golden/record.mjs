// Records the golden files from the built package: `make build`, then `node tests/golden/record.mjs`.
// Each file holds its cases' inputs and the outputs of pkg/ as built now; tests/js/golden.test.mjs
// replays the inputs and requires the same outputs. Re-record only for a deliberate change of
// output, and say why in the commit message (README.md here).
//
// raw.json needs JSON.rawJSON: on Node 20 this script runs itself again with the V8 flag that
// turns it on.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CALLS, RAW_JSON_FLAG, format, hasRawJson, play, waysOf } from "./replay.mjs";
import { contractCases } from "./inputs/contracts.mjs";
import { ndjsonCases } from "./inputs/ndjson.mjs";
import { apsCases, schemaCases } from "./inputs/schema.mjs";
import { precheckCases } from "./inputs/precheck.mjs";
import { rawCases } from "./inputs/raw.mjs";

const self = fileURLToPath(import.meta.url);
if (!hasRawJson) {
  execFileSync(process.execPath, [RAW_JSON_FLAG, self, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(0);
}

const m = createRequire(import.meta.url)("../../pkg");

/** Every golden file: what it covers, and its cases' inputs. */
const FILES = {
  "api.json": ["The package's fixed documents and lists, each contract's schema, and isApsId.", apiCases],
  "contracts.json": ["validateContract and toVendorError for every contract: samples, hand-written and generated payloads.", () => contractCases(m)],
  "ndjson.json": ["validateMany on batches as a string and as UTF-8 bytes: numbers as written, repeated keys, escapes, framing, broken and over-long lines, maxErrors.", () => ndjsonCases(m)],
  "schema.json": ["validate, Validator and normalize for every keyword the engine supports; schema errors; APS type documents.", () => [...schemaCases(), ...apsCases(m.migratableType())]],
  "precheck.json": ["The pre-check: contexts × policies × migration sets through migrationPreCheck/explainPreCheck and a PreChecker; ContextError and PolicyError.", precheckCases],
  "raw.json": ["Numbers written as 1.0, 1e0, -0, 1E2 (JSON.rawJSON) through validate, normalize, validateContract and the pre-check.", rawCases],
};

function apiCases() {
  const cases = ["version", "locales", "builtInRules", "contextSchema", "policySchema", "migratableType", "contractIds"].map((call) => ({ name: call, call, args: [] }));
  for (const id of m.contractIds()) cases.push({ name: `contractSchema ${id}`, call: "contractSchema", args: [id] });
  for (const id of ["nope", "Fusebill/subscription_migrate", "", 5, { $js: "undefined" }]) cases.push({ name: `contractSchema ${JSON.stringify(id)}`, call: "contractSchema", args: [id] });
  const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
  for (const value of [B, B.toUpperCase(), "BbBbBbBb-bBbB-4BbB-8bBb-BBBBbbbbBBBB", `${B} `, `{${B}}`, B.replace(/-/g, ""), "gggggggg-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "", 1, null, [B], { $js: "undefined" }]) {
    cases.push({ name: `isApsId ${JSON.stringify(value)}`, call: "isApsId", args: [value] });
  }
  return cases;
}

/** The case with its output; every other way of making the call must agree. */
function record(c) {
  if (!CALLS[c.call]) throw new Error(`${c.name}: unknown call ${c.call}`);
  const output = play(m, c, 0);
  for (let way = 1; way < waysOf(c); way++) {
    if (format(play(m, c, way)) !== format(output)) throw new Error(`${c.name}: the ways of calling ${c.call} disagree`);
  }
  return { ...c, output };
}

for (const [file, [about, inputs]] of Object.entries(FILES)) {
  const cases = inputs();
  const names = new Set();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`${file}: two cases named ${c.name}`);
    names.add(c.name);
  }
  const text = `${format({ about, package: m.version(), cases: cases.map(record) })}\n`;
  writeFileSync(new URL(file, import.meta.url), text);
  console.log(`${file}: ${cases.length} cases, ${text.length} characters`);
}
