// The benchmark's inputs: pre-check contexts, a valid and an invalid payload per contract, and the
// 100,000-line NDJSON batches. Everything is deterministic (seeded).
//
// The contract samples are the seeds of tests/js/contracts.test.mjs; the invalid variants break
// several fields each and avoid the documented deviations from ajv (docs/engine.md, "Where it differs from ajv"),
// so both engines must give the same verdict, which run.mjs checks before timing.
import { mulberry32 } from "../tests/js/support.mjs";

export const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
export const REQUEST = { targetAccount: TARGET };

/** tests/wasm.rs's context, plus an order: every built-in rule passes (the billing ones skip). */
export const ALLOWED_CONTEXT = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  orders: [{ id: "SO-1", state: "completed" }],
};

/** Seven rules refuse: inactive target, brand, plan change, Fusebill in flight, open orders, dependents, bad Fusebill request. */
export const REFUSED_CONTEXT = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", name: "Mail 25", state: "changing_plan" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "b2", status: "suspended" },
  orders: [{ id: "SO-1", state: "completed" }, { id: "SO-2", state: "processing" }, { id: 7, state: "Pending" }],
  dependentSubscriptions: [{ id: "22222222-2222-4222-8222-222222222222", name: "Web 5", reason: "shared_domains" }],
  billing: {
    platform: "fusebill",
    latest: { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-12-01" },
    request: { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now", scheduledMigrationDate: "2026-12-01" },
  },
};

/** Further contexts on which the JS rules are checked against the module (not timed). */
export const PARITY_CASES = [
  [REQUEST, ALLOWED_CONTEXT],
  [REQUEST, REFUSED_CONTEXT],
  [{}, ALLOWED_CONTEXT],
  [{ targetAccount: "not-an-id" }, ALLOWED_CONTEXT],
  [{ targetAccount: "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA" }, ALLOWED_CONTEXT],
  [{ targetAccount: "cccccccc-cccc-4ccc-8ccc-cccccccccccc" }, ALLOWED_CONTEXT],
  [REQUEST, { ...ALLOWED_CONTEXT, targetAccount: { ...ALLOWED_CONTEXT.targetAccount, vendorId: "2", status: "credit_hold" } }],
  [REQUEST, { ...ALLOWED_CONTEXT, sourceAccount: { ...ALLOWED_CONTEXT.sourceAccount, kind: "reseller", name: "Zeta" }, subscription: { ...ALLOWED_CONTEXT.subscription, state: "terminated" } }],
  [REQUEST, {
    ...ALLOWED_CONTEXT,
    orders: [1, 2, 3, 4, 5].map((i) => ({ id: `SO-${i}`, state: "open" })),
    dependentSubscriptions: [1, 2, 3, 4].map((i) => ({ id: i, reason: "shared_users" })),
    billing: { platform: "chargebee", latest: { from_site: "acme-test", entity_type: "customer", entity_id: "cust_9", status: "scheduled", created_at: 1767225600, updated_at: 1767229200 } },
  }],
  [REQUEST, { ...ALLOWED_CONTEXT, billing: { platform: "fusebill", latest: null, request: { customerId: 0, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate" } } }],
];

// --- Contracts ---------------------------------------------------------------------------------------
const CHARGEBEE_RESOURCE = { from_site: "yourapp", entity_type: "customer", entity_id: "test123", status: "failed", created_at: 1528093653, updated_at: 1528093653, object: "resource_migration" };
const FUSEBILL = {
  customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", earningOption: "Full",
  nameOverrideOption: "Transfer", descriptionOverrideOption: "Transfer", referenceOption: "Transfer", expiryOption: "Transfer",
  customFieldsOption: "Transfer", contractStartOption: "DoNotTransfer", contractEndOption: "DoNotTransfer", scheduledMigrationDate: "2020-05-10",
};
const BILLFORWARD = { productRatePlan: "PRP-GOLD", product: "PRD-1", nextSubscriptionName: "n", invoicingType: "Immediate", pricingBehaviour: "Full", mappings: [{ pricingComponent: "seats", value: 5 }], dryRun: true };
const BILLFORWARD_AMENDMENT = { "@type": "ProductRatePlanMigrationAmendment", id: "AMD-1", state: "Pending", actioningTime: "2024-05-01T10:00:00Z" };
export const PISMO_OUTGOING = {
  operation: "UPDATE", status: "SUCCESS", code: "MIGR-0001", message: "Customer migration registration approved",
  migration: { id: "migration-id", account_id: "account-migration-id", version_date: "2021-08-11T11:25:00.000Z", phase_id: "Rollout_Jan2022" },
  entity: { account_id: 9999, customer_id: 1234 },
};
const PISMO_INCOMING = { migration: { id: "31a2d", account_id: "a7c3f", version_date: "2023-10-03T17:25:45Z" }, entity: { name: "Super Mario Bros", document_number: "59769445746" }, social_name: "Mario Bros", is_active: true };
export const FUSEBILL_SAMPLE = FUSEBILL;

/** Per contract id: a valid sample and an invalid variant (several errors). */
export const CONTRACT_SAMPLES = {
  "chargebee/resource_migration": {
    valid: CHARGEBEE_RESOURCE,
    invalid: { from_site: "abc", entity_type: "customer", entity_id: "cust_1", status: "Scheduled", created_at: 1528093653.5, updated_at: "1528093653" },
  },
  "chargebee/retrieve_latest": {
    valid: { from_site: "merchant-test", entity_type: "customer", entity_id: "test123" },
    invalid: { from_site: "ab", entity_type: "invoice", limit: 1 },
  },
  "chargebee/retrieve_latest_result": {
    valid: { resource_migration: CHARGEBEE_RESOURCE },
    invalid: { resource_migration: { ...CHARGEBEE_RESOURCE, from_site: "x", status: "done", created_at: "yesterday" } },
  },
  "fusebill/subscription_migrate": {
    valid: FUSEBILL,
    invalid: { ...FUSEBILL, customerId: 0, planFamilyRelationshipId: "407766", migrationTimingOption: "Now", earningOption: "full", unknown: 1 },
  },
  "billforward/migration_request": {
    valid: BILLFORWARD,
    invalid: { product_rate_plan: "PRP-GOLD", invoicingType: "Later", mappings: [{ pricingComponent: "seats", value: 1.5 }, { value: "2" }], dryRun: "yes" },
  },
  "billforward/migration_amendment": {
    valid: BILLFORWARD_AMENDMENT,
    invalid: { ...BILLFORWARD_AMENDMENT, state: "Unknown", actioningTime: "yesterday", id: 5 },
  },
  "pismo/customer_outgoing/1": {
    valid: PISMO_OUTGOING,
    invalid: { ...PISMO_OUTGOING, status: "DONE", extra: 1, entity: { account_id: "9999" }, migration: { ...PISMO_OUTGOING.migration, version_date: "2021-02-30T11:25:00Z" } },
  },
  "pismo/customer_incoming/1": {
    valid: PISMO_INCOMING,
    invalid: { migration: { id: 1, version_date: "2023-13-03T17:25:45Z" }, entity: [], is_active: "yes" },
  },
};

// --- NDJSON batches ----------------------------------------------------------------------------------

const NOT_JSON = ["{", "nope", '{"code":}', "[1,2", "'single'", '{"a":1}}', "NaN", '{"a":1,}', "{a:1}", "tru", '"unterminated', "{}{}"];
const BLANK = ["", " ", "\t"];

/** Good and bad lines per batch contract (tests/js/contracts.test.mjs's BATCH_CASES). */
export const BATCH_CASES = {
  "pismo/customer_outgoing/1": {
    good: [
      PISMO_OUTGOING,
      { status: "FAIL", code: "MIGR-0002", message: "", migration: { id: "m", account_id: "a", version_date: "2022-01-01T00:00:00Z" } },
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
      { customerId: 1, planFamilyRelationshipId: 1, migrationTimingOption: "Now" },
      { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "NextBillingPeriod", earningOption: "FamilyDefault", scheduledMigrationDate: "2020-05-10T10:00:00Z" },
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

/**
 * A `lines`-line NDJSON text: about 2% blank lines (not counted), 1.5% not JSON, 3% invalid
 * payloads, 0.5% truncated (not JSON), the rest valid; LF and CRLF mixed.
 * Returns {text, bytes, expected: {total, valid, invalid}}.
 */
export function buildBatch(id, lines = 100_000, seed = 0xba7c) {
  const rnd = mulberry32(seed);
  const { good, bad } = BATCH_CASES[id];
  const out = [];
  const expected = { total: 0, valid: 0, invalid: 0 };
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    if (r < 0.02) { out.push(BLANK[Math.floor(rnd() * BLANK.length)]); continue; }
    expected.total++;
    if (r < 0.035) { out.push(NOT_JSON[Math.floor(rnd() * NOT_JSON.length)]); expected.invalid++; }
    else if (r < 0.065) { out.push(JSON.stringify(bad[Math.floor(rnd() * bad.length)])); expected.invalid++; }
    else if (r < 0.07) { out.push(JSON.stringify(good[0]).slice(0, -1)); expected.invalid++; }
    else { out.push(JSON.stringify(good[Math.floor(rnd() * good.length)])); expected.valid++; }
  }
  const text = out.map((l) => l + (rnd() < 0.5 ? "\r\n" : "\n")).join("");
  return { text, bytes: new TextEncoder().encode(text), expected };
}
