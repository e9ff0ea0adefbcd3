// The JS boundary under a long run of misuse: 100,000 bad calls in a row across every export (the
// kinds of bad input of bad-input.test.mjs, heavy ones now and then), with a known good pre-check,
// validation, contract check and batch after every 10,000 calls. The module must keep answering
// exactly as before, and its memory must settle: the wasm linear memory (the instance's `memory`
// export) and wasm-bindgen's externref table after 100,000 calls at most 10% above where they
// were after the first 10,000. That is where the high-water mark is set: by then each of the
// seven heavy inputs (one every 250 calls) has gone through several exports, so any growth
// after it is growth per call, not the first meeting with a large input.
//
// The glue does not export its instance, so this file records it as it is created: it wraps
// WebAssembly.Instance before it imports the package (node --test runs each file in its own
// process, so no other file sees the wrapper).
import { test } from "node:test";
import assert from "node:assert/strict";

let instance;
const RealInstance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(RealInstance, {
  construct(target, args, newTarget) {
    const made = Reflect.construct(target, args, newTarget);
    if (made.exports.memory instanceof WebAssembly.Memory) instance ??= made;
    return made;
  },
});
const m = await import("../../pkg/node/index.mjs");
WebAssembly.Instance = RealInstance;

const TOTAL = Number(process.env.BOUNDARY_SOAK_CALLS ?? 100_000);
const SETTLE_AT = 10_000;
const CHECK_EVERY = 10_000;
const HEAVY_EVERY = 250; // one heavy input (MBs, deep nesting) in every 250 calls

const ID = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const GOOD_SET = Object.freeze({ targetAccount: ID });
const CTX = Object.freeze({
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: ID, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
});
const REFUSING_CTX = Object.freeze({
  ...CTX,
  subscription: { ...CTX.subscription, state: "changing_plan" },
  targetAccount: { ...CTX.targetAccount, brandId: "b2" },
});
const SCHEMA = Object.freeze({ type: "object", required: ["a"], properties: { a: { type: "integer", minimum: 3, default: 5 } } });
const FUSEBILL = "fusebill/subscription_migrate";
const FUSEBILL_NOW_WITH_DATE = { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now", scheduledMigrationDate: "2020-05-10" };
const FUSEBILL_OK = { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" };

// What the module answers before any bad input.
const KNOWN = {
  refusal: m.migrationPreCheck(GOOD_SET, REFUSING_CTX),
  refusalDe: m.migrationPreCheck(GOOD_SET, REFUSING_CTX, { locale: "de" }),
  contract: m.validateContract(FUSEBILL, FUSEBILL_NOW_WITH_DATE),
  vendor: null,
  batch: m.validateMany(FUSEBILL, `${JSON.stringify(FUSEBILL_OK)}\n{oops\n${JSON.stringify(FUSEBILL_NOW_WITH_DATE)}\n`),
};
KNOWN.vendor = m.toVendorError(FUSEBILL, KNOWN.contract);
const checker = new m.PreChecker({ locale: "de" });
const validator = new m.Validator(SCHEMA);

function assertHealthy(after) {
  const why = `module unhealthy after ${after} bad calls`;
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, CTX), { canMigrate: true }, why);
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX), KNOWN.refusal, why);
  assert.match(KNOWN.refusal.message, /^The subscription cannot be moved \(2 reasons\)/);
  assert.deepEqual(checker.check(GOOD_SET, REFUSING_CTX), KNOWN.refusalDe, why);
  assert.deepEqual(checker.check(GOOD_SET, CTX), { canMigrate: true }, why);
  assert.deepEqual(validator.validate({ a: 4 }), { valid: true, errors: [] }, why);
  assert.deepEqual(validator.validate({ a: 2 }).errors.map((e) => `${e.instancePath} ${e.keyword}`), ["/a minimum"], why);
  assert.deepEqual(validator.normalize({}), { a: 5 }, why);
  assert.deepEqual(m.validate(SCHEMA, {}).errors.map((e) => e.keyword), ["required"], why);
  assert.deepEqual(m.validateContract(FUSEBILL, FUSEBILL_NOW_WITH_DATE), KNOWN.contract, why);
  assert.equal(KNOWN.contract.valid, false);
  assert.deepEqual(m.toVendorError(FUSEBILL, KNOWN.contract), KNOWN.vendor, why);
  const batch = m.validateMany(FUSEBILL, `${JSON.stringify(FUSEBILL_OK)}\n{oops\n${JSON.stringify(FUSEBILL_NOW_WITH_DATE)}\n`);
  assert.deepEqual(batch, KNOWN.batch, why);
  assert.deepEqual([batch.total, batch.valid, batch.invalid], [3, 1, 2], why);
  assert.equal(m.isApsId(ID), true, why);
}

