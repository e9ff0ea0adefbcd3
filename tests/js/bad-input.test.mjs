// Bad input through every export that takes input. Each call must either give a normal result of
// the documented shape or throw an `Error` with a documented `name` and `code`; never a wasm trap
// (WebAssembly.RuntimeError, "unreachable"), never a thrown non-Error. After every call the module
// must still answer known pre-checks exactly as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as m from "../../pkg/node/index.mjs";

const ID = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const GOOD_SET = Object.freeze({ targetAccount: ID });
// The valid base context of /tmp/smoke.cjs.
const CTX = deepFreeze({
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: ID, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
});
const REFUSING_CTX = (() => {
  const bad = structuredClone(CTX);
  bad.targetAccount.status = "suspended";
  bad.targetAccount.brandId = "b2";
  bad.subscription.state = "changing_plan";
  bad.orders = [{ id: 1, state: "processing" }, { id: "O-2", state: "completed" }];
  bad.dependentSubscriptions = [{ id: 7, name: "Web", reason: "shared_domains" }];
  return deepFreeze(bad);
})();

function deepFreeze(o) {
  if (o && typeof o === "object") {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

// --- What the module answers before any bad input: every health check compares against it. ------
const NOT_AN_ID = { canMigrate: false, message: '"x" is not a valid APS account id.' };
const KNOWN_REFUSAL = m.migrationPreCheck(GOOD_SET, REFUSING_CTX);
const KNOWN_REFUSAL_DE = m.migrationPreCheck(GOOD_SET, REFUSING_CTX, { locale: "de-AT" });
const KNOWN_MALFORMED = m.migrationPreCheck(null, CTX);
const SCHEMA = Object.freeze({ type: "object", required: ["a"], properties: { a: { type: "integer", minimum: 3, default: 5 } } });
const checker = new m.PreChecker();
const CTX_TEXT = JSON.stringify(CTX);
const GOOD_SET_TEXT = JSON.stringify(GOOD_SET);
const validator = new m.Validator(SCHEMA);

test("baseline answers (what every health check compares against)", () => {
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, CTX), { canMigrate: true });
  assert.deepEqual(m.migrationPreCheck({ targetAccount: "x" }, CTX), NOT_AN_ID);
  assert.equal(KNOWN_REFUSAL.canMigrate, false);
  assert.match(KNOWN_REFUSAL.message, /^The subscription cannot be moved \(5 reasons\): 1\) Account bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb is suspended/);
  assert.match(KNOWN_REFUSAL_DE.message, /^Das Abonnement kann nicht verschoben werden \(5 Gründe\)/);
  assert.match(KNOWN_MALFORMED.message, /^The migration request is malformed/);
});

/** The module still answers exactly as before (module-level functions and long-lived instances). */
function assertHealthy(after) {
  const why = `module unhealthy after ${after}`;
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, CTX), { canMigrate: true }, why);
  assert.deepEqual(m.migrationPreCheck({ targetAccount: "x" }, CTX), NOT_AN_ID, why);
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX), KNOWN_REFUSAL, why);
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX, { locale: "de-AT" }), KNOWN_REFUSAL_DE, why);
  assert.deepEqual(checker.check(GOOD_SET, CTX), { canMigrate: true }, why);
  assert.deepEqual(checker.check(GOOD_SET, REFUSING_CTX), KNOWN_REFUSAL, why);
  assert.deepEqual(validator.validate({ a: 4 }), { valid: true, errors: [] }, why);
  assert.deepEqual(validator.validate({ a: 2 }).errors.map((e) => e.instancePath + " " + e.keyword), ["/a minimum"], why);
  assert.equal(m.isApsId(ID), true, why);
}

// --- Documented shapes ---------------------------------------------------------------------------
const NAME_CODES = {
  // INVALID_RECEIVER / OBJECT_FREED: a method of a class called on something that is not a live
  // instance of it (thrown by the guard of pkg's entries, scripts/guard.js).
  // LIMIT_EXCEEDED: a program input over a size limit (docs/limits.md), e.g. a 10 MB string in a context.
  InputError: ["INVALID_ARGUMENT", "INVALID_RECEIVER", "OBJECT_FREED", "OBJECT_BUSY", "LIMIT_EXCEEDED"],
  ContextError: ["INVALID_CONTEXT"],
  PolicyError: ["INVALID_POLICY"],
  SchemaError: ["INVALID_SCHEMA", "UNSUPPORTED_KEYWORD", "UNSUPPORTED_REF", "UNRESOLVED_REF", "SCHEMA_TOO_DEEP",
    "INVALID_TYPE_DOCUMENT", "UNKNOWN_STRUCTURE", "UNRESOLVED_TYPE"],
};
const isPlainObject = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

function assertValidationError(e, where) {
  assert.ok(isPlainObject(e), `${where}: error is a plain object`);
  assert.equal(typeof e.instancePath, "string", where);
  assert.equal(typeof e.schemaPath, "string", where);
  assert.equal(typeof e.keyword, "string", where);
  assert.equal(typeof e.message, "string", where);
  assert.ok(e.message.length > 0, where);
  assert.ok(isPlainObject(e.params), `${where}: params`);
}

