// The 14 built-in pre-check rules written in plain JavaScript: what a developer would write
// instead of using the module. Used only by the benchmark, as the comparison for PreChecker.
//
// It follows the module's rules (src/precheck/rules.rs), its English catalogue
// (src/precheck/messages/en.json) and its message composition (src/precheck/mod.rs) closely
// enough to give the same verdicts, codes and messages on the benchmark's contexts; run.mjs checks
// that before it times anything. It does NOT validate the context against contextSchema() (the
// module does, on every call): the benchmark adds a second comparison, "ajv(contextSchema) + these
// rules", for that. Billing: the Fusebill and Chargebee records are checked by hand (the fields and
// rules the benchmark's contexts use); other platforms throw, as they are not part of the benchmark.

export const RULES = [
  { id: "migration-set-valid", code: "MIGRATION_SET_INVALID", params: [] },
  { id: "target-id-valid", code: "TARGET_ID_INVALID", params: [] },
  { id: "target-not-owner", code: "TARGET_IS_OWNER", params: [] },
  { id: "target-account-exists", code: "TARGET_ACCOUNT_NOT_FOUND", params: [] },
  { id: "target-account-active", code: "TARGET_ACCOUNT_INACTIVE", params: ["status"] },
  { id: "not-reseller-subscription", code: "RESELLER_SUBSCRIPTION", params: ["sourceAccount"] },
  { id: "same-vendor", code: "VENDOR_MISMATCH", params: ["sourceVendor", "targetVendor"] },
  { id: "same-brand", code: "BRAND_MISMATCH", params: ["sourceBrand", "targetBrand"] },
  { id: "subscription-not-terminated", code: "SUBSCRIPTION_TERMINATED", params: [] },
  { id: "subscription-not-in-transition", code: "SUBSCRIPTION_IN_TRANSITION", params: ["state"] },
  { id: "billing-no-migration-in-flight", code: "BILLING_MIGRATION_IN_FLIGHT", params: ["platform", "reference"] },
  { id: "orders-final", code: "ORDERS_NOT_FINAL", params: ["orders", "count"] },
  { id: "no-dependent-subscriptions", code: "DEPENDENT_SUBSCRIPTIONS", params: ["subscriptions", "count"] },
  { id: "billing-request-valid", code: "BILLING_REQUEST_INVALID", params: ["platform", "problems", "count"] },
];

const EN = {
  summary: "The subscription cannot be moved ({count} reasons):",
  more: "and {count} more",
  rules: {
    "migration-set-valid": 'The migration request is malformed: it must be a JSON object whose "targetAccount" is the APS id of the target account.',
    "target-id-valid": '"{targetAccount}" is not a valid APS account id.',
    "target-not-owner": "The subscription already belongs to account {targetAccount}.",
    "target-account-exists": "Account {targetAccount} was not found.",
    "target-account-active": "Account {targetAccount} is {status}; subscriptions can only be moved to an active account.",
    "not-reseller-subscription": "Subscriptions of reseller accounts cannot be moved ({sourceAccount} is a reseller account).",
    "same-vendor": "The target account is under another provider or reseller ({targetVendor}, not {sourceVendor}).",
    "same-brand": "The target account belongs to another brand ({targetBrand}, not {sourceBrand}).",
    "subscription-not-terminated": "Subscription {subscription} is terminated.",
    "subscription-not-in-transition": "Subscription {subscription} is in the middle of an operation ({state}); wait until it has finished.",
    "billing-no-migration-in-flight": "A migration for this subscription is already in progress in {platform} ({reference}); wait until it has finished or cancel it there.",
    "orders-final": "Orders for this subscription are not completed yet: {orders}.",
    "no-dependent-subscriptions": "Other subscriptions depend on this one and would have to move with it: {subscriptions}.",
    "billing-request-valid": "The migration request for {platform} would be rejected: {problems}.",
  },
  values: {
    "state.provisioning": "provisioning", "state.starting": "starting", "state.stopping": "stopping",
    "state.removing": "removal", "state.changing_plan": "plan change",
    "status.active": "active", "status.credit_hold": "on credit hold", "status.admin_hold": "on administrative hold",
    "status.suspended": "suspended", "status.cancelled": "cancelled", "status.deleted": "deleted",
    "reason.shared_domains": "shared domains", "reason.shared_users": "shared users", "reason.shared_resources": "shared resources",
  },
};