// --- The bad values (the kinds of bad-input.test.mjs) -------------------------------------------
const nest = (n, wrap) => { let x = 1; for (let i = 0; i < n; i++) x = wrap(x); return x; };
const cyclic = () => { const o = { a: 1 }; o.self = o; return o; };
const LIGHT = [
  () => null, () => undefined, () => NaN, () => Infinity, () => -0, () => 42, () => 1.5, () => Number.MAX_VALUE,
  () => 2 ** 64, () => 5e-324, () => true, () => "", () => "hello", () => "a\u0000b\u0007c\n", () => "😀𝄞𠀀",
  () => "\uD800", () => "a\uDC00b", () => `${ID.slice(0, -1)}\uD800`, () => [], () => [1, "a", null, {}, [], true],
  () => ({}), () => JSON.parse('{"__proto__": {"targetAccount": "x", "polluted": true, "now": 1}}'),
  () => ({ constructor: { prototype: { polluted: true } } }), () => nest(130, (x) => [x]), () => nest(130, (x) => ({ a: x })),
  cyclic, () => { const a = [1]; a.push(a); return a; }, () => 10n, () => ({ targetAccount: 1n, now: 2n }), () => Symbol("s"),
  () => ({ [Symbol("k")]: 1, a: undefined, b: () => 1 }), () => function named() {}, () => class K {}, () => new Date(NaN),
  () => new Map([["targetAccount", ID]]), () => new Set([1]), () => new Uint8Array([1, 2, 0xff]), () => new ArrayBuffer(8),
  () => new Proxy({}, { get() { throw new Error("get trap"); }, ownKeys() { throw new Error("ownKeys trap"); } }),
  () => new Proxy({}, { get() { throw 42; }, ownKeys() { throw "nope"; } }),
  () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; },
  () => ({ get targetAccount() { throw new TypeError("getter"); } }), () => ({ toJSON() { return () => 1; } }),
  () => ({ toJSON() { return 5n; } }), () => ({ toJSON() { throw new RangeError("nope"); } }),
  () => ({ targetAccount: ID, toJSON() { return "garbage"; } }), () => Object.assign(Object.create(null), { targetAccount: "x" }),
  () => new String("abc"), () => /a+/g, () => Promise.resolve(1), () => new Error("boom"),
  () => ({ type: "object", pattern: "^a" }), () => ({ $ref: "other.json#" }), () => ({ $ref: "#/definitions/nowhere" }),
  () => ({ structures: { S: { type: "Elsewhere#T" } } }), () => ({ type: "nope" }), () => ({ locale: 7, rules: { "no-such-rule": {} } }),
  () => ({ customRules: [{ id: "x", require: { pattern: "a" }, message: { en: "{nope}" } }] }),
  () => "{\"a\":1}\n{oops\n\uFEFF{}\n1E400\n", () => new Uint8Array([0x7b, 0x7d, 0x0a, 0xff, 0xfe, 0x0a, 0x5b]),
  () => ({ valid: false, errors: [{ instancePath: 7, keyword: {}, params: null }] }), () => ({ errors: cyclic() }),
  // Thrown values that throw when asked what they are, and Uint8Arrays that lie about themselves:
  // each once unwound the module's stack or leaked a table slot (a few thousand bricked it).
  () => ({ toJSON() { throw Object.create(null); } }),
  () => ({ get a() { throw { toString() { throw new Error("toString"); } }; } }),
  () => ({ get a() { throw new Proxy({}, { getPrototypeOf() { throw new Error("gPO"); } }); } }),
  () => ({ get a() { const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw e; } }); throw e; } }),
  () => new Proxy(new TextEncoder().encode("{}"), {}),
  () => Object.defineProperty(new TextEncoder().encode('{"a":1}'), "length", { value: 2 }),
  () => { class Lying extends Uint8Array { get length() { throw new Error("length"); } } return new Lying(2); },
  () => { const bytes = new TextEncoder().encode("{}"); structuredClone(bytes.buffer, { transfer: [bytes.buffer] }); return bytes; },
];
const HEAVY = [
  () => "x".repeat(4 * 1024 * 1024),
  () => nest(10_000, (x) => [x]),
  () => nest(10_000, (x) => ({ a: x })),
  () => new Array(100_000).fill(0),
  () => Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
  () => ({ ["k".repeat(1 << 20)]: 1 }),
  () => `${JSON.stringify(FUSEBILL_NOW_WITH_DATE)}\n`.repeat(5_000),
];

