// The published package as consumers load it: CommonJS `require`, the ES module entry, the
// `exports` map (resolved by Node itself from a consumer directory, in this process and in fresh
// processes), the browser build (`init`/`initSync`, and NOT_INITIALIZED before them), the error
// classes (shared by both builds), and the TypeScript declarations (compiled with `tsc --strict`,
// and checked for `any` in our public signatures). Every entry is the guarded one
// (scripts/guard.js): misusing a class instance throws a coded InputError, never a wasm trap.
// Bundlers, publint and @arethetypeswrong/cli on the packed tarball: tests/bundlers/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as esm from "../../pkg/node/index.mjs";
import esmDefault from "../../pkg/node/index.mjs";

const require = createRequire(import.meta.url);
const cjs = require("../../pkg");

const PKG_DIR = fileURLToPath(new URL("../../pkg/", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));

/** Names the package must export (all entries must agree on them). */
const API = [
  "PreChecker", "Validator", "apsStructureSchema", "apsStructureValidator", "builtInRules",
  "contextSchema", "explainPreCheck", "isApsId", "locales", "migratableType",
  "migrationPreCheck", "policySchema", "validate", "version",
];
/** Every name wasm-bindgen's glue exports: each guarded entry re-exports exactly these. */
const GLUE_NAMES = Object.keys(require("../../pkg/node/aps_migratable.js")).filter((n) => n !== "__esModule").sort();
/** The error classes (src/bindings/stage.js), exported by every entry. */
const ERROR_CLASSES = ["ApsMigratableError", "ContextError", "PolicyError", "SchemaError", "ContractError", "InputError", "InternalError"];
/** What every entry exports: the glue's names, the error classes, init (default) and initSync. */
const ENTRY_NAMES = [...GLUE_NAMES, ...ERROR_CLASSES, "default", "initSync"].sort();
/** Node's entries add streams and files (src/node/bulk.cjs): no browser has a file to read. */
const NODE_ONLY = ["validateStream", "validateFile"];
const NODE_ENTRY_NAMES = [...ENTRY_NAMES, ...NODE_ONLY].sort();
/** The classes the guard wraps. */
const CLASSES = ["PreChecker", "Validator"];

// --- A battery of calls whose answers every entry point must give identically -------------------
// It is kept as source text so a fresh process (see the exports-map test) can run exactly the same.
const BATTERY_SOURCE = String.raw`
function battery(m) {
  const ID = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
  const ctx = {
    now: "2026-11-21T10:00:00Z",
    subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
    sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
    targetAccount: { id: ID, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  };
  const bad = JSON.parse(JSON.stringify(ctx));
  bad.targetAccount.status = "suspended"; bad.targetAccount.brandId = "b2"; bad.subscription.state = "changing_plan";
  bad.orders = [{ id: 1, state: "processing" }, { id: "O-2", state: "completed" }];
  bad.dependentSubscriptions = [{ id: 7, name: "Web", reason: "shared_domains" }];
  const caught = (f) => {
    try { return { returned: f() }; } catch (e) {
      return { threw: { isError: e instanceof Error, name: e.name, code: e.code, message: e.message, errors: e.errors, schemaPath: e.schemaPath } };
    }
  };
  const v = new m.Validator({ type: "object", required: ["a"], properties: { a: { type: "integer", default: 3 }, b: { type: "string", default: "x" } } });
  const pc = new m.PreChecker({ locale: "de-AT" });
  const out = {
    // Node's own (validateStream, validateFile) aside: the entries are compared with each other.
    exportNames: Object.keys(m).filter((k) => k !== "default" && k !== "__esModule" && k !== "initSync" && k !== "validateStream" && k !== "validateFile").sort(),
    version: m.version(),
    locales: m.locales(),
    builtInRules: m.builtInRules(),
    contextSchema: m.contextSchema(),
    policySchema: m.policySchema(),
    migratableType: m.migratableType(),
    migrationSetSchema: m.apsStructureSchema(m.migratableType(), "MigrationSet"),
    resultSchema: m.apsStructureSchema(m.migratableType(), "MigrationPreCheckResult"),
    resultValidator: m.apsStructureValidator(m.migratableType(), "MigrationPreCheckResult").validate({ canMigrate: "yes" }),
    isApsId: [ID, ID.toUpperCase(), "x", 1, null, undefined].map((x) => m.isApsId(x)),
    good: m.migrationPreCheck({ targetAccount: ID }, ctx),
    goodNullPolicy: m.migrationPreCheck({ targetAccount: ID }, ctx, null),
    refused: m.migrationPreCheck({ targetAccount: ID }, bad),
    refusedDe: m.migrationPreCheck({ targetAccount: ID }, bad, { locale: "de-AT" }),
    malformed: m.migrationPreCheck(undefined, ctx),
    notAnId: m.migrationPreCheck({ targetAccount: "x" }, ctx),
    explain: m.explainPreCheck({ targetAccount: ID }, bad),
    preChecker: { locale: pc.locale, check: pc.check({ targetAccount: ID }, bad), explain: pc.explain({ targetAccount: ID }, ctx) },
    validate: m.validate({ type: "object", required: ["a"], properties: { b: { type: "integer", minimum: 3 } } }, { b: 1.5 }),
    validatorValidate: v.validate({ a: "1" }),
    validatorNormalize: v.normalize({}),
    cyclic: (() => { const c = {}; c.self = c; return { check: m.migrationPreCheck(c, ctx), validate: m.validate(true, c) }; })(),
    contextError: caught(() => m.migrationPreCheck({}, { now: 1 })),
    policyError: caught(() => new m.PreChecker({ rules: { nope: {} }, locale: 5 })),
    schemaError: caught(() => m.validate({ type: "nope" }, 1)),
    unsupported: caught(() => m.validate({ $ref: "other.json#/definitions/a" }, "a")),
    inputError: caught(() => m.validate(undefined, 1)),
    typeDocError: caught(() => m.apsStructureSchema(m.migratableType(), "Nope")),
  };
  v.free(); pc.free();
  return out;
}
`;
const battery = new Function(`${BATTERY_SOURCE}; return battery;`)();

/** The battery as JSON text: what every entry must reproduce byte for byte. */
const answers = (m) => JSON.stringify(battery(m));
const expected = answers(cjs);

