// Input limits through the JS API, each just at and just over its documented value
// (docs/limits.md), the values written out here as literals: sizes are checked before anything is copied
// into wasm memory; data over a limit is judged (keyword "limit"), a program input over a limit
// throws InputError LIMIT_EXCEEDED (or INVALID_ARGUMENT for nesting, which the parser refuses).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const m = createRequire(import.meta.url)("../../pkg");

const MiB = 1024 * 1024;
const VALUE_BYTES = 16 * MiB; // JSON text of one value
const NESTING_LEVELS = 127; // arrays and objects in a value (the 128th level is refused)
const STRING_BYTES = 1 * MiB; // one string, in UTF-8
const ITEMS = 100_000; // items in an array, members in an object
const BATCH_BYTES = 64 * MiB;
const BATCH_LINES = 1_000_000;
const LINE_BYTES = 1 * MiB;
const DEFAULT_BATCH_ERRORS = 1_000;
const BATCH_ERRORS = 100_000;
const ERRORS = 10_000; // errors one validation collects
const SCHEMA_NESTING = 400; // nested schemas while validating
const STEPS = 5_000_000; // schema nodes one validation visits
const SCHEMA_DEPTH = 256; // schema nesting at compile time

const ID = "chargebee/retrieve_latest";
const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const context = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
};
const healthy = () => assert.deepEqual(m.migrationPreCheck({ targetAccount: TARGET }, context), { canMigrate: true });
/** `name/code` of what `f` throws, or "no throw". */
const codeOf = (f) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error);
    return `${e.name}/${e.code}`;
  }
  return "no throw";
};
const limitOf = (result) => result.errors.filter((e) => e.keyword === "limit").map((e) => e.params);

/** An array of strings (each under the string limit) whose JSON text is exactly `length` characters. */
function arrayOfJsonLength(length) {
  // ["…","…"]: two brackets, each string its length and two quotes, a comma between two.
  const strings = [];
  let rest = length - 2;
  while (rest > 0) {
    const overhead = strings.length ? 3 : 2;
    const n = Math.min(rest - overhead, 1_000_000);
    assert.ok(n >= 0, `no array of JSON length ${length} this way`);
    strings.push("x".repeat(n));
    rest -= n + overhead;
  }
  assert.equal(JSON.stringify(strings).length, length);
  return strings;
}

test("the JSON text of a value may be 16 MiB (data: a limit error; program input: LIMIT_EXCEEDED)", () => {
  assert.deepEqual(m.validate(true, arrayOfJsonLength(VALUE_BYTES)), { valid: true, errors: [] });
  const over = m.validate(true, arrayOfJsonLength(VALUE_BYTES + 1));
  assert.deepEqual(over.errors.map((e) => [e.instancePath, e.keyword, e.params]), [["", "limit", { limit: "bytes", max: 16777216 }]]);
  // A schema is a program input: {"enum":[…]} adds 9 characters around the array.
  const schema = (length) => ({ enum: arrayOfJsonLength(length - 9) });
  assert.equal(JSON.stringify(schema(VALUE_BYTES)).length, 16 * 1024 * 1024);
  assert.equal(new m.Validator(schema(VALUE_BYTES)).validate("x").valid, false);
  assert.equal(codeOf(() => new m.Validator(schema(VALUE_BYTES + 1))), "InputError/LIMIT_EXCEEDED");
  const refused = m.migrationPreCheck({ targetAccount: "y".repeat(16 * 1024 * 1024 + 1) }, context);
  assert.equal(refused.canMigrate, false);
  assert.match(refused.message, /malformed/);
  // The same through checkJson: a migration set's text over the limit, as a string or as bytes,
  // is judged (malformed), and the answer is check's.
  const checker = new m.PreChecker();
  const setText = JSON.stringify({ targetAccount: "y".repeat(16 * 1024 * 1024 + 1) });
  for (const text of [setText, new TextEncoder().encode(setText)]) {
    assert.deepEqual(checker.checkJson(text, JSON.stringify(context)), refused);
  }
  checker.free();
  healthy();
});