// --- Every export, with a bad argument in some position ------------------------------------------
const doc = m.migratableType();
const free = (x) => { if (x && typeof x.free === "function") x.free(); return x; };
const CALLS = [
  ["migrationPreCheck(set)", (v) => m.migrationPreCheck(v, CTX)],
  ["migrationPreCheck(context)", (v) => m.migrationPreCheck(GOOD_SET, v)],
  ["migrationPreCheck(policy)", (v) => m.migrationPreCheck(GOOD_SET, CTX, v)],
  ["explainPreCheck(set)", (v) => m.explainPreCheck(v, REFUSING_CTX)],
  ["explainPreCheck(context)", (v) => m.explainPreCheck(GOOD_SET, v)],
  ["new PreChecker(policy)", (v) => free(new m.PreChecker(v))],
  ["PreChecker#check(set)", (v) => checker.check(v, CTX)],
  ["PreChecker#check(context)", (v) => checker.check(GOOD_SET, v)],
  ["PreChecker#explain(set)", (v) => checker.explain(v, REFUSING_CTX)],
  ["PreChecker#explain(context)", (v) => checker.explain(GOOD_SET, v)],
  ["PreChecker#checkJson(set)", (v) => checker.checkJson(v, JSON.stringify(CTX))],
  ["PreChecker#checkJson(context)", (v) => checker.checkJson(JSON.stringify(GOOD_SET), v)],
  ["PreChecker#explainJson(set)", (v) => checker.explainJson(v, JSON.stringify(REFUSING_CTX))],
  ["PreChecker#explainJson(context)", (v) => checker.explainJson(JSON.stringify(GOOD_SET), v)],
  ["PreChecker#check on a bad this", (v) => m.PreChecker.prototype.check.call(v, GOOD_SET, CTX)],
  ["PreChecker#locale on a bad this", (v) => Object.getOwnPropertyDescriptor(m.PreChecker.prototype, "locale").get.call(v)],
  ["validate(schema)", (v) => m.validate(v, { a: 1 })],
  ["validate(value)", (v) => m.validate(SCHEMA, v)],
  ["new Validator(schema)", (v) => free(new m.Validator(v))],
  ["Validator#validate(value)", (v) => validator.validate(v)],
  ["Validator#normalize(value)", (v) => validator.normalize(v)],
  ["Validator#validate on a bad this", (v) => m.Validator.prototype.validate.call(v, 1)],
  ["apsStructureSchema(doc)", (v) => m.apsStructureSchema(v, "MigrationSet")],
  ["apsStructureSchema(name)", (v) => m.apsStructureSchema(doc, v)],
  ["apsStructureValidator(doc)", (v) => free(m.apsStructureValidator(v, "MigrationSet"))],
  ["apsStructureValidator(structures.S)", (v) => free(m.apsStructureValidator({ structures: { S: v } }, "S"))],
  ["isApsId(value)", (v) => m.isApsId(v)],
  ["contractSchema(id)", (v) => m.contractSchema(v)],
  ["validateContract(id)", (v) => m.validateContract(v, FUSEBILL_OK)],
  ["validateContract(payload)", (v) => m.validateContract(FUSEBILL, v)],
  ["validateMany(id)", (v) => m.validateMany(v, "{}")],
  ["validateMany(ndjson)", (v) => m.validateMany(FUSEBILL, v)],
  ["validateMany(options)", (v) => m.validateMany(FUSEBILL, "{}\n[]", v)],
  ["validateMany(options.maxErrors)", (v) => m.validateMany(FUSEBILL, "{}\n[]", { maxErrors: v })],
  ["toVendorError(id)", (v) => m.toVendorError(v, KNOWN.contract)],
  ["toVendorError(result)", (v) => m.toVendorError(FUSEBILL, v)],
  ["no-argument exports with junk", (v) => [m.version(v), m.locales(v), m.builtInRules(v), m.contextSchema(v), m.policySchema(v), m.migratableType(v), m.contractIds(v)]],
];