/** A thrown value is an Error with a documented name and code (and errors/schemaPath where due). */
function assertDocumentedThrow(e, allowedNames, where) {
  assert.ok(!(e instanceof WebAssembly.RuntimeError), `${where}: wasm trap ${e?.message}`);
  assert.ok(e instanceof Error, `${where}: threw a non-Error (${typeof e}: ${String(e)})`);
  assert.ok(allowedNames.includes(e.name), `${where}: name ${e.name} (${e.message}) not in ${allowedNames}`);
  assert.equal(typeof e.code, "string", `${where}: code`);
  assert.ok(NAME_CODES[e.name].includes(e.code), `${where}: code ${e.code} does not go with ${e.name}`);
  assert.equal(typeof e.message, "string");
  assert.ok(e.message.length > 0 && e.message.length < 10_000, `${where}: message length ${e.message.length}`);
  if (e.name === "ContextError" || e.name === "PolicyError") {
    assert.ok(Array.isArray(e.errors) && e.errors.length > 0, `${where}: errors[]`);
    e.errors.forEach((x, i) => assertValidationError(x, `${where}: errors[${i}]`));
  }
  if (e.name === "SchemaError") {
    assert.equal(typeof e.schemaPath, "string", `${where}: schemaPath`);
    assert.ok(e.schemaPath.startsWith("#"), `${where}: schemaPath ${e.schemaPath}`);
  }
}

function assertResult(r, where) {
  assert.ok(isPlainObject(r), `${where}: result is a plain object`);
  assert.equal(typeof r.canMigrate, "boolean", where);
  if (r.canMigrate) {
    assert.deepEqual(Object.keys(r), ["canMigrate"], where);
  } else {
    assert.deepEqual(Object.keys(r).sort(), ["canMigrate", "message"], where);
    assert.equal(typeof r.message, "string", where);
    assert.ok(r.message.length > 0 && r.message.length < 10_000, `${where}: message length ${r.message.length}`);
  }
}

function assertReport(r, where) {
  assert.ok(isPlainObject(r), `${where}: report is a plain object`);
  assert.equal(typeof r.canMigrate, "boolean", where);
  assert.equal(typeof r.locale, "string", where);
  assert.equal(r.checkedAt, CTX.now, where);
  for (const k of ["passed", "disabled"]) {
    assert.ok(Array.isArray(r[k]) && r[k].every((x) => typeof x === "string"), `${where}: ${k}`);
  }
  const DATA = ["kind", "vendorId", "brandId", "status", "state"];
  assert.ok(
    Array.isArray(r.skipped) && r.skipped.every((x) => isPlainObject(x) && typeof x.rule === "string" && (x.data === undefined || DATA.includes(x.data))),
    `${where}: skipped`,
  );
  assert.ok(Array.isArray(r.failed), where);
  for (const f of r.failed) {
    assert.equal(typeof f.rule, "string", where);
    assert.equal(typeof f.code, "string", where);
    assert.equal(typeof f.message, "string", where);
    assert.ok(isPlainObject(f.params), where);
  }
  assert.equal(r.canMigrate, r.failed.length === 0, `${where}: canMigrate iff nothing failed`);
  if (!r.canMigrate) assert.equal(typeof r.message, "string", where);
}

function assertValidationResult(r, where) {
  assert.ok(isPlainObject(r), `${where}: result is a plain object`);
  assert.equal(typeof r.valid, "boolean", where);
  assert.ok(Array.isArray(r.errors), where);
  assert.equal(r.valid, r.errors.length === 0, `${where}: valid iff no errors`);
  r.errors.forEach((e, i) => assertValidationError(e, `${where}: errors[${i}]`));
}

/** What JSON.stringify makes of a value: its JSON text, or why there is none. */
function jsonOf(v) {
  try {
    const text = JSON.stringify(v);
    return text === undefined ? { none: "undefined" } : { text };
  } catch (e) {
    return { none: "JSON.stringify threw" }; // not String(e): some of what the values throw throws again
  }
}