/** `levels` arrays, one inside the other. */
const nested = (levels) => {
  let v = [];
  for (let i = 1; i < levels; i++) v = [v];
  return v;
};
/** `levels` objects: {"not": {"not": … {}}} (a schema that nests `levels` JSON levels). */
const nestedNot = (levels) => {
  let s = {};
  for (let i = 1; i < levels; i++) s = { not: s };
  return s;
};

test("values may nest 127 levels and not 128 (data: a json error; program input: INVALID_ARGUMENT)", () => {
  assert.deepEqual(m.validate(true, nested(NESTING_LEVELS)), { valid: true, errors: [] });
  const over = m.validate(true, nested(NESTING_LEVELS + 1));
  assert.deepEqual(over.errors.map((e) => [e.keyword, e.params.reason]), [["json", "it is not well-formed JSON or nests 128 levels or more (line 1, column 128)"]]);
  assert.equal(codeOf(() => new m.Validator(nestedNot(127))), "no throw");
  assert.equal(codeOf(() => new m.Validator(nestedNot(128))), "InputError/INVALID_ARGUMENT");
  healthy();
});

test("a string may hold 1 MiB of UTF-8 (data: a limit error with its place; program input: LIMIT_EXCEEDED)", () => {
  for (const unit of ["x", "é", "😀"]) {
    const bytes = Buffer.byteLength(unit);
    const atLimit = unit.repeat(STRING_BYTES / bytes);
    assert.equal(Buffer.byteLength(atLimit), 1048576);
    assert.deepEqual(m.validate({ type: "string" }, atLimit), { valid: true, errors: [] });
    const over = m.validate({ type: "string" }, { a: [1, atLimit + unit] });
    assert.deepEqual(over.errors.map((e) => [e.instancePath, e.keyword, e.params]), [["/a/1", "limit", { limit: "string", max: 1048576 }]]);
    assert.equal(over.errors[0].message, "input too large: a string is longer than 1048576 bytes at /a/1");
  }
  assert.equal(codeOf(() => new m.Validator({ description: "x".repeat(1024 * 1024) })), "no throw");
  assert.equal(codeOf(() => new m.Validator({ description: "x".repeat(1024 * 1024 + 1) })), "InputError/LIMIT_EXCEEDED");
  const contract = m.validateContract(ID, { from_site: "x".repeat(1024 * 1024 + 1) });
  assert.deepEqual([contract.valid, contract.errors.map((e) => e.keyword), contract.value], [false, ["limit"], null]);
  healthy();
});

test("an array or object may hold 100,000 items (data: a limit error; program input: LIMIT_EXCEEDED)", () => {
  const object = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 0]));
  assert.deepEqual(m.validate(true, new Array(ITEMS).fill(0)), { valid: true, errors: [] });
  assert.deepEqual(m.validate(true, object(ITEMS)), { valid: true, errors: [] });
  for (const over of [new Array(ITEMS + 1).fill(0), object(ITEMS + 1), { a: new Array(100_001).fill(0) }]) {
    assert.deepEqual(limitOf(m.validate(true, over)), [{ limit: "items", max: 100000 }]);
  }
  assert.equal(codeOf(() => new m.Validator({ enum: new Array(100_000).fill(0) })), "no throw");
  assert.equal(codeOf(() => new m.Validator({ enum: new Array(100_001).fill(0) })), "InputError/LIMIT_EXCEEDED");
  healthy();
});

test("a batch may hold 64 MiB and 1,000,000 lines (over either: LIMIT_EXCEEDED)", () => {
  assert.deepEqual(m.validateMany(ID, "\n".repeat(BATCH_BYTES)), { total: 0, valid: 0, invalid: 0, errors: [], truncated: false });
  assert.equal(codeOf(() => m.validateMany(ID, "\n".repeat(64 * 1024 * 1024 + 1))), "InputError/LIMIT_EXCEEDED");
  assert.equal(m.validateMany(ID, new Uint8Array(BATCH_BYTES).fill(0x20)).total, 0);
  assert.equal(codeOf(() => m.validateMany(ID, new Uint8Array(64 * 1024 * 1024 + 1).fill(0x20))), "InputError/LIMIT_EXCEEDED");
  const lines = m.validateMany(ID, "1\n".repeat(BATCH_LINES), { maxErrors: 1 });
  assert.deepEqual([lines.total, lines.invalid], [1000000, 1000000]);
  assert.equal(codeOf(() => m.validateMany(ID, "1\n".repeat(1_000_001))), "InputError/LIMIT_EXCEEDED");
  healthy();
});