const TRANSITION_STATES = new Set(["provisioning", "starting", "stopping", "removing", "changing_plan"]);
const DEFAULT_FINAL = ["completed", "cancelled", "failed", "rejected"];
const APS_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isApsId = (v) => typeof v === "string" && APS_ID.test(v);
const sameApsId = (a, b) => a.length === b.length && a.toLowerCase() === b.toLowerCase();

/** Ids compare as text: strings as they are, whole numbers in decimal. */
function refText(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : JSON.stringify(v);
  return null;
}
function sameRef(a, b) {
  const left = refText(a);
  return left !== null && left === refText(b);
}
function nameOrId(holder) {
  if (!isObject(holder)) return null;
  if (typeof holder.name === "string" && holder.name !== "") return holder.name;
  return holder.id ?? null;
}

/** At most `max` characters (code points), then "…"; line breaks and controls become spaces. */
function displayText(text, max) {
  let out = "";
  let count = 0;
  for (const c of text) {
    if (count + 1 > max) return `${out}…`;
    const code = c.codePointAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ? " " : c;
    count++;
  }
  return out;
}
const displayValue = (v, max) => displayText(typeof v === "string" ? v : JSON.stringify(v), max);
const fill = (template, lookup) =>
  template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) => {
    const value = lookup(name);
    return value === undefined ? whole : value;
  });