// --- Misuse of class instances: every entry must answer it with coded errors, never a trap ---------
// Also source text, so fresh processes run exactly the same.
const MISUSE_SOURCE = String.raw`
const MISUSE_SCHEMA = { type: "object", properties: { s: { type: "string", default: "d" } } };
const MISUSE_ID = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const MISUSE_CTX = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: MISUSE_ID, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
};
function misuseRunner(out) {
  return (label, f) => {
    try { const r = f(); out.push([label, "returned", r === undefined ? "undefined" : JSON.stringify(r)]); } catch (e) {
      out.push([label, e instanceof WebAssembly.RuntimeError ? "TRAP" : e instanceof Error ? "Error" : typeof e, e && e.name, e && e.code]);
    }
  };
}
/** Answers of the module and of long-lived instances (v, pc), to compare before and after misuse. */
function health(m, v, pc) {
  const out = [];
  const run = misuseRunner(out);
  run("health: validate", () => m.validate({ type: "integer" }, 1.5));
  run("health: Validator#validate", () => v.validate(1));
  run("health: Validator#normalize", () => v.normalize({}));
  run("health: PreChecker#check", () => pc.check({ targetAccount: "x" }, MISUSE_CTX));
  run("health: PreChecker#locale", () => pc.locale);
  run("health: apsStructureValidator", () => m.apsStructureValidator(m.migratableType(), "MigrationSet").validate({ targetAccount: MISUSE_ID }));
  run("health: migrationPreCheck", () => m.migrationPreCheck({ targetAccount: MISUSE_ID }, MISUSE_CTX));
  return out;
}
function misuse(m) {
  const ID = MISUSE_ID, ctx = MISUSE_CTX;
  const out = [];
  const run = misuseRunner(out);
  const V = m.Validator.prototype, P = m.PreChecker.prototype;
  const localeGetter = Object.getOwnPropertyDescriptor(P, "locale").get;
  const v = new m.Validator(MISUSE_SCHEMA);
  const pc = new m.PreChecker({ locale: "de" });
  const before = health(m, v, pc);
  // Wrong receivers: the other class, forged objects, a genuine instance with a rewritten pointer.
  run("Validator#validate on a PreChecker", () => V.validate.call(new m.PreChecker(), "x"));
  run("Validator#normalize on a PreChecker", () => V.normalize.call(new m.PreChecker(), {}));
  run("Validator#free on a PreChecker", () => V.free.call(new m.PreChecker()));
  run("PreChecker#check on a Validator", () => P.check.call(new m.Validator(true), {}, ctx));
  run("PreChecker#explain on a Validator", () => P.explain.call(new m.Validator(true), {}, ctx));
  run("PreChecker#locale on a Validator", () => localeGetter.call(new m.Validator(true)));
  run("PreChecker#free on a Validator", () => P.free.call(new m.Validator(true)));
  run("Validator#validate on {__wbg_ptr: 8}", () => V.validate.call({ __wbg_ptr: 8 }, "x"));
  run("Validator#validate on {}", () => V.validate.call({}, "x"));
  run("Validator#validate on undefined", () => V.validate.call(undefined, "x"));
  run("Validator#validate on a forged Object.create(prototype)", () => { const f = Object.create(V); f.__wbg_ptr = 8; return f.validate("x"); });
  run("PreChecker#locale on a forged Object.create(prototype)", () => { const f = Object.create(P); f.__wbg_ptr = 8; return f.locale; });
  run("Validator#validate on a Proxy of a Validator", () => V.validate.call(new Proxy(v, {}), "x"));
  run("Validator#validate after __wbg_ptr was rewritten", () => { const w = new m.Validator(true); w.__wbg_ptr = 123456789; return w.validate(1); });
  run("PreChecker#locale after the prototype was swapped", () => { const w = new m.Validator(true); Object.setPrototypeOf(w, P); return w.locale; });
  run("Validator from apsStructureValidator, used as a PreChecker", () => P.check.call(m.apsStructureValidator(m.migratableType(), "MigrationSet"), {}, ctx));
  // Use after free, double free.
  run("freed Validator#validate", () => { const w = new m.Validator(true); w.free(); return w.validate(1); });
  run("freed Validator#normalize", () => { const w = new m.Validator(true); w.free(); return w.normalize({}); });
  run("freed Validator (from apsStructureValidator)#validate", () => { const w = m.apsStructureValidator(m.migratableType(), "MigrationSet"); w.free(); return w.validate({}); });
  run("freed PreChecker#check", () => { const p = new m.PreChecker(); p.free(); return p.check({}, ctx); });
  run("freed PreChecker#explain", () => { const p = new m.PreChecker(); p.free(); return p.explain({}, ctx); });
  run("freed PreChecker#locale", () => { const p = new m.PreChecker(); p.free(); return p.locale; });
  run("double free (Validator)", () => { const w = new m.Validator(true); w.free(); return w.free(); });
  run("double free (PreChecker)", () => { const p = new m.PreChecker(); p.free(); p.free(); return p.free(); });
  run("[Symbol.dispose] after free", () => { const w = new m.Validator(true); w.free(); return Symbol.dispose ? w[Symbol.dispose]() : undefined; });
  run("free after __wbg_ptr was zeroed by the caller", () => { const w = new m.Validator(true); w.__wbg_ptr = 0; return w.free(); });
  run("Validator.__wrap (which would wrap any pointer) is hidden", () => [typeof m.Validator.__wrap, Object.getOwnPropertyDescriptor(m.Validator, "__wrap")]);
  // The module still answers as before, and long-lived instances still work.
  const after = health(m, v, pc);
  v.free(); pc.free();
  return { out, before, after };
}
`;
const misuse = new Function(`${MISUSE_SOURCE}; return misuse;`)();
const MISUSE_CTX_FOR_TESTS = new Function(`${MISUSE_SOURCE}; return MISUSE_CTX;`)();

/** What misuse(m) must give for every entry: [label, kind, name, code] / [label, "returned", JSON]. */
const MISUSE_EXPECTED = (() => {
  const receiver = (label) => [label, "Error", "InputError", "INVALID_RECEIVER"];
  const freed = (label) => [label, "Error", "InputError", "OBJECT_FREED"];
  return [
    ...["Validator#validate on a PreChecker", "Validator#normalize on a PreChecker", "Validator#free on a PreChecker",
      "PreChecker#check on a Validator", "PreChecker#explain on a Validator", "PreChecker#locale on a Validator",
      "PreChecker#free on a Validator", "Validator#validate on {__wbg_ptr: 8}", "Validator#validate on {}",
      "Validator#validate on undefined", "Validator#validate on a forged Object.create(prototype)",
      "PreChecker#locale on a forged Object.create(prototype)", "Validator#validate on a Proxy of a Validator",
      "Validator#validate after __wbg_ptr was rewritten", "PreChecker#locale after the prototype was swapped",
      "Validator from apsStructureValidator, used as a PreChecker"].map(receiver),
    ...["freed Validator#validate", "freed Validator#normalize", "freed Validator (from apsStructureValidator)#validate",
      "freed PreChecker#check", "freed PreChecker#explain", "freed PreChecker#locale"].map(freed),
    ["double free (Validator)", "returned", "undefined"],
    ["double free (PreChecker)", "returned", "undefined"],
    ["[Symbol.dispose] after free", "returned", "undefined"],
    receiver("free after __wbg_ptr was zeroed by the caller"),
    ["Validator.__wrap (which would wrap any pointer) is hidden", "returned", JSON.stringify(["undefined", undefined])],
  ];
})();

/**
 * Misuse through an entry gives exactly the expected coded errors (no trap), and the module and
 * long-lived instances answer afterwards exactly as before (and as the CommonJS entry does).
 */
function assertGuarded(result, entry) {
  const { out, before, after } = typeof result === "string" ? JSON.parse(result) : result;
  for (const row of out) assert.notEqual(row[1], "TRAP", `${entry}: ${row[0]} trapped the wasm instance`);
  assert.deepEqual(out, MISUSE_EXPECTED, entry);
  assert.deepEqual(after, before, `${entry}: answers changed after misuse`);
  assert.deepEqual(before, MISUSE_HEALTH, `${entry}: answers differ from the CommonJS entry's`);
}
const MISUSE_HEALTH = (() => {
  const [health, schema] = new Function(`${MISUSE_SOURCE}; return [health, MISUSE_SCHEMA];`)();
  const v = new cjs.Validator(schema);
  const pc = new cjs.PreChecker({ locale: "de" });
  const rows = health(cjs, v, pc);
  v.free(); pc.free();
  return rows;
})();

test("the misuse battery's baseline answers are real answers (so comparing against them means something)", () => {
  for (const row of MISUSE_HEALTH) assert.equal(row[1], "returned", `${row[0]}: ${row.slice(1)}`);
  const byLabel = Object.fromEntries(MISUSE_HEALTH.map(([label, , json]) => [label, JSON.parse(json)]));
  assert.equal(byLabel["health: validate"].valid, false);
  assert.equal(byLabel["health: Validator#validate"].errors[0].keyword, "type");
  assert.deepEqual(byLabel["health: Validator#normalize"], { s: "d" });
  assert.equal(byLabel["health: PreChecker#check"].canMigrate, false);
  assert.equal(byLabel["health: PreChecker#locale"], "de");
  assert.deepEqual(byLabel["health: apsStructureValidator"], { valid: true, errors: [] });
  assert.deepEqual(byLabel["health: migrationPreCheck"], { canMigrate: true });
});

test("require('../../pkg') is ready to call, with every export; init and initSync exist and do nothing", async () => {
  assert.equal(require.resolve("../../pkg"), join(PKG_DIR, "node/index.cjs"), "main is the guarded CommonJS entry");
  for (const name of API) assert.equal(typeof cjs[name], "function", name);
  assert.deepEqual(Object.keys(cjs).sort(), NODE_ENTRY_NAMES, "the glue's names, the error classes, init, initSync and Node's own");
  // Code written for the browser build (`await init()` first) runs unchanged: init resolves at once
  // (to nothing), whatever wasm-bindgen argument it is given; __esModule makes a transpiled
  // `import init from` take exports.default.
  assert.equal(cjs.__esModule, true);
  const initialised = cjs.default({ module_or_path: "not/fetched.wasm" });
  assert.ok(initialised instanceof Promise);
  assert.equal(await initialised, undefined);
  assert.equal(await cjs.default(), undefined);
  assert.equal(cjs.initSync({ module: new Uint8Array([0]) }), undefined, "initSync ignores its argument (these bytes are no module)");
  assert.equal(cjs.version(), manifest.version);
  const b = battery(cjs);
  assert.deepEqual(b.good, { canMigrate: true });
  assert.deepEqual(b.notAnId, { canMigrate: false, message: '"x" is not a valid APS account id.' });
  assert.equal(b.contextError.threw.name, "ContextError");
  assert.equal(b.contextError.threw.code, "INVALID_CONTEXT");
  assert.equal(b.policyError.threw.code, "INVALID_POLICY");
  assert.equal(b.schemaError.threw.name, "SchemaError");
  assert.equal(b.unsupported.threw.code, "UNSUPPORTED_REF");
  assert.equal(b.inputError.threw.code, "INVALID_ARGUMENT");
  assert.equal(b.typeDocError.threw.code, "UNKNOWN_STRUCTURE");
  for (const key of ["contextError", "policyError", "schemaError", "inputError", "typeDocError"]) {
    assert.equal(b[key].threw.isError, true, key);
  }
  assertGuarded(misuse(cjs), "require('../../pkg')");
});

test("import from pkg/node/index.mjs: named exports and init as the default, same answers as require", async () => {
  for (const name of [...API, ...ERROR_CLASSES, "initSync"]) {
    assert.equal(typeof esm[name], "function", name);
    assert.equal(esm[name], cjs[name], `${name} is the CommonJS build's own`);
  }
  assert.deepEqual(Object.keys(esm).sort(), NODE_ENTRY_NAMES);
  for (const name of NODE_ONLY) assert.equal(esm[name], cjs[name], name);
  assert.equal(esmDefault, cjs.default, "the default export is init");
  assert.equal(esm.default, cjs.default);
  assert.equal(await esmDefault(), undefined);
  assert.equal(answers(esm), expected);
  assertGuarded(misuse(esm), "import * from pkg/node/index.mjs");
});

