// Differential and batch tests of the billing-platform contracts (contractIds(), contractSchema(id),
// validateContract(id, payload), validateMany(id, ndjson, options)).
//
// 1. For EVERY contract id, ajv 8 (+ ajv-formats) compiles an independent ORACLE of the contract:
//    tests/data/oracles/<id with "/" as "__">.schema.json, written from
//    ../shared/reference/billing-contracts.md and the seeds (each rule's $comment cites its line), never
//    from src/ or contractSchema(id). A seeded, deterministic generator aimed at the oracle (its
//    properties, enums, formats and length limits) mutates valid seed samples into at least
//    VARIANTS_PER_CONTRACT distinct variants: fields dropped, retyped, renamed, stretched to length
//    limits, added at every level, enum values swapped, numbers at boundaries, dates broken,
//    timing-option combinations, objects emptied, arrays emptied/extended. For each variant:
//      - the verdict of validateContract must equal ajv's on the oracle, and
//      - the MULTISET of leaf errors, each as (instancePath, keyword, params), must be the same.
//    What is compared, and what is not, and why:
//      - keyword and params are compared exactly (params as canonical JSON): both sides promise ajv's
//        shape (docs/engine.md), and the oracles are written in the implementation's
//        style (a `type` beside each `enum`, the Fusebill timing rules as allOf of if/then with
//        `required` and `not: {required}`, the date as `anyOf` of two formats) so that the same rule
//        gives the same leaf error on both sides;
//      - summary errors (`anyOf`, `oneOf`, `if`) are left out on both sides: they say only that a
//        combinator failed, and where the combinator sits depends on how a schema is structured, not
//        on the rule (the leaf errors under them are compared);
//      - schemaPath and message are not compared: schemaPath names places in two different documents,
//        and validateContract rewords messages (the field name, the platforms' own wording);
//      - NOT_IN_REFERENCE lists fields that the reference names (or that the seeds' samples carry)
//        without any rule: the implementation's errors there are its own choice, left out of the
//        comparison (counted and printed; pinned by the test "rules of fields the reference leaves open");
//      - BEYOND_REFERENCE lists the bounds the contracts add on purpose beyond the reference (an
//        empty handle or name, a negative timestamp, amount or id is refused: no platform issues
//        those); a variant whose only difference is such an error is counted under it (and printed),
//        and each is pinned by the test "bounds beyond the reference are the only differences".
//    The same variants then go through validateMany as one NDJSON batch: counts and error lines must
//    match the per-variant results.
// 2. validateMany on 100,000-line batches with bad lines at known positions (invalid payloads,
//    lines that are not JSON, blank lines, CRLF), as a string and as UTF-8 bytes, with a large and
//    a small maxErrors.
//
// Documented deviations from ajv (docs/engine.md, "Where it differs from ajv") that the generator avoids, and a
// filter skips (counted and printed with its reason) should one slip through:
//   - date-time is strict RFC 3339: numeric offsets without a colon ("+08", "+0800") and an hour of
//     24 or a minute of 60 are rejected where ajv-formats accepts them;
//   - lone surrogates ("\uD800") are not JSON to the engine;
//   - property names of Object.prototype members (toString, constructor, __proto__, ...): ajv sees
//     inherited members.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { clone, isObj, mulberry32 } from "./support.mjs";

const require = createRequire(import.meta.url);
const m = require("../../pkg");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const ajv = new Ajv({ allErrors: true, strict: false }); // strict: false also ignores `errorMessage`
addFormats(ajv);
const ajvDateTime = ajv.formats["date-time"].validate ?? ajv.formats["date-time"];

const VARIANTS_PER_CONTRACT = 10_000;
const BATCH_LINES = 100_000;

// --- Seed samples (valid ones for each contract) ---------------------------------------------
const CHARGEBEE_RESOURCE = { from_site: "yourapp", entity_type: "customer", entity_id: "test123", status: "failed", created_at: 1528093653, updated_at: 1528093653, object: "resource_migration" };
const FUSEBILL = {
  customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", earningOption: "Full",
  nameOverrideOption: "Transfer", descriptionOverrideOption: "Transfer", referenceOption: "Transfer", expiryOption: "Transfer",
  customFieldsOption: "Transfer", contractStartOption: "DoNotTransfer", contractEndOption: "DoNotTransfer", scheduledMigrationDate: "2020-05-10",
};
const BILLFORWARD = { productRatePlan: "PRP-GOLD", product: "PRD-1", nextSubscriptionName: "n", invoicingType: "Immediate", pricingBehaviour: "Full", mappings: [{ pricingComponent: "seats", value: 5 }], dryRun: true };
const BILLFORWARD_AMENDMENT = { "@type": "ProductRatePlanMigrationAmendment", id: "AMD-1", state: "Pending", actioningTime: "2024-05-01T10:00:00Z" };
const PISMO_OUTGOING = {
  operation: "UPDATE", status: "SUCCESS", code: "MIGR-0001", message: "Customer migration registration approved",
  migration: { id: "migration-id", account_id: "account-migration-id", version_date: "2021-08-11T11:25:00.000Z", phase_id: "Rollout_Jan2022" },
  entity: { account_id: 9999, customer_id: 1234 },
};
const PISMO_INCOMING = { migration: { id: "31a2d", account_id: "a7c3f", version_date: "2023-10-03T17:25:45Z" }, entity: { name: "Super Mario Bros", document_number: "59769445746" }, social_name: "Mario Bros", is_active: true };