// --- Billing, by hand ------------------------------------------------------------------------------
const FUSEBILL_TIMING = ["NextBillingPeriod", "Now", "SpecificDate"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Problems of a Fusebill subscription_migrate body, as plain-text messages (enough for the benchmark). */
function fusebillProblems(body) {
  const problems = [];
  if (!isObject(body)) return ["must be object"];
  for (const key of ["customerId", "planFamilyRelationshipId", "migrationTimingOption"]) {
    if (!(key in body)) problems.push(`must have required property '${key}'`);
  }
  for (const key of ["customerId", "planFamilyRelationshipId"]) {
    if (key in body) {
      if (!Number.isInteger(body[key])) problems.push(`${key} must be integer`);
      else if (body[key] < 1) problems.push(`${key} must be >= 1`);
    }
  }
  const timing = body.migrationTimingOption;
  if ("migrationTimingOption" in body && !FUSEBILL_TIMING.includes(timing)) problems.push("migrationTimingOption must be equal to one of the allowed values");
  const date = body.scheduledMigrationDate;
  if ("scheduledMigrationDate" in body && (typeof date !== "string" || !(DATE.test(date) || DATE_TIME.test(date)))) {
    problems.push("scheduledMigrationDate must be a date (YYYY-MM-DD) or a date-time");
  }
  if (timing === "SpecificDate" && !("scheduledMigrationDate" in body)) problems.push("Please specify a scheduled migration date when the migration type is SpecificDate.");
  if (timing === "Now" && "scheduledMigrationDate" in body) problems.push("Please do not specify a scheduled migration date when the migration type is now.");
  return problems;
}

function chargebeeProblems(record) {
  const problems = [];
  if (!isObject(record)) return ["must be object"];
  for (const key of ["from_site", "entity_type", "entity_id", "status"]) if (!(key in record)) problems.push(`must have required property '${key}'`);
  const len = (s) => [...s].length;
  if (typeof record.from_site !== "string" || len(record.from_site) < 4 || len(record.from_site) > 50) problems.push("from_site must have 4 to 50 characters");
  if (typeof record.entity_id !== "string" || len(record.entity_id) > 100) problems.push("entity_id must have at most 100 characters");
  if (!["scheduled", "failed", "succeeded"].includes(record.status)) problems.push("status must be equal to one of the allowed values");
  return problems;
}

/** {platform, inFlight: params|null, requestProblems: string[]} or throws like the module (a bad `latest`). */
function billingFacts(billing, now) {
  const latest = isObject(billing.latest) ? billing.latest : null;
  const request = billing.request ?? null;
  if (billing.platform === "fusebill") {
    let inFlight = null;
    if (latest) {
      const bad = fusebillProblems(latest);
      if (bad.length) throw Object.assign(new Error(`invalid context (billing.latest): ${bad.join("; ")}`), { code: "INVALID_CONTEXT" });
      const date = typeof latest.scheduledMigrationDate === "string" ? latest.scheduledMigrationDate : null;
      const past = date !== null && typeof now === "string" && now.length >= 10 && date.length >= 10 && date.slice(0, 10) < now.slice(0, 10);
      const timing = latest.migrationTimingOption;
      if (!past && typeof timing === "string" && timing !== "Now") inFlight = { reference: latest.scheduledMigrationDate ?? timing };
    }
    return { platform: "Fusebill", inFlight, requestProblems: request !== null ? fusebillProblems(request) : [] };
  }
  if (billing.platform === "chargebee") {
    let inFlight = null;
    if (latest) {
      const bad = chargebeeProblems(latest);
      if (bad.length) throw Object.assign(new Error(`invalid context (billing.latest): ${bad.join("; ")}`), { code: "INVALID_CONTEXT" });
      if (latest.status === "scheduled") inFlight = { reference: latest.entity_id ?? null };
    }
    return { platform: "Chargebee", inFlight, requestProblems: [] };
  }
  throw new Error(`benchmark JS rules: billing platform ${billing.platform} is not implemented`);
}

// --- The checker -----------------------------------------------------------------------------------
export class JsPreChecker {
  constructor(policy = {}) {
    this.finalStates = (policy.finalOrderStates ?? DEFAULT_FINAL).map((s) => s.toLowerCase());
    this.disabled = new Set(Object.entries(policy.rules ?? {}).filter(([, r]) => r?.enabled === false).map(([id]) => id));
  }

  display(name, value) {
    const label = (prefix, v) => EN.values[`${prefix}.${typeof v === "string" ? v : ""}`] ?? displayValue(v, 64);
    const list = (items, separator, show) => {
      const shown = items.slice(0, 3).map(show);
      if (items.length > 3) shown.push(fill(EN.more, (n) => (n === "count" ? String(items.length - 3) : undefined)));
      return shown.join(separator);
    };
    if (name === "status" || name === "state") return label(name, value);
    if (name === "problems" && Array.isArray(value)) return list(value, "; ", (p) => displayValue(p, 160).replace(/\.+$/, ""));
    if (name === "orders" && Array.isArray(value)) return list(value, ", ", (o) => displayValue(o?.id ?? null, 64));
    if (name === "subscriptions" && Array.isArray(value)) {
      return list(value, ", ", (s) => `${displayValue(nameOrId(s), 64)} (${label("reason", s?.reason ?? null)})`);
    }
    if (value === null || value === undefined) return "?";
    return displayValue(value, 64);
  }

  /** The full report: {canMigrate, message?, failed: [{rule, code, message, params}], passed, skipped, disabled}. */
  explain(migrationSet, context) {
    const requestOk = isObject(migrationSet) && typeof migrationSet.targetAccount === "string";
    const requested = requestOk ? migrationSet.targetAccount : null;
    const targetId = requested !== null && isApsId(requested) ? requested : null;
    const t = context.targetAccount;
    const target = targetId !== null && isObject(t) && typeof t.id === "string" && sameApsId(t.id, targetId) ? t : null;
    const sub = context.subscription;
    const source = context.sourceAccount;
    const billing = isObject(context.billing) ? billingFacts(context.billing, context.now) : null;
    const orders = Array.isArray(context.orders) ? context.orders : [];
    const dependents = Array.isArray(context.dependentSubscriptions) ? context.dependentSubscriptions : [];
    const common = { targetAccount: requested, subscription: nameOrId(sub) };

    const PASS = 0;
    const SKIP = 1;
    const missing = (data) => ({ missing: data }); // the context lacks `data`: skipped with it
    const judge = (id) => {
      switch (id) {
        case "migration-set-valid":
          return requestOk ? PASS : { errors: [{ instancePath: "", keyword: "type", message: "must be a MigrationSet" }] };
        case "target-id-valid":
          return !requestOk ? SKIP : targetId !== null ? PASS : {};
        case "target-not-owner": {
          if (targetId === null) return SKIP;
          const owner = typeof sub?.ownerAccountId === "string" ? sub.ownerAccountId : "";
          return sameApsId(owner, targetId) ? {} : PASS;
        }
        case "target-account-exists":
          return targetId === null ? SKIP : target ? PASS : {};
        case "target-account-active":
          if (!target) return SKIP;
          if (target.status === undefined) return missing("status");
          return target.status === "active" ? PASS : { status: target.status };
        case "not-reseller-subscription":
          if (source?.kind === undefined) return missing("kind");
          return source.kind === "reseller" ? { sourceAccount: nameOrId(source) } : PASS;
        case "same-vendor":
          if (!target) return SKIP;
          if (source?.vendorId === undefined || target.vendorId === undefined) return missing("vendorId");
          return sameRef(source.vendorId, target.vendorId) ? PASS : { sourceVendor: source.vendorId, targetVendor: target.vendorId };
        case "same-brand":
          if (!target) return SKIP;
          if (source?.brandId === undefined || target.brandId === undefined) return missing("brandId");
          return sameRef(source.brandId, target.brandId) ? PASS : { sourceBrand: source.brandId, targetBrand: target.brandId };
        case "subscription-not-terminated":
          if (typeof sub?.terminated === "boolean") return sub.terminated ? {} : PASS;
          if (sub?.state === undefined) return missing("state");
          return sub.state === "terminated" ? {} : PASS;
        case "subscription-not-in-transition":
          if (sub?.state === undefined) return missing("state");
          return TRANSITION_STATES.has(sub.state) ? { state: sub.state } : PASS;
        case "billing-no-migration-in-flight":
          if (!billing) return SKIP;
          return billing.inFlight ? { ...billing.inFlight, platform: billing.platform } : PASS;
        case "orders-final": {
          const open = orders.filter((o) => !this.finalStates.includes((typeof o?.state === "string" ? o.state : "").toLowerCase()));
          return open.length ? { orders: open, count: open.length } : PASS;
        }
        case "no-dependent-subscriptions":
          return dependents.length ? { subscriptions: dependents, count: dependents.length } : PASS;
        case "billing-request-valid":
          if (!billing) return SKIP;
          return billing.requestProblems.length
            ? { platform: billing.platform, problems: billing.requestProblems, count: billing.requestProblems.length }
            : PASS;
        default:
          return SKIP;
      }
    };

    const report = { canMigrate: true, locale: "en", checkedAt: context.now, failed: [], passed: [], skipped: [], disabled: [] };
    for (const rule of RULES) {
      if (this.disabled.has(rule.id)) {
        report.disabled.push(rule.id);
        continue;
      }
      const outcome = judge(rule.id);
      if (outcome === PASS) report.passed.push(rule.id);
      else if (outcome === SKIP) report.skipped.push({ rule: rule.id });
      else if (outcome.missing) report.skipped.push({ rule: rule.id, data: outcome.missing });
      else {
        const message = fill(EN.rules[rule.id], (name) => {
          const value = rule.params.includes(name) ? outcome[name] : common[name];
          return value === undefined ? undefined : this.display(name, value);
        });
        report.failed.push({ rule: rule.id, code: rule.code, message, params: outcome });
      }
    }
    if (report.failed.length) {
      report.canMigrate = false;
      report.message = report.failed.length === 1
        ? report.failed[0].message
        : report.failed.reduce((text, f, i) => `${text} ${i + 1}) ${f.message}`, fill(EN.summary, (n) => (n === "count" ? String(report.failed.length) : undefined)));
    }
    return report;
  }

  /** {canMigrate: true} or {canMigrate: false, message}. */
  check(migrationSet, context) {
    const report = this.explain(migrationSet, context);
    return report.canMigrate ? { canMigrate: true } : { canMigrate: false, message: report.message };
  }
}
