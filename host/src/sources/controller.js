// The controller context source: reads what the pre-check needs from the APS controller that
// called, over its REST API (GET /aps/2/resources/...), authenticated with the instance's client
// certificate. The README ("Controller mapping") explains which resource and property gives which
// part of the context; a JSON file (APS_CONTROLLER_MAPPING) can override any of it.
import https from "node:https";
import { readFileSync } from "node:fs";
import { isApsId } from "aps-migratable";
import { ApsError } from "../errors.js";

/** Where each part of the context comes from. Property paths are dot-separated ("aps.id"). */
export const DEFAULT_MAPPING = {
  // Relations of the resource the controller called (the tenant resource implementing Migratable).
  tenant: { subscriptionRelation: "subscription", accountRelation: "account" },
  // Properties of the subscription resource (core Subscription: name, trial, disabled).
  subscription: { id: "aps.id", name: "name", state: "state", trial: "trial", disabled: "disabled", billing: "billing" },
  // Properties of the owner account and of the target account resource.
  account: { id: "aps.id", name: "companyName", kind: "kind", vendorId: "vendorId", brandId: "brandId", status: "status" },
  // A relation of the subscription resource listing its orders; relation null: not read.
  orders: { relation: "orders", id: "aps.id", state: "state" },
  // A relation of the subscription resource listing the subscriptions that depend on it; null: not read.
  dependents: { relation: "dependentSubscriptions", id: "aps.id", name: "name", reason: "reason", resourceTypes: "resourceTypes" },
  // Optional translations of property values, e.g. { "status": { "ACTIVE": "active" } }.
  values: { kind: {}, status: {}, state: {}, reason: {} },
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function merge(base, over) {
  if (!isObject(over)) return over === undefined ? base : over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(base?.[k]) && isObject(v) ? merge(base[k], v) : v;
  return out;
}

export function loadMapping(file) {
  if (!file) return DEFAULT_MAPPING;
  let over;
  try {
    over = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`controller mapping ${file}: ${err.message}`);
  }
  if (!isObject(over)) throw new Error(`controller mapping ${file}: must be a JSON object`);
  return merge(DEFAULT_MAPPING, over);
}