// The strides below meet every bad value with every export only if these have no common factor.
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
assert.equal(gcd(7, CALLS.length), 1, `7 and ${CALLS.length} calls have a common factor`);
assert.equal(gcd(LIGHT.length, CALLS.length), 1, `${LIGHT.length} light values and ${CALLS.length} calls have a common factor`);

const NAMES = { InputError: 1, ContextError: 1, PolicyError: 1, SchemaError: 1, ContractError: 1 };

function wasmFigures() {
  const table = instance.exports.__wbindgen_externrefs;
  // Without the table its growth would read as 0 and the bound below could not fail.
  assert.ok(table instanceof WebAssembly.Table, "wasm-bindgen's externref table is exported");
  return {
    memory: instance.exports.memory.buffer.byteLength,
    externrefs: table.length,
    rss: process.memoryUsage().rss,
  };
}
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;

test(`${TOTAL.toLocaleString("en")} bad calls across every export: still answering, memory settled`, () => {
  assert.ok(instance, "the wasm instance was recorded");
  assertHealthy(0);
  const outcomes = { returned: 0, threw: 0 };
  const perName = {};
  let settled;
  const samples = [];
  let light = 0;
  let heavy = 0;
  const started = performance.now();
  for (let i = 1; i <= TOTAL; i++) {
    // Bad value and export advance at coprime strides: every pair comes up.
    const make = i % HEAVY_EVERY === 0 ? HEAVY[heavy++ % HEAVY.length] : LIGHT[light++ % LIGHT.length];
    const [label, call] = CALLS[(i * 7) % CALLS.length];
    try {
      call(make());
      outcomes.returned++;
    } catch (e) {
      outcomes.threw++;
      if (e instanceof WebAssembly.RuntimeError || !(e instanceof Error) || !NAMES[e.name] || typeof e.code !== "string") {
        assert.fail(`call ${i}, ${label}: not a documented error: ${e?.constructor?.name} ${e?.name} ${e?.code} ${e?.message}`);
      }
      perName[`${e.name} ${e.code}`] = (perName[`${e.name} ${e.code}`] ?? 0) + 1;
    }
    if (i === SETTLE_AT) settled = wasmFigures();
    if (i % CHECK_EVERY === 0) {
      assertHealthy(i);
      samples.push({ calls: i, ...wasmFigures() });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const end = wasmFigures();
  const lines = samples.map((s) => `  after ${String(s.calls).padStart(7)}: wasm memory ${mb(s.memory)}, externref table ${s.externrefs}, rss ${mb(s.rss)}`);
  console.log([
    `boundary soak: ${TOTAL} bad calls in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} calls/s), ${outcomes.returned} returned, ${outcomes.threw} threw`,
    `  thrown: ${Object.entries(perName).map(([k, n]) => `${k} ${n}`).join(", ")}`,
        ...lines,
    `  wasm memory at the end / after ${SETTLE_AT.toLocaleString("en")} calls: ${(end.memory / settled.memory).toFixed(3)} (limit 1.10)`,
  ].join("\n"));
  assert.ok(end.memory <= settled.memory * 1.1, `wasm memory grew from ${mb(settled.memory)} to ${mb(end.memory)}`);
  assert.ok(end.externrefs <= Math.max(settled.externrefs * 1.1, settled.externrefs + 16), `externref table grew from ${settled.externrefs} to ${end.externrefs}`);
  assert.ok(outcomes.returned > 0 && outcomes.threw > 0);
  assertHealthy(TOTAL);
});
