// Input limits through the JS API (README "Limits"): sizes are checked before anything is copied
// into wasm memory; data over a limit is judged (keyword "limit"), a program input over a limit
// throws InputError LIMIT_EXCEEDED; a schema that branches without end stops at the step budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const m = createRequire(import.meta.url)("../../pkg");
const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const context = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
};
const healthy = () => assert.deepEqual(m.migrationPreCheck({ targetAccount: TARGET }, context), { canMigrate: true });
const codeOf = (f) => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error);
    return `${e.name}/${e.code}`;
  }
  return "no throw";
};

test("a schema that branches without descending stops at the nesting limit, also under not", () => {
  const branching = { anyOf: [{ $ref: "#" }, { $ref: "#" }] };
  for (const schema of [branching, { not: branching }, { anyOf: [{ not: branching }, { not: branching }] }]) {
    const result = m.validate(schema, 1);
    assert.equal(result.valid, false);
    assert.deepEqual(result.errors.at(-1).params, { limit: "depth", max: 400 });
  }
  healthy();
});

test("a schema that branches widely stops at the step budget", () => {
  // 12 shared levels of 4-way anyOf whose branches all fail at the bottom: 4^12 paths, shallow.
  const definitions = { l0: { type: "string" } };
  for (let i = 1; i <= 12; i++) {
    const down = { $ref: `#/definitions/l${i - 1}` };
    definitions[`l${i}`] = { anyOf: [down, down, down, down] };
  }
  const schema = { $ref: "#/definitions/l12", definitions };
  const v = new m.Validator(schema);
  const quick = m.validate({ not: { $ref: "#/definitions/l12" }, definitions }, 1);
  assert.equal(quick.valid, false);
  assert.deepEqual(quick.errors.at(-1).params, { limit: "steps", max: 5000000 });
  assert.equal(v.validate(1).valid, false);
  healthy();
});

test("data over a limit is judged, never thrown", () => {
  const longString = "x".repeat(1024 * 1024 + 1);
  const tooLong = m.validate({ type: "string" }, longString);
  assert.equal(tooLong.valid, false);
  assert.deepEqual(tooLong.errors.map((e) => [e.keyword, e.params.limit]), [["limit", "string"]]);
  const manyItems = m.validate(true, new Array(100001).fill(0));
  assert.deepEqual(manyItems.errors.map((e) => [e.keyword, e.params.limit]), [["limit", "items"]]);
  const huge = "y".repeat(16 * 1024 * 1024 + 1);
  assert.deepEqual(m.validate(true, huge).errors.map((e) => e.params.limit), ["bytes"]);
  const refused = m.migrationPreCheck({ targetAccount: huge }, context);
  assert.equal(refused.canMigrate, false);
  assert.match(refused.message, /malformed/);
  const contract = m.validateContract("chargebee/retrieve_latest", { from_site: longString });
  assert.deepEqual([contract.valid, contract.errors[0].keyword, contract.value], [false, "limit", null]);
  healthy();
});

test("program inputs over a limit throw InputError LIMIT_EXCEEDED", () => {
  const huge = "z".repeat(16 * 1024 * 1024 + 1);
  assert.equal(codeOf(() => m.migrationPreCheck({ targetAccount: TARGET }, { ...context, note: huge })), "InputError/LIMIT_EXCEEDED");
  assert.equal(codeOf(() => new m.Validator({ description: huge })), "InputError/LIMIT_EXCEEDED");
  assert.equal(codeOf(() => new m.PreChecker({ locale: "x".repeat(2 * 1024 * 1024) })), "InputError/LIMIT_EXCEEDED");
  assert.equal(codeOf(() => m.validateMany("chargebee/retrieve_latest", "\n".repeat(64 * 1024 * 1024 + 1))), "InputError/LIMIT_EXCEEDED");
  assert.equal(codeOf(() => m.validateMany("chargebee/retrieve_latest", "1\n".repeat(1000001))), "InputError/LIMIT_EXCEEDED");
  healthy();
});

test("a batch line over the line limit is an error on that line, and maxErrors is capped", () => {
  const good = JSON.stringify({ from_site: "site", entity_type: "customer", entity_id: "c1" });
  const long = JSON.stringify({ from_site: "x".repeat(1024 * 1024) });
  const r = m.validateMany("chargebee/retrieve_latest", `${good}\n${long}\n${good}\n`);
  assert.deepEqual([r.total, r.valid, r.invalid], [3, 2, 1]);
  assert.deepEqual([r.errors[0].line, r.errors[0].keyword, r.errors[0].params.limit], [2, "limit", "lineBytes"]);
  const capped = m.validateMany("chargebee/retrieve_latest", "1\n".repeat(100010), { maxErrors: 1e9 });
  assert.deepEqual([capped.errors.length, capped.truncated, capped.invalid], [100000, true, 100010]);
  healthy();
});