const SEEDS = {
  "chargebee/resource_migration": [
    CHARGEBEE_RESOURCE,
    { from_site: "merchant-test", entity_type: "customer", entity_id: "cust_😀", status: "scheduled", created_at: 0, updated_at: 1700000000 },
    { ...CHARGEBEE_RESOURCE, status: "succeeded", errors: "", extra_field: { nested: [1] } },
  ],
  "chargebee/retrieve_latest": [
    { from_site: "merchant-test", entity_type: "customer", entity_id: "test123" },
    { from_site: "abcd", entity_type: "customer", entity_id: "x" },
  ],
  "chargebee/retrieve_latest_result": [
    { resource_migration: CHARGEBEE_RESOURCE },
    { resource_migration: { from_site: "merchant-test", entity_type: "customer", entity_id: "c-1", status: "scheduled", created_at: 1, updated_at: 2 }, next_offset: "x" },
  ],
  "fusebill/subscription_migrate": [
    FUSEBILL,
    { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now" },
    { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "NextBillingPeriod", earningOption: "FamilyDefault", scheduledMigrationDate: "2020-05-10T10:00:00Z" },
    { ...FUSEBILL, scheduledMigrationDate: "2026-12-01T00:00:00.5+05:30", expiryOption: "FamilyDefault" },
  ],
  "billforward/migration_request": [
    BILLFORWARD,
    { productRatePlan: "PRP-GOLD" },
    { productRatePlan: "p", nextSubscriptionDescription: "d 😀", pricingBehaviour: "DifferenceProRated", mappings: [], dryRun: false },
    { ...BILLFORWARD, mappings: [{ pricingComponent: "seats", value: 0, id: "PCM-1", changedBy: "admin", created: "2024-05-01T10:00:00Z" }, { pricingComponent: "gb", value: 12 }] },
  ],
  "billforward/migration_amendment": [
    BILLFORWARD_AMENDMENT,
    { state: "Succeeded" },
    { ...BILLFORWARD_AMENDMENT, state: "Failed", subscriptionID: "SUB-1", productRatePlanID: "PRP-1", created: "2024-04-30T09:00:00.123-07:00", extra: [1, 2] },
  ],
  "pismo/customer_outgoing/1": [
    PISMO_OUTGOING,
    { status: "FAIL", code: "MIGR-0002", message: "", migration: { id: "m", account_id: "a", version_date: "2022-01-01T00:00:00Z" } },
  ],
  "pismo/customer_incoming/1": [
    PISMO_INCOMING,
    { migration: { id: "", account_id: "", version_date: "2023-10-03t17:25:45.5+01:00" }, entity: {} },
    { ...PISMO_INCOMING, entity: { ...PISMO_INCOMING.entity, birth_date: "2022-01-01", gender: "M", mother_name: "Mamma Mia", marital_status: "single", registration: "R-1", extra: 1 }, email: "mario@example.com", more: null },
  ],
};

// --- The oracles (tests/data/oracles/) -------------------------------------------------------------
const ORACLE_DIR = fileURLToPath(new URL("../data/oracles/", import.meta.url));
const oracleFile = (id) => `${id.replaceAll("/", "__")}.schema.json`;
/** Every oracle document by file name; ajv knows them all by $id, so one may $ref another's file. */
const ORACLE_DOCS = new Map(readdirSync(ORACLE_DIR).filter((f) => f.endsWith(".schema.json")).map((f) => [f, JSON.parse(readFileSync(join(ORACLE_DIR, f), "utf8"))]));
for (const doc of ORACLE_DOCS.values()) ajv.addSchema(doc);
/** ajv's validate function for a contract's oracle. */
const oracle = (id) => ajv.getSchema(ORACLE_DOCS.get(oracleFile(id))?.$id ?? `no oracle for ${id}`);
/** The oracle as one document (references to other oracle files inlined), for the generator to navigate. */
function oracleDocument(id) {
  const inline = (s) => {
    if (Array.isArray(s)) return s.map(inline);
    if (!isObj(s)) return s;
    if (typeof s.$ref === "string" && ORACLE_DOCS.has(s.$ref)) return inline(ORACLE_DOCS.get(s.$ref));
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(v)]));
  };
  return inline(ORACLE_DOCS.get(oracleFile(id)));
}

// --- Comparing leaf errors ------------------------------------------------------------------------
/** Errors that only summarise their branches' errors (see the header): not compared. */
const SUMMARY_KEYWORDS = new Set(["anyOf", "oneOf", "if"]);
/** JSON with object keys sorted, so that params compare whatever order they were built in. */
const canonical = (v) => JSON.stringify(v, (_, x) => (isObj(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
const leafKey = (e) => `${e.instancePath} ${e.keyword} ${canonical(e.params)}`;
const leaves = (errors) => errors.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword)).map(leafKey).sort();
/** a minus b, as multisets of strings. */
function minus(a, b) {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/**
 * Fields the reference leaves open (no rule at all) where the implementation has rules of its own:
 * the implementation's errors at or below these instancePaths are not compared.
 */
const NOT_IN_REFERENCE = {
  // billing-contracts.md:69-70 describes only the amendment's state; the seeds carry these fields.
  "billforward/migration_amendment": /^\/(@type|id|subscriptionID|productRatePlanID|actioningTime)(\/|$)/,
  // billing-contracts.md:67 names id and changedBy of a PricingComponentMigrationValue without a type.
  "billforward/migration_request": /^\/mappings\/\d+\/(id|changedBy)(\/|$)/,
};
const notInReference = (id, error) => NOT_IN_REFERENCE[id]?.test(error.instancePath) ?? false;

/**
 * Bounds the contracts add on purpose beyond the reference (docs/billing-contracts.md):
 * [name, contract ids, does this leaf error belong to it].
 */
const BUG_EMPTY_ENTITY_ID = "chargebee: an empty entity_id is refused (reference: a string of at most 100 characters)";
const BUG_TIMESTAMPS_BEFORE_1970 = "chargebee: a created_at or updated_at before 1970 is refused (reference: UTC timestamps in whole seconds)";
const BUG_FUSEBILL_IDS_BELOW_1 = "fusebill: a customerId or planFamilyRelationshipId below 1 is refused (reference: a required integer)";
const BUG_BILLFORWARD_EMPTY_STRINGS = "billforward: an empty productRatePlan, product or pricingComponent is refused (reference: a string)";
const BUG_BILLFORWARD_NEGATIVE_VALUE = "billforward: a negative mappings value is refused (reference: a required integer)";
const CHARGEBEE_RESOURCE_IDS = ["chargebee/resource_migration", "chargebee/retrieve_latest_result"];
const BEYOND_REFERENCE = [
  [BUG_EMPTY_ENTITY_ID, [...CHARGEBEE_RESOURCE_IDS, "chargebee/retrieve_latest"], (key) => /^(\/resource_migration)?\/entity_id minLength \{"limit":1\}$/.test(key)],
  [BUG_TIMESTAMPS_BEFORE_1970, CHARGEBEE_RESOURCE_IDS, (key) => /^(\/resource_migration)?\/(created_at|updated_at) minimum \{"comparison":">=","limit":0\}$/.test(key)],
  [BUG_FUSEBILL_IDS_BELOW_1, ["fusebill/subscription_migrate"], (key) => /^\/(customerId|planFamilyRelationshipId) minimum \{"comparison":">=","limit":1\}$/.test(key)],
  [BUG_BILLFORWARD_EMPTY_STRINGS, ["billforward/migration_request"], (key) => /^\/(productRatePlan|product|mappings\/\d+\/pricingComponent) minLength \{"limit":1\}$/.test(key)],
  [BUG_BILLFORWARD_NEGATIVE_VALUE, ["billforward/migration_request"], (key) => /^\/mappings\/\d+\/value minimum \{"comparison":">=","limit":0\}$/.test(key)],
];
const beyondReference = (id, key) => BEYOND_REFERENCE.find(([, ids, matches]) => ids.includes(id) && matches(key))?.[0];

/**
 * Compares one variant: null when both agree, else why not. `counts` collects the variants whose
 * only differences are NOT_IN_REFERENCE fields or BEYOND_REFERENCE.
 */
function compareWithOracle(id, ajvValid, ajvErrors, ours, counts) {
  const compared = ours.errors.filter((e) => !notInReference(id, e));
  const ignored = ours.errors.length - compared.length;
  const a = leaves(ajvErrors);
  const o = leaves(compared);
  // On both sides an invalid verdict rests on at least one leaf error, so comparing the leaves
  // compares the verdicts too.
  if (ajvValid === a.length > 0) return { why: "ajv's verdict without a leaf error" };
  if (!ours.valid && o.length === 0 && ignored === 0) return { why: "validateContract's verdict without a leaf error" };
  const onlyOracle = minus(a, o);
  const onlyOurs = minus(o, a);
  const bugs = onlyOurs.map((key) => beyondReference(id, key));
  if (onlyOracle.length || bugs.includes(undefined)) return { onlyOracle, onlyOurs };
  for (const name of new Set(bugs)) counts.set(name, (counts.get(name) ?? 0) + 1);
  if (ignored && !bugs.length) counts.set("not in the reference", (counts.get("not in the reference") ?? 0) + 1);
  return null;
}

/** Each shipped contract document, as ajv compiles it (to show it is standard draft-07). */
const ajvCompiled = new Map();
function schemaForAjv(id) {
  if (!ajvCompiled.has(id)) ajvCompiled.set(id, compileForAjv(id));
  return ajvCompiled.get(id);
}
function compileForAjv(id) {
  const schema = m.contractSchema(id);
  const removed = [];
  // pismo/customer_incoming/1 declares "$schema": "https://json-schema.org/draft/2019-09/schema",
  // which the draft-07 Ajv class cannot resolve ("no schema with key or ref"): it is removed. The
  // document uses only keywords draft-07 also has. Every other contract's $schema is draft-07.
  if (typeof schema.$schema === "string" && !ajv.getSchema(schema.$schema)) {
    delete schema.$schema;
    removed.push("$schema");
  }
  // pismo/customer_outgoing/1 has a root "$id" (https://pismo.io/...) and "$id"s like
  // "#/properties/code" on its subschemas; ajv compiles them as they are, so no $id is removed
  // today. Should one stop ajv compiling, the root $id is removed and this is reported.
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    if (!("$id" in schema)) throw e;
    delete schema.$id;
    removed.push("$id");
    validate = ajv.compile(schema);
  }
  return { validate, removed };
}

// --- Documented deviations (skipped, counted, with a reason) ---------------------------------------
function deviationReason(value) {
  let reason = null;
  const walk = (v) => {
    if (reason) return;
    if (typeof v === "string") {
      if (/[\uD800-\uDFFF]/u.test(v)) { reason = "lone surrogate in a string"; return; }
      if (!ajvDateTime(v)) return;
      const t = /(\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:z|([+-])(\d\d)(?::?(\d\d))?)$/i.exec(v);
      if (!t) return;
      if (t[4] !== undefined && !/[+-]\d\d:\d\d$/.test(v)) reason = "date-time offset without a colon";
      else if (Number(t[1]) > 23 || Number(t[2]) > 59) reason = "date-time hour 24 / minute 60";
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k in Object.prototype) { reason = `property name of an Object.prototype member (${k})`; return; }
        if (/[\uD800-\uDFFF]/u.test(k)) { reason = "lone surrogate in a property name"; return; }
        walk(x);
      }
    }
  };
  walk(value);
  return reason;
}

