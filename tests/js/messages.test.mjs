// Messages that name the culprit (issue 14, item 3): a policy's unknown property, a misspelled
// rule id and a bad placeholder are named, every problem of a policy comes in one error, an NDJSON
// error's message uses the batch's line numbers, and a contract rule about one field points at
// that field, once. keyword and params stay ajv's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const m = createRequire(import.meta.url)("../../pkg");

const policyError = (policy) => {
  try {
    new m.PreChecker(policy);
  } catch (e) {
    return e;
  }
  assert.fail("the policy was accepted");
};

test("an unknown policy property is named, with the allowed ones; keyword and params stay ajv's", () => {
  const e = policyError({ locle: "de" });
  assert.equal(e.code, "INVALID_POLICY");
  assert.equal(e.message, 'invalid policy: / unknown property "locle"; allowed: locale, rules, finalOrderStates, customRules');
  assert.deepEqual(e.errors, [
    { instancePath: "", schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: "locle" }, message: 'unknown property "locle"; allowed: locale, rules, finalOrderStates, customRules' },
  ]);
});

test("a misspelled rule id is named, and so is a bad placeholder in the same policy", () => {
  const e = policyError({ rules: { "same-brnd": {}, "same-brand": { messages: { en: "{brnd}" } } } });
  assert.deepEqual(e.errors.map((x) => [x.instancePath, x.keyword, x.message]), [
    ["/rules", "enum", `property name "same-brnd" is not one of ${m.builtInRules().map((r) => r.id).join(", ")}`],
    ["/rules", "propertyNames", 'property name "same-brnd" is not valid'],
    ["/rules/same-brand/messages/en", "placeholder", "unknown placeholder {brnd}; this message may use sourceBrand, targetBrand, targetAccount, subscription"],
  ]);
  assert.deepEqual(e.errors[1].params, { propertyName: "same-brnd" });
});

test("a policy reports every problem at once: schema, placeholders, duplicate ids and schemas that do not compile", () => {
  const e = policyError({
    locale: 5,
    rules: { "target-account-active": { messages: { de: "{orders}" } } },
    customRules: [
      { id: "x", require: { type: "nope" }, message: { en: "{status}" } },
      { id: "x", require: true, message: { en: "ok" } },
    ],
  });
  assert.deepEqual(e.errors.map((x) => [x.instancePath, x.keyword]), [
    ["/locale", "type"],
    ["/rules/target-account-active/messages/de", "placeholder"],
    ["/customRules/0/require", "schema"],
    ["/customRules/0/message/en", "placeholder"],
    ["/customRules/1/id", "uniqueId"],
  ]);
});

test("a name quoted in a message is cut at 64 characters", () => {
  const e = policyError({ ["k".repeat(100)]: 1 });
  assert.equal(e.errors[0].message, `unknown property "${"k".repeat(64)}…"; allowed: locale, rules, finalOrderStates, customRules`);
  assert.equal(e.errors[0].params.additionalProperty, "k".repeat(100));
});

test("a context's unknown member is named too", () => {
  const context = { now: "2026-11-21T10:00:00Z", subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa" }, sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", brand: "b1" } };
  assert.throws(() => m.migrationPreCheck({ targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" }, context), (e) => {
    assert.equal(e.code, "INVALID_CONTEXT");
    assert.equal(e.errors[0].message, 'unknown property "brand"; allowed: id, name, kind, vendorId, brandId, status');
    return true;
  });
});

test("an NDJSON error's message uses the batch's line number", () => {
  const r = m.validateMany("pismo/customer_incoming/1", '{"migration":{"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{}}\n\n{"a":\n');
  const json = r.errors.find((e) => e.keyword === "json");
  assert.equal(json.line, 3);
  assert.equal(json.message, "line is not valid JSON: the text ends too early (line 3, column 5)");
  assert.deepEqual(json.params, { reason: "the text ends too early (line 3, column 5)" });
});

test("Fusebill's rule against a date with Now points at the date, once; SpecificDate without one is reported once", () => {
  const now = m.validateContract("fusebill/subscription_migrate", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now", scheduledMigrationDate: "2020-01-01" });
  assert.deepEqual(now.errors, [
    { instancePath: "/scheduledMigrationDate", schemaPath: "#/allOf/1/then/properties/scheduledMigrationDate/not", keyword: "not", params: {}, message: "Please do not specify a scheduled migration date when the migration type is now." },
  ]);
  assert.deepEqual(m.toVendorError("fusebill/subscription_migrate", now), { ErrorId: 0, HttpStatusCode: 400, Errors: [{ Key: "options", Value: "Please do not specify a scheduled migration date when the migration type is now." }] });
  const specific = m.validateContract("fusebill/subscription_migrate", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate" });
  assert.deepEqual(specific.errors.map((e) => [e.instancePath, e.keyword, e.message]), [
    ["", "required", "Please specify a scheduled migration date when the migration type is SpecificDate."],
  ]);
});
