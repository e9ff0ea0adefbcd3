// Inputs of precheck.json: contexts (one refusal per built-in rule, allowed moves, many reasons
// at once, every billing platform, case-variant ids and order states, long lists and long
// parameters) × policies × migration sets, through migrationPreCheck/explainPreCheck and a
// PreChecker; invalid contexts and policies. Every context has a fixed `now`.
import { clone } from "../../js/support.mjs";

const NOW = "2026-11-21T10:00:00Z";
const SUB = "11111111-1111-4111-8111-111111111111";
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"; // the owner
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"; // the target
const C = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"; // another account
const MIXED_A = "AaAaAaAa-aAaA-4AaA-8aAa-AAAAaaaaAAAA";

const account = (id, more = {}) => ({ id, name: "Beta AG", kind: "customer", vendorId: 1, brandId: "b1", status: "active", ...more });
const BASE = {
  now: NOW,
  subscription: { id: SUB, ownerAccountId: A, name: "Mail 25", state: "active" },
  sourceAccount: account(A, { name: "Alpha GmbH" }),
  targetAccount: account(B),
};
/** The base context with changes: `patch` returns the parts to replace (a part set to undefined is removed). */
function ctx(patch = {}) {
  const c = clone(BASE);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete c[k];
    else c[k] = v;
  }
  return c;
}
const sub = (more) => ({ ...BASE.subscription, ...more });
const target = (more) => account(B, more);
const source = (more) => account(A, { name: "Alpha GmbH", ...more });
const orders = (...states) => states.map((state, i) => ({ id: `ORD-${1001 + i}`, state }));