// --- Bad values: at least 40 distinct kinds ------------------------------------------------------
const nest = (n, wrap) => { let x = 1; for (let i = 0; i < n; i++) x = wrap(x); return x; };
const BAD = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["-Infinity", () => -Infinity],
  ["-0", () => -0],
  ["zero", () => 0],
  ["integer 42", () => 42],
  ["fraction 1.5", () => 1.5],
  ["huge number Number.MAX_VALUE", () => Number.MAX_VALUE],
  ["huge integer 2**64", () => 2 ** 64],
  ["unsafe integer MAX_SAFE_INTEGER + 2", () => Number.MAX_SAFE_INTEGER + 2],
  ["tiny denormal 5e-324", () => 5e-324],
  ["true", () => true],
  ["false", () => false],
  ["empty string", () => ""],
  ["short string", () => "hello"],
  ["string with NUL and control characters", () => "a\u0000b\u0007c\n\r\t"],
  ["non-BMP string", () => "😀𝄞𠀀"],
  ["10 MB string", () => "x".repeat(10 * 1024 * 1024)],
  ["lone high surrogate", () => "\uD800"],
  ["lone low surrogate inside text", () => "a\uDC00b"],
  ["UUID-looking string with a lone surrogate", () => "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbb\uD800"],
  ["empty array", () => []],
  ["array of mixed junk", () => [1, "a", null, {}, [], true]],
  ["nested arrays", () => [[[[]]], [[1]], [[[["deep"]]]]]],
  ["empty object", () => ({})],
  ["own __proto__ key (JSON.parse)", () => JSON.parse('{"__proto__": {"targetAccount": "x", "polluted": true, "now": 1}}')],
  ["own __proto__ key = null with type", () => JSON.parse('{"__proto__": null, "type": "object"}')],
  ["constructor/prototype keys", () => ({ constructor: { prototype: { polluted: true } }, prototype: { polluted: true } })],
  ["200-deep arrays", () => nest(200, (x) => [x])],
  ["200-deep objects", () => nest(200, (x) => ({ a: x }))],
  ["10,000-deep arrays", () => nest(10_000, (x) => [x])],
  ["10,000-deep objects", () => nest(10_000, (x) => ({ a: x }))],
  ["cyclic object", () => { const o = { a: 1 }; o.self = o; return o; }],
  ["cyclic array", () => { const a = [1]; a.push(a); return a; }],
  ["BigInt", () => 10n],
  ["object holding a BigInt", () => ({ targetAccount: 1n, now: 2n })],
  ["Symbol", () => Symbol("s")],
  ["object with a Symbol key and undefined values", () => ({ [Symbol("k")]: 1, a: undefined, b: () => 1 })],
  ["function", () => function named() {}],
  ["arrow function", () => () => 1],
  ["class (constructor function)", () => class K {}],
  ["Date", () => new Date(0)],
  ["invalid Date", () => new Date(NaN)],
  ["Map", () => new Map([["targetAccount", ID]])],
  ["Set", () => new Set([1, 2])],
  ["WeakMap", () => new WeakMap()],
  ["Uint8Array", () => new Uint8Array([1, 2, 3])],
  // Uint8Arrays that lie about themselves: only the array's own slots say what it holds.
  ["Proxy of a Uint8Array", () => new Proxy(new TextEncoder().encode('{"a":1}'), {})],
  ["Uint8Array with an own length of 2", () => Object.defineProperty(new TextEncoder().encode('{"a":1}'), "length", { value: 2 })],
  ["Uint8Array subclass whose length getter throws", () => {
    class Lying extends Uint8Array {
      get length() { throw new Error("length getter"); }
    }
    return new Lying(new TextEncoder().encode('{"a":1}'));
  }],
  ["Uint8Array a resizable buffer shrank out from under", () => {
    const buffer = new ArrayBuffer(16, { maxByteLength: 32 });
    const bytes = new Uint8Array(buffer, 0, 8);
    buffer.resize(4);
    return bytes;
  }],
  ["detached Uint8Array", () => {
    const bytes = new TextEncoder().encode('{"a":1}');
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    return bytes;
  }],
  ["Float64Array with NaN", () => new Float64Array([NaN, 1.5])],
  ["ArrayBuffer", () => new ArrayBuffer(8)],
  ["Proxy whose traps throw", () => new Proxy({}, { get() { throw new Error("get trap"); }, ownKeys() { throw new Error("ownKeys trap"); }, getOwnPropertyDescriptor() { throw new Error("gOPD trap"); } })],
  ["Proxy whose traps throw non-Errors", () => new Proxy({}, { get() { throw 42; }, ownKeys() { throw "nope"; } })],
  ["revoked Proxy", () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }],
  ["object with a throwing getter", () => ({ get targetAccount() { throw new TypeError("getter"); }, get now() { throw new TypeError("getter"); } })],
  ["getter throwing undefined", () => ({ get a() { throw undefined; } })],
  ["toJSON returning a function", () => ({ toJSON() { return () => 1; } })],
  ["toJSON returning undefined", () => ({ toJSON() { return undefined; } })],
  ["toJSON returning a BigInt", () => ({ toJSON() { return 5n; } })],
  ["toJSON returning a cyclic object", () => ({ toJSON() { const o = {}; o.o = o; return o; } })],
  ["toJSON returning a different type (string)", () => ({ targetAccount: ID, toJSON() { return "garbage"; } })],
  ["toJSON throwing", () => ({ toJSON() { throw new RangeError("nope"); } })],
  // Thrown values that throw again when asked what they are: what JSON.stringify threw must be
  // read without running more of the caller's code than its `message` (a trap of its own).
  ["toJSON throwing a null-prototype object", () => ({ toJSON() { throw Object.create(null); } })],
  ["getter throwing an object whose toString throws", () => ({ get a() { throw { toString() { throw new Error("toString"); } }; } })],
  ["getter throwing a Proxy whose getPrototypeOf throws", () => ({ get a() { throw new Proxy({}, { getPrototypeOf() { throw new Error("gPO"); } }); } })],
  ["getter throwing an Error whose message getter throws", () => ({
    get a() {
      const error = new Error("x");
      Object.defineProperty(error, "message", { get() { throw new Error("message getter"); } });
      throw error;
    },
  })],
  ["frozen object (a valid migration set)", () => Object.freeze({ targetAccount: ID }), { validSet: true }],
  ["sealed nested object", () => Object.seal({ targetAccount: Object.seal({ id: ID }) })],
  ["class instance", () => new (class Foo { constructor() { this.a = 1; } method() {} })()],
  ["sparse array", () => { const a = [1]; a[5] = 2; return a; }],
  ["array with holes, undefined and functions", () => [undefined, , () => 1, Symbol("x")]], // eslint-disable-line no-sparse-arrays
  ["Error object", () => new Error("boom")],
  ["Promise", () => Promise.resolve(1)],
  ["null-prototype object", () => Object.assign(Object.create(null), { targetAccount: "x" })],
  ["boxed String", () => new String("abc")],
  ["boxed Number", () => new Number(1)],
  ["boxed Boolean", () => new Boolean(false)],
  ["RegExp", () => /a+/g],
  ["globalThis", () => globalThis],
  ["100,000-element array", () => new Array(100_000).fill(0)],
  // 20,000 keys, not more: a context with N unknown keys gives N errors and that path is superlinear
  // (about 3 s at 80,000 keys, 9-11 s at 160,000; see the report), which would make this file slow.
  ["object with 20,000 keys", () => Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => ["k" + i, i]))],
  ["object with a 1 MB key", () => ({ ["k".repeat(1 << 20)]: 1 })],
  ["WebAssembly.Memory", () => new WebAssembly.Memory({ initial: 1 })],
  ["a Validator instance", () => new m.Validator(true)],
  ["a PreChecker instance", () => new m.PreChecker()],
];