// --- The guard itself ----------------------------------------------------------------------------

test("guarded classes still behave as classes: new, instanceof, prototype, constructor, statics, subclasses, dispose", () => {
  const glue = require("../../pkg/node/aps_migratable.js");
  for (const name of CLASSES) {
    const C = cjs[name];
    assert.notEqual(C, glue[name], `${name} is exported as the guarding Proxy, not the glue's class`);
    assert.equal(C.prototype, glue[name].prototype, `${name}.prototype is the glue's prototype`);
    assert.equal(C.prototype.constructor, C, `${name}.prototype.constructor is the exported class`);
    assert.equal(C.name, name);
    assert.equal(typeof C.prototype.free, "function");
    if (Symbol.dispose) assert.equal(C.prototype[Symbol.dispose], C.prototype.free, `${name}: [Symbol.dispose] is free`);
    assert.throws(() => C(), TypeError, `${name} without new`);
    assert.equal(Function.prototype.toString.call(C.prototype.free).includes("[native code]"), false);
  }
  // Methods keep their names and arity; they are not constructors.
  assert.equal(cjs.Validator.prototype.validate.name, "validate");
  assert.equal(cjs.Validator.prototype.validate.length, glue.Validator.prototype.validate.length);
  assert.equal(Object.getOwnPropertyDescriptor(cjs.PreChecker.prototype, "locale").get.name, "get locale");
  assert.throws(() => new cjs.Validator.prototype.validate(1), TypeError);

  const v = new cjs.Validator({ type: "string" });
  assert.ok(v instanceof cjs.Validator && v instanceof glue.Validator && !(v instanceof cjs.PreChecker));
  assert.equal(Object.getPrototypeOf(v), cjs.Validator.prototype);
  assert.equal(v.constructor, cjs.Validator);
  assert.equal(new v.constructor(true).validate(1).valid, true, "new instance.constructor(...) is guarded and genuine");
  // The glue's static __wrap (used when Rust returns an instance) makes genuine instances; the
  // exported class hides it, since a program could otherwise wrap any pointer.
  assert.equal(glue.Validator.__wrap.name, "__wrap");
  assert.equal(cjs.Validator.__wrap, undefined);
  assert.equal(Object.getOwnPropertyDescriptor(cjs.Validator, "__wrap"), undefined);
  assert.equal("__wrap" in cjs.Validator, false);
  assert.ok(!Reflect.ownKeys(cjs.Validator).includes("__wrap"));
  const fromRust = cjs.apsStructureValidator(cjs.migratableType(), "MigrationSet");
  assert.ok(fromRust instanceof cjs.Validator);
  assert.equal(fromRust.constructor, cjs.Validator);
  assert.equal(fromRust.validate({}).valid, false);
  fromRust.free();
  // Subclasses: super(...) goes through the guard, and methods work on the subclass's instances.
  class StringValidator extends cjs.Validator {
    constructor() { super({ type: "string" }); }
    ok(value) { return this.validate(value).valid; }
  }
  const s = new StringValidator();
  assert.equal(StringValidator.__wrap, undefined, "not through a subclass either");
  assert.ok(s instanceof StringValidator && s instanceof cjs.Validator);
  assert.deepEqual([s.ok("a"), s.ok(1)], [true, false]);
  s.free();
  assert.throws(() => s.ok("a"), { name: "InputError", code: "OBJECT_FREED" });
  // `using` / Symbol.dispose frees once; a second dispose or free is a no-op.
  if (Symbol.dispose) {
    const d = new cjs.PreChecker();
    d[Symbol.dispose]();
    d[Symbol.dispose]();
    d.free();
    assert.throws(() => d.locale, { name: "InputError", code: "OBJECT_FREED" });
  }
  // A genuine instance's pointer cannot be swapped for a getter that lies to the glue.
  assert.throws(() => Object.defineProperty(v, "__wbg_ptr", { get: () => 8 }), TypeError);
  assert.equal(v.validate("a").valid, true);
  // free() frees the instance's own pointer only: the __destroy_into_raw it asks for that pointer
  // is pinned on each instance (own property, subclass method and prototype swap are all ignored).
  const pinned = new cjs.Validator(true);
  assert.throws(() => { pinned.__destroy_into_raw = () => 8; }, TypeError);
  assert.throws(() => Object.defineProperty(pinned, "__destroy_into_raw", { value: () => 8 }), TypeError);
  class Sneaky extends cjs.Validator { __destroy_into_raw() { return 8; } }
  const sneaky = new Sneaky(true);
  sneaky.free();
  assert.throws(() => sneaky.validate(1), { name: "InputError", code: "OBJECT_FREED" });
  Object.setPrototypeOf(pinned, { __destroy_into_raw: () => 8, free: cjs.Validator.prototype.free });
  pinned.free();
  assert.throws(() => cjs.Validator.prototype.validate.call(pinned, 1), { name: "InputError", code: "OBJECT_FREED" });
  assertGuarded(misuse(cjs), "after attempts to replace __destroy_into_raw");
  // A frozen instance still works; freeing it is refused with a coded error (not a TypeError from the glue).
  const frozen = Object.freeze(new cjs.Validator(true));
  assert.equal(frozen.validate(1).valid, true);
  assert.throws(() => frozen.free(), { name: "InputError", code: "INVALID_RECEIVER" });
  v.free();
});

test("guard errors are Errors with name InputError, a code and a message naming the class and member", () => {
  const pc = new cjs.PreChecker();
  const getError = (f) => { try { f(); } catch (e) { return e; } assert.fail("did not throw"); };
  const wrong = getError(() => cjs.Validator.prototype.validate.call(pc, 1));
  assert.ok(wrong instanceof Error && !(wrong instanceof WebAssembly.RuntimeError));
  assert.equal(wrong.name, "InputError");
  assert.equal(wrong.code, "INVALID_RECEIVER");
  assert.match(wrong.message, /Validator\.prototype\.validate .*not a live Validator/);
  pc.free();
  const freed = getError(() => pc.check({}, {}));
  assert.equal(freed.name, "InputError");
  assert.equal(freed.code, "OBJECT_FREED");
  assert.match(freed.message, /PreChecker\.prototype\.check .*free\(\)/);
  assert.match(getError(() => pc.locale).message, /PreChecker\.prototype\.locale/);
});

test("free() from inside a call on the same instance (a getter of the argument) never traps, and frees nothing", () => {
  const v = new cjs.Validator({ type: "object", properties: { a: {} } });
  // The free() inside the getter throws, so JSON.stringify fails and the value is judged as not JSON.
  const r = v.validate({ get a() { v.free(); return 1; } });
  assert.deepEqual(r.errors.map((e) => e.keyword), ["json"]);
  assert.deepEqual(v.validate({ a: 1 }), { valid: true, errors: [] }, "still live once the call returned");
  v.free();
  assert.throws(() => v.validate({}), { name: "InputError", code: "OBJECT_FREED" });
  const p = new cjs.PreChecker();
  // The same for a pre-check: the migration set is judged as not JSON, a refusal, never a trap.
  const answer = p.check({ get targetAccount() { p.free(); return "x"; } }, MISUSE_CTX_FOR_TESTS);
  assert.equal(answer.canMigrate, false);
  assert.match(answer.message, /^The migration request is malformed/);
  assert.equal(typeof p.locale, "string", "still live");
  p.free();
  assert.throws(() => p.locale, { name: "InputError", code: "OBJECT_FREED" });
  assertGuarded(misuse(cjs), "after free() inside a call");
});

test("free() inside a call on the same instance throws InputError OBJECT_BUSY, like every other misuse", () => {
  for (const [made, call] of [
    [() => new cjs.Validator(true), (v, arg) => v.validate(arg)],
    [() => new cjs.PreChecker(), (p, arg) => p.check(arg, MISUSE_CTX_FOR_TESTS)],
    [() => new cjs.PreChecker(), (p, arg) => p.explain(arg, MISUSE_CTX_FOR_TESTS)],
  ]) {
    const instance = made();
    const thrown = [];
    const arg = { toJSON() { for (const release of [() => instance.free(), () => instance[Symbol.dispose]()]) try { release(); } catch (e) { thrown.push(e); } return {}; } };
    call(instance, arg);
    assert.equal(thrown.length, 2, "free() and [Symbol.dispose]() threw");
    for (const e of thrown) {
      assert.ok(e instanceof cjs.InputError, e?.message);
      assert.equal(e.code, "OBJECT_BUSY");
      assert.match(e.message, /\.prototype\.(free|\[Symbol\.dispose\]) was called while a call on the same (Validator|PreChecker) was under way/);
    }
    // Nested calls on the same instance are no misuse, and the count comes back down.
    call(instance, { toJSON: () => (call(instance, {}), {}) });
    instance.free();
    assert.throws(() => call(instance, {}), { name: "InputError", code: "OBJECT_FREED" });
  }
});

