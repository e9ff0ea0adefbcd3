// Pre-check presets: one allowed move, one refusal per built-in rule (builtInRules()), and a
// custom policy rule. Each preset gives the request (a target account id, or a raw body), the
// context and, where it needs one, the policy. Pure data: importable in the browser and in Node.
//
// Keep `refuses` in sync with builtInRules(): the end-to-end test runs every preset and checks
// that each built-in rule has a preset refused by exactly that rule.

export const SOURCE = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
export const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
export const SUBSCRIPTION = "11111111-1111-4111-8111-111111111111";

/** A context in which the move is allowed, at `now` (a Date); every preset starts from a fresh copy. */
export function baseContext(now) {
  return {
    now: new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z"),
    subscription: { id: SUBSCRIPTION, ownerAccountId: SOURCE, name: "Hosted Exchange 25", state: "active" },
    sourceAccount: { id: SOURCE, name: "Example Customer GmbH", kind: "customer", vendorId: 1, brandId: "main", status: "active" },
    targetAccount: { id: TARGET, name: "Example Holding AG", kind: "customer", vendorId: 1, brandId: "main", status: "active" },
    orders: [{ id: "SO-1001", state: "completed" }],
    dependentSubscriptions: [],
  };
}

const FUSEBILL_REQUEST = { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "Now" };

