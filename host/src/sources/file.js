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
  const account = (id) => {
    const entry = own(data.accounts, id);
    return isObject(entry) ? { id, ...pick(entry, ACCOUNT_KEYS) } : undefined;
  };

  return {
    name: "file",
    describe: () => `file ${dataFile}`,
    /** The pre-check context for a call on `resourceId` moving to `targetAccount` (as the body gave it). */
    async buildContext({ resourceId, targetAccount, now }) {
      const entry = own(data.subscriptions, resourceId);
      if (!isObject(entry)) {
        throw new ApsError(404, "ResourceNotFound", `Resource ${resourceId} is not managed by this application.`);
      }
      const subscription = pick(entry, SUBSCRIPTION_KEYS);
      const context = {
        now,
        subscription,
        // An owner missing from the data set is the data set's bug: the module refuses the context (500).
        sourceAccount: account(entry.ownerAccountId) ?? null,
        targetAccount: account(targetAccount) ?? null,
      };
      const orders = own(data.orders ?? {}, subscription.id);
      if (orders !== undefined) context.orders = orders;
      const dependents = own(data.dependents ?? {}, subscription.id);
      if (dependents !== undefined) context.dependentSubscriptions = dependents;
      const billing = own(data.billing ?? {}, subscription.id);
      if (billing !== undefined) context.billing = billing;
      return context;
    },
    close() {},
  };
}