// --- The exports map ---------------------------------------------------------------------------

/** Resolves `subpath` through an exports map for a set of conditions, as Node's algorithm does. */
function resolveExports(exportsMap, subpath, conditions) {
  const pick = (target) => {
    if (typeof target === "string") return target;
    if (target === null || typeof target !== "object") return undefined;
    for (const [key, value] of Object.entries(target)) {
      if (key === "default" || conditions.includes(key)) {
        const found = pick(value);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  return pick(exportsMap[subpath]);
}

test("pkg/package.json: every exports target (all conditions, types too) is a file that exists", () => {
  assert.equal(manifest.name, "aps-migratable");
  const cases = [
    // Every JS entry is a guarded one (index.*), never wasm-bindgen's glue directly.
    [".", ["node", "import"], "./node/index.mjs"],
    [".", ["node", "require"], "./node/index.cjs"],
    [".", ["node", "import", "types"], "./node/index.d.mts"],
    [".", ["node", "require", "types"], "./node/index.d.cts"],
    // Browsers and bundlers without the "node" condition get the web build.
    [".", ["browser", "import"], "./web/index.js"],
    [".", ["browser", "import", "types"], "./web/index.d.ts"],
    ["./web", ["browser", "import"], "./web/index.js"],
    ["./web", ["node", "import", "types"], "./web/index.d.ts"],
    ["./node", ["node", "require"], "./node/index.cjs"],
    ["./node", ["node", "import"], "./node/index.mjs"],
    ["./node", ["require", "types"], "./node/index.d.cts"],
    ["./web/aps_migratable_bg.wasm", ["browser"], "./web/aps_migratable_bg.wasm"],
    ["./package.json", ["node", "require"], "./package.json"],
  ];
  for (const [subpath, conditions, want] of cases) {
    assert.equal(resolveExports(manifest.exports, subpath, conditions), want, `${subpath} [${conditions}]`);
  }
  // Every string anywhere in the map (and main/module/types) names an existing file inside files[].
  assert.equal(manifest.main, "./node/index.cjs");
  assert.equal(manifest.module, "./web/index.js");
  assert.equal(manifest.types, "./node/index.d.cts");
  const targets = new Set([manifest.main, manifest.module, manifest.types]);
  const walk = (t) => (typeof t === "string" ? targets.add(t) : Object.values(t).forEach(walk));
  walk(manifest.exports);
  for (const t of targets) {
    assert.ok(!/aps_migratable\.(js|d\.ts)$/.test(t), `${t}: wasm-bindgen's unguarded glue is not an entry`);
  }
  // Bundlers must keep the entries: they guard the classes as a side effect.
  for (const f of ["./node/index.cjs", "./node/index.mjs", "./web/index.js"]) assert.ok(manifest.sideEffects.includes(f), f);
  for (const t of targets) {
    assert.ok(existsSync(join(PKG_DIR, t)), `${t} exists`);
    const top = t.replace(/^\.\//, "").split("/")[0];
    assert.ok(t === "./package.json" || manifest.files.some((f) => f.replace(/\/$/, "") === top), `${t} is published (files)`);
  }
  // The node/ folder is CommonJS and web/ is ESM regardless of the repository root's "type"; node/
  // also names its entry for resolvers that predate `exports` (aps-migratable/node).
  assert.deepEqual(JSON.parse(readFileSync(join(PKG_DIR, "node/package.json"), "utf8")), { type: "commonjs", main: "./index.cjs", types: "./index.d.cts" });
  assert.deepEqual(JSON.parse(readFileSync(join(PKG_DIR, "web/package.json"), "utf8")), { type: "module" });
});

test("pkg/package.json is ready for npm: license (and the LICENSE file), keywords, engines, and no placeholder URL anywhere", () => {
  assert.equal(manifest.license, "MIT");
  assert.ok(manifest.files.includes("LICENSE"));
  assert.match(readFileSync(join(PKG_DIR, "LICENSE"), "utf8"), /^MIT License\n\nCopyright \(c\) \d{4} /);
  assert.equal(readFileSync(join(PKG_DIR, "LICENSE"), "utf8"), readFileSync(join(ROOT, "LICENSE"), "utf8"), "the repository's LICENSE");
  assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length >= 5 && manifest.keywords.every((k) => typeof k === "string" && k === k.toLowerCase()));
  assert.equal(manifest.engines.node, ">=20.19");
  // The public home comes from Cargo.toml's repository, the one place; there is none yet.
  const cargoRepository = /^repository\s*=/m.test(readFileSync(join(ROOT, "Cargo.toml"), "utf8"));
  for (const key of ["repository", "homepage", "bugs"]) assert.equal(key in manifest, cargoRepository, `${key} only with Cargo.toml's repository`);
  const text = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".wasm"))
    .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), "utf8")]);
  // Placeholder hosts, in a URL or an address (not a property such as result.invalid).
  for (const [file, content] of text(PKG_DIR)) assert.doesNotMatch(content, /example\.(invalid|com)|(\/\/|@)[\w.-]*\.invalid\b/, file);
  // The README npm shows is written for npm users (docs/npm-README.md once it exists).
  const readme = readFileSync(join(PKG_DIR, "README.md"), "utf8");
  const npmReadme = join(ROOT, "docs/npm-README.md");
  if (existsSync(npmReadme)) assert.equal(readme, readFileSync(npmReadme, "utf8"));
  else assert.match(readme, /^# aps-migratable\n[\s\S]*import init, \{ migrationPreCheck \} from "aps-migratable";/);
});