/** The date (YYYY-MM-DD, UTC) `days` after the context's `now`: presets schedule relative to it. */
function daysAfter(now, days) {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The presets, in the order of the rules. Each: `id`, `label`, `refuses` (the rule that refuses
 * it, null when allowed), `target` (the target account id field) or `body` (a raw request body,
 * shown as JSON), `context(base)` (changes a fresh base context) and optional `policy`.
 */
export const PRESETS = [
  {
    id: "allowed",
    label: "Allowed move",
    refuses: null,
    target: TARGET,
    context: (c) => c,
  },
  {
    id: "allowed-billing",
    label: "Allowed move, billing checked (BillForward)",
    refuses: null,
    target: TARGET,
    context: (c) => ({
      ...c,
      billing: {
        platform: "billforward",
        latest: { "@type": "ProductRatePlanMigrationAmendment", id: "AMD-6", state: "Succeeded" },
        request: { productRatePlan: "PRP-GOLD", mappings: [{ pricingComponent: "seats", value: 5 }] },
      },
    }),
  },
  {
    id: "allowed-missing-data",
    label: "Allowed: a controller gives no brand, state or account status",
    refuses: null,
    target: TARGET,
    // What a real controller gives: the rules without their data are skipped and say why.
    context: (c) => ({
      ...c,
      subscription: { id: c.subscription.id, ownerAccountId: c.subscription.ownerAccountId, name: c.subscription.name, terminated: false },
      sourceAccount: { id: c.sourceAccount.id, name: c.sourceAccount.name, kind: "customer", vendorId: 1 },
      targetAccount: { id: c.targetAccount.id, name: c.targetAccount.name, kind: "customer", vendorId: 1 },
    }),
  },
  {
    id: "policy-refuse-missing-brand",
    label: "Policy: refuse when the brand is not known",
    refuses: "same-brand",
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: { ...c.targetAccount, brandId: undefined } }),
    policy: { rules: { "same-brand": { onMissingData: "refuse", missingDataMessages: { en: "The brand of account {targetAccount} is not known; ask the provider to check it.", de: "Die Marke des Kontos {targetAccount} ist nicht bekannt." } } } },
  },
  {
    id: "policy-brand-disabled",
    label: "Policy: brand check disabled",
    refuses: null,
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: { ...c.targetAccount, brandId: "partner-brand" } }),
    policy: { rules: { "same-brand": { enabled: false } } },
  },
  {
    id: "migration-set-valid",
    label: "Malformed request body",
    refuses: "migration-set-valid",
    body: { targetAccount: 42 },
    context: (c) => c,
  },
  {
    id: "target-id-valid",
    label: "Target id is not an APS id",
    refuses: "target-id-valid",
    target: "acct-0042",
    context: (c) => c,
  },
  {
    id: "target-not-owner",
    label: "Target already owns it",
    refuses: "target-not-owner",
    target: SOURCE,
    context: (c) => ({ ...c, targetAccount: { ...c.sourceAccount } }),
  },
  {
    id: "target-account-exists",
    label: "Target account not found",
    refuses: "target-account-exists",
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: null }),
  },
  {
    id: "target-account-active",
    label: "Target account suspended",
    refuses: "target-account-active",
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: { ...c.targetAccount, status: "suspended" } }),
  },
  {
    id: "not-reseller-subscription",
    label: "Reseller's own subscription",
    refuses: "not-reseller-subscription",
    target: TARGET,
    context: (c) => ({ ...c, sourceAccount: { ...c.sourceAccount, kind: "reseller", name: "Example Reseller Ltd" } }),
  },
  {
    id: "same-vendor",
    label: "Target under another vendor",
    refuses: "same-vendor",
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: { ...c.targetAccount, vendorId: 2 } }),
  },
  {
    id: "same-brand",
    label: "Target in another brand",
    refuses: "same-brand",
    target: TARGET,
    context: (c) => ({ ...c, targetAccount: { ...c.targetAccount, brandId: "partner-brand" } }),
  },
  {
    id: "subscription-not-terminated",
    label: "Subscription terminated",
    refuses: "subscription-not-terminated",
    target: TARGET,
    context: (c) => ({ ...c, subscription: { ...c.subscription, state: "terminated" } }),
  },
  {
    id: "subscription-not-in-transition",
    label: "Plan change in progress",
    refuses: "subscription-not-in-transition",
    target: TARGET,
    context: (c) => ({ ...c, subscription: { ...c.subscription, state: "changing_plan" } }),
  },
  {
    id: "billing-no-migration-in-flight",
    label: "Billing: migration in flight (Fusebill)",
    refuses: "billing-no-migration-in-flight",
    target: TARGET,
    context: (c) => ({
      ...c,
      billing: {
        platform: "fusebill",
        // A month ahead: still to run, whenever the page is opened.
        latest: { ...FUSEBILL_REQUEST, migrationTimingOption: "SpecificDate", scheduledMigrationDate: daysAfter(c.now, 30) },
        request: { ...FUSEBILL_REQUEST },
      },
    }),
  },
  {
    id: "orders-final",
    label: "Order still open",
    refuses: "orders-final",
    target: TARGET,
    context: (c) => ({ ...c, orders: [...c.orders, { id: "SO-1002", state: "in_progress" }] }),
  },
  {
    id: "no-dependent-subscriptions",
    label: "Dependent subscriptions",
    refuses: "no-dependent-subscriptions",
    target: TARGET,
    context: (c) => ({
      ...c,
      dependentSubscriptions: [
        { id: "22222222-2222-4222-8222-222222222222", name: "Web Hosting Pro", reason: "shared_domains" },
        { id: "33333333-3333-4333-8333-333333333333", name: "Office 365 E3", reason: "shared_users" },
      ],
    }),
  },
  {
    id: "billing-request-valid",
    label: "Billing: invalid planned request (Fusebill)",
    refuses: "billing-request-valid",
    target: TARGET,
    context: (c) => ({
      ...c,
      billing: {
        platform: "fusebill",
        latest: null,
        request: { ...FUSEBILL_REQUEST, scheduledMigrationDate: daysAfter(c.now, 30) },
      },
    }),
  },
  {
    id: "custom-trial",
    label: "Policy: custom rule (no trial moves)",
    refuses: "no-trial-moves",
    target: TARGET,
    context: (c) => ({ ...c, subscription: { ...c.subscription, trial: true } }),
    policy: {
      customRules: [
        {
          id: "no-trial-moves",
          code: "TRIAL_SUBSCRIPTION",
          when: { properties: { subscription: { properties: { trial: { const: true } } } } },
          require: false,
          message: {
            en: "Trial subscription {subscription} cannot be moved; convert it to a paid subscription first.",
            de: "Testabonnement {subscription} kann nicht verschoben werden; wandeln Sie es zuerst in ein bezahltes Abonnement um.",
          },
        },
      ],
    },
  },
];

/** The request body a preset sends (what the controller would POST). */
export function presetBody(preset) {
  return preset.body !== undefined ? preset.body : { targetAccount: preset.target };
}

/** The context of a preset at `now` (a Date), built on a fresh base context. */
export function presetContext(preset, now) {
  return preset.context(baseContext(now));
}
