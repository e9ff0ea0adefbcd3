// Inputs of contracts.json: for every contract, hand-written payloads and GENERATED deterministic
// variants (a seeded PRNG mutating valid samples), each through validateContract and
// toVendorError; toVendorError on hand-written results; the misuse errors.
// The generator only chooses inputs: they are stored in the golden file with their outputs.
import { mulberry32, clone, isObj } from "../../js/support.mjs";

export const GENERATED_PER_CONTRACT = 150;
/** The generator's seed for the first contract (the next ones add their index). */
export const GENERATOR_SEED = 0x601d;

// --- Valid samples, per contract --------------------------------------------------------------------
const CHARGEBEE_RESOURCE = { from_site: "yourapp", entity_type: "customer", entity_id: "test123", status: "failed", created_at: 1528093653, updated_at: 1528093653, object: "resource_migration" };
const FUSEBILL = {
  customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", earningOption: "Full",
  nameOverrideOption: "Transfer", descriptionOverrideOption: "Transfer", referenceOption: "Transfer", expiryOption: "Transfer",
  customFieldsOption: "Transfer", contractStartOption: "DoNotTransfer", contractEndOption: "DoNotTransfer", scheduledMigrationDate: "2020-05-10",
};
const BILLFORWARD = { productRatePlan: "PRP-GOLD", product: "PRD-1", nextSubscriptionName: "n", invoicingType: "Immediate", pricingBehaviour: "Full", mappings: [{ pricingComponent: "seats", value: 5 }], dryRun: true };
const AMENDMENT = { "@type": "ProductRatePlanMigrationAmendment", id: "AMD-1", state: "Pending", actioningTime: "2024-05-01T10:00:00Z" };
const PISMO_OUTGOING = {
  operation: "UPDATE", status: "SUCCESS", code: "MIGR-0001", message: "Customer migration registration approved",
  migration: { id: "migration-id", account_id: "account-migration-id", version_date: "2021-08-11T11:25:00.000Z", phase_id: "Rollout_Jan2022" },
  entity: { account_id: 9999, customer_id: 1234 },
};
const PISMO_INCOMING = { migration: { id: "31a2d", account_id: "a7c3f", version_date: "2023-10-03T17:25:45Z" }, entity: { name: "Super Mario Bros", document_number: "59769445746" }, social_name: "Mario Bros", is_active: true };

export const SAMPLES = {
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
    { ...BILLFORWARD, mappings: [{ pricingComponent: "seats", value: 0, id: "PCM-1", changedBy: "admin" }, { pricingComponent: "gb", value: 12 }] },
  ],
  "billforward/migration_amendment": [
    AMENDMENT,
    { state: "Succeeded" },
    { ...AMENDMENT, state: "Failed", subscriptionID: "SUB-1", productRatePlanID: "PRP-1", created: "2024-04-30T09:00:00.123-07:00", extra: [1, 2] },
  ],
  "pismo/customer_outgoing/1": [
    PISMO_OUTGOING,
    { status: "FAIL", code: "MIGR-0002", message: "", migration: { id: "m", account_id: "a", version_date: "2022-01-01T00:00:00Z" } },
  ],
  "pismo/customer_incoming/1": [
    PISMO_INCOMING,
    { migration: { id: "", account_id: "", version_date: "2023-10-03t17:25:45.5+01:00" }, entity: {} },
    { ...PISMO_INCOMING, entity: { ...PISMO_INCOMING.entity, birth_date: "2022-01-01", gender: "M", extra: 1 }, email: "mario@example.com", more: null },
  ],
};