/** A consumer project with `node_modules/aps-migratable` linked to pkg/. */
function consumerProject() {
  const dir = mkdtempSync(join(tmpdir(), "aps-migratable-consumer-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(PKG_DIR, join(dir, "node_modules", "aps-migratable"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  return dir;
}

test("Node resolves 'aps-migratable' through the exports map (import and require conditions)", async (t) => {
  const dir = consumerProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "resolve.mjs"),
    `import { createRequire } from "node:module";
     import * as viaImport from "aps-migratable";
     const require = createRequire(import.meta.url);
     export const viaRequire = require("aps-migratable");
     export { viaImport };
     export const resolved = {
       import: import.meta.resolve("aps-migratable"),
       require: require.resolve("aps-migratable"),
       web: import.meta.resolve("aps-migratable/web"),
       nodeSub: require.resolve("aps-migratable/node"),
       wasm: import.meta.resolve("aps-migratable/web/aps_migratable_bg.wasm"),
       manifest: require.resolve("aps-migratable/package.json"),
     };
     export function notExported(spec) { try { require.resolve(spec); return "resolved"; } catch (e) { return e.code; } }`,
  );
  const consumer = await import(pathToFileURL(join(dir, "resolve.mjs")).href);
  const file = (url) => (url.startsWith("file:") ? fileURLToPath(url) : url);
  assert.equal(file(consumer.resolved.import), join(PKG_DIR, "node/index.mjs"));
  assert.equal(consumer.resolved.require, join(PKG_DIR, "node/index.cjs"));
  assert.equal(file(consumer.resolved.web), join(PKG_DIR, "web/index.js"));
  assert.equal(consumer.resolved.nodeSub, join(PKG_DIR, "node/index.cjs"));
  assert.equal(file(consumer.resolved.wasm), join(PKG_DIR, "web/aps_migratable_bg.wasm"));
  assert.equal(consumer.resolved.manifest, join(PKG_DIR, "package.json"));
  // Internal files stay private.
  assert.equal(consumer.notExported("aps-migratable/node/aps_migratable_bg.wasm"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
  assert.equal(consumer.notExported("aps-migratable/node/index.mjs"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
  assert.equal(consumer.notExported("aps-migratable/node/aps_migratable.js"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
  assert.equal(consumer.notExported("aps-migratable/web/aps_migratable.js"), "ERR_PACKAGE_PATH_NOT_EXPORTED");
  for (const name of API) {
    assert.equal(typeof consumer.viaImport[name], "function", `import ${name}`);
    assert.equal(typeof consumer.viaRequire[name], "function", `require ${name}`);
  }
  assert.equal(answers(consumer.viaImport), expected);
  assert.equal(answers(consumer.viaRequire), expected);
  assertGuarded(misuse(consumer.viaImport), "import 'aps-migratable'");
  assertGuarded(misuse(consumer.viaRequire), "require('aps-migratable')");
});

test("fresh processes loading 'aps-migratable' by name (ESM import and CommonJS require) give the same answers", async (t) => {
  const dir = consumerProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "run.mjs"),
    `import * as m from "aps-migratable";\n${BATTERY_SOURCE}\nprocess.stdout.write(JSON.stringify(battery(m)));\n`,
  );
  writeFileSync(
    join(dir, "run.cjs"),
    `const m = require("aps-migratable");\n${BATTERY_SOURCE}\nprocess.stdout.write(JSON.stringify(battery(m)));\n`,
  );
  // The browser build's way of starting: the default export is init, awaited first.
  writeFileSync(
    join(dir, "run-default.mjs"),
    `import init, * as m from "aps-migratable";\nawait init();\n${BATTERY_SOURCE}\nprocess.stdout.write(JSON.stringify(battery(m)));\n`,
  );
  for (const script of ["run.mjs", "run.cjs", "run-default.mjs"]) {
    const out = execFileSync(process.execPath, [join(dir, script)], { cwd: dir, encoding: "utf8", timeout: 15000 });
    assert.equal(out, expected, script);
  }
  // Misuse first thing in a fresh process (no instance made before), through every loading style.
  writeFileSync(join(dir, "misuse.mjs"), `import * as m from "aps-migratable";\n${MISUSE_SOURCE}\nprocess.stdout.write(JSON.stringify(misuse(m)));\n`);
  writeFileSync(join(dir, "misuse-default.mjs"), `import init, * as m from "aps-migratable";\nawait init();\n${MISUSE_SOURCE}\nprocess.stdout.write(JSON.stringify(misuse(m)));\n`);
  writeFileSync(join(dir, "misuse.cjs"), `const m = require("aps-migratable");\n${MISUSE_SOURCE}\nprocess.stdout.write(JSON.stringify(misuse(m)));\n`);
  writeFileSync(join(dir, "misuse-node.cjs"), `const m = require("aps-migratable/node");\n${MISUSE_SOURCE}\nprocess.stdout.write(JSON.stringify(misuse(m)));\n`);
  for (const script of ["misuse.mjs", "misuse-default.mjs", "misuse.cjs", "misuse-node.cjs"]) {
    const out = execFileSync(process.execPath, [join(dir, script)], { cwd: dir, encoding: "utf8", timeout: 15000 });
    assertGuarded(out, `fresh process: ${script}`);
  }
});

// --- The web build ------------------------------------------------------------------------------

const wasmBytes = () => readFileSync(new URL("../../pkg/web/aps_migratable_bg.wasm", import.meta.url));

/** index.js in a private copy of pkg/web/, so the entry and the glue under it start uninitialised. */
function freshWebEntry(t) {
  const dir = mkdtempSync(join(tmpdir(), "aps-migratable-web-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(PKG_DIR, "web"), dir, { recursive: true });
  return pathToFileURL(join(dir, "index.js")).href;
}

test("web entry (web/index.js): default export is an async init function, initSync is exported, and both give the same answers", async (t) => {
  const syncUrl = freshWebEntry(t);
  const sync = await import(syncUrl);
  const glue = await import(new URL("aps_migratable.js", syncUrl).href);
  // A copy of the entry loaded before init, to see that it learns of the init through another copy.
  const early = await import(`${syncUrl}?early`);
  assert.equal(typeof sync.default, "function");
  assert.equal(typeof sync.initSync, "function");
  assert.notEqual(sync.default, glue.default, "init wraps wasm-bindgen's (it marks the module ready)");
  assert.equal(sync.default.length, glue.default.length);
  for (const name of API) {
    assert.equal(typeof sync[name], "function", name);
    assert.notEqual(sync[name], glue[name], `${name} is guarded`);
    assert.equal(sync[name].name, name);
    assert.equal(sync[name].length, glue[name].length, `${name} keeps its arity`);
  }
  const exportsOut = sync.initSync({ module: wasmBytes() });
  assert.ok(exportsOut.memory instanceof WebAssembly.Memory);
  assert.equal(answers(sync), expected);
  assertGuarded(misuse(sync), "web/index.js after initSync");

  const asyncMod = await import(freshWebEntry(t));
  const initResult = asyncMod.default({ module_or_path: wasmBytes() });
  assert.ok(initResult instanceof Promise, "init returns a promise");
  await initResult;
  assert.equal(answers(asyncMod), expected);
  assertGuarded(misuse(asyncMod), "web/index.js after init(bytes)");
  // A second init is a no-op that resolves to the same instance.
  assert.equal(await asyncMod.default({ module_or_path: wasmBytes() }), await initResult);

  const compiled = await import(freshWebEntry(t));
  await compiled.default({ module_or_path: new WebAssembly.Module(wasmBytes()) });
  assert.equal(answers(compiled), expected);
  assertGuarded(misuse(compiled), "web/index.js after init(module)");

  // The web entry's exported names are the glue's, the error classes and init/initSync, nothing else.
  assert.deepEqual(Object.keys(sync).sort(), ENTRY_NAMES);
  assert.equal(answers(early), expected, "a copy loaded before another copy's initSync");

  // A second copy of the entry over the same glue (e.g. a duplicated bundle chunk) shares one guard:
  // the same classes, and instances made through either work through the other.
  const again = await import(`${syncUrl}?again`);
  for (const name of CLASSES) assert.equal(again[name], sync[name], `${name}: one guard per glue class`);
  const v = new again.Validator({ type: "string" });
  assert.equal(sync.Validator.prototype.validate.call(v, "a").valid, true);
  v.free();
  assertGuarded(misuse(again), "second copy of web/index.js");
  assertGuarded(misuse(sync), "web/index.js after a second copy loaded");
});

test("web entry before init: every export throws InputError NOT_INITIALIZED, saying to call init()", async (t) => {
  const web = await import(freshWebEntry(t));
  for (const name of GLUE_NAMES) {
    const call = CLASSES.includes(name) ? () => new web[name](true) : () => web[name]({ type: "string" }, "x");
    assert.throws(call, (e) => {
      assert.ok(e instanceof web.InputError && e instanceof web.ApsMigratableError && e instanceof Error, name);
      assert.equal(e.name, "InputError");
      assert.equal(e.code, "NOT_INITIALIZED");
      assert.match(e.message, new RegExp(`^(new )?${name}\\(\\) was called before init\\(\\): .*call and await init\\(\\)`));
      return true;
    });
  }
  // The error classes need no init: they are plain JS.
  assert.equal(new web.ContextError("m").name, "ContextError");
  web.initSync({ module: wasmBytes() });
  assert.equal(web.version(), manifest.version);
  assert.equal(answers(web), expected);
});

test("web entry: an init that cannot load the module rejects with InputError INIT_FAILED, which says what helps; a later init can still succeed", async (t) => {
  const web = await import(freshWebEntry(t));
  // In Node, the default location is a file: URL, which fetch() cannot load.
  const failed = await web.default().then(() => assert.fail("init() resolved"), (e) => e);
  assert.ok(failed instanceof web.InputError, String(failed));
  assert.equal(failed.code, "INIT_FAILED");
  assert.ok(failed.cause instanceof Error, "the loader's own error is the cause");
  assert.ok(failed.message.includes(failed.cause.message));
  assert.match(failed.message, /In Node, import "aps-migratable" .*init\(\{ module_or_path: bytes \}\)/);
  assert.match(failed.message, /esbuild: see the package README, Bundlers/);
  assert.throws(() => web.version(), { name: "InputError", code: "NOT_INITIALIZED" });
  // Bytes that are no WebAssembly module: initSync says the same, with the compiler's error as cause.
  assert.throws(() => web.initSync({ module: new Uint8Array([1, 2, 3]) }), (e) => {
    assert.equal(e.code, "INIT_FAILED");
    assert.ok(e.cause instanceof WebAssembly.CompileError);
    return e instanceof web.InputError;
  });
  await web.default({ module_or_path: wasmBytes() });
  assert.equal(answers(web), expected);
});

// --- Error classes -------------------------------------------------------------------------------

/** The error `f` throws (it must throw). */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("did not throw");
}

test("every thrown error is an instance of its exported class, shared by the Node and browser builds in one process", async (t) => {
  const web = await import(freshWebEntry(t));
  web.initSync({ module: wasmBytes() });
  for (const name of ERROR_CLASSES) {
    assert.equal(typeof cjs[name], "function", name);
    assert.equal(web[name], cjs[name], `${name}: one class for both builds (and for this private copy of web/)`);
    assert.equal(esm[name], cjs[name]);
    assert.equal(cjs[name].name, name);
    if (name !== "ApsMigratableError") assert.equal(Object.getPrototypeOf(cjs[name]), cjs.ApsMigratableError, `${name} extends ApsMigratableError`);
  }
  assert.equal(Object.getPrototypeOf(cjs.ApsMigratableError), Error);
  // The registry every copy of the package shares (src/bindings/stage.js).
  const registry = globalThis[Symbol.for("aps-migratable.errors")];
  for (const name of ERROR_CLASSES) assert.equal(registry[name], cjs[name]);
  const freedValidator = () => {
    const v = new web.Validator(true);
    v.free();
    return v;
  };
  const cases = [
    ["ContextError", "INVALID_CONTEXT", (m) => m.migrationPreCheck({}, { now: 1 })],
    ["PolicyError", "INVALID_POLICY", (m) => new m.PreChecker({ locale: 5 })],
    ["SchemaError", "INVALID_SCHEMA", (m) => m.validate({ type: "nope" }, 1)],
    ["SchemaError", "UNKNOWN_STRUCTURE", (m) => m.apsStructureSchema(m.migratableType(), "Nope")],
    ["ContractError", "UNKNOWN_CONTRACT", (m) => m.contractSchema("nope/nope")],
    ["InputError", "INVALID_ARGUMENT", (m) => m.validate(undefined, 1)],
    ["InputError", "INVALID_RECEIVER", (m) => m.Validator.prototype.validate.call({}, 1)],
    ["InputError", "OBJECT_FREED", () => freedValidator().validate(1)],
  ];
  for (const [build, m] of [["node", cjs], ["web", web]]) {
    for (const [name, code, f] of cases) {
      const e = thrown(() => f(m));
      const where = `${build}: ${name} ${code}`;
      assert.ok(e instanceof cjs[name] && e instanceof web[name], where);
      assert.ok(e instanceof cjs.ApsMigratableError && e instanceof Error, where);
      assert.equal(Object.getPrototypeOf(e), cjs[name].prototype, where);
      assert.equal(e.constructor, cjs[name], where);
      assert.deepEqual([e.name, e.code], [name, code], where);
      assert.ok(String(e.stack).startsWith(`${name}: `), `${where}: the stack says the class`);
      for (const other of ERROR_CLASSES.filter((n) => n !== name && n !== "ApsMigratableError")) assert.ok(!(e instanceof cjs[other]), `${where} is no ${other}`);
      // As before the classes: name and code are own properties, and the problems are listed.
      assert.deepEqual(Object.keys(e).slice(0, 2), ["name", "code"], where);
      if (name === "ContextError" || name === "PolicyError") assert.ok(Array.isArray(e.errors) && e.errors.length > 0, where);
      if (name === "SchemaError") assert.equal(typeof e.schemaPath, "string", where);
    }
  }
  // A program can make them too (for its own tests, say): the name comes from the class.
  const own = new cjs.PolicyError("mine");
  assert.deepEqual([own.name, own.message, own instanceof cjs.ApsMigratableError], ["PolicyError", "mine", true]);
});

test("a fresh process loading the browser build first and then the Node build: still one set of error classes", (t) => {
  const dir = consumerProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "both.mjs"),
    `import { readFileSync } from "node:fs";
     import { createRequire } from "node:module";
     const web = await import("aps-migratable/web");
     web.initSync({ module: readFileSync(${JSON.stringify(join(PKG_DIR, "web/aps_migratable_bg.wasm"))}) });
     const node = createRequire(import.meta.url)("aps-migratable");
     const caught = (f) => { try { f(); } catch (e) { return e; } };
     const fromNode = caught(() => node.migrationPreCheck({}, { now: 1 }));
     const fromWeb = caught(() => web.contractSchema("nope"));
     process.stdout.write(JSON.stringify([web.ContextError === node.ContextError, fromNode instanceof web.ContextError, fromWeb instanceof node.ContractError, fromWeb instanceof node.ApsMigratableError]));`,
  );
  const out = execFileSync(process.execPath, [join(dir, "both.mjs")], { cwd: dir, encoding: "utf8", timeout: 15000 });
  assert.equal(out, "[true,true,true,true]");
});

// --- TypeScript -----------------------------------------------------------------------------------

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

const USAGE_MTS = `
import {
  migrationPreCheck, explainPreCheck, PreChecker, Validator, validate, apsStructureSchema,
  apsStructureValidator, isApsId, contextSchema, policySchema, builtInRules, locales,
  migratableType, version,
  type PreCheckContext, type PreCheckPolicy, type MigrationPreCheckResult, type PreCheckReport,
  type ValidationResult, type ValidationError, type ApsMigratableError, type ErrorCode,
  type JsonSchema, type JsonValue, type RuleInfo, type ApsTypeDocument, type BuiltInRuleId,
  validateContract, contractSchema, toVendorError, validateMany, contractIds,
  ContextError, PolicyError, SchemaError, ContractError, InputError, InternalError, ApsMigratableError as ErrorBase,
  type ContractId, type ContractPayloads, type FusebillSubscriptionMigrate, type ContractResult, type VendorError,
  type PreCheckAccount, type SubscriptionState, type CustomRule, type RuleSettings, type LocalizedMessages,
} from "aps-migratable";

type IsAny<T> = 0 extends 1 & T ? true : false;
type AnyIn<T extends readonly unknown[]> = true extends { [K in keyof T]: IsAny<T[K]> }[number] ? true : false;
type HasAny<F> = F extends (...args: infer A) => infer R ? (AnyIn<A> extends true ? true : IsAny<R>) : never;
type CtorHasAny<C> = C extends abstract new (...args: infer A) => infer R ? (AnyIn<A> extends true ? true : IsAny<R>) : never;
function noAny<T extends false>(): void {}

noAny<HasAny<typeof migrationPreCheck>>();
noAny<HasAny<typeof explainPreCheck>>();
noAny<HasAny<typeof validate>>();
noAny<HasAny<typeof apsStructureSchema>>();
noAny<HasAny<typeof apsStructureValidator>>();
noAny<HasAny<typeof isApsId>>();
noAny<HasAny<typeof contextSchema>>();
noAny<HasAny<typeof policySchema>>();
noAny<HasAny<typeof builtInRules>>();
noAny<HasAny<typeof locales>>();
noAny<HasAny<typeof migratableType>>();
noAny<HasAny<typeof version>>();
noAny<CtorHasAny<typeof PreChecker>>();
noAny<CtorHasAny<typeof Validator>>();
noAny<HasAny<PreChecker["check"]>>();
noAny<HasAny<PreChecker["explain"]>>();
noAny<IsAny<PreChecker["locale"]>>();
noAny<HasAny<Validator["validate"]>>();
noAny<HasAny<Validator["normalize"]>>();

const context: PreCheckContext = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: null,
  orders: [{ id: "O-1", state: "completed" }],
  dependentSubscriptions: [{ id: 7, reason: "shared_domains", resourceTypes: ["dns"] }],
};
const policy: PreCheckPolicy = {
  locale: "de",
  rules: { "same-brand": { enabled: false }, "orders-final": { messages: { en: "Orders {orders}" } } },
  finalOrderStates: ["completed"],
  customRules: [{ id: "no-trials", when: { properties: { subscription: { properties: { trial: { const: true } } } } }, require: false, message: { en: "No trials", de: "Keine Testabos" } }],
};

const r1: MigrationPreCheckResult = migrationPreCheck({ targetAccount: "x" }, context);
const r2: MigrationPreCheckResult = migrationPreCheck({ targetAccount: "x" }, context, policy);
const r3: MigrationPreCheckResult = migrationPreCheck(undefined, context, null);
const allowed: boolean = r1.canMigrate && r2.canMigrate && r3.canMigrate;
const text: string | undefined = r1.message;
const report: PreCheckReport = explainPreCheck({ targetAccount: "x" }, context);
const firstRule: string | undefined = report.failed[0]?.rule;
const checker = new PreChecker(policy);
const checkerDefault = new PreChecker();
const locale: string = checker.locale;
const r4: MigrationPreCheckResult = checker.check({}, context);
const report2: PreCheckReport = checkerDefault.explain({}, context);
const r5: MigrationPreCheckResult = checkerDefault.checkJson('{"targetAccount": "x"}', JSON.stringify(context));
const report3: PreCheckReport = checkerDefault.explainJson(new TextEncoder().encode("{}"), JSON.stringify(context));
checker.free();
{ using scoped = new PreChecker(null); scoped.check({}, context); }

const schema: JsonSchema = { type: "object", required: ["a"], properties: { a: { type: "integer" } } };
const res: ValidationResult = validate(schema, { a: 1 });
const errs: ValidationError[] = res.errors;
const path: string = errs[0]?.instancePath ?? "";
const v = new Validator(true);
const normalized: JsonValue = v.normalize({ a: 1 });
const res2: ValidationResult = v.validate(Symbol("anything goes in"));
const structureSchema: JsonSchema = apsStructureSchema(migratableType(), "MigrationSet");
const doc: ApsTypeDocument = migratableType();
const sv: Validator = apsStructureValidator(doc, "MigrationPreCheckResult");
const ok: boolean = isApsId(42) && sv.validate(null).valid;
const rules: RuleInfo[] = builtInRules();
const ruleId: BuiltInRuleId | undefined = rules[0]?.id;
const tags: string[] = locales();
const ver: string = version();
const cs: JsonSchema = contextSchema();
const ps: JsonSchema = policySchema();

try { validate({ type: "nope" }, 1); } catch (e) {
  const err = e as ApsMigratableError;
  const code: ErrorCode = err.code;
  const name: "SchemaError" | "PolicyError" | "ContextError" | "InputError" | "ContractError" | "InternalError" = err.name;
  const more: ValidationError[] | undefined = err.errors;
  const where: string | undefined = err.schemaPath;
  void [code, name, more, where];
}

// instanceof narrows to each class, with its own name, codes and fields (no cast).
function explainError(e: unknown): string {
  if (e instanceof ContextError || e instanceof PolicyError || e instanceof InternalError) {
    const problems: ValidationError[] = e.errors;
    const code: "INVALID_CONTEXT" | "INVALID_POLICY" | "INTERNAL" = e.code;
    return \`\${code}: \${problems.length}\`;
  }
  if (e instanceof SchemaError) {
    const at: string = e.schemaPath;
    // @ts-expect-error a SchemaError's code is a schema code
    const wrong: "INVALID_CONTEXT" = e.code;
    return at + wrong;
  }
  if (e instanceof ContractError) return e.code satisfies "UNKNOWN_CONTRACT";
  if (e instanceof InputError) {
    const code: "INVALID_ARGUMENT" | "LIMIT_EXCEEDED" | "INVALID_RECEIVER" | "OBJECT_FREED" | "OBJECT_BUSY" | "NOT_INITIALIZED" | "INIT_FAILED" = e.code;
    return code;
  }
  if (e instanceof ErrorBase) return e.code;
  return e instanceof Error ? e.message : String(e);
}

// Data parameters take any value, interface-typed ones too (an interface has no index signature).
interface MySchema { type: "object"; required: string[]; properties: { a: { type: "integer" } } }
interface MyContext { now: string; subscription: { id: string; ownerAccountId: string }; sourceAccount: { id: string; kind: "customer" } }
interface MyPayload { customerId: number; planFamilyRelationshipId: number; migrationTimingOption: "Now" }
declare const mySchema: MySchema;
declare const myContext: MyContext;
declare const myPayload: MyPayload;
const fromInterface = new Validator(mySchema);
const normalizedContext: JsonValue = fromInterface.normalize(myContext);
const normalizedTyped: JsonValue = new Validator(contextSchema()).normalize(context);
const validated: ValidationResult = validate(mySchema, myPayload);
const checked: MigrationPreCheckResult = migrationPreCheck({ targetAccount: "x" }, myContext);
// A contract id is a ContractId or any string (an unknown one throws ContractError at run time).
declare const idFromConfig: string;
const payloadSchema: JsonSchema = contractSchema(idFromConfig);
const contractResult: ContractResult = validateContract(idFromConfig, myPayload);
const typedResult: ContractResult = validateContract("fusebill/subscription_migrate", myPayload);
const vendorError: VendorError = toVendorError(idFromConfig, contractResult);
const vendorError2: VendorError = toVendorError("fusebill/subscription_migrate", { anything: true });
const batch = validateMany(idFromConfig, "{}\\n");
// Results stay precise: contractIds() are ContractIds, not strings.
const ids: ContractId[] = contractIds();
// @ts-expect-error a string is no ContractId
const notAnId: ContractId = idFromConfig;
// The generated data types: one per contract, by id, and the parts of the context and policy.
const fusebill: ContractPayloads["fusebill/subscription_migrate"] = { customerId: 1, planFamilyRelationshipId: 2, migrationTimingOption: "Now" };
const samePayload: FusebillSubscriptionMigrate = fusebill;
// @ts-expect-error migrationTimingOption is an enum
const badTiming: FusebillSubscriptionMigrate = { customerId: 1, planFamilyRelationshipId: 2, migrationTimingOption: "Later" };
const account: PreCheckAccount = { id: "x", status: "active" };
const subscriptionState: SubscriptionState = "changing_plan";
const ruleSettings: RuleSettings = { enabled: false, onMissingData: "refuse", messages: { en: "No" } };
const messages: LocalizedMessages = { en: "x", de: "y" };
const customRule: CustomRule = { id: "r", when: true, require: { required: ["billing"] }, message: { en: "x" } };
const ruleIds: BuiltInRuleId[] = ["same-brand", "billing-request-valid"];
// @ts-expect-error onMissingData is skip or refuse
const badSettings: RuleSettings = { onMissingData: "ignore" };
void [explainError, normalizedContext, normalizedTyped, validated, checked, payloadSchema, typedResult, vendorError, vendorError2, batch, ids,
  notAnId, samePayload, badTiming, account, subscriptionState, ruleSettings, messages, customRule, ruleIds, badSettings];

// Wrong uses must not compile: the declarations are precise, not any.
// @ts-expect-error context is required
migrationPreCheck({ targetAccount: "x" });
// @ts-expect-error a context needs now, subscription and sourceAccount
migrationPreCheck({ targetAccount: "x" }, {});
// @ts-expect-error state is a closed enum
const badState: PreCheckContext["subscription"]["state"] = "paused";
// @ts-expect-error unknown built-in rule id
const badPolicy: PreCheckPolicy = { rules: { "no-such-rule": { enabled: false } } };
// @ts-expect-error a custom rule message needs "en"
const badRule: PreCheckPolicy = { customRules: [{ id: "r", require: true, message: { de: "x" } }] };
// @ts-expect-error a schema is an object or a boolean
new Validator("string");
// @ts-expect-error structure names are strings
apsStructureSchema(migratableType(), 1);
// @ts-expect-error JsonValue excludes undefined
const notJson: JsonValue = undefined;
// @ts-expect-error results are not any
const notANumber: number = validate(true, 1);
// @ts-expect-error canMigrate is boolean
const notString: string = migrationPreCheck({}, context).canMigrate;

void [allowed, text, firstRule, locale, r4, report2, r5, report3, path, normalized, res2, structureSchema, ok, ruleId, tags, ver, cs, ps,
  badState, badPolicy, badRule, notJson, notANumber, notString];
`;

const USAGE_CTS = `
import m = require("aps-migratable");
import type { PreCheckContext, MigrationPreCheckResult, ValidationResult } from "aps-migratable";
declare const context: PreCheckContext;
const r: MigrationPreCheckResult = m.migrationPreCheck({ targetAccount: "x" }, context);
const v: ValidationResult = new m.Validator({ type: "string" }).validate(1);
const id: boolean = m.isApsId("x");
// @ts-expect-error not any: the result is an object
const n: number = m.version();
void [r, v, id, n];
`;

const USAGE_WEB_MTS = `
import init, { initSync, validate, migrationPreCheck, type InitOutput, type PreCheckContext } from "aps-migratable/web";
import type { ValidationResult } from "../pkg-web-types.js";
declare const bytes: Uint8Array;
declare const context: PreCheckContext;
const out: InitOutput = initSync({ module: bytes });
async function start(): Promise<boolean> {
  await init({ module_or_path: bytes });
  const res: ValidationResult = validate({ type: "string" }, 1);
  return res.valid && migrationPreCheck({}, context).canMigrate;
}
void [out, start];
`;

test("TypeScript: usage of the published declarations compiles with tsc --strict (ESM, CommonJS, web)", (t) => {
  const dir = consumerProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/use.mts"), USAGE_MTS);
  writeFileSync(join(dir, "src/use.cts"), USAGE_CTS);
  writeFileSync(join(dir, "src/use-web.mts"), USAGE_WEB_MTS);
  // A direct relative import of a .d.ts in pkg/ (not through the package name) must work too.
  writeFileSync(
    join(dir, "pkg-web-types.d.ts"),
    `export type { ValidationResult } from ${JSON.stringify(join(PKG_DIR, "web/aps_migratable.js"))};\n` +
      `export type { ValidationResult as EntryValidationResult } from ${JSON.stringify(join(PKG_DIR, "web/index.js"))};\n`,
  );
  const args = [
    TSC, "--noEmit", "--strict", "--target", "esnext", "--module", "nodenext", "--moduleResolution", "nodenext",
    "src/use.mts", "src/use.cts", "src/use-web.mts",
  ];
  let output = "";
  try {
    execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: 60000 });
  } catch (e) {
    output = `${e.stdout ?? ""}${e.stderr ?? ""}` || String(e);
  }
  assert.equal(output, "", `tsc reported errors:\n${output}`);
});

test("TypeScript: `import init from 'aps-migratable'` (the browser build's way of starting) type-checks for Node too", (t) => {
  const dir = consumerProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "default.mts"),
    `import init, { initSync, version, Validator } from "aps-migratable";
     import initNode, * as n from "aps-migratable/node";
     const ready: Promise<void> = init();
     await ready;
     await init({ module_or_path: "ignored in Node" });
     initSync();
     await initNode();
     const v: string = version();
     const w: Validator = new Validator(true);
     const ok: boolean = n.isApsId("x") && w.validate(1).valid;
     // @ts-expect-error the default export is init, not the module
     init.version();
     void [v, ok];\n`,
  );
  // CommonJS written as ES imports (esModuleInterop): the default import is exports.default, init.
  writeFileSync(join(dir, "interop.cts"), `import init, { version } from "aps-migratable";\nconst started: Promise<void> = init();\nconst v: string = version();\nvoid [started, v];\n`);
  // Older resolution (the "types" field, and node/package.json for the subpath) finds the guarded entries' declarations too.
  writeFileSync(join(dir, "legacy.ts"), `import { version, Validator } from "aps-migratable";\nimport { isApsId } from "aps-migratable/node";\nconst v: string = version();\nvoid [v, new Validator(true), isApsId(1)];\n`);
  const tsc = (...args) => {
    try {
      execFileSync(process.execPath, [TSC, "--noEmit", "--strict", "--target", "esnext", ...args], { cwd: dir, encoding: "utf8", timeout: 60000 });
      return "";
    } catch (e) {
      return `${e.stdout ?? ""}${e.stderr ?? ""}`;
    }
  };
  assert.equal(tsc("--module", "nodenext", "--moduleResolution", "nodenext", "default.mts"), "");
  assert.equal(tsc("--module", "nodenext", "--moduleResolution", "nodenext", "--esModuleInterop", "interop.cts"), "");
  assert.equal(tsc("--module", "commonjs", "--moduleResolution", "node10", "legacy.ts"), "");
});