// --- Schema navigation -----------------------------------------------------------------------------
function resolveRef(root, ref) {
  if (!ref.startsWith("#")) return null;
  let s = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const seg = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    s = s?.[seg];
  }
  return s ?? null;
}
function deref(root, s) {
  for (let i = 0; isObj(s) && typeof s.$ref === "string" && i < 16; i++) s = resolveRef(root, s.$ref);
  return s;
}
/** The subschema that applies to the value at `path` (keys and indices), or null. */
function subschemaAt(root, path) {
  let s = deref(root, root);
  for (const seg of path) {
    if (!isObj(s)) return null;
    if (typeof seg === "number") s = isObj(s.items) ? s.items : null;
    else s = s.properties?.[seg] ?? null;
    s = deref(root, s);
  }
  return isObj(s) ? s : null;
}
/** Everything a schema says that the generator can aim at: keys, enum values, formats. */
function vocabulary(root) {
  const keys = new Set();
  const enumValues = [];
  const walk = (s) => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (!isObj(s)) return;
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties" && isObj(v)) Object.keys(v).forEach((n) => keys.add(n));
      if (k === "required" && Array.isArray(v)) v.forEach((n) => keys.add(n));
      if (k === "enum" && Array.isArray(v)) enumValues.push(...v);
      if (k === "const") enumValues.push(v);
      if (k !== "examples" && typeof v === "object") walk(v);
    }
  };
  walk(root);
  return { keys: [...keys].filter((k) => !(k in Object.prototype)), enumValues };
}

// --- Material: names, strings, numbers, dates ------------------------------------------------------
const EXTRA_KEYS = ["a", "x", "id", "name", "value", "extra", "Extra", "_links", "", " ", "ä", "😀", "a/b", "a~b", "0", "null", "with space", "$id", "@type", "type", "status_code", "customer", "items"];
const CHARS = ["a", "Z", "0", " ", "é", "ß", "中", "😀", "𝄞", "𠀀", "\u0000", "\n", "\t", "-", "_", ":", "\"", "\\", "\u2028", "\uFFFF"];
const LENGTHS = [0, 1, 2, 3, 4, 5, 49, 50, 51, 99, 100, 101];
const NUMBERS = [0, -1, 1, 2, 1.5, -1.5, 0.5, 0.1, 1e-7, -0.000001, 100, 9999, 1234, 407766, 12874295, 1528093653, 2147483648, 4294967296, 2 ** 53, 2 ** 53 + 2, 1e21, -1e21, 1.7976931348623157e308, 5e-324, 123456789012345680000];

const pad = (n, w = 2) => String(n).padStart(w, "0");
const GOOD_DATES = ["2020-05-10", "2000-02-29", "2024-02-29", "1970-01-01", "9999-12-31", "2021-12-31", "2020-01-01", "0001-01-01"];
const BAD_DAYS = ["2020-02-30", "2021-02-29", "2100-02-29", "2020-04-31", "2020-06-31", "2020-09-31", "2020-11-31", "2020-01-32", "2020-01-00", "2020-00-10", "2020-13-01", "2020-99-99"];
const BAD_DATE_FORMS = ["2020-5-10", "20-05-10", "2020/05/10", "10-05-2020", "2020-05-10Z", "2020-05", "20200510", "+002020-05-10", " 2020-05-10", "2020-05-10 ", "2020-05-1O", "２０２０-05-10", "2020-05-10T", ""];
// Times keep hours 0..23 and minutes 0..59, and offsets keep their colon (documented deviations).
const TIMES = ["00:00:00", "10:00:00", "23:59:59", "12:30:45", "23:59:60", "00:00:60", "12:00:61", "12:00:99", "1:00:00", "10:00", "10:00:0", "25:00:00", "23:99:00"];
const FRACTIONS = ["", "", ".000", ".5", ".123456789", ".", ".x"];
const ZONES = ["Z", "Z", "z", "+00:00", "-00:00", "+05:30", "-08:00", "+23:59", "-23:59", "+24:00", "-00:60", "", "", "UTC", "+1:00", "+01:0", " Z", "Zz"];
const SEPARATORS = ["T", "T", "T", "t", " ", "_", "", "TT"];

