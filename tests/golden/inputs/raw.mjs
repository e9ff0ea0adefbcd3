// Inputs of raw.json: values whose numbers reach the module exactly as written ({"$rawText"}
// arguments, passed through JSON.rawJSON). JSON.stringify writes every JS number one way, so
// without this only NDJSON could hand the module `1.0`, `1e0`, `-0` or `1E2`, and no contract
// has a numeric const, enum or uniqueItems. Here const/enum/uniqueItems, bounds, integer checks,
// defaults and the pre-check see numbers in every written form.

const raw = (text) => ({ $rawText: text });

/** [what, schema text, value texts]. */
const GROUPS = [
  ["const 1", `{"const": 1}`, ["1", "1.0", "1e0", "1E0", "10e-1", "0.1e1", "1.5", "-1", "\"1\""]],
  ["const 1.0", `{"const": 1.0}`, ["1", "1.0", "1e0", "2"]],
  ["const 1e0", `{"const": 1e0}`, ["1", "1.00"]],
  ["const 0", `{"const": 0}`, ["0", "-0", "0.0", "-0.0", "0e5", "5e-324"]],
  ["const -0", `{"const": -0}`, ["0", "-0", "0.0"]],
  ["const 100", `{"const": 100}`, ["100", "1E2", "1e2", "100.0", "1.0e2", "100.00000000000001", "101"]],
  ["const 1E2", `{"const": 1E2}`, ["100", "1e2"]],
  ["const of a large integer", `{"const": 9007199254740993}`, ["9007199254740993", "9007199254740992", "9007199254740992.0", "9.007199254740993e15"]],
  ["const 2^64-1", `{"const": 18446744073709551615}`, ["18446744073709551615", "18446744073709551616", "1.8446744073709552e19"]],
  ["const a negative integer", `{"const": -9223372036854775808}`, ["-9223372036854775808", "-9.223372036854775808e18", "-9223372036854775809"]],
  ["const in an object", `{"const": {"a": 1, "b": [0, 1.5]}}`, [`{"a": 1.0, "b": [-0, 1.50]}`, `{"b": [0.0, 15e-1], "a": 1e0}`, `{"a": 1, "b": [0, 1.6]}`]],
  ["const in an array", `{"const": [1, [2]]}`, ["[1.0, [2e0]]", "[1, [2.1]]"]],
  ["enum of numbers", `{"enum": [100, 0, 1.5, "1"]}`, ["1E2", "100.0", "-0", "0.0", "15E-1", "1", "1.0"]],
  ["enum of floats", `{"enum": [1.0, 2e0]}`, ["1", "2", "3"]],
  ["enum of objects", `{"enum": [{"n": 1}, [1]]}`, [`{"n": 1.0}`, "[1e0]", `{"n": 2}`]],
  ["uniqueItems", `{"uniqueItems": true}`, [
    "[1, 1.0]", "[1, 1e0]", "[1.0, 1E0]", "[0, -0]", "[0.0, -0.0]", "[100, 1E2]", "[1, 2, 3, 2.0]", "[1, 1.5]",
    "[9007199254740992, 9007199254740993]", "[18446744073709551615, 18446744073709551616]", "[1e400]",
    `[{"a": 1}, {"a": 1.0}]`, `[[1], [1.0]]`, `[{"a": [0]}, {"a": [-0]}]`, "[1, \"1\"]", "[5e-324, 0]",
  ]],
  ["type integer", `{"type": "integer"}`, ["1.0", "1e0", "1E2", "1.5", "-0", "-0.0", "1e21", "1.0e308", "9007199254740993.0", "123456789012345678901234567890"]],
  ["bounds written as floats", `{"minimum": 1.0, "maximum": 1E2, "exclusiveMinimum": 0e0}`, ["1", "1e0", "100", "100.0", "1e2", "100.00000000000001", "0.9999999999999999"]],
  ["bounds around -0", `{"minimum": -0, "exclusiveMaximum": 0.0}`, ["0", "-0", "-0.0", "5e-324", "-5e-324"]],
  ["multipleOf written as a float", `{"multipleOf": 1.0}`, ["3", "3.0", "3.5", "1e21", "-0"]],
  ["multipleOf 0.01", `{"multipleOf": 1e-2}`, ["0.07", "7E-2", "0.070", "0.075"]],
  ["maxLength written as a float", `{"maxLength": 2.0, "minItems": 1e0}`, ["\"ab\"", "\"abc\"", "[]"]],
  ["items and properties", `{"items": {"properties": {"n": {"enum": [1, 2]}}}}`, [`[{"n": 1.0}, {"n": 2e0}, {"n": 3.0}]`]],
];

