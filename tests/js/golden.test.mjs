// Golden outputs through the JS API (tests/golden/, README there): every case stored in a golden
// file is replayed through the built package, every way its call can be made (validate() and a
// Validator, the one-shot pre-check functions and a PreChecker), and the output must equal the
// recorded one exactly: same values (-0 included), same key order, errors in the same order,
// thrown errors with the same name, code, message, errors and schemaPath.
//
// The inputs live in the golden files, so a change of the generators in tests/golden/inputs/
// cannot change what is checked. raw.json needs JSON.rawJSON; on Node 20 its cases run in a
// child process with the V8 flag that turns it on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RAW_JSON_FLAG, hasRawJson, play, usesRawJson, waysOf } from "../golden/replay.mjs";

const m = createRequire(import.meta.url)("../../pkg");
const goldenPath = (file) => fileURLToPath(new URL(`../golden/${file}`, import.meta.url));
const load = (file) => JSON.parse(readFileSync(goldenPath(file), "utf8"));

const FILES = ["api.json", "contracts.json", "ndjson.json", "schema.json", "precheck.json", "raw.json"];
const golden = Object.fromEntries(FILES.map((file) => [file, load(file)]));

/** Equal values (deepStrictEqual: -0 is not 0) with members in the same order. */
function same(actual, expected) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch {
    return false;
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** Outputs of every case, every way: in this process, or in a child with JSON.rawJSON turned on. */
function outputsOf(file, cases) {
  if (hasRawJson || !cases.some(usesRawJson)) return cases.map((c) => Array.from({ length: waysOf(c) }, (_, way) => play(m, c, way)));
  const replay = fileURLToPath(new URL("../golden/replay.mjs", import.meta.url));
  const text = execFileSync(process.execPath, [RAW_JSON_FLAG, replay, goldenPath(file)], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(text);
}

/** Fails listing every case that differs, with the diff of the first. */
function compare(file, outputs = outputsOf(file, golden[file].cases)) {
  const { cases } = golden[file];
  const differing = [];
  cases.forEach((c, i) => {
    outputs[i].forEach((actual, way) => {
      if (!same(actual, c.output)) differing.push({ name: way ? `${c.name} (way ${way + 1} of ${c.call})` : c.name, actual, expected: c.output });
    });
  });
  if (differing.length === 0) return;
  const listed = differing.slice(0, 40).map((d) => `  - ${d.name}`).join("\n");
  const more = differing.length > 40 ? `\n  (and ${differing.length - 40} more)` : "";
  const message = `${file}: ${differing.length} of ${cases.length} cases differ from the golden output:\n${listed}${more}\nFirst difference (${differing[0].name}):`;
  assert.deepStrictEqual(differing[0].actual, differing[0].expected, message);
  assert.equal(JSON.stringify(differing[0].actual), JSON.stringify(differing[0].expected), `${message} (member order)`);
}

for (const file of FILES) {
  test(`${file}: the package gives every recorded output exactly`, () => compare(file));
}

// The browser build is built without the Node build's validity while parsing (Cargo feature
// stream-check, docs/bulk.md): its batches, validated on the tree alone, give the same outputs.
// Nor does it read a context's text straight into the types (typed-text): it reads every context
// through a JSON value, and its pre-checks, every way of calling them, give the same outputs too.
test("ndjson.json, contracts.json and precheck.json: the browser build gives every recorded output exactly", async () => {
  const web = await import("../../pkg/web/index.js");
  web.initSync({ module: readFileSync(new URL("../../pkg/web/aps_migratable_bg.wasm", import.meta.url)) });
  for (const file of ["ndjson.json", "contracts.json", "precheck.json"]) {
    const { cases } = golden[file];
    assert.ok(!cases.some(usesRawJson), `${file} replays in this process`);
    compare(file, cases.map((c) => Array.from({ length: waysOf(c) }, (_, way) => play(web, c, way))));
  }
});

// Numbers JSON.parse reads exactly but serde_json alone may not (an integer past 2^64, more than 15
// digits): a context given as text is judged on the exact numbers by both builds, whichever way
// it is read (the Node build reads it straight into the types, with or without custom rules).
test("both builds judge a context's text on its numbers as JSON.parse reads them", async () => {
  const web = await import("../../pkg/web/index.js");
  web.initSync({ module: readFileSync(new URL("../../pkg/web/aps_migratable_bg.wasm", import.meta.url)) });
  const SRC = "aaaaaaaa-0000-4000-8000-000000000001";
  const TGT = "aaaaaaaa-0000-4000-8000-000000000002";
  const text = `{"now":"2026-01-01T00:00:00Z","subscription":{"id":"55555555-0000-4000-8000-000000000001","ownerAccountId":"${SRC}","state":"active"},` +
    `"sourceAccount":{"id":"${SRC}","vendorId":123456789012345678901234},"targetAccount":{"id":"${TGT}","vendorId":123456789012345670000000}}`;
  const set = JSON.stringify({ targetAccount: TGT });
  const rule = { id: "no-trial-moves", when: { properties: { subscription: { properties: { trial: { const: true } } } } }, require: false, message: { en: "Trial." } };
  // The two vendors differ as JSON.parse reads them: the move is refused.
  assert.notEqual(JSON.parse(text).sourceAccount.vendorId, JSON.parse(text).targetAccount.vendorId);
  for (const policy of [null, { customRules: [rule] }]) {
    const answers = [m, web].flatMap((build) => {
      const checker = new build.PreChecker(policy);
      return [checker.checkJson(set, text), checker.check(JSON.parse(set), JSON.parse(text)), checker.explainJson(set, text).failed.map((f) => f.code)];
    });
    assert.equal(answers[0].canMigrate, false, JSON.stringify(answers[0]));
    assert.match(answers[0].message, /1\.2345678901234567e\+23, not 1\.2345678901234569e\+23/);
    for (const a of answers.slice(1)) if (!Array.isArray(a)) assert.deepEqual(a, answers[0], JSON.stringify(policy));
    assert.deepEqual(answers[2], answers[5]);
    assert.deepEqual(answers[2], ["VENDOR_MISMATCH"]);
  }
});

// --- The golden files cover what they must (checks of the stored inputs, not of the package) --------

test("every golden file has cases with unique names, recorded from this package version", () => {
  for (const file of FILES) {
    const { cases, package: version } = golden[file];
    assert.ok(cases.length > 0, file);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, `${file}: case names are unique`);
    assert.equal(version, m.version(), `${file} was recorded from aps-migratable ${version}`);
  }
});

test("every contract has its schema, hand-written and generated payloads, and batches in the golden files", () => {
  const ids = m.contractIds();
  const schemaIds = golden["api.json"].cases.filter((c) => c.call === "contractSchema").map((c) => c.args[0]);
  const contract = golden["contracts.json"].cases.filter((c) => c.call === "contract");
  const batches = golden["ndjson.json"].cases.filter((c) => c.call === "validateMany");
  for (const id of ids) {
    assert.ok(schemaIds.includes(id), `${id}: contractSchema`);
    const mine = contract.filter((c) => c.args[0] === id);
    assert.ok(mine.filter((c) => c.name.includes(": generated ")).length >= 150, `${id}: generated payloads`);
    assert.ok(mine.filter((c) => !c.name.includes(": generated ")).length >= 4, `${id}: samples and hand-written payloads`);
    assert.ok(mine.some((c) => c.output.result.valid) && mine.some((c) => !c.output.result.valid), `${id}: valid and invalid payloads`);
    assert.ok(batches.some((c) => c.args[0] === id), `${id}: a validateMany batch`);
  }
});

test("the pre-check goldens refuse with every built-in rule, allow moves, and throw both errors", () => {
  const outputs = golden["precheck.json"].cases.filter((c) => c.call === "precheck").map((c) => c.output);
  const refusedCodes = new Set(outputs.flatMap((o) => o.explain.failed?.map((f) => f.code) ?? []));
  for (const { code } of m.builtInRules()) assert.ok(refusedCodes.has(code), `a case refused with ${code}`);
  assert.ok(outputs.some((o) => o.check.canMigrate === true), "an allowed move");
  const thrown = new Set(outputs.map((o) => o.check.thrown?.name).filter(Boolean));
  for (const name of ["ContextError", "PolicyError", "InputError"]) assert.ok(thrown.has(name), name);
});