// --- Every export that takes input, with what it may do -------------------------------------------
const doc = m.migratableType();
const ANY = ["InputError", "ContextError", "PolicyError", "SchemaError"];
const CALLS = [
  // [label, call, what it may throw ([] = must not throw), check of a returned value]
  ["migrationPreCheck(migrationSet)", (v) => m.migrationPreCheck(v, CTX), [], (r, w, bad) => {
    assertResult(r, w);
    assert.equal(r.canMigrate, Boolean(bad.validSet), `${w}: a malformed migration set is a refusal`);
  }],
  ["migrationPreCheck({targetAccount})", (v) => m.migrationPreCheck({ targetAccount: v }, CTX), [], (r, w) => {
    assertResult(r, w);
    assert.equal(r.canMigrate, false, w);
  }],
  ["migrationPreCheck(context)", (v) => m.migrationPreCheck(GOOD_SET, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["migrationPreCheck(context.subscription.name)", (v) => m.migrationPreCheck(GOOD_SET, { ...CTX, subscription: { ...CTX.subscription, name: v } }), ["InputError", "ContextError"], (r, w) => assert.deepEqual(r, { canMigrate: true }, w)],
  ["migrationPreCheck(policy)", (v) => m.migrationPreCheck(GOOD_SET, CTX, v), ["InputError", "PolicyError"], (r, w) => assert.deepEqual(r, { canMigrate: true }, w)],
  ["migrationPreCheck(policy.locale)", (v) => m.migrationPreCheck(GOOD_SET, REFUSING_CTX, { locale: v }), ["InputError", "PolicyError"], (r, w) => {
    assertResult(r, w);
    assert.equal(r.canMigrate, false, w);
  }],
  ["explainPreCheck(migrationSet)", (v) => m.explainPreCheck(v, CTX), [], (r, w, bad) => {
    assertReport(r, w);
    assert.equal(r.canMigrate, Boolean(bad.validSet), w);
  }],
  ["explainPreCheck(context)", (v) => m.explainPreCheck(GOOD_SET, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["explainPreCheck(policy)", (v) => m.explainPreCheck(GOOD_SET, CTX, v), ["InputError", "PolicyError"], (r, w) => {
    assertReport(r, w);
    assert.equal(r.canMigrate, true, w);
  }],
  ["new PreChecker(policy)", (v) => new m.PreChecker(v), ["InputError", "PolicyError"], (r, w) => {
    assert.ok(r instanceof m.PreChecker, w);
    assert.equal(typeof r.locale, "string", w);
    assert.deepEqual(r.check(GOOD_SET, CTX), { canMigrate: true }, w);
    r.free();
  }],
  ["PreChecker#check(migrationSet)", (v) => checker.check(v, CTX), [], (r, w, bad) => {
    assertResult(r, w);
    assert.equal(r.canMigrate, Boolean(bad.validSet), w);
  }],
  ["PreChecker#check(context)", (v) => checker.check(GOOD_SET, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["PreChecker#explain(migrationSet)", (v) => checker.explain(v, CTX), [], (r, w, bad) => {
    assertReport(r, w);
    assert.equal(r.canMigrate, Boolean(bad.validSet), w);
  }],
  ["PreChecker#explain(context)", (v) => checker.explain(GOOD_SET, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  // checkJson / explainJson take JSON text: anything else is the caller's mistake; text that is not a
  // migration set is judged (refused), text that is not a valid context throws.
  ["PreChecker#checkJson(migrationSet)", (v) => checker.checkJson(v, CTX_TEXT), ["InputError"], (r, w, bad, v) => {
    assertResult(r, w);
    assert.ok(typeof v === "string" || v instanceof Uint8Array, `${w}: returned for a value that is not text`);
    assert.equal(r.canMigrate, false, w);
  }],
  ["PreChecker#checkJson(context)", (v) => checker.checkJson(GOOD_SET_TEXT, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["PreChecker#explainJson(migrationSet)", (v) => checker.explainJson(v, CTX_TEXT), ["InputError"], (r, w, bad, v) => {
    assertReport(r, w);
    assert.ok(typeof v === "string" || v instanceof Uint8Array, `${w}: returned for a value that is not text`);
    assert.equal(r.canMigrate, false, w);
  }],
  ["PreChecker#explainJson(context)", (v) => checker.explainJson(GOOD_SET_TEXT, v), ["InputError", "ContextError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["validate(schema)", (v) => m.validate(v, { a: 1 }), ["InputError", "SchemaError"], assertValidationResult],
  ["validate({properties: {a: schema}})", (v) => m.validate({ properties: { a: v } }, { a: 1 }), ["InputError", "SchemaError"], assertValidationResult],
  ["validate(value)", (v) => m.validate(SCHEMA, v), [], (r, w, bad, value) => {
    assertValidationResult(r, w);
    if (jsonOf(value).none) {
      assert.equal(r.valid, false, w);
      assert.deepEqual(r.errors.map((e) => e.keyword), ["json"], `${w}: not JSON is judged, with keyword "json"`);
    }
  }],
  ["new Validator(schema)", (v) => new m.Validator(v), ["InputError", "SchemaError"], (r, w) => {
    assert.ok(r instanceof m.Validator, w);
    assertValidationResult(r.validate({ a: 1 }), w);
    r.free();
  }],
  ["Validator#validate(value)", (v) => validator.validate(v), [], assertValidationResult],
  ["Validator#normalize(value)", (v) => validator.normalize(v), ["InputError"], (r, w, bad, value) => {
    // A copy of the value as JSON, with the default filled in on objects; never a polluted prototype.
    const json = jsonOf(value);
    assert.ok(json.text !== undefined, `${w}: normalized something JSON.stringify refuses`);
    const expected = JSON.parse(json.text);
    if (isPlainObject(expected) && !Object.hasOwn(expected, "a")) expected.a = 5;
    assert.deepEqual(JSON.stringify(sortKeys(r)), JSON.stringify(sortKeys(expected)), w);
    assert.equal({}.polluted, undefined, `${w}: Object.prototype polluted`);
    if (r !== null && typeof r === "object") assert.equal(Object.getPrototypeOf(r), Array.isArray(r) ? Array.prototype : Object.prototype, w);
  }],
  ["apsStructureSchema(typeDocument)", (v) => m.apsStructureSchema(v, "MigrationSet"), ["InputError", "SchemaError"], (r, w) => assert.ok(isPlainObject(r) || typeof r === "boolean", w)],
  ["apsStructureSchema(structures.S = value)", (v) => m.apsStructureSchema({ structures: { S: v } }, "S"), ["InputError", "SchemaError"], (r, w) => assert.ok(isPlainObject(r), w)],
  ["apsStructureSchema(structureName)", (v) => m.apsStructureSchema(doc, v), ["InputError", "SchemaError"], (r, w) => assert.fail(`${w}: returned ${JSON.stringify(r)}`)],
  ["apsStructureValidator(typeDocument)", (v) => m.apsStructureValidator(v, "MigrationSet"), ["InputError", "SchemaError"], (r, w) => {
    assert.ok(r instanceof m.Validator, w);
    r.free();
  }],
  ["apsStructureValidator(structureName)", (v) => m.apsStructureValidator(doc, v), ["InputError", "SchemaError"], (r, w) => assert.fail(`${w}: returned a validator`)],
  ["isApsId(value)", (v) => m.isApsId(v), [], (r, w) => assert.equal(r, false, w)],
];

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

assert.ok(BAD.length >= 40, "at least 40 kinds of bad input");

for (const [name, make, flags = {}] of BAD) {
  test(`bad input: ${name}`, () => {
    for (const [label, call, mayThrow, check] of CALLS) {
      const where = `${label} with ${name}`;
      const value = make();
      let result;
      let threw = false;
      try {
        result = call(value);
      } catch (e) {
        threw = true;
        assert.ok(mayThrow.length > 0, `${where}: must not throw, threw ${e?.name}: ${e?.message}`);
        assertDocumentedThrow(e, mayThrow, where);
      }
      if (!threw) check(result, where, flags, value);
      assertHealthy(where);
    }
  });
}

// --- Argument counts ----------------------------------------------------------------------------
test("missing arguments throw InputError INVALID_ARGUMENT (or judge `undefined`), extra arguments are ignored", () => {
  const throwsInput = (f, where) => {
    assert.throws(f, (e) => { assertDocumentedThrow(e, ["InputError"], where); return e.code === "INVALID_ARGUMENT"; }, where);
    assertHealthy(where);
  };
  throwsInput(() => m.migrationPreCheck(), "migrationPreCheck()");
  throwsInput(() => m.migrationPreCheck(GOOD_SET), "migrationPreCheck(set)");
  throwsInput(() => m.explainPreCheck(), "explainPreCheck()");
  throwsInput(() => m.explainPreCheck(GOOD_SET), "explainPreCheck(set)");
  throwsInput(() => checker.check(), "check()");
  throwsInput(() => checker.check(GOOD_SET), "check(set)");
  throwsInput(() => checker.explain(GOOD_SET), "explain(set)");
  throwsInput(() => checker.checkJson(), "checkJson()");
  throwsInput(() => checker.checkJson(GOOD_SET_TEXT), "checkJson(set)");
  throwsInput(() => checker.explainJson(GOOD_SET_TEXT), "explainJson(set)");
  throwsInput(() => m.validate(), "validate()");
  throwsInput(() => new m.Validator(), "new Validator()");
  throwsInput(() => validator.normalize(), "normalize()");
  throwsInput(() => m.apsStructureSchema(), "apsStructureSchema()");
  throwsInput(() => m.apsStructureSchema(doc), "apsStructureSchema(doc)");
  throwsInput(() => m.apsStructureValidator(), "apsStructureValidator()");
  throwsInput(() => m.apsStructureValidator(doc), "apsStructureValidator(doc)");

  // The judged value may be missing: it is then "not JSON", not a throw.
  for (const r of [m.validate(SCHEMA), validator.validate()]) {
    assertValidationResult(r, "validate without value");
    assert.deepEqual(r.errors.map((e) => e.keyword), ["json"]);
  }
  assert.deepEqual(m.migrationPreCheck(undefined, CTX), KNOWN_MALFORMED);
  assert.equal(m.isApsId(), false);
  assert.equal(new m.PreChecker().locale, "en");

  // Extra arguments change nothing.
  const extra = [{ locale: "de" }, "junk", 1n, () => 1];
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX, undefined, ...extra), KNOWN_REFUSAL);
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX, null, ...extra), KNOWN_REFUSAL);
  assert.deepEqual(m.explainPreCheck(GOOD_SET, CTX, null, ...extra).canMigrate, true);
  assert.deepEqual(new m.PreChecker(undefined, ...extra).check(GOOD_SET, REFUSING_CTX, ...extra), KNOWN_REFUSAL);
  assert.deepEqual(checker.explain(GOOD_SET, CTX, ...extra).canMigrate, true);
  assert.deepEqual(checker.checkJson(GOOD_SET_TEXT, CTX_TEXT, ...extra), { canMigrate: true });
  assert.deepEqual(m.validate(SCHEMA, { a: 4 }, undefined, ...extra), { valid: true, errors: [] });
  assert.deepEqual(new m.Validator(SCHEMA, undefined, ...extra).validate({ a: 4 }, ...extra), { valid: true, errors: [] });
  assert.deepEqual(validator.normalize({}, ...extra), { a: 5 });
  assert.equal(m.isApsId(ID, ...extra), true);
  assert.equal(m.apsStructureValidator(doc, "MigrationSet", ...extra).validate(GOOD_SET).valid, true);
  assert.deepEqual(m.apsStructureSchema(doc, "MigrationSet", ...extra), m.apsStructureSchema(doc, "MigrationSet"));
  for (const f of ["version", "locales", "builtInRules", "contextSchema", "policySchema", "migratableType"]) {
    assert.deepEqual(m[f](...extra, ...BAD.slice(0, 10).map(([, make]) => make())), m[f](), f);
  }
  // Free functions do not depend on `this`.
  assert.deepEqual(m.migrationPreCheck.call(new Proxy({}, { get() { throw new Error("this"); } }), GOOD_SET, CTX), { canMigrate: true });
  assert.deepEqual(Reflect.apply(m.validate, 42, [SCHEMA, { a: 4 }]).valid, true);
  assertHealthy("argument-count checks");
});

test("calling a class constructor without `new` is a TypeError from the JS engine (no module code runs)", () => {
  assert.throws(() => m.Validator(SCHEMA), TypeError);
  assert.throws(() => m.PreChecker(), TypeError);
  assertHealthy("constructor without new");
});

test("results are fresh plain JSON: mutating one never changes the next answer", () => {
  const a = m.contextSchema();
  a.properties.now.type = "number";
  delete a.required;
  assert.deepEqual(m.contextSchema().required, ["now", "subscription", "sourceAccount"]);
  const r = m.migrationPreCheck(GOOD_SET, REFUSING_CTX);
  r.message = "changed";
  assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX), KNOWN_REFUSAL);
  const t = m.migratableType();
  t.structures.MigrationSet.properties.targetAccount.type = "number";
  assert.equal(m.migratableType().structures.MigrationSet.properties.targetAccount.type, "string");
  // Inputs are never mutated either.
  const input = { properties: { a: { default: 1 } } };
  const before = JSON.stringify(input);
  const v = new m.Validator(input);
  const value = {};
  assert.deepEqual(v.normalize(value), { a: 1 });
  assert.deepEqual(value, {});
  assert.equal(JSON.stringify(input), before);
  v.free();
  assertHealthy("mutation checks");
});

// --- A policy that is not JSON ----------------------------------------------------------------------

// Only undefined and null mean "no policy" (README, "API at a glance"): anything else that is not JSON is a
// program input of the wrong kind, not a silent fall-back to the defaults.
test("a policy that is not JSON (function, Symbol, toJSON -> undefined) throws InputError like every other program input", () => {
  for (const policy of [() => ({ locale: "de" }), Symbol("policy"), { toJSON() { return undefined; } }]) {
    const invalidArgument = (e) => {
      assertDocumentedThrow(e, ["InputError"], String(policy));
      return e.code === "INVALID_ARGUMENT";
    };
    assert.throws(() => m.migrationPreCheck(GOOD_SET, CTX, policy), invalidArgument);
    assert.throws(() => m.explainPreCheck(GOOD_SET, CTX, policy), invalidArgument);
    assert.throws(() => new m.PreChecker(policy), invalidArgument);
  }
  // And the two that do mean "no policy" give the defaults.
  for (const none of [undefined, null]) {
    assert.deepEqual(m.migrationPreCheck(GOOD_SET, REFUSING_CTX, none), KNOWN_REFUSAL);
    assert.equal(new m.PreChecker(none).locale, "en");
  }
  assertHealthy("policies that are not JSON");
});

// The guarded CommonJS entry (what require("aps-migratable") loads).
const HERE = fileURLToPath(new URL("../../pkg/node/index.cjs", import.meta.url));
/** Runs misuse in a separate process (a trap there cannot affect this one) and reports what was thrown. */
function inChild(body) {
  const script = `
    const m = require(${JSON.stringify(HERE)});
    const out = [];
    const run = (label, f) => { try { const r = f(); out.push([label, "returned", r === undefined ? "undefined" : JSON.stringify(r)]); } catch (e) {
      out.push([label, e instanceof WebAssembly.RuntimeError ? "RuntimeError" : e instanceof Error ? "Error" : typeof e, e && e.name, e && e.code, String(e && e.message)]); } };
    ${body}
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", timeout: 15000 }));
}
/** The health check of this file, as source for a child process (m, run). */
const CHILD_HEALTH = `
  const ID = ${JSON.stringify(ID)};
  const CTX = ${JSON.stringify(CTX)};
  const hv = new m.Validator(${JSON.stringify(SCHEMA)});
  const hp = new m.PreChecker({ locale: "de-AT" });
  run("health: migrationPreCheck", () => m.migrationPreCheck({ targetAccount: ID }, CTX));
  run("health: migrationPreCheck not an id", () => m.migrationPreCheck({ targetAccount: "x" }, CTX));
  run("health: Validator#validate", () => hv.validate({ a: 2 }).errors.map((e) => e.instancePath + " " + e.keyword));
  run("health: Validator#normalize", () => hv.normalize({}));
  run("health: PreChecker#locale", () => hp.locale);
  run("health: PreChecker#check", () => hp.check({ targetAccount: ID }, CTX));`;
const HEALTHY = [
  ["health: migrationPreCheck", "returned", JSON.stringify({ canMigrate: true })],
  ["health: migrationPreCheck not an id", "returned", JSON.stringify(NOT_AN_ID)],
  ["health: Validator#validate", "returned", JSON.stringify(["/a minimum"])],
  ["health: Validator#normalize", "returned", JSON.stringify({ a: 5 })],
  ["health: PreChecker#locale", "returned", JSON.stringify(new m.PreChecker({ locale: "de-AT" }).locale)],
  ["health: PreChecker#check", "returned", JSON.stringify({ canMigrate: true })],
];
/** Splits a child's output into the misuse rows and the health rows run after them. */
const childRows = (out) => [out.filter(([l]) => !l.startsWith("health: ")), out.filter(([l]) => l.startsWith("health: "))];

test("using a freed Validator/PreChecker throws InputError OBJECT_FREED; free() again is a no-op", () => {
  const [rows, health] = childRows(inChild(`
    const v = new m.Validator(true); v.free();
    run("freed Validator#validate", () => v.validate(1));
    run("freed Validator#normalize", () => v.normalize({}));
    run("double free", () => v.free());
    run("triple free via Symbol.dispose", () => v[Symbol.dispose] ? v[Symbol.dispose]() : v.free());
    const w = m.apsStructureValidator(m.migratableType(), "MigrationSet"); w.free();
    run("freed Validator from apsStructureValidator", () => w.validate({}));
    run("double free of a Validator from apsStructureValidator", () => w.free());
    const p = new m.PreChecker(); p.free();
    run("freed PreChecker#check", () => p.check({}, {}));
    run("freed PreChecker#explain", () => p.explain({}, {}));
    run("freed PreChecker#checkJson", () => p.checkJson("{}", "{}"));
    run("freed PreChecker#explainJson", () => p.explainJson("{}", "{}"));
    run("freed PreChecker#locale", () => p.locale);
    run("double free (PreChecker)", () => p.free());
    ${CHILD_HEALTH}`));
  for (const [label, kind, name, code, message] of rows) {
    if (/free/.test(label) && !/^freed/.test(label)) {
      assert.deepEqual([kind, name], ["returned", "undefined"], `${label}: free() of a freed object returns undefined`);
      continue;
    }
    assert.equal(kind, "Error", `${label}: ${kind} ${message}`);
    assert.equal(name, "InputError", `${label}: name`);
    assert.equal(code, "OBJECT_FREED", `${label}: code`);
    assert.match(message, /called after free\(\)/, label);
  }
  assert.equal(rows.length, 12);
  assert.deepEqual(health, HEALTHY, "module answers as before after use after free");
  // And in this process, on the long-lived instances' module.
  const v = new m.Validator(SCHEMA);
  v.free();
  assert.throws(() => v.validate({ a: 4 }), (e) => { assertDocumentedThrow(e, ["InputError"], "freed validate"); return e.code === "OBJECT_FREED"; });
  assert.equal(v.free(), undefined);
  assertHealthy("use after free");
});

test("calling a method with a receiver of the other class (or a forged {__wbg_ptr}, or {}) throws InputError INVALID_RECEIVER, never traps", () => {
  const [rows, health] = childRows(inChild(`
    run("Validator#validate on a PreChecker", () => m.Validator.prototype.validate.call(new m.PreChecker(), "x"));
    run("Validator#normalize on a PreChecker", () => m.Validator.prototype.normalize.call(new m.PreChecker(), {}));
    run("PreChecker#check on a Validator", () => m.PreChecker.prototype.check.call(new m.Validator(true), {}, {}));
    run("PreChecker#explain on a Validator", () => m.PreChecker.prototype.explain.call(new m.Validator(true), {}, {}));
    run("Validator#free on a PreChecker", () => m.Validator.prototype.free.call(new m.PreChecker()));
    run("PreChecker#free on a Validator", () => m.PreChecker.prototype.free.call(new m.Validator(true)));
    run("Validator#validate on {__wbg_ptr: 8}", () => m.Validator.prototype.validate.call({ __wbg_ptr: 8 }, "x"));
    run("Validator#validate with this = {}", () => m.Validator.prototype.validate.call({}, 1));
    run("Validator#free with this = {}", () => m.Validator.prototype.free.call({}));
    run("PreChecker#locale on a Validator", () => Object.getOwnPropertyDescriptor(m.PreChecker.prototype, "locale").get.call(new m.Validator(true)));
    run("PreChecker#locale on a forged PreChecker", () => { const f = Object.create(m.PreChecker.prototype); f.__wbg_ptr = 16; return f.locale; });
    run("Validator#validate after its __wbg_ptr was rewritten", () => { const v = new m.Validator(true); v.__wbg_ptr = 8; return v.validate("x"); });
    ${CHILD_HEALTH}`));
  assert.equal(rows.length, 12);
  for (const [label, kind, name, code, message] of rows) {
    assert.equal(kind, "Error", `${label}: ${kind} ${message}`);
    assert.equal(name, "InputError", `${label}: name`);
    assert.equal(code, "INVALID_RECEIVER", `${label}: code`);
    assert.match(message, /is not a live (Validator|PreChecker)/, label);
  }
  assert.deepEqual(health, HEALTHY, "module answers as before after wrong receivers");
});

test("the locale getter on anything but a live PreChecker throws INVALID_RECEIVER (no garbage string)", () => {
  const get = Object.getOwnPropertyDescriptor(m.PreChecker.prototype, "locale").get;
  for (const receiver of [validator, new m.Validator(true), {}, { __wbg_ptr: 8 }, Object.create(m.PreChecker.prototype), null, undefined, 42, "s"]) {
    assert.throws(() => get.call(receiver), (e) => { assertDocumentedThrow(e, ["InputError"], "locale getter"); return e.code === "INVALID_RECEIVER"; });
  }
  assert.equal(checker.locale, "en");
  assertHealthy("locale getter on wrong receivers");
});

// Every method, getter and free() of both classes, with every bad value of this file as `this`.
const MEMBERS = [
  ["Validator#validate", m.Validator, (self) => m.Validator.prototype.validate.call(self, { a: 4 })],
  ["Validator#normalize", m.Validator, (self) => m.Validator.prototype.normalize.call(self, {})],
  ["Validator#free", m.Validator, (self) => m.Validator.prototype.free.call(self)],
  ["PreChecker#check", m.PreChecker, (self) => m.PreChecker.prototype.check.call(self, GOOD_SET, CTX)],
  ["PreChecker#explain", m.PreChecker, (self) => m.PreChecker.prototype.explain.call(self, GOOD_SET, CTX)],
  ["PreChecker#checkJson", m.PreChecker, (self) => m.PreChecker.prototype.checkJson.call(self, GOOD_SET_TEXT, CTX_TEXT)],
  ["PreChecker#explainJson", m.PreChecker, (self) => m.PreChecker.prototype.explainJson.call(self, GOOD_SET_TEXT, CTX_TEXT)],
  ["PreChecker#locale", m.PreChecker, (self) => Object.getOwnPropertyDescriptor(m.PreChecker.prototype, "locale").get.call(self)],
  ["PreChecker#free", m.PreChecker, (self) => m.PreChecker.prototype.free.call(self)],
];
if (Symbol.dispose) {
  MEMBERS.push(["Validator#[Symbol.dispose]", m.Validator, (self) => m.Validator.prototype[Symbol.dispose].call(self)]);
}

/** `instanceof` that survives revoked proxies. */
const isInstance = (value, C) => { try { return value instanceof C; } catch { return false; } };

test("every method and getter with every bad value as `this`: INVALID_RECEIVER, unless it is a live instance of that class", () => {
  const forged = (C, ptr) => Object.assign(Object.create(C.prototype), { __wbg_ptr: ptr });
  const receivers = [
    ...BAD,
    ["{__wbg_ptr: 8}", () => ({ __wbg_ptr: 8 })],
    ["forged Validator (pointer of a live PreChecker)", () => forged(m.Validator, checker.__wbg_ptr)],
    ["forged PreChecker (pointer of a live Validator)", () => forged(m.PreChecker, validator.__wbg_ptr)],
    ["forged Validator (pointer 2**32 - 8)", () => forged(m.Validator, 2 ** 32 - 8)],
    ["forged Validator (pointer -1)", () => forged(m.Validator, -1)],
    ["copy of a live Validator's fields", () => Object.assign(Object.create(m.Validator.prototype), validator)],
    ["Proxy of a live Validator", () => new Proxy(validator, {})],
    ["a Validator from apsStructureValidator", () => m.apsStructureValidator(doc, "MigrationSet")],
  ];
  const seen = { accepted: 0, refused: 0 };
  for (const [name, make] of receivers) {
    for (const [label, C, call] of MEMBERS) {
      const where = `${label} on ${name}`;
      const self = make();
      const genuine = isInstance(self, C) && !(name.startsWith("forged") || name.startsWith("copy") || name.startsWith("Proxy"));
      try {
        call(self);
        assert.ok(genuine, `${where}: returned`);
        seen.accepted++;
      } catch (e) {
        assertDocumentedThrow(e, ["InputError"], where);
        assert.equal(e.code, "INVALID_RECEIVER", `${where}: ${e.message}`);
        assert.ok(!genuine, `${where}: a live instance was refused`);
        seen.refused++;
      }
      assertHealthy(where);
    }
  }
  // Not vacuous: live instances (both classes, and one made by Rust) were accepted.
  // Two live Validators ("a Validator instance", apsStructureValidator's) and one PreChecker.
  const count = (C) => MEMBERS.filter(([, c]) => c === C).length;
  assert.equal(seen.accepted, 2 * count(m.Validator) + count(m.PreChecker), JSON.stringify(seen));
  assert.equal(seen.refused, receivers.length * MEMBERS.length - seen.accepted);
});

test("what a thrown value says reaches the message, also from another realm", async () => {
  const vm = await import("node:vm");
  const ForeignError = vm.runInNewContext("TypeError");
  const reasonOf = (thrown) => m.validate({}, { get a() { throw thrown; } }).errors[0].params.reason;
  assert.equal(reasonOf(new ForeignError("from the vm realm")), "it cannot be serialised as JSON (from the vm realm)");
  assert.equal(reasonOf({ message: "a plain object" }), "it cannot be serialised as JSON (a plain object)");
  assert.equal(reasonOf("a string"), "it cannot be serialised as JSON (a string)");
  assert.equal(reasonOf(42), "it cannot be serialised as JSON (42)");
  // What throws again when asked is not asked twice: the module's own words.
  assert.equal(reasonOf(Object.create(null)), "it cannot be serialised as JSON (JSON.stringify failed)");
  assertHealthy("thrown values of other realms");
});