/** [what, schema text, value text] for Validator.normalize: numbers come back as JavaScript reads them. */
const NORMALIZE = [
  ["numbers in every form", `{"properties": {"d": {"default": 1.0}}}`, `{"a": 1.0, "b": 1e0, "c": -0, "e": 1E2, "f": 123456789012345678901234567890, "g": 18446744073709551616, "h": 0.1e1}`],
  ["a default written as -0.0", `{"properties": {"z": {"default": -0.0}}}`, `{}`],
  ["a default written as a large integer", `{"properties": {"z": {"default": 18446744073709551615}}}`, `{}`],
];

const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const CONTEXT = (vendor, brand, orderId) => `{
  "now": "2026-11-21T10:00:00Z",
  "subscription": {"id": "11111111-1111-4111-8111-111111111111", "ownerAccountId": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "state": "active", "name": "Mail 25"},
  "sourceAccount": {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "kind": "customer", "vendorId": 7, "brandId": 1, "status": "active"},
  "targetAccount": {"id": "${B}", "kind": "customer", "vendorId": ${vendor}, "brandId": ${brand}, "status": "active"},
  "orders": [{"id": ${orderId}, "state": "processing"}]
}`;
const VENDOR_RULE = `{"customRules": [{"id": "vendor-7", "require": {"properties": {"targetAccount": {"properties": {"vendorId": {"const": 7}}}}}, "message": {"en": "Vendor 7 only."}}]}`;

export function rawCases() {
  const cases = [];
  for (const [what, schema, values] of GROUPS) {
    values.forEach((value) => cases.push({ name: `validate ${what}: ${value}`, call: "validate", args: [raw(schema), raw(value)] }));
  }
  for (const [what, schema, value] of NORMALIZE) cases.push({ name: `normalize ${what}`, call: "normalize", args: [raw(schema), raw(value)] });
  for (const n of ["1", "1.0", "1e0", "-0", "1E2", "12874295.0", "18446744073709551616"]) {
    cases.push({ name: `validateContract fusebill customerId ${n}`, call: "contract", args: ["fusebill/subscription_migrate", raw(`{"customerId": ${n}, "planFamilyRelationshipId": 1.0, "migrationTimingOption": "Now"}`)] });
  }
  cases.push({ name: "validateContract billforward mapping value 5.0, defaults added", call: "contract", args: ["billforward/migration_request", raw(`{"productRatePlan": "p", "mappings": [{"pricingComponent": "seats", "value": 5.0}, {"pricingComponent": "gb", "value": -0}]}`)] });
  // Ids compare as text (7, 7.0, 7e0 are one id); order ids are shown as the message shows them.
  for (const [vendor, brand, orderId] of [["7", "1", "1001"], ["7.0", "1.0", "1001.0"], ["7e0", "1E0", "1.001e3"], ["7.5", "1", "-0"], ["70e-1", "1.00", "12345678901234567890123"]]) {
    const context = raw(CONTEXT(vendor, brand, orderId));
    cases.push({ name: `precheck vendorId ${vendor}, brandId ${brand}, order id ${orderId}`, call: "precheck", args: [{ targetAccount: B }, context] });
    cases.push({ name: `precheck vendorId ${vendor}, custom rule const 7`, call: "precheck", args: [{ targetAccount: B }, context, raw(VENDOR_RULE)] });
  }
  cases.push({ name: "precheck policy with finalOrderStates and a locale written raw", call: "precheck", args: [{ targetAccount: B }, raw(CONTEXT("7", "1", "1")), raw(`{"finalOrderStates": ["processing"], "customRules": [{"id": "n", "when": {"properties": {"orders": {"maxItems": 1.0}}}, "require": {"properties": {"orders": {"minItems": 2e0}}}, "message": {"en": "two orders"}}]}`)] });
  return cases;
}
