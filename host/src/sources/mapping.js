// The controller mapping: which property of which APS resource gives which part of the context,
// and how its values translate. docs/host-controller.md describes the default property by
// property, with the documentation each one comes from; APS_CONTROLLER_MAPPING overrides parts.
//
// A path is dot-separated steps, read from a resource:
//   name    a property. When the value so far is a link ({"aps": {"link", "href", "id"}}) that has
//           no such property, the link is followed: the linked resource is read and the step
//           reads its property ("bssAccountInfo.status").
//   @name   a relation (or an operation answered by GET): GET /aps/2/resources/{id}/{name}. An
//           answer with one resource gives it, with none or several, nothing.
//   @name?  the same, and any failure of that call (an error status, no answer in time) gives
//           nothing instead of failing the request (for operations a controller may not answer).
// A list of paths tries each in turn; the first that gives a value wins.
import { readFileSync } from "node:fs";

// What the tenant's and the platform's types document (docs/host-controller.md has the sources).
export const DEFAULT_MAPPING = {
  // The resource the controller called: the APS ids of its subscription and of its owner account.
  tenant: {
    subscription: "aps.subscription",
    account: ["account.aps.id", "@account.aps.id"],
  },
  // The subscription resource (core Subscription, PASubscription). `account`: the owner, when the
  // tenant does not name it. `billing`: a path to the context's billing part; null: not read.
  subscription: {
    account: ["account.aps.id", "@account.aps.id"],
    name: "name",
    trial: "trial",
    disabled: "disabled",
    terminated: "isTerminated",
    state: "@provisioningState?.state",
    billing: null,
  },
  // The owner and the target account (core Account, PAAccount, its BssAccountInformation).
  account: {
    id: "aps.id",
    name: "companyName",
    kind: "type",
    vendorId: ["parent.aps.id", "@parent.aps.id"],
    brandId: ["brand.aps.id", "@brands.aps.id"],
    status: ["bssAccountInfo.status", "@bssAccountInfo.status"],
  },
  // Relations of the subscription listing its orders and its dependent subscriptions, read only
  // when `relation` names one: no APS type declares them (the hooks supply them instead).
  orders: { relation: null, id: "aps.id", state: "state" },
  dependents: { relation: null, id: "aps.id", name: "name", reason: "reason", resourceTypes: "resourceTypes" },
  // Translations by context field, keyed by the value's text (strings, numbers and booleans);
  // "*" stands for any other value, and null leaves the field out.
  values: {
    kind: { CLIENT: "customer", RESELLER: "reseller", ADMIN: "reseller", SYSTEM: "reseller", "*": "reseller" },
    status: {
      ACTIVE: "active",
      CREDIT_HOLD: "credit_hold",
      ADMINISTRATIVE_HOLD: "admin_hold",
      CREDIT_ADMINISTRATIVE_HOLD: "admin_hold",
      CANCELLED: "cancelled",
      CANCELLED_NOT_INITIALIZED: "cancelled",
      TRANSFERRED_OUT: "cancelled",
      ERASED: "deleted",
      VERIFICATION_REQUIRED: "suspended",
      NOT_INITIALIZED: "suspended",
      "*": "suspended",
    },
    state: {
      READY: "active",
      ACTIVE: "active",
      STOPPED: "stopped",
      GRACED: "graced",
      EXPIRED: "expired",
      TERMINATED: "terminated",
      PROVISIONING: "provisioning",
      STARTING: "starting",
      STOPPING: "stopping",
      REMOVING: "removing",
      CHANGING_PLAN: "changing_plan",
      "*": null,
    },
    reason: { 1: "shared_domains", 2: "shared_users", 3: "shared_resources" },
  },
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** The keys each section of paths may have (all but "values"): those of the default. */
const SECTIONS = Object.fromEntries(["tenant", "subscription", "account", "orders", "dependents"].map((s) => [s, Object.keys(DEFAULT_MAPPING[s])]));

const STEP = /^(@?)([^.@?\s]+)(\??)$/;

/** "a.@b?.c" → [{name: "a"}, {name: "b", relation: true, optional: true}, {name: "c"}], or null. */
export function parsePath(text) {
  if (typeof text !== "string" || text === "") return null;
  const steps = [];
  for (const part of text.split(".")) {
    const m = STEP.exec(part);
    if (!m || (m[3] && !m[1])) return null; // "?" only marks a relation step
    steps.push({ name: m[2], relation: m[1] === "@", optional: m[3] === "?" });
  }
  return steps;
}

/**
 * A value's key in a values table: its text, compared without case and with spaces, hyphens
 * and underscores alike, so that "Changing Plan", "CHANGING_PLAN" and "changing-plan" are one.
 */
export const valueKey = (v) => String(v).toLowerCase().replace(/[\s_-]+/g, "_");

/** A values table as a Map by valueKey; problems (two keys that are one) go to `problems`. */
function compileTable(field, table, problems) {
  const out = new Map();
  for (const [key, value] of Object.entries(table)) {
    if (value !== null && !["string", "number", "boolean"].includes(typeof value)) {
      problems.push(`values.${field}.${key} must be a string, a number, a boolean or null`);
    }
    const k = key === "*" ? "*" : valueKey(key);
    if (out.has(k)) problems.push(`values.${field}: "${key}" is the same key as another one`);
    out.set(k, value);
  }
  return out;
}

/** A path or a list of paths as a list of parsed paths; null (not read) as []. */
function compilePaths(where, spec, problems) {
  if (spec === null) return [];
  const list = Array.isArray(spec) ? spec : [spec];
  if (list.length === 0) problems.push(`${where} must be a path, a non-empty list of paths, or null`);
  return list.map((p) => {
    const steps = parsePath(p);
    if (!steps) problems.push(`${where}: ${JSON.stringify(p)} is not a path (dot-separated names, each optionally "@name" or "@name?")`);
    return steps ?? [];
  });
}

/**
 * Overrides merged over the default, section by section. In "values" that means a table given
 * replaces the default table of that field whole (a partial merge would keep defaults such as "*").
 */
function merge(over) {
  const out = {};
  for (const [section, base] of Object.entries(DEFAULT_MAPPING)) {
    const given = over[section];
    out[section] = given === undefined ? base : isObject(given) ? { ...base, ...given } : given;
  }
  return out;
}

/** Checks a merged mapping and compiles its paths and tables; throws naming every problem. */
function compile(mapping, where, given = {}) {
  const problems = [];
  const known = Object.keys(DEFAULT_MAPPING);
  const compiled = { values: new Map() };
  for (const section of Object.keys(given)) {
    if (!known.includes(section)) problems.push(`unknown section "${section}" (known: ${known.join(", ")})`);
  }
  for (const [section, keys] of Object.entries(SECTIONS)) {
    const value = mapping[section];
    if (!isObject(value)) {
      problems.push(`"${section}" must be an object`);
      continue;
    }
    compiled[section] = {};
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) problems.push(`${section}.${key} is not known (known: ${keys.join(", ")})`);
    }
    for (const key of keys) {
      if (key === "relation") {
        const r = value.relation;
        if (r !== null && (typeof r !== "string" || !/^[^/?#\s]+$/.test(r))) problems.push(`${section}.relation must be a relation name or null`);
        compiled[section].relation = r;
      } else {
        compiled[section][key] = compilePaths(`${section}.${key}`, value[key], problems);
      }
    }
  }
  if (!isObject(mapping.values)) problems.push(`"values" must be an object of tables`);
  else {
    for (const [field, table] of Object.entries(mapping.values)) {
      if (!isObject(table)) problems.push(`values.${field} must be an object`);
      else compiled.values.set(field, compileTable(field, table, problems));
    }
  }
  if (problems.length) throw new Error(`controller mapping ${where}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return compiled;
}

/** The mapping in effect: the default, with the file's overrides when there is one. */
export function loadMapping(file) {
  if (!file) return compile(DEFAULT_MAPPING, "(default)");
  let over;
  try {
    over = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`controller mapping ${file}: ${err.message}`);
  }
  if (!isObject(over)) throw new Error(`controller mapping ${file}: must be a JSON object`);
  return compile(merge(over), file, over);
}

/**
 * `value` through the table of `field`: {value} translated, or {value, unlisted: true} when only
 * "*" matched (the caller says so once in the log). Values that are no string, number or boolean
 * (objects, lists) and fields without a table pass unchanged.
 */
export function translate(mapping, field, value) {
  const table = mapping.values.get(field);
  if (!table || !["string", "number", "boolean"].includes(typeof value)) return { value };
  const key = valueKey(value);
  if (table.has(key)) return { value: table.get(key) };
  if (table.has("*")) return { value: table.get("*"), unlisted: true };
  return { value };
}