function dateMaterial(rnd, kind) {
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const date = () => (rnd() < 0.5 ? pick(GOOD_DATES) : rnd() < 0.75 ? pick(BAD_DAYS) : pick(BAD_DATE_FORMS));
  const dateTime = (d = date()) => `${d}${pick(SEPARATORS)}${pick(TIMES)}${pick(FRACTIONS)}${pick(ZONES)}`;
  const r = rnd();
  if (kind === "date" && r < 0.6) return date();
  if (kind === "date-time" && r < 0.6) return dateTime();
  if (r < 0.7) return date(); // a date where a date-time is due, and the other way round
  if (r < 0.9) return dateTime(pick(GOOD_DATES)); // a good day with a broken or missing zone
  return `${pad(Math.floor(rnd() * 24))}:${pad(Math.floor(rnd() * 60))}:00Z`; // a time alone
}

const toSnake = (k) => k.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
const toCamel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// --- The generator ---------------------------------------------------------------------------------
function generator(seed, schema, seeds) {
  const rnd = mulberry32(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const vocab = vocabulary(schema);
  const hasTiming = !!subschemaAt(schema, ["migrationTimingOption"]);
  const safeKey = (k) => (k in Object.prototype ? `${k}_` : k);
  const stats = new Map(); // mutation category → times used
  const note = (category) => stats.set(category, (stats.get(category) ?? 0) + 1);

  const stringOfLength = (n) => {
    const mode = int(5);
    const one = mode === 0 ? () => "a" : mode === 1 ? () => "😀" : mode === 2 ? () => pick(["a", "😀"]) : mode === 3 ? () => pick(["é", "中", "𠀀"]) : () => pick(CHARS);
    return Array.from({ length: n }, one).join("");
  };
  const randomString = () => {
    const r = int(6);
    if (r === 0) return dateMaterial(rnd);
    if (r === 1) return stringOfLength(pick(LENGTHS));
    if (r === 2 && vocab.enumValues.length) return String(pick(vocab.enumValues));
    return stringOfLength(int(8));
  };
  const randomValue = (depth = 0) => {
    const r = int(12);
    if (r < 2) return randomString();
    if (r < 4) return pick(NUMBERS);
    if (r < 5) return pick([true, false, null]);
    if (r < 6 && vocab.enumValues.length) return clone(pick(vocab.enumValues));
    if (r < 7 && depth < 2) return Array.from({ length: int(3) }, () => randomValue(depth + 1));
    if (r < 8 && depth < 2) return Object.fromEntries(Array.from({ length: int(3) }, () => [pick(EXTRA_KEYS), randomValue(depth + 1)]));
    return clone(pick(seeds.flatMap((s) => Object.values(s))));
  };
  const retype = (node) => {
    note("retype");
    const options = [
      () => "x", () => "", () => randomString(), // string
      () => pick([1.5, -2.5, 0.1]), // number
      () => pick([0, 7, -1, 1e21]), // integer
      () => (typeof node === "number" ? String(node) : pick(["123", "1.5", "0", "1e21", "-1"])), // numeric string
      () => pick([true, false]), () => null,
      () => [], () => [node], () => [1, "a"],
      () => ({}), () => ({ value: node }), () => ({ [pick(vocab.keys)]: node }),
    ];
    return pick(options)();
  };
  const renameKey = (k) => {
    const chars = Array.from(k);
    const i = int(Math.max(chars.length, 1));
    switch (int(9)) {
      case 0: if (chars.length > 1) { const j = Math.min(i + 1, chars.length - 1); [chars[i], chars[j]] = [chars[j], chars[i]]; } return chars.join(""); // typo: swap
      case 1: chars.splice(i, 1); return chars.join(""); // typo: drop a letter
      case 2: chars.splice(i, 0, chars[i] ?? "x"); return chars.join(""); // typo: double a letter
      case 3: return k.toUpperCase();
      case 4: return k.toLowerCase();
      case 5: return k.charAt(0).toUpperCase() + k.slice(1);
      case 6: return toSnake(k) !== k ? toSnake(k) : toCamel(k) !== k ? toCamel(k) : `${k}_`;
      case 7: return toCamel(k) !== k ? toCamel(k) : `${k}Id`;
      default: return ` ${k}`;
    }
  };
  const places = (root) => {
    const out = [[null, null, root, []]];
    const walk = (v, path) => {
      if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i, x, [...path, i]]); walk(x, [...path, i]); });
      else if (isObj(v)) for (const [k, x] of Object.entries(v)) { out.push([v, k, x, [...path, k]]); walk(x, [...path, k]); }
    };
    walk(root, []);
    return out;
  };

  const mutateObject = (node, sub) => {
    const names = Object.keys(node);
    const r = int(100);
    if (r < 20 && names.length) { note("drop"); delete node[pick(names)]; return node; } // drop a field
    if (r < 28 && sub?.required?.length) { note("drop"); delete node[pick(sub.required)]; return node; } // drop a required field
    if (r < 43 && names.length) { // rename a field
      note("rename");
      const from = pick(names);
      const value = node[from];
      delete node[from];
      node[safeKey(renameKey(from))] = value;
      return node;
    }
    if (r < 60) { note("add"); node[safeKey(rnd() < 0.5 ? pick(vocab.keys) : pick(EXTRA_KEYS))] = randomValue(1); return node; } // add a property
    if (r < 66) { note("add"); for (let i = 1 + int(4); i > 0; i--) node[safeKey(pick(EXTRA_KEYS) + int(9))] = randomValue(1); return node; } // add several
    if (r < 72 && sub?.properties) { // add a missing known property with some value
      note("add");
      const k = pick(Object.keys(sub.properties));
      node[k] = rnd() < 0.5 ? clone(pick(seeds.map((s) => s[k]).filter((v) => v !== undefined).concat([randomValue(1)]))) : randomValue(1);
      return node;
    }
    if (r < 80) { note("empty object"); return {}; }
    return retype(node);
  };
  const mutateArray = (node, sub) => {
    const r = int(100);
    if (r < 20) { note("empty array"); return []; }
    if (r < 35 && node.length) { note("extend array"); node.push(clone(pick(node))); return node; } // extend with a copy
    if (r < 50) { note("extend array"); node.push(randomValue(1)); return node; } // extend with anything
    if (r < 70 && node.length) { note("shorten array"); node.splice(int(node.length), 1); return node; }
    if (r < 80) { // extend to a length
      note("extend array");
      const base = node.length ? node : [isObj(sub?.items) ? { pricingComponent: "x", value: 1 } : randomValue(1)];
      return Array.from({ length: pick([2, 3, 10, 51]) }, (_, i) => clone(base[i % base.length]));
    }
    return retype(node);
  };
  const mutateString = (node, sub) => {
    const r = int(100);
    const enumValues = sub?.enum ?? (sub && "const" in sub ? [sub.const] : null);
    const format = sub?.format ?? sub?.anyOf?.find((b) => b.format)?.format;
    if (enumValues && r < 30) { // enum/const: swap in an allowed value, change its case, pad it
      note("enum");
      const v = String(pick(enumValues));
      return pick([() => v, () => v, () => v, () => v.toLowerCase(), () => v.toUpperCase(), () => v.charAt(0).toUpperCase() + v.slice(1), () => ` ${v}`, () => `${v} `, () => String(pick(vocab.enumValues))])();
    }
    if (r < 22) { // stretch to a length limit of this field, or a usual one
      note("stretch");
      const limits = [sub?.minLength, sub?.maxLength].filter((x) => typeof x === "number").flatMap((x) => [x - 1, x, x + 1]).filter((x) => x >= 0 && x < 70000);
      return stringOfLength(limits.length && rnd() < 0.6 ? pick(limits) : pick(LENGTHS));
    }
    if (r < 30) return note("cut string"), Array.from(node).slice(0, int(Array.from(node).length + 1)).join(""); // cut (by code point)
    if (r < 36) return note("stretch"), node + pick(CHARS).repeat(1 + int(3)); // grow
    if (r < 68 && format) return note("date"), dateMaterial(rnd, format);
    if (r < 72) return note("date"), dateMaterial(rnd);
    if (r < 78 && vocab.enumValues.length) return note("enum"), String(pick(vocab.enumValues));
    if (r < 82) return note("case change"), rnd() < 0.5 ? node.toUpperCase() : node.toLowerCase();
    return retype(node);
  };
  const mutateNumber = (node) => {
    const r = int(100);
    if (r < 45) return note("number boundary"), pick(NUMBERS);
    if (r < 55) return note("number boundary"), node + pick([1, -1, 0.5, -0.5]);
    if (r < 60) return note("number boundary"), -node;
    if (r < 70) return note("retype"), String(node); // numeric string
    return retype(node);
  };
  /** Fusebill: every combination of timing option and scheduled date. */
  const timing = (node) => {
    if (!isObj(node)) return node;
    note("timing");
    node.migrationTimingOption = pick(["Now", "SpecificDate", "NextBillingPeriod", "Now", "SpecificDate", "NextBillingPeriod", "now", "Specificdate", "NEXTBILLINGPERIOD", "", null, undefined]);
    // Half the time the date fits the option (absent for Now, present for SpecificDate).
    const fitting = node.migrationTimingOption === "Now" ? [undefined] : node.migrationTimingOption === "SpecificDate" ? ["2020-05-10", "2020-05-10T10:00:00Z", pick(GOOD_DATES)] : [undefined, "2020-05-10"];
    const date = rnd() < 0.5 ? pick(fitting) : pick([undefined, "2020-05-10", "2020-05-10T10:00:00Z", "2026-12-01T00:00:00.5+05:30", dateMaterial(rnd), dateMaterial(rnd, "date"), null, 20200510, "", ["2020-05-10"]]);
    if (date === undefined) delete node.scheduledMigrationDate;
    else node.scheduledMigrationDate = date;
    if (node.migrationTimingOption === undefined) delete node.migrationTimingOption;
    return node;
  };

  const next = () => {
    let value = clone(pick(seeds));
    const r = rnd();
    const count = r < 0.03 ? 0 : r < 0.5 ? 1 : r < 0.8 ? 2 : 3;
    for (let i = 0; i < count; i++) {
      if (hasTiming && rnd() < 0.15) { value = timing(value); continue; }
      const [parent, k, node, path] = pick(places(value));
      const sub = subschemaAt(schema, path);
      let next;
      if (isObj(node)) next = mutateObject(node, sub);
      else if (Array.isArray(node)) next = mutateArray(node, sub);
      else if (typeof node === "string") next = mutateString(node, sub);
      else if (typeof node === "number") next = mutateNumber(node);
      else next = retype(node);
      if (parent === null) value = next;
      else parent[k] = next;
    }
    return JSON.parse(JSON.stringify(value)); // exactly the JSON both engines (and the NDJSON) see
  };
  next.stats = stats;
  return next;
}