// --- Billing parts ---------------------------------------------------------------------------------
const FUSEBILL_NOW = { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" };
const scheduled = (scheduledMigrationDate, migrationTimingOption = "SpecificDate") => ({ customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption, ...(scheduledMigrationDate === undefined ? {} : { scheduledMigrationDate }) });
const fusebill = (latest, request) => ({ platform: "fusebill", ...(latest === undefined ? {} : { latest }), ...(request === undefined ? {} : { request }) });
const CB = { from_site: "yourapp", entity_type: "customer", entity_id: "cust_1", status: "failed", created_at: 1528093653, updated_at: 1528093653 };
const PISMO_IN = { migration: { id: "mig-7", account_id: "a-1", version_date: "2023-10-03T17:25:45Z" }, entity: { name: "Mario" } };
const PISMO_OUT = { status: "SUCCESS", code: "MIGR-0001", message: "ok", migration: { id: "mig-7", account_id: "a-1", version_date: "2023-10-04T10:00:00Z" } };

/** [name, context, migration set]: the context table. */
const CONTEXTS = [
  // Allowed moves.
  ["allowed", ctx(), { targetAccount: B }],
  ["allowed: no names, orders final, no dependents", ctx({ subscription: { id: SUB, ownerAccountId: A, state: "active" }, sourceAccount: account(A, { name: undefined }), targetAccount: { id: B, kind: "customer", vendorId: 1, brandId: "b1", status: "active" }, orders: orders("completed", "cancelled", "failed", "rejected"), dependentSubscriptions: [] }), { targetAccount: B }],
  ["allowed: states stopped", ctx({ subscription: sub({ state: "stopped" }) }), { targetAccount: B }],
  ["allowed: states graced", ctx({ subscription: sub({ state: "graced" }) }), { targetAccount: B }],
  ["allowed: states expired", ctx({ subscription: sub({ state: "expired" }) }), { targetAccount: B }],
  ["allowed: vendor 1 and \"1\", brand 7 and \"7\"", ctx({ sourceAccount: source({ vendorId: 1, brandId: 7 }), targetAccount: target({ vendorId: "1", brandId: "7" }) }), { targetAccount: B }],
  ["allowed: trial and disabled flags", ctx({ subscription: sub({ trial: true, disabled: true }) }), { targetAccount: B }],
  ["allowed: now with an offset and lower-case t and z", ctx({ now: "2026-11-21t10:00:00.123+05:30" }), { targetAccount: B }],
  ["allowed: order states in other cases (Completed, COMPLETED, cancelled)", ctx({ orders: [{ id: 1, state: "Completed" }, { id: 2, state: "COMPLETED" }, { id: "3", state: "Cancelled" }, { id: 4, state: "rEJECTED" }] }), { targetAccount: B }],
  ["allowed: order state Completed alone", ctx({ orders: [{ id: "ORD-1", state: "Completed" }] }), { targetAccount: B }],
  ["allowed: order state COMPLETED alone", ctx({ orders: [{ id: "ORD-1", state: "COMPLETED" }] }), { targetAccount: B }],
  ["allowed: target id in the context in upper case", ctx({ targetAccount: target({ id: B.toUpperCase() }) }), { targetAccount: B }],
  ["allowed: requested id in upper case", ctx(), { targetAccount: B.toUpperCase() }],
  ["allowed: both in mixed case", ctx({ targetAccount: target({ id: "BbBbBbBb-bBbB-4BbB-8bBb-BBBBbbbbBBBB" }) }), { targetAccount: "bBbBbBbB-BbBb-4bBb-8BbB-bbbbBBBBbbbb" }],
  ["allowed: extra members in the migration set", ctx(), { targetAccount: B, note: "x", aps: { id: "y" } }],

  // One refusal per built-in rule.
  ["refused: migration set without targetAccount", ctx(), {}],
  ["refused: target id not an APS id", ctx(), { targetAccount: "not-an-id" }],
  ["refused: target id in braces", ctx(), { targetAccount: `{${B}}` }],
  ["refused: target id with a space", ctx(), { targetAccount: ` ${B}` }],
  ["refused: target is the owner", ctx({ targetAccount: source() }), { targetAccount: A }],
  ["refused: target is the owner, requested in upper case", ctx({ targetAccount: source() }), { targetAccount: A.toUpperCase() }],
  ["refused: target is the owner, requested in mixed case, not in the context", ctx({ targetAccount: null }), { targetAccount: MIXED_A }],
  ["refused: owner id in upper case in the context", ctx({ subscription: sub({ ownerAccountId: A.toUpperCase() }), targetAccount: source() }), { targetAccount: A }],
  ["refused: target not found (null)", ctx({ targetAccount: null }), { targetAccount: B }],
  ["refused: target not found (absent)", ctx({ targetAccount: undefined }), { targetAccount: B }],
  ["refused: target in the context is another account", ctx({ targetAccount: account(C) }), { targetAccount: B }],
  ...["credit_hold", "admin_hold", "suspended", "cancelled", "deleted"].map((status) => [`refused: target ${status}`, ctx({ targetAccount: target({ status }) }), { targetAccount: B }]),
  ["refused: target suspended, found through an upper-case id", ctx({ targetAccount: target({ id: B.toUpperCase(), status: "suspended" }) }), { targetAccount: B }],
  ["refused: reseller subscription", ctx({ sourceAccount: source({ kind: "reseller" }) }), { targetAccount: B }],
  ["refused: reseller subscription, source without a name", ctx({ sourceAccount: account(A, { kind: "reseller", name: undefined }) }), { targetAccount: B }],
  ["refused: reseller subscription, source with an empty name", ctx({ sourceAccount: source({ kind: "reseller", name: "" }) }), { targetAccount: B }],
  ["refused: another vendor", ctx({ targetAccount: target({ vendorId: 2 }) }), { targetAccount: B }],
  ["refused: another vendor (strings)", ctx({ sourceAccount: source({ vendorId: "R-1" }), targetAccount: target({ vendorId: "r-1" }) }), { targetAccount: B }],
  ["refused: another brand", ctx({ targetAccount: target({ brandId: "b2" }) }), { targetAccount: B }],
  ["refused: another brand, brand ids in another case", ctx({ targetAccount: target({ brandId: "B1" }) }), { targetAccount: B }],
  ["refused: terminated", ctx({ subscription: sub({ state: "terminated" }) }), { targetAccount: B }],
  ...["provisioning", "starting", "stopping", "removing", "changing_plan"].map((state) => [`refused: in transition (${state})`, ctx({ subscription: sub({ state }) }), { targetAccount: B }]),
  ["refused: in transition, subscription without a name (its id)", ctx({ subscription: { id: SUB, ownerAccountId: A, state: "changing_plan" } }), { targetAccount: B }],
  ["refused: an order processing", ctx({ orders: [{ id: "ORD-1002", state: "processing" }] }), { targetAccount: B }],
  ["refused: orders open among final ones", ctx({ orders: [{ id: 1, state: "completed" }, { id: 2, state: "pending" }, { id: 3, state: "Completed" }, { id: "ORD-4", state: "Completed " }] }), { targetAccount: B }],
  ["refused: five open orders (list cut after three)", ctx({ orders: orders("new", "processing", "on_hold", "Pending", "PROVISIONING") }), { targetAccount: B }],
  ["refused: an order id of 300 characters (cut with …)", ctx({ orders: [{ id: `ORD-${"9".repeat(252)}`, state: "open" }] }), { targetAccount: B }],
  ["refused: order ids non-ASCII and long", ctx({ orders: [{ id: `Bestellung-${"ä😀".repeat(40)}`, state: "open" }, { id: 0, state: "x" }] }), { targetAccount: B }],
  ["refused: a dependent subscription", ctx({ dependentSubscriptions: [{ id: "d1", name: "Web 5", reason: "shared_domains", resourceTypes: ["domain"] }] }), { targetAccount: B }],
  ["refused: four dependents of each reason (list cut)", ctx({ dependentSubscriptions: [
    { id: 1, name: "Web 5", reason: "shared_domains" }, { id: 2, reason: "shared_users" }, { id: "s-3", name: "", reason: "shared_resources" }, { id: 4, name: "CRM", reason: "shared_users" },
  ] }), { targetAccount: B }],
  ["refused: a dependent with a 256-character name", ctx({ dependentSubscriptions: [{ id: 9, name: "N".repeat(256), reason: "shared_domains" }] }), { targetAccount: B }],
  ["refused: long parameters cut at 64 characters", ctx({
    subscription: sub({ name: `Subscription ${"x".repeat(200)}`, state: "changing_plan" }),
    sourceAccount: source({ brandId: `brand-${"é".repeat(100)}`, vendorId: `vendor-${"😀".repeat(70)}` }),
    targetAccount: target({ brandId: `brand-${"b".repeat(250)}`, vendorId: "v".repeat(64) }),
  }), { targetAccount: B }],
  ["refused: parameters of exactly 64 and 65 characters", ctx({ sourceAccount: source({ brandId: "s".repeat(64) }), targetAccount: target({ brandId: "t".repeat(65) }) }), { targetAccount: B }],
  ["refused: names with quotes, braces and markup", ctx({ subscription: sub({ name: "<b>{subscription}</b> \"q\" & 'a'", state: "terminated" }) }), { targetAccount: B }],
  ["refused: many reasons at once", ctx({
    subscription: sub({ state: "changing_plan" }),
    sourceAccount: source({ kind: "reseller" }),
    targetAccount: target({ status: "suspended", vendorId: 2, brandId: "b2" }),
    orders: orders("processing"),
    dependentSubscriptions: [{ id: 7, name: "Web", reason: "shared_domains" }],
    billing: fusebill(scheduled("2026-12-01"), { ...FUSEBILL_NOW, scheduledMigrationDate: "2026-12-01" }),
  }), { targetAccount: B }],
  ["refused: owner and not found and reseller", ctx({ sourceAccount: source({ kind: "reseller" }), targetAccount: null }), { targetAccount: A }],

  // Billing: Chargebee.
  ["chargebee: latest scheduled", ctx({ billing: { platform: "chargebee", latest: { ...CB, status: "scheduled" } } }), { targetAccount: B }],
  ["chargebee: latest failed", ctx({ billing: { platform: "chargebee", latest: CB } }), { targetAccount: B }],
  ["chargebee: latest succeeded, request null", ctx({ billing: { platform: "chargebee", latest: { ...CB, status: "succeeded" }, request: null } }), { targetAccount: B }],
  ["chargebee: no latest", ctx({ billing: { platform: "chargebee" } }), { targetAccount: B }],
  ["chargebee: latest null", ctx({ billing: { platform: "chargebee", latest: null } }), { targetAccount: B }],
  // Fusebill: the date boundary against now's date, and the timing rules.
  ["fusebill: scheduled for now's date", ctx({ billing: fusebill(scheduled("2026-11-21")) }), { targetAccount: B }],
  ["fusebill: scheduled one day before now's date", ctx({ billing: fusebill(scheduled("2026-11-20")) }), { targetAccount: B }],
  ["fusebill: scheduled one day after now's date", ctx({ billing: fusebill(scheduled("2026-11-22")) }), { targetAccount: B }],
  ["fusebill: scheduled a year before", ctx({ billing: fusebill(scheduled("2025-11-21")) }), { targetAccount: B }],
  ["fusebill: scheduled at now's date, midnight UTC", ctx({ billing: fusebill(scheduled("2026-11-21T00:00:00Z")) }), { targetAccount: B }],
  ["fusebill: scheduled at now's date, 23:59:59", ctx({ billing: fusebill(scheduled("2026-11-21T23:59:59Z")) }), { targetAccount: B }],
  ["fusebill: scheduled at now's date with an offset", ctx({ billing: fusebill(scheduled("2026-11-21T09:00:00-05:00")) }), { targetAccount: B }],
  ["fusebill: scheduled the day before, late", ctx({ billing: fusebill(scheduled("2026-11-20T23:59:59.999Z")) }), { targetAccount: B }],
  ["fusebill: scheduled the day after, early with an offset", ctx({ billing: fusebill(scheduled("2026-11-22T00:00:00+14:00")) }), { targetAccount: B }],
  ["fusebill: now with an offset, scheduled for its date", ctx({ now: "2026-11-21T01:00:00+05:00", billing: fusebill(scheduled("2026-11-21")) }), { targetAccount: B }],
  ["fusebill: now with an offset, scheduled the day before", ctx({ now: "2026-11-21T01:00:00+05:00", billing: fusebill(scheduled("2026-11-20")) }), { targetAccount: B }],
  ["fusebill: now at midnight, scheduled for its date", ctx({ now: "2026-11-21T00:00:00Z", billing: fusebill(scheduled("2026-11-21")) }), { targetAccount: B }],
  ["fusebill: now late at night, scheduled the next day", ctx({ now: "2026-11-21T23:59:59Z", billing: fusebill(scheduled("2026-11-22")) }), { targetAccount: B }],
  ["fusebill: now at the end of a year, scheduled the next", ctx({ now: "2026-12-31T12:00:00Z", billing: fusebill(scheduled("2027-01-01")) }), { targetAccount: B }],
  ["fusebill: now at the start of a year, scheduled the last day before", ctx({ now: "2027-01-01T12:00:00Z", billing: fusebill(scheduled("2026-12-31")) }), { targetAccount: B }],
  ["fusebill: next billing period, no date", ctx({ billing: fusebill(scheduled(undefined, "NextBillingPeriod")) }), { targetAccount: B }],
  ["fusebill: next billing period, for now's date", ctx({ billing: fusebill(scheduled("2026-11-21", "NextBillingPeriod")) }), { targetAccount: B }],
  ["fusebill: next billing period, the day before", ctx({ billing: fusebill(scheduled("2026-11-20", "NextBillingPeriod")) }), { targetAccount: B }],
  ["fusebill: latest Now (ran at once)", ctx({ billing: fusebill(FUSEBILL_NOW) }), { targetAccount: B }],
  ["fusebill: request valid", ctx({ billing: fusebill(undefined, FUSEBILL_NOW) }), { targetAccount: B }],
  ["fusebill: request SpecificDate without a date", ctx({ billing: fusebill(undefined, scheduled(undefined)) }), { targetAccount: B }],
  ["fusebill: request SpecificDate with a date", ctx({ billing: fusebill(undefined, scheduled("2026-12-01")) }), { targetAccount: B }],
  ["fusebill: request Now with a date", ctx({ billing: fusebill(undefined, { ...FUSEBILL_NOW, scheduledMigrationDate: "2026-12-01" }) }), { targetAccount: B }],
  ["fusebill: request with five problems (list cut after three)", ctx({ billing: fusebill(undefined, { customerId: 0, planFamilyRelationshipId: "x", migrationTimingOption: "Now", scheduledMigrationDate: "soon", earningOption: "All", extra: 1 }) }), { targetAccount: B }],
  ["fusebill: request with a long problem text", ctx({ billing: fusebill(undefined, { ...FUSEBILL_NOW, [`k${"e".repeat(300)}`]: 1 }) }), { targetAccount: B }],
  ["fusebill: request null", ctx({ billing: fusebill(undefined, null) }), { targetAccount: B }],
  ["fusebill: in flight and request invalid", ctx({ billing: fusebill(scheduled("2026-11-21"), scheduled(undefined)) }), { targetAccount: B }],
  // BillForward.
  ["billforward: latest Pending with an id", ctx({ billing: { platform: "billforward", latest: { "@type": "ProductRatePlanMigrationAmendment", id: "AMD-1", state: "Pending", actioningTime: "2026-12-01T00:00:00Z" } } }), { targetAccount: B }],
  ["billforward: latest Pending without an id", ctx({ billing: { platform: "billforward", latest: { state: "Pending", actioningTime: "2026-12-01T00:00:00Z" } } }), { targetAccount: B }],
  ["billforward: latest Pending without id or time", ctx({ billing: { platform: "billforward", latest: { state: "Pending" } } }), { targetAccount: B }],
  ["billforward: latest Succeeded, request valid", ctx({ billing: { platform: "billforward", latest: { state: "Succeeded" }, request: { productRatePlan: "PRP-GOLD", mappings: [{ pricingComponent: "seats", value: 5 }] } } }), { targetAccount: B }],
  ["billforward: request invalid", ctx({ billing: { platform: "billforward", request: { product_rate_plan: "x", mappings: [{ value: 1.5 }] } } }), { targetAccount: B }],
  // Pismo.
  ["pismo: latest customer_incoming (started)", ctx({ billing: { platform: "pismo", latest: PISMO_IN, latestEvent: "customer_incoming" } }), { targetAccount: B }],
  ["pismo: latest customer_outgoing (completed)", ctx({ billing: { platform: "pismo", latest: PISMO_OUT, latestEvent: "customer_outgoing" } }), { targetAccount: B }],
  ["pismo: request valid", ctx({ billing: { platform: "pismo", request: PISMO_IN } }), { targetAccount: B }],
  ["pismo: request invalid", ctx({ billing: { platform: "pismo", request: { migration: { id: 1 }, entity: [] } } }), { targetAccount: B }],
  ["billing without latest or request", ctx({ billing: { platform: "billforward" } }), { targetAccount: B }],
  // What a real controller gives: ids only, or some of the rest (the rules without their data are skipped).
  ["missing data: ids only", ctx({ subscription: { id: SUB, ownerAccountId: A, name: "Mail 25" }, sourceAccount: { id: A }, targetAccount: { id: B } }), { targetAccount: B }],
  ["missing data: no brands, no state, terminated false", ctx({ subscription: { id: SUB, ownerAccountId: A, terminated: false }, sourceAccount: { id: A, kind: "customer", vendorId: 1, status: "active" }, targetAccount: { id: B, kind: "customer", vendorId: 1, status: "active" } }), { targetAccount: B }],
  ["missing data: terminated true, target on credit hold, another vendor", ctx({ subscription: { id: SUB, ownerAccountId: A, terminated: true, state: "active" }, sourceAccount: { id: A, vendorId: 1 }, targetAccount: { id: B, vendorId: "2", status: "credit_hold" } }), { targetAccount: B }],
  ["missing data: dependents with integer ids and resource types", ctx({ dependentSubscriptions: [{ id: 1000017, reason: "shared_resources", resourceTypes: [12, 47, "mailbox"] }] }), { targetAccount: B }],
];

/** [name, context]: contexts the module must refuse as the host's bug (ContextError). */
const BAD_CONTEXTS = [
  ["missing now, subscription and sourceAccount", { targetAccount: null }],
  ["now not a date-time", ctx({ now: "2026-11-21" })],
  ["now a number", ctx({ now: 1764000000 })],
  ["an unknown top-level member", ctx({ extra: 1 })],
  ["subscription state in another case (Active)", ctx({ subscription: sub({ state: "Active" }) })],
  ["subscription id not a UUID", ctx({ subscription: sub({ id: "sub-1" }) })],
  ["owner id of 37 characters", ctx({ subscription: sub({ ownerAccountId: `${A}a` }) })],
  ["target status in another case (Active)", ctx({ targetAccount: target({ status: "Active" }) })],
  ["target kind unknown, vendorId a float, brandId empty", ctx({ targetAccount: target({ kind: "partner", vendorId: 1.5, brandId: "" }) })],
  ["target an array", ctx({ targetAccount: [] })],
  ["orders: item without state, state empty, id a boolean", ctx({ orders: [{ id: 1 }, { id: 2, state: "" }, { id: true, state: "x" }] })],
  ["orders: not an array", ctx({ orders: {} })],
  ["dependents: unknown reason, extra member", ctx({ dependentSubscriptions: [{ id: 1, reason: "shared_DOMAINS", x: 1 }] })],
  ["many problems (the message names three and counts the rest)", { now: "x", subscription: { id: 1 }, sourceAccount: {}, orders: 5, extra: true }],
  ["billing: unknown platform", ctx({ billing: { platform: "stripe" } })],
  ["billing: platform in another case", ctx({ billing: { platform: "Fusebill" } })],
  ["billing: chargebee with a request", ctx({ billing: { platform: "chargebee", request: { a: 1 } } })],
  ["billing: pismo latest without latestEvent", ctx({ billing: { platform: "pismo", latest: PISMO_IN } })],
  ["billing.latest breaks its contract (chargebee)", ctx({ billing: { platform: "chargebee", latest: { ...CB, status: "Scheduled", from_site: "ab" } } })],
  ["billing.latest SpecificDate without a date (fusebill)", ctx({ billing: fusebill(scheduled(undefined)) })],
  ["billing.latest Now with a date (fusebill)", ctx({ billing: fusebill({ ...FUSEBILL_NOW, scheduledMigrationDate: "2026-11-21" }) })],
  ["billing.latest breaks its contract (billforward)", ctx({ billing: { platform: "billforward", latest: { state: "pending" } } })],
  ["billing.latest breaks its contract (pismo outgoing)", ctx({ billing: { platform: "pismo", latest: PISMO_IN, latestEvent: "customer_outgoing" } })],
  ["billing.latest a string", ctx({ billing: { platform: "fusebill", latest: "x" } })],
  ["context an array", [BASE]],
  ["context a string", "context"],
  ["context null", null],
];

/** Contexts that are not JSON values: an InputError. */
const UNREADABLE_CONTEXTS = ["undefined", "cyclic", "bigint", "function", "throwingGetter"];

/** [name, policy args]: each is passed as the third argument (none: no argument at all). */
const POLICIES = [
  ["no policy", []],
  ["policy undefined", [{ $js: "undefined" }]],
  ["policy null", [null]],
  ["policy {}", [{}]],
  ["German", [{ locale: "de" }]],
  ["de-AT (falls back to de)", [{ locale: "de-AT" }]],
  ["DE in upper case", [{ locale: "DE" }]],
  ["French (falls back to English)", [{ locale: "fr-CA" }]],
  ["English overrides, German locale", [{ locale: "de", rules: { "target-account-active": { messages: { en: "Account {targetAccount} is {status}." } } } }]],
  ["overrides and disabled rules", [{
    rules: {
      "target-account-active": { messages: { en: "Account {targetAccount} is {status}. Ask billing to reactivate it first.", de: "Konto {targetAccount} ist {status}." } },
      "same-brand": { enabled: false },
      "orders-final": { enabled: true, messages: { en: "{count} open orders of {subscription}: {orders}." } },
      "no-dependent-subscriptions": { messages: { "de-AT": "Abhängig: {subscriptions} ({count})." } },
    },
  }]],
  ["overrides in de-AT", [{ locale: "de-AT", rules: { "no-dependent-subscriptions": { messages: { "de-AT": "Abhängig: {subscriptions} ({count}).", de: "nie" } }, "same-vendor": { messages: { de: "Anbieter {sourceVendor} ≠ {targetVendor} für {targetAccount}" } } } }]],
  ["every rule disabled", [{ rules: Object.fromEntries(["migration-set-valid", "target-id-valid", "target-not-owner", "target-account-exists", "target-account-active", "not-reseller-subscription", "same-vendor", "same-brand", "subscription-not-terminated", "subscription-not-in-transition", "billing-no-migration-in-flight", "orders-final", "no-dependent-subscriptions", "billing-request-valid"].map((id) => [id, { enabled: false }])) }]],
  ["billing rules and the id rule disabled", [{ rules: { "billing-no-migration-in-flight": { enabled: false }, "billing-request-valid": { enabled: false }, "target-id-valid": { enabled: false } } }]],
  ["finalOrderStates in other cases", [{ finalOrderStates: ["Completed", "CANCELLED", "shipped"] }]],
  ["finalOrderStates: only done", [{ finalOrderStates: ["done"] }]],
  ["finalOrderStates: upper case only", [{ finalOrderStates: ["COMPLETED"] }]],
  ["custom rules", [{
    locale: "de",
    customRules: [
      { id: "no-trial-moves", code: "TRIAL_SUBSCRIPTION", when: { properties: { subscription: { properties: { trial: { const: true } } } } }, require: false, message: { en: "Trial subscription {subscription} cannot be moved.", de: "Testabonnement {subscription} kann nicht verschoben werden." } },
      { id: "same-vendor-1", require: { properties: { targetAccount: { properties: { vendorId: { const: 1 } } } } }, message: { en: "Only vendor 1 ({targetAccount})." } },
      { id: "needs-orders-list", when: { properties: { orders: { maxItems: 0 } } }, require: { required: ["orders", "dependentSubscriptions"], properties: { subscription: { required: ["trial", "disabled"] } } }, message: { en: "Defaults are applied for custom rules." } },
      { id: "off", enabled: false, require: false, message: { en: "never" } },
      { id: "no-billing", when: { required: ["billing"] }, require: { properties: { billing: { properties: { platform: { enum: ["chargebee"] } } } } }, message: { "de-AT": "nur Chargebee", en: "Chargebee only." } },
    ],
  }]],
  ["refuse on missing data (catalogue and own messages)", [{ rules: { "same-brand": { onMissingData: "refuse" }, "target-account-active": { onMissingData: "refuse", missingDataMessages: { en: "No status for {targetAccount} ({data}).", de: "Kein Status für {targetAccount}." } }, "same-vendor": { onMissingData: "skip" } } }]],
  ["a custom rule whose when is cut short by a limit", [{ customRules: [{ id: "branching", when: { anyOf: [{ $ref: "#" }, { $ref: "#" }] }, require: false, message: { en: "never shown" } }, { id: "branching-require", require: { anyOf: [{ $ref: "#" }, { $ref: "#" }] }, message: { en: "a require cut short refuses" } }] }]],
];

/** [name, policy args]: policies the module must refuse (PolicyError), or that are not JSON (InputError). */
const BAD_POLICIES = [
  ["unknown rule id and a locale that is a number", [{ rules: { nope: {} }, locale: 5 }]],
  ["locale too short", [{ locale: "d" }]],
  ["an unknown placeholder", [{ rules: { "same-brand": { messages: { en: "{sourceBrand} {status} {nope}" } } } }]],
  ["placeholders of another rule, in two locales", [{ rules: { "target-not-owner": { messages: { en: "{status}", de: "{orders}" } } } }]],
  ["custom rule: duplicate id and a built-in id", [{ customRules: [{ id: "x", require: true, message: { en: "a" } }, { id: "x", require: true, message: { en: "b" } }, { id: "same-brand", require: true, message: { en: "c" } }] }]],
  ["custom rule: schemas that do not compile", [{ customRules: [{ id: "x", when: { pattern: "^a" }, require: { type: "nope" }, message: { en: "{subscription}" } }] }]],
  ["custom rule: message without en, unknown placeholder", [{ customRules: [{ id: "x", require: true, message: { de: "{status}" } }] }]],
  ["custom rule: missing require and message", [{ customRules: [{ id: "x" }] }]],
  ["finalOrderStates: empty, duplicates", [{ finalOrderStates: [] }]],
  ["finalOrderStates: duplicates (case-variant ones are distinct)", [{ finalOrderStates: ["done", "Done", "done"] }]],
  ["an unknown member", [{ extra: true }]],
  ["onMissingData unknown, missingDataMessages with a rule's placeholder", [{ rules: { "same-brand": { onMissingData: "never", missingDataMessages: { en: "{sourceBrand}" } } } }]],
  ["policy an array", [[]]],
  ["policy a string", ["de"]],
  ["policy false", [false]],
  ["policy cyclic", [{ $js: "cyclic" }]],
  ["policy a function", [{ $js: "function" }]],
  ["policy a BigInt", [{ $js: "bigint" }]],
];

/** [name, migration set]: bodies as the controller might send them. */
const MIGRATION_SETS = [
  ["valid", { targetAccount: B }],
  ["upper-case id", { targetAccount: B.toUpperCase() }],
  ["the owner in upper case", { targetAccount: A.toUpperCase() }],
  ["extra members", { targetAccount: B, extra: [1] }],
  ["empty object", {}],
  ["targetAccount not an id", { targetAccount: "not-an-id" }],
  ["targetAccount a number", { targetAccount: 5 }],
  ["targetAccount null", { targetAccount: null }],
  ["targetAccount an object", { targetAccount: { id: B } }],
  ["targetAccount empty", { targetAccount: "" }],
  ["targetAccount with a lone surrogate", { targetAccount: "\ud800" }],
  ["null", null],
  ["an array", [B]],
  ["a string", B],
  ["a number", 0],
  ["undefined", { $js: "undefined" }],
  ["cyclic", { $js: "cyclic" }],
  ["a BigInt", { $js: "bigint" }],
  ["a function", { $js: "function" }],
  ["nesting of 128 levels", JSON.parse(`${'{"a":'.repeat(128)}1${"}".repeat(128)}`)],
];

export function precheckCases() {
  const cases = [];
  const add = (name, migrationSet, context, policy) => cases.push({ name, call: "precheck", args: [migrationSet, context, ...policy] });
  const byName = Object.fromEntries(CONTEXTS.map(([name, c, set]) => [name, [c, set]]));

  // Every context with no policy and in German; refusals also with overridden messages and
  // disabled rules, the others also with custom rules.
  const changing = POLICIES.find(([name]) => name === "overrides and disabled rules")[1];
  const custom = POLICIES.find(([name]) => name === "custom rules")[1];
  for (const [name, c, set] of CONTEXTS) {
    add(`${name} | no policy`, set, c, []);
    add(`${name} | German`, set, c, [{ locale: "de" }]);
    if (name.startsWith("refused")) add(`${name} | overrides and disabled rules`, set, c, changing);
    else add(`${name} | custom rules`, set, c, custom);
  }
  // Every policy on a few contexts.
  const probes = ["allowed", "allowed: order states in other cases (Completed, COMPLETED, cancelled)", "refused: many reasons at once", "refused: five open orders (list cut after three)", "allowed: trial and disabled flags", "chargebee: latest scheduled", "missing data: ids only"];
  const covered = ["no policy", "German", "overrides and disabled rules", "custom rules"];
  for (const [policyName, policy] of POLICIES.filter(([name]) => !covered.includes(name))) {
    for (const probe of probes) add(`${probe} | ${policyName}`, byName[probe][1], byName[probe][0], policy);
  }
  // Every migration set on a few contexts.
  for (const [setName, set] of MIGRATION_SETS) {
    for (const contextName of ["allowed", "refused: target is the owner", "refused: many reasons at once"]) {
      add(`migration set ${setName} | ${contextName} | no policy`, set, byName[contextName][0], []);
      add(`migration set ${setName} | ${contextName} | German`, set, byName[contextName][0], [{ locale: "de" }]);
    }
  }
  // Contexts and policies the module refuses (their messages are English in any locale).
  for (const [name, c] of BAD_CONTEXTS) {
    add(`ContextError: ${name}`, { targetAccount: B }, c, []);
  }
  for (const kind of UNREADABLE_CONTEXTS) add(`InputError: context ${kind}`, { targetAccount: B }, { $js: kind }, []);
  add("ContextError beats a bad migration set", { $js: "cyclic" }, BAD_CONTEXTS[0][1], []);
  for (const [name, policy] of BAD_POLICIES) {
    add(`PolicyError: ${name}`, { targetAccount: B }, byName.allowed[0], policy);
    add(`PolicyError: ${name}, with a bad context too`, { targetAccount: B }, BAD_CONTEXTS[0][1], policy);
  }
  for (const [name, policy] of [...POLICIES, ...BAD_POLICIES]) cases.push({ name: `PreChecker.locale: ${name}`, call: "preCheckerLocale", args: policy });
  return cases;
}