/** The value at a dot-separated path, or undefined. */
function at(obj, path) {
  if (typeof path !== "string" || !path) return undefined;
  let v = obj;
  for (const part of path.split(".")) {
    if (!isObject(v) || !Object.hasOwn(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

const label = (v) => (typeof v === "string" ? [...v].slice(0, 256).join("") : v);

function translate(mapping, kind, value) {
  const table = mapping.values?.[kind];
  return isObject(table) && typeof value === "string" && Object.hasOwn(table, value) ? table[value] : value;
}

function withoutUndefined(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

const MAX_RESPONSE = 8 * 1024 * 1024;

export function createControllerSource({ controller }) {
  const mapping = loadMapping(controller.mappingFile);
  const agent = new https.Agent({
    cert: readFileSync(controller.clientCert),
    key: readFileSync(controller.clientKey),
    ca: controller.ca ? readFileSync(controller.ca) : undefined,
    keepAlive: true,
    maxSockets: 32,
  });
  const pinned = controller.uri ? new URL(controller.uri).href.replace(/\/?$/, "/") : null;

  /** GET <controller>/aps/2/resources/<path> → {status, body}. */
  function get(base, path, { signal, transactionId, log }) {
    const url = new URL(`aps/2/resources/${path}`, base);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const req = https.request(url, {
        method: "GET",
        agent,
        signal,
        headers: {
          accept: "application/json",
          ...(transactionId ? { "aps-transaction-id": transactionId } : {}),
        },
      }, (res) => {
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          size += c.length;
          if (size > MAX_RESPONSE) req.destroy(new ApsError(502, "ControllerError", "The APS controller's answer is too large."));
          else chunks.push(c);
        });
        res.on("end", () => {
          log.debug({ controllerCall: `GET ${url.pathname}`, status: res.statusCode, ms: Date.now() - started }, "controller call");
          const text = Buffer.concat(chunks).toString("utf8");
          let body;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            if (res.statusCode < 300) return reject(new ApsError(502, "ControllerError", "The APS controller answered with something that is not JSON."));
          }
          resolve({ status: res.statusCode, body });
        });
        res.on("error", reject);
      });
      req.on("error", (err) => {
        if (err instanceof ApsError) return reject(err);
        if (err.name === "AbortError" || signal.aborted) {
          return reject(new ApsError(503, "ControllerUnavailable", `The APS controller did not answer within ${controller.timeoutMs} ms; try again later.`, { cause: err }));
        }
        reject(new ApsError(503, "ControllerUnavailable", "The APS controller could not be reached; try again later.", { cause: err }));
      });
      req.end();
    });
  }

  function unexpected(res, what) {
    if (res.status >= 500) {
      return new ApsError(503, "ControllerUnavailable", `The APS controller could not give ${what} (HTTP ${res.status}); try again later.`);
    }
    if (res.status === 401 || res.status === 403) {
      return new ApsError(502, "ControllerError", `The APS controller refused this application's certificate (HTTP ${res.status}).`);
    }
    return new ApsError(502, "ControllerError", `The APS controller answered HTTP ${res.status} for ${what}.`);
  }

  async function resource(base, id, what, opts) {
    const res = await get(base, encodeURIComponent(id), opts);
    if (res.status === 404) return null;
    if (res.status !== 200) throw unexpected(res, what);
    if (!isObject(res.body)) throw new ApsError(502, "ControllerError", `The APS controller's answer for ${what} is not a resource.`);
    return res.body;
  }

  /** Linked resources; a relation the controller does not know (404) reads as none. */
  async function linked(base, id, relation, what, opts) {
    const res = await get(base, `${encodeURIComponent(id)}/${encodeURIComponent(relation)}`, opts);
    if (res.status === 404) {
      opts.log.warn({ relation, resource: id }, `the controller has no relation "${relation}" here; read as empty`);
      return [];
    }
    if (res.status !== 200) throw unexpected(res, what);
    if (Array.isArray(res.body)) return res.body.filter(isObject);
    if (isObject(res.body)) return [res.body];
    throw new ApsError(502, "ControllerError", `The APS controller's answer for ${what} is not a list of resources.`);
  }

  const account = (r) => {
    const m = mapping.account;
    return withoutUndefined({
      id: at(r, m.id),
      name: label(at(r, m.name)),
      kind: translate(mapping, "kind", at(r, m.kind)),
      vendorId: at(r, m.vendorId),
      brandId: at(r, m.brandId),
      status: translate(mapping, "status", at(r, m.status)),
    });
  };

  function baseOf(controllerUri) {
    let url;
    try {
      url = new URL(controllerUri);
    } catch {
      throw new ApsError(400, "InvalidHeader", "Header APS-Controller-URI must be an absolute http(s) URI.");
    }
    if (url.protocol !== "https:") {
      throw new ApsError(400, "InvalidHeader", "Header APS-Controller-URI must be an https URI: the controller is called with the instance's certificate.");
    }
    url.search = "";
    url.hash = "";
    const base = url.href.replace(/\/?$/, "/");
    if (pinned && base !== pinned) {
      throw new ApsError(403, "ControllerMismatch", "APS-Controller-URI is not the controller this application serves.");
    }
    return base;
  }

  return {
    name: "controller",
    describe: () => `controller (APS-Controller-URI${pinned ? ` pinned to ${pinned}` : ""}, timeout ${controller.timeoutMs} ms)`,
    async buildContext({ resourceId, targetAccount, now, controllerUri, transactionId, log }) {
      const base = baseOf(controllerUri);
      const opts = { signal: AbortSignal.timeout(controller.timeoutMs), transactionId, log };

      const tenant = await resource(base, resourceId, "the resource", opts);
      if (!tenant) throw new ApsError(404, "ResourceNotFound", `Resource ${resourceId} was not found on the APS controller.`);

      const [subscriptions, owners, target] = await Promise.all([
        linked(base, resourceId, mapping.tenant.subscriptionRelation, "the resource's subscription", opts),
        linked(base, resourceId, mapping.tenant.accountRelation, "the resource's account", opts),
        isApsId(targetAccount) ? resource(base, targetAccount, "the target account", opts) : null,
      ]);
      const sub = subscriptions[0];
      const owner = owners[0];
      if (!sub) throw new ApsError(502, "ControllerError", `The APS controller links no subscription to resource ${resourceId}.`);
      if (!owner) throw new ApsError(502, "ControllerError", `The APS controller links no account to resource ${resourceId}.`);

      const subId = at(sub, mapping.subscription.id);
      const [orders, dependents] = await Promise.all([
        mapping.orders?.relation ? linked(base, subId, mapping.orders.relation, "the subscription's orders", opts) : null,
        mapping.dependents?.relation ? linked(base, subId, mapping.dependents.relation, "the dependent subscriptions", opts) : null,
      ]);

      const s = mapping.subscription;
      const context = {
        now,
        subscription: withoutUndefined({
          id: subId,
          ownerAccountId: at(owner, mapping.account.id),
          name: label(at(sub, s.name)),
          state: translate(mapping, "state", at(sub, s.state)),
          trial: at(sub, s.trial),
          disabled: at(sub, s.disabled),
        }),
        sourceAccount: account(owner),
        targetAccount: target ? account(target) : null,
      };
      if (orders) {
        const m = mapping.orders;
        context.orders = orders.map((o) => withoutUndefined({ id: at(o, m.id), state: at(o, m.state) }));
      }
      if (dependents) {
        const m = mapping.dependents;
        context.dependentSubscriptions = dependents.map((d) => withoutUndefined({
          id: at(d, m.id),
          name: label(at(d, m.name)),
          reason: translate(mapping, "reason", at(d, m.reason)),
          resourceTypes: at(d, m.resourceTypes),
        }));
      }
      const billing = at(sub, s.billing);
      if (billing !== undefined && billing !== null) context.billing = billing;
      return context;
    },
    close() {
      agent.destroy();
    },
  };
}