test("a batch line may be 1 MiB (over it: a limit error on that line, and the batch goes on)", () => {
  const line = (length) => JSON.stringify({ from_site: "x".repeat(length - 16) });
  assert.equal(line(LINE_BYTES).length, 1048576);
  const good = JSON.stringify({ from_site: "site", entity_type: "customer", entity_id: "c1" });
  const r = m.validateMany(ID, `${good}\n${line(LINE_BYTES)}\n${line(LINE_BYTES + 1)}\n${good}\n`);
  assert.deepEqual([r.total, r.valid, r.invalid], [4, 2, 2]);
  assert.deepEqual(r.errors.map((e) => [e.line, e.keyword]), [[2, "required"], [2, "required"], [2, "maxLength"], [3, "limit"]]);
  assert.deepEqual(r.errors[3].params, { limit: "lineBytes", max: 1048576 });
  healthy();
});

test("a batch returns 1,000 errors by default and 100,000 at most; the counts stay exact", () => {
  const bad = (n) => "1\n".repeat(n);
  const atDefault = m.validateMany(ID, bad(DEFAULT_BATCH_ERRORS));
  assert.deepEqual([atDefault.errors.length, atDefault.truncated], [1000, false]);
  const overDefault = m.validateMany(ID, bad(DEFAULT_BATCH_ERRORS + 1));
  assert.deepEqual([overDefault.errors.length, overDefault.truncated, overDefault.invalid], [1000, true, 1001]);
  const atMost = m.validateMany(ID, bad(BATCH_ERRORS), { maxErrors: 1e9 });
  assert.deepEqual([atMost.errors.length, atMost.truncated], [100000, false]);
  const capped = m.validateMany(ID, bad(BATCH_ERRORS + 1), { maxErrors: 1e9 });
  assert.deepEqual([capped.errors.length, capped.truncated, capped.invalid], [100000, true, 100001]);
  healthy();
});

test("one validation collects 10,000 errors, then a limit error", () => {
  const schema = { items: { type: "string" } };
  const at = m.validate(schema, new Array(ERRORS).fill(0));
  assert.equal(at.errors.length, 10000);
  assert.ok(at.errors.every((e) => e.keyword === "type"));
  const over = m.validate(schema, new Array(ERRORS + 1).fill(0));
  assert.equal(over.errors.length, 10001);
  assert.deepEqual([over.errors.at(-1).keyword, over.errors.at(-1).params, over.errors.at(-1).message], ["limit", { limit: "errors", max: 10000 }, "validation stopped after 10000 errors"]);
  healthy();
});

test("validation nests at most 400 schemas; a schema that branches without descending stops there, also under not", () => {
  // Each level of the value nests four schemas (the schema, its items, the allOf member, the $ref
  // hop): 100 levels nest exactly 400, 101 would nest 404.
  const v = new m.Validator({ items: { allOf: [{ $ref: "#" }] } });
  assert.equal(SCHEMA_NESTING / 4, 100);
  assert.deepEqual(v.validate(nested(100)), { valid: true, errors: [] });
  assert.deepEqual(limitOf(v.validate(nested(101))), [{ limit: "depth", max: 400 }]);
  v.free();
  const branching = { anyOf: [{ $ref: "#" }, { $ref: "#" }] };
  for (const schema of [branching, { not: branching }, { anyOf: [{ not: branching }, { not: branching }] }]) {
    const result = m.validate(schema, 1);
    assert.equal(result.valid, false);
    assert.deepEqual(result.errors.at(-1).params, { limit: "depth", max: 400 });
  }
  healthy();
});