// --- Hand-written payloads: the documented rules and their edges ------------------------------------
const emoji = (n) => "😀".repeat(n);
const HAND_WRITTEN = {
  "chargebee/resource_migration": [
    ["README example: from_site too short, status in the wrong case", { from_site: "abc", entity_type: "customer", entity_id: "cust_1", status: "Scheduled", created_at: 1528093653, updated_at: 1528093653 }],
    ["from_site of 4 code points (emoji, 16 bytes)", { ...CHARGEBEE_RESOURCE, from_site: emoji(4) }],
    ["from_site of 3 code points (emoji)", { ...CHARGEBEE_RESOURCE, from_site: emoji(3) }],
    ["from_site of 50 and entity_id of 100 code points", { ...CHARGEBEE_RESOURCE, from_site: "é".repeat(50), entity_id: emoji(100) }],
    ["from_site of 51 and entity_id of 101 code points", { ...CHARGEBEE_RESOURCE, from_site: "a".repeat(51), entity_id: emoji(101) }],
    ["timestamps: fractional and negative", { ...CHARGEBEE_RESOURCE, created_at: 1528093653.5, updated_at: -1 }],
    ["timestamps as strings", { ...CHARGEBEE_RESOURCE, created_at: "1528093653", updated_at: "2018-06-04T06:27:33Z" }],
    ["timestamps as whole floats and beyond 2^53", { ...CHARGEBEE_RESOURCE, created_at: 1e10, updated_at: 2 ** 60 }],
    ["every required field missing", {}],
    ["object of another resource", { ...CHARGEBEE_RESOURCE, object: "customer" }],
    ["not an object", ["from_site"]],
    ["null", null],
  ],
  "chargebee/retrieve_latest": [
    ["unknown parameter and missing entity_id", { from_site: "abcd", entity_type: "customer", limit: 1 }],
    ["entity_type in upper case", { from_site: "abcd", entity_type: "CUSTOMER", entity_id: "x" }],
    ["camelCase parameter names", { fromSite: "abcd", entityType: "customer", entityId: "x" }],
  ],
  "chargebee/retrieve_latest_result": [
    ["resource_migration missing", { next_offset: "x" }],
    ["resource_migration invalid inside", { resource_migration: { ...CHARGEBEE_RESOURCE, status: "done", from_site: "" } }],
    ["resource_migration null", { resource_migration: null }],
  ],
  "fusebill/subscription_migrate": [
    ["README example: Now with a date", { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now", scheduledMigrationDate: "2020-05-10" }],
    ["SpecificDate without a date", { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate" }],
    ["SpecificDate without a date, every option set", (() => { const v = clone(FUSEBILL); delete v.scheduledMigrationDate; return v; })()],
    ["SpecificDate with a date-time", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-11-21T10:00:00Z" }],
    ["SpecificDate with a date-time and offset", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-11-21T10:00:00.123+05:30" }],
    ["SpecificDate with an impossible date", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-02-30" }],
    ["SpecificDate with a date-time without zone", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-11-21T10:00:00" }],
    ["SpecificDate with a date of another form", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "21.11.2026" }],
    ["SpecificDate with a null date", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "SpecificDate", scheduledMigrationDate: null }],
    ["Now with a null date", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now", scheduledMigrationDate: null }],
    ["Now with an invalid date", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now", scheduledMigrationDate: "soon" }],
    ["NextBillingPeriod with and without a date", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "NextBillingPeriod" }],
    ["timing option in another case", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "specificdate" }],
    ["timing option missing, with a date", { customerId: 1, planFamilyRelationshipId: 1, scheduledMigrationDate: "2020-05-10" }],
    ["ids: zero, fractional, string", { customerId: 0, planFamilyRelationshipId: 1.5, migrationTimingOption: "Now", earningOption: "none" }],
    ["ids as whole floats", { customerId: 1e3, planFamilyRelationshipId: 2 ** 53, migrationTimingOption: "Now" }],
    ["every transfer option wrong", { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now", nameOverrideOption: "transfer", descriptionOverrideOption: "", referenceOption: 1, expiryOption: null, customFieldsOption: "Keep", contractStartOption: ["Transfer"], contractEndOption: "DoNotTransfer " }],
    ["snake_case keys", { customer_id: 1, plan_family_relationship_id: 1, migration_timing_option: "Now" }],
    ["empty object", {}],
    ["a string", "Now"],
  ],
  "billforward/migration_request": [
    ["README example: snake_case key", { product_rate_plan: "x" }],
    ["created is read-only", { productRatePlan: "PRP-GOLD", created: "2024-05-01T10:00:00Z" }],
    ["mapping value fractional and negative", { productRatePlan: "p", mappings: [{ pricingComponent: "seats", value: 1.5 }, { pricingComponent: "gb", value: -1 }] }],
    ["mapping without pricingComponent, with created", { productRatePlan: "p", mappings: [{ value: 5, created: "2024-05-01T10:00:00Z" }] }],
    ["enums in another case, dryRun as a string", { productRatePlan: "p", invoicingType: "immediate", pricingBehaviour: "full", dryRun: "true" }],
    ["defaults applied with an empty mappings list", { productRatePlan: "p", mappings: [] }],
    ["productRatePlan empty", { productRatePlan: "" }],
  ],
  "billforward/migration_amendment": [
    ["state in lower case", { ...AMENDMENT, state: "pending" }],
    ["another @type", { ...AMENDMENT, "@type": "CancellationAmendment" }],
    ["actioningTime not a date-time", { ...AMENDMENT, actioningTime: "2024-05-01" }],
    ["empty object (open resource)", {}],
  ],
  "pismo/customer_outgoing/1": [
    ["README example: status DONE", { code: "MIGR-0001", message: "ok", status: "DONE", migration: { id: "m-1", account_id: "a-1", version_date: "2021-08-11T11:25:00.000Z" } }],
    ["extra properties at every level", { ...PISMO_OUTGOING, more: 1, migration: { ...PISMO_OUTGOING.migration, x: 1 }, entity: { ...PISMO_OUTGOING.entity, y: 2 } }],
    ["entity ids as strings", { ...PISMO_OUTGOING, entity: { account_id: "9999", customer_id: 1234.5 } }],
    ["migration missing", { status: "SUCCESS", code: "c", message: "m" }],
  ],
  "pismo/customer_incoming/1": [
    ["migration without version_date", { migration: { id: "1", account_id: "2" }, entity: {} }],
    ["version_date a date only", { migration: { id: "1", account_id: "2", version_date: "2023-10-03" }, entity: {} }],
    ["entity missing, is_active a string", { migration: { id: "1", account_id: "2", version_date: "2023-10-03T17:25:45Z" }, is_active: "yes" }],
  ],
};

// --- The generator ----------------------------------------------------------------------------------
const EXTRA_KEYS = ["a", "x", "id", "name", "value", "extra", "Extra", "", " ", "ä", "😀", "a/b", "a~b", "0", "with space", "$id", "@type", "type", "items"];
const CHARS = ["a", "Z", "0", " ", "é", "ß", "中", "😀", "𝄞", "\u0000", "\n", "\t", "-", "\"", "\\", "\u2028", "\uFFFF"];
const LENGTHS = [0, 1, 2, 3, 4, 5, 49, 50, 51, 99, 100, 101];
const NUMBERS = [0, -1, 1, 2, 1.5, -1.5, 0.5, 0.1, 1e-7, 100, 9999, 407766, 12874295, 1528093653, 2147483648, 4294967296, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e21, -1e21, 1.7976931348623157e308, 5e-324];
const DATES = ["2020-05-10", "2024-02-29", "2021-02-29", "2020-04-31", "2020-13-01", "2020-5-10", "20200510", "2020-05-10Z", " 2020-05-10", ""];
const DATE_TIMES = ["2020-05-10T10:00:00Z", "2020-05-10t10:00:00z", "2020-05-10 10:00:00Z", "2020-05-10T10:00:00.123456+05:30", "2020-05-10T23:59:60Z", "2020-05-10T24:00:00Z", "2020-05-10T10:00:00", "2020-05-10T10:00Z", "2020-05-10T10:00:00+0530", "2020-05-10T10:00:00-00:00"];

/**
 * `schema` with each `$ref` to a contract this module ships (by its `$id` URN, as
 * chargebee/retrieve_latest_result names chargebee/resource_migration) replaced by that contract,
 * so the generator below follows local `$ref`s only.
 */
export function inlineShipped(m, schema) {
  if (Array.isArray(schema)) return schema.map((s) => inlineShipped(m, s));
  if (!isObj(schema)) return schema;
  const contract = typeof schema.$ref === "string" && /^urn:aps-migratable:contract:([^#]+)#?$/.exec(schema.$ref)?.[1];
  if (contract) return inlineShipped(m, m.contractSchema(contract));
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inlineShipped(m, v)]));
}

function resolveRef(root, ref) {
  let s = root;
  for (const raw of ref.slice(1).split("/").slice(1)) s = s?.[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
  return s ?? null;
}
function deref(root, s) {
  for (let i = 0; isObj(s) && typeof s.$ref === "string" && i < 8; i++) s = resolveRef(root, s.$ref);
  return s;
}
/** The subschema for the value at `path`, or null: where the length and enum limits are. */
function subschemaAt(root, path) {
  let s = deref(root, root);
  for (const seg of path) {
    if (!isObj(s)) return null;
    s = deref(root, typeof seg === "number" ? s.items : s.properties?.[seg]);
  }
  return isObj(s) ? s : null;
}
function vocabulary(root) {
  const keys = new Set();
  const enums = [];
  const walk = (s) => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (!isObj(s)) return;
    for (const [k, v] of Object.entries(s)) {
      if (k === "properties" && isObj(v)) Object.keys(v).forEach((n) => keys.add(n));
      if (k === "enum" && Array.isArray(v)) enums.push(...v);
      if (k === "const") enums.push(v);
      if (k !== "examples" && typeof v === "object") walk(v);
    }
  };
  walk(root);
  return { keys: [...keys], enums };
}

/** A deterministic stream of mutated samples for one contract. */
function generator(seed, schema, samples) {
  const rnd = mulberry32(seed);
  const int = (n) => Math.floor(rnd() * n);
  const pick = (list) => list[int(list.length)];
  const vocab = vocabulary(schema);
  const hasTiming = !!subschemaAt(schema, ["migrationTimingOption"]);
  const stringOf = (n) => Array.from({ length: n }, () => pick(rnd() < 0.5 ? ["a", "😀"] : CHARS)).join("");
  const anyValue = (depth = 0) => {
    const r = int(10);
    if (r < 2) return stringOf(int(6));
    if (r < 4) return pick(NUMBERS);
    if (r < 5) return pick([true, false, null]);
    if (r < 6 && vocab.enums.length) return clone(pick(vocab.enums));
    if (r < 7) return pick([...DATES, ...DATE_TIMES]);
    if (r < 8 && depth < 2) return Array.from({ length: int(3) }, () => anyValue(depth + 1));
    if (r < 9 && depth < 2) return Object.fromEntries(Array.from({ length: int(3) }, () => [pick(EXTRA_KEYS), anyValue(depth + 1)]));
    return clone(pick(samples.flatMap((s) => Object.values(s))));
  };
  const retype = (node) => pick([() => "x", () => "", () => 1.5, () => 7, () => String(node), () => true, () => null, () => [], () => [node], () => ({}), () => ({ value: node })])();
  const rename = (k) => pick([k.toUpperCase(), k.charAt(0).toUpperCase() + k.slice(1), k.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase(), k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), `${k}_`, ` ${k}`, k.slice(1)]);
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
    if (r < 25 && names.length) { delete node[pick(names)]; return node; }
    if (r < 40 && names.length) { const from = pick(names); const v = node[from]; delete node[from]; node[rename(from)] = v; return node; }
    if (r < 60) { node[rnd() < 0.5 && vocab.keys.length ? pick(vocab.keys) : pick(EXTRA_KEYS)] = anyValue(1); return node; }
    if (r < 70 && sub?.properties) { const k = pick(Object.keys(sub.properties)); node[k] = anyValue(1); return node; }
    if (r < 78) return {};
    return retype(node);
  };
  const mutateArray = (node) => {
    const r = int(100);
    if (r < 25) return [];
    if (r < 45 && node.length) { node.push(clone(pick(node))); return node; }
    if (r < 65) { node.push(anyValue(1)); return node; }
    if (r < 80 && node.length) { node.splice(int(node.length), 1); return node; }
    return retype(node);
  };
  const mutateString = (node, sub) => {
    const r = int(100);
    const allowed = sub?.enum ?? (sub && "const" in sub ? [sub.const] : null);
    const format = sub?.format ?? sub?.anyOf?.find((b) => b.format)?.format;
    if (allowed && r < 35) {
      const v = String(pick(allowed));
      return pick([v, v.toLowerCase(), v.toUpperCase(), ` ${v}`, String(pick(vocab.enums.length ? vocab.enums : [v]))]);
    }
    if (r < 30) {
      const limits = [sub?.minLength, sub?.maxLength].filter((x) => typeof x === "number").flatMap((x) => [x - 1, x, x + 1]).filter((x) => x >= 0);
      return stringOf(limits.length && rnd() < 0.7 ? pick(limits) : pick(LENGTHS));
    }
    if (r < 40) return Array.from(node).slice(0, int(Array.from(node).length + 1)).join("");
    if (r < 60 && format) return pick(format === "date" ? DATES : DATE_TIMES);
    if (r < 68) return pick([...DATES, ...DATE_TIMES]);
    if (r < 76) return rnd() < 0.5 ? node.toUpperCase() : node.toLowerCase();
    return retype(node);
  };
  const mutateNumber = (node) => {
    const r = int(100);
    if (r < 50) return pick(NUMBERS);
    if (r < 65) return node + pick([1, -1, 0.5, -0.5]);
    if (r < 70) return -node;
    if (r < 80) return String(node);
    return retype(node);
  };
  /** Fusebill: combinations of timing option and scheduled date. */
  const timing = (node) => {
    if (!isObj(node)) return node;
    const option = pick(["Now", "SpecificDate", "NextBillingPeriod", "now", "SPECIFICDATE", "", null, undefined]);
    const date = pick([undefined, undefined, "2020-05-10", "2020-05-10T10:00:00Z", "2026-12-01T00:00:00.5+05:30", pick(DATES), pick(DATE_TIMES), null, 20200510]);
    if (option === undefined) delete node.migrationTimingOption;
    else node.migrationTimingOption = option;
    if (date === undefined) delete node.scheduledMigrationDate;
    else node.scheduledMigrationDate = date;
    return node;
  };
  return () => {
    let value = clone(pick(samples));
    const count = 1 + int(3);
    for (let i = 0; i < count; i++) {
      if (hasTiming && rnd() < 0.25) { value = timing(value); continue; }
      const [parent, k, node, path] = pick(places(value));
      const sub = subschemaAt(schema, path);
      let next;
      if (isObj(node)) next = mutateObject(node, sub);
      else if (Array.isArray(node)) next = mutateArray(node);
      else if (typeof node === "string") next = mutateString(node, sub);
      else if (typeof node === "number") next = mutateNumber(node);
      else next = retype(node);
      if (parent === null) value = next;
      else parent[k] = next;
    }
    return JSON.parse(JSON.stringify(value));
  };
}

/** `count` distinct generated payloads for contract `id`. */
export function generatedPayloads(id, schema, seed, count) {
  const next = generator(seed, schema, SAMPLES[id]);
  const seen = new Set(SAMPLES[id].map((s) => JSON.stringify(s)));
  const out = [];
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const value = next();
    const text = JSON.stringify(value);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(value);
  }
  return out;
}

/** Every case of contracts.json (inputs only). */
export function contractCases(m) {
  const cases = [];
  m.contractIds().forEach((id, n) => {
    SAMPLES[id].forEach((payload, i) => cases.push({ name: `${id}: sample ${i}`, call: "contract", args: [id, payload] }));
    for (const [what, payload] of HAND_WRITTEN[id]) cases.push({ name: `${id}: ${what}`, call: "contract", args: [id, payload] });
    generatedPayloads(id, inlineShipped(m, m.contractSchema(id)), GENERATOR_SEED + n, GENERATED_PER_CONTRACT).forEach((payload, i) =>
      cases.push({ name: `${id}: generated ${i}`, call: "contract", args: [id, payload] }));
  });
  // Payloads that are not JSON are judged as data.
  for (const kind of ["undefined", "cyclic", "bigint", "function", "NaN", "objectWithNaN", "objectWithUndefined", "throwingGetter", "date"]) {
    cases.push({ name: `fusebill/subscription_migrate: payload ${kind}`, call: "contract", args: ["fusebill/subscription_migrate", { $js: kind }] });
  }
  cases.push({ name: "pismo/customer_incoming/1: lone surrogate in a string", call: "contract", args: ["pismo/customer_incoming/1", { migration: { id: "\ud800", account_id: "a", version_date: "2023-10-03T17:25:45Z" }, entity: {} }] });
  // Misuse: ids that do not exist.
  for (const [what, id] of [["unknown id", "nope"], ["id in another case", "Fusebill/subscription_migrate"], ["pismo without version", "pismo/customer_incoming"], ["number id", 5], ["undefined id", { $js: "undefined" }], ["long unknown id", "x".repeat(200)]]) {
    cases.push({ name: `validateContract: ${what}`, call: "contract", args: [id, {}] });
    cases.push({ name: `validateContract: ${what}, payload undefined`, call: "contract", args: [id, { $js: "undefined" }] });
  }
  cases.push(...vendorErrorCases());
  return cases;
}

/** toVendorError on results written by hand (as a host might keep them). */
function vendorErrorCases() {
  const e = (instancePath, schemaPath, keyword, params, message) => ({ instancePath, schemaPath, keyword, params, message });
  const results = [
    ["valid result", { valid: true, errors: [], value: {} }],
    ["no errors property", { valid: false }],
    ["a ValidationResult with a required error", { valid: false, errors: [e("", "#/required", "required", { missingProperty: "customerId" }, "must have required property 'customerId'")] }],
    ["nested additional property", { valid: false, errors: [e("/mappings/0", "#/properties/mappings/items/additionalProperties", "additionalProperties", { additionalProperty: "created" }, "created is not a known property and is not allowed")] }],
    ["unknown keyword and missing schemaPath", { valid: false, errors: [{ instancePath: "/a", keyword: "madeUp", params: {}, message: "a is odd" }] }],
    ["error without message (dropped)", { valid: false, errors: [{ instancePath: "/a", keyword: "type" }] }],
    ["anyOf summary with its branches", { valid: false, errors: [
      e("/scheduledMigrationDate", "#/properties/scheduledMigrationDate/anyOf/0/format", "format", { format: "date" }, "scheduledMigrationDate must match format \"date\""),
      e("/scheduledMigrationDate", "#/properties/scheduledMigrationDate/anyOf/1/format", "format", { format: "date-time" }, "scheduledMigrationDate must match format \"date-time\""),
      e("/scheduledMigrationDate", "#/properties/scheduledMigrationDate/anyOf", "anyOf", {}, "scheduledMigrationDate must be a date (YYYY-MM-DD) or a date-time"),
    ] }],
    ["if beside its then error", { valid: false, errors: [
      e("", "#/allOf/0/then/required", "required", { missingProperty: "scheduledMigrationDate" }, "Please specify a scheduled migration date when the migration type is SpecificDate."),
      e("", "#/allOf/0/if", "if", { failingKeyword: "then" }, "Please specify a scheduled migration date when the migration type is SpecificDate."),
    ] }],
    ["maxLength with a limit, then minLength", { valid: false, errors: [
      e("/resource_migration/from_site", "#/properties/from_site/maxLength", "maxLength", { limit: 50 }, "resource_migration.from_site must NOT have more than 50 characters"),
      e("/from_site", "#/properties/from_site/minLength", "minLength", { limit: 4 }, "from_site must NOT have fewer than 4 characters"),
    ] }],
    ["enum at the root", { valid: false, errors: [e("", "#/enum", "enum", { allowedValues: ["a"] }, "must be equal to one of the allowed values")] }],
  ];
  const cases = [];
  for (const id of ["chargebee/resource_migration", "fusebill/subscription_migrate", "billforward/migration_request", "pismo/customer_outgoing/1"]) {
    for (const [what, result] of results) cases.push({ name: `toVendorError ${id}: ${what}`, call: "toVendorError", args: [id, result] });
  }
  cases.push({ name: "toVendorError: unknown id", call: "toVendorError", args: ["nope", { valid: true, errors: [] }] });
  cases.push({ name: "toVendorError: result undefined", call: "toVendorError", args: ["fusebill/subscription_migrate", { $js: "undefined" }] });
  cases.push({ name: "toVendorError: result a string", call: "toVendorError", args: ["fusebill/subscription_migrate", "errors"] });
  cases.push({ name: "toVendorError: result cyclic", call: "toVendorError", args: ["fusebill/subscription_migrate", { $js: "cyclic" }] });
  return cases;
}