test(
  "TypeScript: ErrorCode lists the guard's codes INVALID_RECEIVER and OBJECT_FREED (and refuses a code it does not have)",
  (t) => {
    const dir = consumerProject();
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // The @ts-expect-error fails the compile if ErrorCode is a plain string (any code would pass).
    writeFileSync(join(dir, "codes.mts"), `import type { ErrorCode } from "aps-migratable";\nconst codes: ErrorCode[] = ["INVALID_RECEIVER", "OBJECT_FREED"];\n// @ts-expect-error not an ErrorCode\nconst wrong: ErrorCode = "NO_SUCH_CODE";\nvoid [codes, wrong];\n`);
    let output = "";
    try {
      execFileSync(process.execPath, [TSC, "--noEmit", "--strict", "--target", "esnext", "--module", "nodenext", "--moduleResolution", "nodenext", "codes.mts"], { cwd: dir, encoding: "utf8", timeout: 60000 });
    } catch (e) {
      output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    }
    assert.equal(output, "");
  },
);

test("the guarded entries' declarations are wasm-bindgen's, re-exported: same names and declarations, plus Node's init and streams", () => {
  // Node's streams and files (node/bulk.d.cts): the two functions and their option types.
  const NODE_DECLARED = [...NODE_ONLY, "StreamOptions", "StreamProgress"];
  const ts = require(join(ROOT, "node_modules/typescript"));
  // index file -> [the glue declarations it re-exports, the names it declares besides them]
  const entries = {
    "node/index.d.cts": ["node/aps_migratable.d.ts", ["default", "initSync", ...NODE_DECLARED]],
    "node/index.d.mts": ["node/aps_migratable.d.ts", ["default", "initSync", ...NODE_DECLARED]],
    "web/index.d.ts": ["web/aps_migratable.d.ts", []],
  };
  const program = ts.createProgram(Object.keys(entries).map((f) => join(PKG_DIR, f)), {
    strict: true, noEmit: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  });
  assert.deepEqual(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), []);
  const checker = program.getTypeChecker();
  const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const exportsOf = (moduleSymbol) => new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
  const moduleOf = (file) => checker.getSymbolAtLocation(program.getSourceFile(join(PKG_DIR, file)));
  for (const [file, [glueFile, own]] of Object.entries(entries)) {
    const entry = exportsOf(moduleOf(file));
    const glue = exportsOf(moduleOf(glueFile));
    assert.ok(glue.size >= API.length, `${glueFile} exports the API`);
    for (const name of ERROR_CLASSES) assert.ok(glue.has(name), `${glueFile} declares ${name}`);
    const want = [...glue.keys(), ...own].sort();
    assert.deepEqual([...entry.keys()].sort(), want, `${file}: exported names`);
    for (const [name, symbol] of glue) {
      assert.equal(resolve(entry.get(name)), resolve(symbol), `${file}: ${name} is the glue's own declaration`);
    }
    const RETURNS = { default: "Promise<void>", initSync: "void", validateStream: "Promise<BatchResult>", validateFile: "Promise<BatchResult>" };
    for (const name of own.filter((n) => n in RETURNS)) {
      // Node's init, initSync and streams: functions of no `any`, init and the streams returning a promise.
      const type = checker.getTypeOfSymbol(resolve(entry.get(name)));
      const [signature] = type.getCallSignatures();
      assert.ok(signature, `${file}: ${name} is a function`);
      const returns = checker.typeToString(signature.getReturnType());
      assert.equal(returns, RETURNS[name], `${file}: ${name} returns`);
    }
    assert.deepEqual(anysIn(join(PKG_DIR, file)), [], `${file}: no \`any\` in what it declares itself`);
  }
  assert.ok(exportsOf(moduleOf("web/aps_migratable.d.ts")).has("default"), "the web glue's init is its default export");
});