/** The most frequent kinds of disagreement (array indices generalised), for the failure message. */
function disagreementKinds(disagreements) {
  const kinds = new Map();
  for (const d of disagreements) {
    const kind = JSON.stringify({ why: d.why, onlyOracle: d.onlyOracle, onlyOurs: d.onlyOurs }).replace(/\/\d+/g, "/N");
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `  ${n} × ${k}`).join("\n");
}

// --- Running one contract --------------------------------------------------------------------------
const runs = new Map();
function runContract(id, seedNumber) {
  if (runs.has(id)) return runs.get(id);
  const started = performance.now();
  const ajvValidate = oracle(id);
  const next = generator(seedNumber, oracleDocument(id), SEEDS[id]);
  const seen = new Set();
  const variants = [];
  const results = [];
  const skipped = new Map();
  const excused = new Map(); // NOT_IN_REFERENCE and BEYOND_REFERENCE → variants
  const disagreements = [];
  let valid = 0;
  let attempts = 0;
  for (; variants.length < VARIANTS_PER_CONTRACT && attempts < VARIANTS_PER_CONTRACT * 10; attempts++) {
    const value = next();
    const text = JSON.stringify(value);
    if (seen.has(text)) continue; // distinct variants only
    seen.add(text);
    const reason = deviationReason(value);
    if (reason) { skipped.set(reason, (skipped.get(reason) ?? 0) + 1); if (process.env.SHOW_SKIPPED) console.log(reason, text); continue; }
    const ajvValid = ajvValidate(value);
    const ajvErrors = ajvValidate.errors ?? [];
    const ours = m.validateContract(id, value);
    variants.push(value);
    results.push(ours);
    if (ours.valid) valid++;
    const difference = compareWithOracle(id, ajvValid, ajvErrors, ours, excused);
    if (difference) disagreements.push({ value, ajv: ajvValid, ours: ours.valid, ...difference, ajvErrors, ourErrors: ours.errors });
  }
  const run = { id, variants, results, valid, invalid: variants.length - valid, skipped, excused, disagreements, attempts, stats: next.stats, ms: Math.round(performance.now() - started) };
  runs.set(id, run);
  return run;
}

// --- 1. Every contract against ajv, and the same variants through validateMany --------------------
const IDS = m.contractIds();

test("contractIds() lists exactly the documented contracts, and every one has seeds here", () => {
  assert.deepEqual([...IDS].sort(), Object.keys(SEEDS).sort());
});