test("one validation visits at most 5,000,000 schemas", () => {
  // Fifty visits per item (the items schema and its 49 members) and a couple for the array:
  // 99,999 items stay about fifty under the budget, 100,000 items (the most an array may hold) go
  // about fifty over it.
  const v = new m.Validator({ items: { allOf: new Array(49).fill(true) } });
  assert.equal(STEPS / 50, 100000);
  assert.deepEqual(v.validate(new Array(99_999).fill(0)), { valid: true, errors: [] });
  const over = v.validate(new Array(100_000).fill(0));
  assert.deepEqual(over.errors.map((e) => [e.keyword, e.params, e.message]), [["limit", { limit: "steps", max: 5000000 }, "validation stopped after 5000000 steps: the schema is too costly for this value"]]);
  v.free();
  // 12 shared levels of 4-way anyOf whose branches all fail at the bottom: 4^12 paths, shallow.
  const definitions = { l0: { type: "string" } };
  for (let i = 1; i <= 12; i++) {
    const down = { $ref: `#/definitions/l${i - 1}` };
    definitions[`l${i}`] = { anyOf: [down, down, down, down] };
  }
  const quick = m.validate({ not: { $ref: "#/definitions/l12" }, definitions }, 1);
  assert.deepEqual(quick.errors.at(-1).params, { limit: "steps", max: 5000000 });
  assert.equal(m.validate({ $ref: "#/definitions/l12", definitions }, 1).valid, false);
  healthy();
});

test("a schema may nest 256 levels below its root when compiled ($ref chains), not 257", () => {
  const chain = (hops) => {
    const definitions = {};
    for (let i = 0; i < hops; i++) definitions[`c${i}`] = { $ref: `#/definitions/c${i + 1}` };
    definitions[`c${hops}`] = { type: "integer" };
    return { $ref: "#/definitions/c0", definitions };
  };
  assert.equal(codeOf(() => new m.Validator(chain(SCHEMA_DEPTH - 1))), "no throw");
  assert.throws(() => new m.Validator(chain(256)), (e) => {
    assert.deepEqual([e.name, e.code, e.schemaPath], ["SchemaError", "SCHEMA_TOO_DEEP", "#/definitions/c256"]);
    assert.match(e.message, /schema nesting exceeds 256 levels/);
    return true;
  });
  healthy();
});

test("program inputs over a limit throw InputError LIMIT_EXCEEDED, whichever input it is", () => {
  const huge = "z".repeat(16 * 1024 * 1024 + 1);
  assert.equal(codeOf(() => m.migrationPreCheck({ targetAccount: TARGET }, { ...context, note: huge })), "InputError/LIMIT_EXCEEDED");
  assert.equal(codeOf(() => new m.PreChecker({ locale: "x".repeat(2 * 1024 * 1024) })), "InputError/LIMIT_EXCEEDED");
  // A context given as text: over the limit in UTF-16 units, in bytes, or in UTF-8 only (each
  // "é" is one unit and two bytes), as a string or as bytes.
  const checker = new m.PreChecker();
  const set = JSON.stringify({ targetAccount: TARGET });
  const asText = JSON.stringify({ ...context, note: huge });
  const utf8Only = JSON.stringify({ ...context, note: "é".repeat(9 * 1024 * 1024) });
  assert.ok(utf8Only.length < 16 * 1024 * 1024);
  for (const text of [asText, new TextEncoder().encode(asText), utf8Only]) {
    assert.equal(codeOf(() => checker.checkJson(set, text)), "InputError/LIMIT_EXCEEDED");
    assert.equal(codeOf(() => checker.explainJson(set, text)), "InputError/LIMIT_EXCEEDED");
  }
  assert.deepEqual(checker.checkJson(set, JSON.stringify(context)), m.migrationPreCheck({ targetAccount: TARGET }, context));
  checker.free();
  assert.equal(codeOf(() => m.apsStructureSchema({ structures: { S: { type: "object", description: huge } } }, "S")), "InputError/LIMIT_EXCEEDED");
  healthy();
});