/**
 * Every `any` in the package's declarations, with the top-level declaration it sits in.
 * Excluded, because they are not inputs or outputs of this module's API:
 *  - `*_bg.wasm.d.ts`: wasm-bindgen's raw WebAssembly exports (externref parameters, typed `any`);
 *    no entry of the package's JS API exposes them.
 *  - `interface InitOutput` in web/aps_migratable.d.ts: the same raw exports, as returned by the
 *    browser build's init/initSync (the instance's `exports`), not our functions.
 *  `InitInput`/`SyncInitInput` and the init/initSync signatures themselves contain no `any`, so
 *  they are checked like everything else.
 */
function anysIn(file) {
  const ts = require(join(ROOT, "node_modules/typescript"));
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  for (const statement of source.statements) {
    const name = statement.name?.text ?? statement.declarationList?.declarations?.[0]?.name?.text ?? ts.SyntaxKind[statement.kind];
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({ declaration: name, line: line + 1, text: text.split("\n")[line].trim() });
      }
      ts.forEachChild(node, visit);
    };
    visit(statement);
  }
  return found;
}

test("the generated .d.ts files have no `any` in our exported functions, classes and types", () => {
  // The guarded entries' index.d.* only re-export these (checked above).
  const files = ["node/aps_migratable.d.ts", "web/aps_migratable.d.ts"];
  const ours = new Set([...API, ...ERROR_CLASSES, "JsonValue", "JsonSchema", "SchemaInput", "ValidationError", "ValidationResult",
    "ErrorCode", "SchemaErrorCode", "InputErrorCode", "ApsTypeDocument", "MigrationSet", "MigrationPreCheckResult",
    "SubscriptionState", "AccountStatus", "PreCheckAccount", "PreCheckBilling", "PreCheckContext", "LocalizedMessages",
    "BuiltInRuleId", "RuleSettings", "CustomRule", "PreCheckPolicy", "RuleFailure", "PreCheckReport", "RuleInfo",
    "ContractId", "ContractIdInput", "ContractPayloads", "ContractResult", "FusebillSubscriptionMigrate",
    "ChargebeeResourceMigration", "PismoCustomerIncoming1", "PismoCustomerOutgoing1"]);
  for (const f of files) {
    const text = readFileSync(join(PKG_DIR, f), "utf8");
    // Every public name is declared (so the check below is not vacuous).
    for (const name of ours) {
      assert.match(text, new RegExp(`export (?:declare )?(?:function|class|interface|type) ${name}\\b`), `${f} declares ${name}`);
    }
    const anys = anysIn(join(PKG_DIR, f)).filter((a) => a.declaration !== "InitOutput");
    assert.deepEqual(anys, [], `${f}: \`any\` outside wasm-bindgen's InitOutput`);
  }
  // The excluded spots really are only wasm-bindgen's raw exports.
  const web = anysIn(join(PKG_DIR, "web/aps_migratable.d.ts"));
  assert.ok(web.length > 0, "the AST scan does find wasm-bindgen's own `any`s (it is not vacuous)");
  assert.ok(web.every((a) => a.declaration === "InitOutput"));
  for (const f of ["node/aps_migratable_bg.wasm.d.ts", "web/aps_migratable_bg.wasm.d.ts"]) {
    const text = readFileSync(join(PKG_DIR, f), "utf8");
    for (const line of text.split("\n").filter((l) => l.includes("any"))) {
      assert.match(line, /^export const \w+: \(.*\) => /, `${f}: only raw wasm export signatures use any`);
    }
  }
});