test("every contract has an oracle, and every rule of an oracle cites the reference or a seed", () => {
  assert.deepEqual([...ORACLE_DOCS.keys()].sort(), IDS.map(oracleFile).sort(), "one oracle per contract id, no other");
  for (const [file, doc] of ORACLE_DOCS) {
    assert.equal(doc.$id, `https://oracles.invalid/${file}`, `${file}: $id`);
    // The root, each property, each definition and each allOf member cite where their rules come from.
    const uncited = [];
    const walk = (s, where) => {
      if (!/\b(ref|seed\d{3}):\d+/.test(s.$comment ?? "")) uncited.push(where);
      for (const k of ["properties", "definitions"]) for (const [n, sub] of Object.entries(s[k] ?? {})) walk(sub, `${where}/${k}/${n}`);
      (s.allOf ?? []).forEach((sub, i) => walk(sub, `${where}/allOf/${i}`));
    };
    walk(doc, "#");
    assert.deepEqual(uncited, [], `${file}: schemas with rules but no citation`);
  }
});

test("contract seeds are valid for the oracle (ajv) and for validateContract", () => {
  for (const id of IDS) {
    const validate = oracle(id);
    for (const s of SEEDS[id]) {
      assert.equal(validate(s), true, `${id}: the oracle accepts ${JSON.stringify(s)}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(m.validateContract(id, s).errors, [], `${id}: validateContract accepts ${JSON.stringify(s)}`);
    }
  }
});

test("each shipped contract document is standard draft-07: ajv compiles it; only the unresolvable 2019-09 $schema is removed", () => {
  const removed = Object.fromEntries(IDS.map((id) => [id, schemaForAjv(id).removed]));
  for (const id of IDS) assert.deepEqual(removed[id], id === "pismo/customer_incoming/1" ? ["$schema"] : [], id);
  // It judges the seeds as the oracle does.
  for (const id of IDS) for (const s of SEEDS[id]) assert.equal(schemaForAjv(id).validate(s), true, `${id}: ${JSON.stringify(s)}`);
});

test("the generator is deterministic (same seed, same variants)", () => {
  const id = "fusebill/subscription_migrate";
  const a = generator(42, oracleDocument(id), SEEDS[id]);
  const b = generator(42, oracleDocument(id), SEEDS[id]);
  for (let i = 0; i < 500; i++) assert.equal(JSON.stringify(a()), JSON.stringify(b()));
});

let contractSeed = 0xc0de;
for (const id of IDS) {
  const s = contractSeed++;
  test(`${id}: ${VARIANTS_PER_CONTRACT} distinct generated variants agree with the oracle (verdict; instancePath, keyword and params of every leaf error)`, (t) => {
    const r = runContract(id, s);
    const listed = (counts) => [...counts].map(([reason, n]) => `${n} × ${reason}`).join(", ") || "none";
    t.diagnostic(`${id}: ${r.variants.length} distinct variants from ${r.attempts} draws (${r.valid} valid, ${r.invalid} invalid, ${r.disagreements.length} disagreements) in ${r.ms} ms; skipped: ${listed(r.skipped)}; excused: ${listed(r.excused)}`);
    t.diagnostic(`${id}: mutations applied: ${[...r.stats].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ")}`);
    assert.equal(r.variants.length, VARIANTS_PER_CONTRACT, `${id}: enough distinct variants`);
    // Every mutation category the contract's seeds allow is exercised substantially.
    const has = (pred) => SEEDS[id].some(function walk(v) { return pred(v) || (v !== null && typeof v === "object" && Object.values(v).some(walk)); });
    const categories = ["drop", "retype", "rename", "add", "empty object", "stretch", "cut string", "date", "case change"];
    if (vocabulary(oracleDocument(id)).enumValues.length) categories.push("enum"); // pismo/customer_incoming/1 has no enum
    if (has((v) => typeof v === "number")) categories.push("number boundary");
    if (has((v) => Array.isArray(v) && v.some(isObj))) categories.push("empty array", "extend array", "shorten array");
    if (id === "fusebill/subscription_migrate") categories.push("timing");
    for (const c of categories) assert.ok((r.stats.get(c) ?? 0) >= 100, `${id}: mutation category "${c}" used ${r.stats.get(c) ?? 0} times`);
    assert.ok(r.valid >= VARIANTS_PER_CONTRACT * 0.03, `${id}: only ${r.valid} valid variants`);
    assert.ok(r.invalid >= VARIANTS_PER_CONTRACT * 0.3, `${id}: only ${r.invalid} invalid variants`);
    const skippedTotal = [...r.skipped.values()].reduce((a, b) => a + b, 0);
    assert.ok(skippedTotal <= VARIANTS_PER_CONTRACT * 0.01, `${id}: ${skippedTotal} variants skipped (the generator should avoid the deviations)`);
    if (r.disagreements.length) {
      const shown = r.disagreements
        .sort((a, b) => JSON.stringify(a.value).length - JSON.stringify(b.value).length)
        .slice(0, 3)
        .map((d) => JSON.stringify(d, null, 1))
        .join("\n");
      assert.fail(`${id}: ${r.disagreements.length} disagreements with the oracle; by kind:\n${disagreementKinds(r.disagreements)}\nsmallest:\n${shown}`);
    }
  });

  test(`${id}: the same variants as one NDJSON batch through validateMany match validateContract line by line`, () => {
    const r = runContract(id, s);
    const text = r.variants.map((v) => JSON.stringify(v)).join("\n");
    const batch = m.validateMany(id, text, { maxErrors: 10_000_000 });
    assert.equal(batch.total, r.variants.length);
    assert.equal(batch.valid, r.valid);
    assert.equal(batch.invalid, r.invalid);
    assert.equal(batch.truncated, false);
    const expectedLines = r.results.flatMap((res, i) => (res.valid ? [] : [i + 1]));
    const byLine = new Map();
    for (const { line, ...error } of batch.errors) {
      if (!byLine.has(line)) byLine.set(line, []);
      byLine.get(line).push(error);
    }
    assert.deepEqual([...byLine.keys()], expectedLines, "error lines are exactly the invalid variants, in order");
    for (const line of expectedLines) {
      assert.deepEqual(byLine.get(line), r.results[line - 1].errors, `line ${line}: ${JSON.stringify(r.variants[line - 1])}`);
    }
    assert.equal(batch.errors.length, r.results.reduce((n, res) => n + res.errors.length, 0));

    // Without options at most 1000 errors (the default) come back, the first ones; counts stay exact.
    const head = r.variants.slice(0, 2000);
    const headErrors = r.results.slice(0, 2000).reduce((n, res) => n + res.errors.length, 0);
    assert.ok(headErrors > 1000, "the first 2000 variants hold more than 1000 errors");
    const capped = m.validateMany(id, head.map((v) => JSON.stringify(v)).join("\r\n"));
    assert.equal(capped.truncated, true);
    assert.deepEqual([capped.total, capped.valid, capped.invalid], [2000, r.results.slice(0, 2000).filter((res) => res.valid).length, r.results.slice(0, 2000).filter((res) => !res.valid).length]);
    assert.deepEqual(capped.errors, batch.errors.slice(0, 1000));
  });
}

// --- Where the implementation and the reference part ways ------------------------------------------

test("rules of fields the reference leaves open (NOT_IN_REFERENCE): the implementation's own, pinned as they are", () => {
  const amendment = "billforward/migration_amendment";
  const request = "billforward/migration_request";
  const leafOf = (id, payload) => m.validateContract(id, payload).errors.map(leafKey);
  const cases = [
    [amendment, { state: "Pending", "@type": "Amendment" }, ['/@type const {"allowedValue":"ProductRatePlanMigrationAmendment"}']],
    [amendment, { state: "Pending", id: "" }, ['/id minLength {"limit":1}']],
    [amendment, { state: "Pending", subscriptionID: 7 }, ['/subscriptionID type {"type":"string"}']],
    [amendment, { state: "Pending", productRatePlanID: "" }, ['/productRatePlanID minLength {"limit":1}']],
    [amendment, { state: "Pending", actioningTime: "2024-05-01" }, ['/actioningTime format {"format":"date-time"}']],
    [request, { productRatePlan: "p", mappings: [{ pricingComponent: "c", value: 1, id: 1, changedBy: null }] }, ['/mappings/0/id type {"type":"string"}', '/mappings/0/changedBy type {"type":"string"}']],
  ];
  for (const [id, payload, want] of cases) {
    assert.deepEqual(leafOf(id, payload), want, `${id}: ${JSON.stringify(payload)}`);
    assert.equal(oracle(id)(payload), true, `${id}: the oracle has no rule here: ${JSON.stringify(payload)}`);
    assert.ok(m.validateContract(id, payload).errors.every((e) => notInReference(id, e)), "the differential leaves exactly these out");
  }
});

/** Payloads the reference allows (the oracle accepts them) and the contracts refuse on purpose. */
const BUG_CASES = [
  [BUG_EMPTY_ENTITY_ID, [
    ["chargebee/retrieve_latest", { from_site: "merchant-test", entity_type: "customer", entity_id: "" }],
    ["chargebee/resource_migration", { ...CHARGEBEE_RESOURCE, entity_id: "" }],
    ["chargebee/retrieve_latest_result", { resource_migration: { ...CHARGEBEE_RESOURCE, entity_id: "" } }],
  ]],
  [BUG_TIMESTAMPS_BEFORE_1970, [
    ["chargebee/resource_migration", { ...CHARGEBEE_RESOURCE, created_at: -1, updated_at: -86400 }],
    ["chargebee/retrieve_latest_result", { resource_migration: { ...CHARGEBEE_RESOURCE, created_at: -1 } }],
  ]],
  [BUG_FUSEBILL_IDS_BELOW_1, [
    ["fusebill/subscription_migrate", { customerId: 0, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" }],
    ["fusebill/subscription_migrate", { customerId: 12874295, planFamilyRelationshipId: -5, migrationTimingOption: "NextBillingPeriod" }],
  ]],
  [BUG_BILLFORWARD_EMPTY_STRINGS, [
    ["billforward/migration_request", { productRatePlan: "" }],
    ["billforward/migration_request", { productRatePlan: "PRP-GOLD", product: "", mappings: [{ pricingComponent: "", value: 1 }] }],
  ]],
  [BUG_BILLFORWARD_NEGATIVE_VALUE, [
    ["billforward/migration_request", { productRatePlan: "PRP-GOLD", mappings: [{ pricingComponent: "seats", value: -1 }] }],
  ]],
];

test("bounds beyond the reference are the only differences, and each is what the differential excuses", () => {
  assert.deepEqual(BUG_CASES.map(([name]) => name), BEYOND_REFERENCE.map(([name]) => name));
  for (const [name, cases] of BUG_CASES) {
    for (const [id, payload] of cases) {
      assert.equal(oracle(id)(payload), true, `${name}: the oracle accepts ${JSON.stringify(payload)}`);
      // The contract's only errors here are this bound's.
      const keys = leaves(m.validateContract(id, payload).errors);
      assert.ok(keys.every((key) => beyondReference(id, key) === name), `${name}: ${JSON.stringify(payload)} gives ${keys}`);
    }
  }
});

// --- 2. validateMany on 100,000-line batches -------------------------------------------------------
const NOT_JSON = ["{", "nope", '{"code":}', "[1,2", "'single'", '{"a":1}}', "NaN", "undefined", '{"a":1,}', '{a:1}', "tru", '"unterminated', "{}{}", "0x10", "- 1", "\u00a0{}"];
const BLANK = ["", " ", "\t", "   \t  "];

const BATCH_CASES = {
  "pismo/customer_outgoing/1": {
    good: [
      PISMO_OUTGOING,
      SEEDS["pismo/customer_outgoing/1"][1],
      { ...PISMO_OUTGOING, message: "Migração concluída 😀 𠀀", operation: "CREATION" },
      { ...PISMO_OUTGOING, status: "FAIL", entity: { account_id: 0, customer_id: -5 } },
    ],
    bad: [
      { ...PISMO_OUTGOING, status: "success" },
      { ...PISMO_OUTGOING, extra: 1 },
      { ...PISMO_OUTGOING, migration: { ...PISMO_OUTGOING.migration, version_date: "2021-02-30T11:25:00Z" } },
      { ...PISMO_OUTGOING, entity: { account_id: "9999" } },
      { code: 1 },
      [PISMO_OUTGOING],
      null,
      "SUCCESS 😀",
    ],
  },
  "fusebill/subscription_migrate": {
    good: [
      FUSEBILL,
      SEEDS["fusebill/subscription_migrate"][1],
      SEEDS["fusebill/subscription_migrate"][2],
      { ...FUSEBILL, scheduledMigrationDate: "2024-02-29T23:59:59.999-03:00" },
    ],
    bad: [
      { ...FUSEBILL, migrationTimingOption: "Now" },
      { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate" },
      { ...FUSEBILL, scheduledMigrationDate: "2021-02-29" },
      { ...FUSEBILL, customerId: 0, planFamilyRelationshipId: "407766" },
      { ...FUSEBILL, earningOption: "full", unknown: "😀" },
      {},
      12874295,
    ],
  },
};

/** A 100,000-line batch with bad lines at known (seeded) positions; returns the text and what to expect. */
function buildBatch(id, seedNumber) {
  const rnd = mulberry32(seedNumber);
  const { good, bad } = BATCH_CASES[id];
  const badErrors = bad.map((v) => m.validateContract(id, v).errors);
  badErrors.forEach((e, i) => assert.ok(e.length > 0, `${id}: bad sample ${i} is invalid`));
  good.forEach((v) => assert.equal(m.validateContract(id, v).valid, true, `${id}: good sample ${JSON.stringify(v)}`));
  const lines = [];
  const expected = { total: 0, valid: 0, invalid: 0, errors: [] }; // errors: [line, keyword, count]
  for (let i = 0; i < BATCH_LINES; i++) {
    const r = rnd();
    const line = i + 1;
    if (r < 0.02) { lines.push(BLANK[Math.floor(rnd() * BLANK.length)]); continue; } // not counted
    expected.total++;
    if (r < 0.035) {
      lines.push(NOT_JSON[Math.floor(rnd() * NOT_JSON.length)]);
      expected.invalid++;
      expected.errors.push({ line, json: true, errors: null });
    } else if (r < 0.05) {
      const k = Math.floor(rnd() * bad.length);
      lines.push(JSON.stringify(bad[k]));
      expected.invalid++;
      expected.errors.push({ line, json: false, errors: badErrors[k] });
    } else if (r < 0.055) {
      lines.push(JSON.stringify(good[0]).slice(0, -1)); // a truncated line is not JSON
      expected.invalid++;
      expected.errors.push({ line, json: true, errors: null });
    } else {
      const v = good[Math.floor(rnd() * good.length)];
      lines.push(rnd() < 0.1 ? JSON.stringify(v, null, 0).replace(/,/g, ", ") : JSON.stringify(v));
      expected.valid++;
    }
  }
  // Line endings: LF and CRLF mixed, and the last line ends with CRLF.
  const text = lines.map((l) => l + (rnd() < 0.5 ? "\r\n" : "\n")).join("");
  expected.errorCount = expected.errors.reduce((n, e) => n + (e.json ? 1 : e.errors.length), 0);
  return { text, expected };
}

function assertExactErrors(id, batch, expected) {
  let k = 0;
  for (const e of expected.errors) {
    if (e.json) {
      const got = batch.errors[k++];
      assert.equal(got?.line, e.line, `${id}: a not-JSON error on line ${e.line}`);
      assert.equal(got.keyword, "json", `${id}: line ${e.line} has keyword json`);
      assert.equal(got.instancePath, "");
    } else {
      for (const want of e.errors) {
        const got = batch.errors[k++];
        assert.deepEqual(got, { ...want, line: e.line }, `${id}: line ${e.line}`);
      }
    }
  }
  assert.equal(k, batch.errors.length, `${id}: no other errors`);
}

let batchSeed = 0xba7c;
for (const id of Object.keys(BATCH_CASES)) {
  const s = batchSeed++;
  test(`${id}: validateMany on a ${BATCH_LINES.toLocaleString("en")}-line batch (string and bytes, CRLF, blank and non-JSON lines)`, async (t) => {
    const { text, expected } = buildBatch(id, s);
    const bytes = new TextEncoder().encode(text);
    assert.ok(bytes.length > text.length, "the batch holds non-ASCII text");
    t.diagnostic(`${id}: ${BATCH_LINES} lines, ${expected.total} counted (${expected.valid} valid, ${expected.invalid} invalid), ${expected.errorCount} errors`);

    const full = {};
    for (const [kind, input] of [["string", text], ["Uint8Array", bytes]]) {
      await t.test(`${kind}, maxErrors large enough: exact counts and line numbers`, () => {
        const batch = m.validateMany(id, input, { maxErrors: expected.errorCount });
        full[kind] = batch;
        assert.equal(batch.total, expected.total);
        assert.equal(batch.valid, expected.valid);
        assert.equal(batch.invalid, expected.invalid);
        assert.equal(batch.truncated, false, "maxErrors equal to the number of errors truncates nothing");
        assert.equal(batch.errors.length, expected.errorCount);
        assertExactErrors(id, batch, expected);
      });
    }
    await t.test("string, maxErrors one short of the number of errors: truncated, counts still exact, the first errors", () => {
      const maxErrors = expected.errorCount - 1;
      const batch = m.validateMany(id, text, { maxErrors });
      assert.equal(batch.truncated, true);
      assert.deepEqual([batch.total, batch.valid, batch.invalid], [expected.total, expected.valid, expected.invalid]);
      assert.deepEqual(batch.errors, full.string.errors.slice(0, maxErrors));
    });
    await t.test("Uint8Array, small maxErrors: truncated, counts still exact, the first errors", () => {
      const batch = m.validateMany(id, bytes, { maxErrors: 3 });
      assert.equal(batch.truncated, true);
      assert.deepEqual([batch.total, batch.valid, batch.invalid], [expected.total, expected.valid, expected.invalid]);
      assert.deepEqual(batch.errors, full.Uint8Array.errors.slice(0, 3));
    });
  });
}

// --- The nesting limit ---------------------------------------------------------------------------

/** A value `levels` containers deep: a pismo/customer_incoming/1 event (level 1) holding nested empty arrays. */
function nestedEvent(levels) {
  let inner = [];
  for (let i = 2; i < levels; i++) inner = [inner];
  return { ...PISMO_INCOMING, extra: inner };
}
const depthOf = (v) => (v !== null && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);

test("documented limit: values nesting 128 levels or more are not JSON (keyword json), below it they agree with ajv", () => {
  const id = "pismo/customer_incoming/1";
  const validate = oracle(id);
  for (const levels of [2, 64, 127]) {
    const value = nestedEvent(levels);
    assert.equal(depthOf(value), levels);
    assert.equal(validate(value), true);
    assert.deepEqual(m.validateContract(id, value).errors, [], `${levels} levels`);
    assert.equal(m.validateMany(id, JSON.stringify(value)).valid, 1, `${levels} levels in a batch`);
  }
  for (const levels of [128, 129, 200]) {
    const value = nestedEvent(levels);
    assert.equal(depthOf(value), levels);
    assert.deepEqual(m.validateContract(id, value).errors.map((e) => e.keyword), ["json"], `${levels} levels`);
    assert.deepEqual(m.validateMany(id, JSON.stringify(value)).errors.map((e) => [e.line, e.keyword]), [[1, "json"]], `${levels} levels in a batch`);
  }
});

test("toVendorError refuses what is not a result, and validateMany options it does not know", () => {
  const id = "fusebill/subscription_migrate";
  const invalidArgument = (message) => (e) => {
    assert.deepEqual([e.name, e.code, e.message], ["InputError", "INVALID_ARGUMENT", message]);
    return true;
  };
  // Not a result is the calling program's mistake, not "no errors" (null).
  for (const notAResult of ["garbage", 5, null, {}, { valid: false }, { valid: false, errors: "x" }, { errors: {} }]) {
    assert.throws(() => m.toVendorError(id, notAResult), invalidArgument("result must be a validation result: an object with an errors array"), JSON.stringify(notAResult));
  }
  // A result with no errors, also one that left out its empty `errors`, has no body.
  assert.equal(m.toVendorError(id, { valid: true, errors: [] }), null);
  assert.equal(m.toVendorError(id, { valid: true }), null);
  assert.equal(m.toVendorError(id, m.validateContract(id, { customerId: 1, planFamilyRelationshipId: 2, migrationTimingOption: "Now" })), null);
  // Results of validate and validateMany are results too.
  const batch = m.validateMany(id, '{"customerId": "x"}\n');
  assert.equal(batch.invalid, 1);
  assert.notEqual(m.toVendorError(id, batch), null);

  // A misspelt option is refused, as Validator refuses one, not ignored.
  assert.throws(() => m.validateMany(id, "{}\n", { maxError: 1 }), invalidArgument('options has an unknown member "maxError": the only option is maxErrors'));
  assert.equal(m.validateMany(id, "{}\n{}\n", { maxErrors: 1 }).errors.length, 1);
});
