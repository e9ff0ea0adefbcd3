// The file context source: a JSON data set instead of a controller.
//
// {
//   "accounts":      { "<account APS id>": { name?, kind, vendorId, brandId, status } },
//   "subscriptions": { "<resource id the controller calls>": { id, ownerAccountId, name?, state, trial?, disabled? } },
//   "orders":        { "<subscription id>": [ { id, state } ] },
//   "dependents":    { "<subscription id>": [ { id, name?, reason, resourceTypes? } ] },
//   "billing":       { "<subscription id>": { platform, latest?, latestEvent?, request? } }
// }
//
// Only the properties the context schema knows are copied; anything else in an entry (such as
// "note") is documentation.
import { readFileSync } from "node:fs";
import { ApsError } from "../errors.js";

const SECTIONS = ["accounts", "subscriptions", "orders", "dependents", "billing"];
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const own = (obj, key) => (typeof key === "string" && Object.hasOwn(obj, key) ? obj[key] : undefined);

function pick(entry, keys) {
  const out = {};
  for (const k of keys) if (entry[k] !== undefined) out[k] = entry[k];
  return out;
}

const ACCOUNT_KEYS = ["name", "kind", "vendorId", "brandId", "status"];
const SUBSCRIPTION_KEYS = ["id", "ownerAccountId", "name", "state", "trial", "disabled"];

/** Reads the data set; throws with every problem of its outline. */
export function loadDataSet(file) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`data set ${file}: ${err instanceof SyntaxError ? "not JSON: " : ""}${err.message}`);
  }
  const problems = [];
  if (!isObject(data)) problems.push("must be an object");
  else {
    for (const s of SECTIONS) {
      if (data[s] === undefined && s !== "accounts" && s !== "subscriptions") continue;
      if (!isObject(data[s])) problems.push(`"${s}" must be an object keyed by APS id`);
    }
  }
  if (problems.length) throw new Error(`data set ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return data;
}

export function createFileSource({ dataFile }) {
  const data = loadDataSet(dataFile);
  // The data set is read once: each account and each subscription's part of the context is built
  // here, not per request. The parts are frozen, since every request shares them.
  const accounts = new Map();
  for (const [id, entry] of Object.entries(data.accounts)) {
    if (isObject(entry)) accounts.set(id, Object.freeze({ id, ...pick(entry, ACCOUNT_KEYS) }));
  }
  const resources = new Map();
  for (const [resourceId, entry] of Object.entries(data.subscriptions)) {
    if (!isObject(entry)) continue;
    const subscription = Object.freeze(pick(entry, SUBSCRIPTION_KEYS));
    resources.set(resourceId, {
      subscription,
      // An owner missing from the data set is the data set's bug: the module refuses the context (500).
      sourceAccount: (typeof entry.ownerAccountId === "string" && accounts.get(entry.ownerAccountId)) || null,
      orders: own(data.orders ?? {}, subscription.id),
      dependents: own(data.dependents ?? {}, subscription.id),
      billing: own(data.billing ?? {}, subscription.id),
    });
  }

  // The same contexts as JSON text, from parts serialised here once: the request's own part
  // (`now`, the target) is all that is written per call, and the module reads the text as it is.
  const accountText = new Map([...accounts].map(([id, a]) => [id, JSON.stringify(a)]));
  const resourceText = new Map();
  for (const [resourceId, r] of resources) {
    const rest = [["orders", r.orders], ["dependentSubscriptions", r.dependents], ["billing", r.billing]];
    resourceText.set(resourceId, {
      head: `,"subscription":${JSON.stringify(r.subscription)},"sourceAccount":${JSON.stringify(r.sourceAccount)},"targetAccount":`,
      tail: `${rest.filter(([, v]) => v !== undefined).map(([k, v]) => `,"${k}":${JSON.stringify(v)}`).join("")}}`,
    });
  }
  const notFound = (resourceId) => new ApsError(404, "ResourceNotFound", `Resource ${resourceId} is not managed by this application.`);

  return {
    name: "file",
    describe: () => `file ${dataFile}`,
    /** The pre-check context for a call on `resourceId` moving to `targetAccount` (as the body gave it); not a promise. */
    buildContext({ resourceId, targetAccount, now }) {
      const r = typeof resourceId === "string" ? resources.get(resourceId) : undefined;
      if (r === undefined) throw notFound(resourceId);
      const context = {
        now,
        subscription: r.subscription,
        sourceAccount: r.sourceAccount,
        targetAccount: (typeof targetAccount === "string" && accounts.get(targetAccount)) || null,
      };
      if (r.orders !== undefined) context.orders = r.orders;
      if (r.dependents !== undefined) context.dependentSubscriptions = r.dependents;
      if (r.billing !== undefined) context.billing = r.billing;
      return context;
    },
    /** The same context as its JSON text (JSON.stringify of buildContext's, character for character). */
    buildContextJson({ resourceId, targetAccount, now }) {
      const r = typeof resourceId === "string" ? resourceText.get(resourceId) : undefined;
      if (r === undefined) throw notFound(resourceId);
      const target = (typeof targetAccount === "string" && accountText.get(targetAccount)) || "null";
      return `{"now":${JSON.stringify(now)}${r.head}${target}${r.tail}`;
    },
    close() {},
  };
}