test("the browser build: a Uint8Array view of the module's own memory is read as it was given", async () => {
  // Making room for the text in wasm memory would write over such a view (or detach it, when the
  // memory grows), so the module reads a copy of it.
  const web = await import("../../pkg/web/index.js");
  const { memory } = web.initSync({ module: readFileSync(new URL("../../pkg/web/aps_migratable_bg.wasm", import.meta.url)) });
  const id = "fusebill/subscription_migrate";
  const line = `${JSON.stringify({ customerId: 1, planFamilyRelationshipId: 2, migrationTimingOption: "Now" })}\n{oops\n`;
  const text = new TextEncoder().encode(line.repeat(500));
  const expected = web.validateMany(id, text);
  assert.deepEqual([expected.total, expected.valid, expected.invalid], [1000, 500, 500]);
  // The module copies a batch into its memory and frees the copy once done, but does not clear
  // it: a view of the start of that freed copy is where the allocator puts a smaller batch.
  const larger = new TextEncoder().encode(line.repeat(2000));
  web.validateMany(id, larger);
  // Its first bytes now hold the allocator's own bookkeeping (not to be touched): the view starts
  // at the first whole line after them, and holds the smaller batch as it is.
  const skip = line.length * Math.ceil(64 / line.length);
  const at = Buffer.from(memory.buffer).indexOf(Buffer.from(larger.subarray(skip)));
  assert.ok(at > 0, "the freed copy is in wasm memory");
  const view = new Uint8Array(memory.buffer, at, text.length);
  assert.deepEqual(Buffer.from(view), Buffer.from(text));
  assert.deepEqual(web.validateMany(id, view), expected);
});
