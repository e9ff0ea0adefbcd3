// The controller context source: reads what the pre-check needs from the APS controller that
// called, over its REST API (GET /aps/2/resources/...), authenticated with the instance's client
// certificate. Which resource and property gives which part of the context is the mapping's
// (mapping.js; docs/host-controller.md describes the default and its sources); what no APS
// resource carries (orders, dependents, billing) comes from the host's hooks (hooks.js).
import https from "node:https";
import { readFileSync } from "node:fs";
import { isApsId } from "aps-migratable";
import { ApsError } from "../errors.js";
import { loadMapping, translate, valueKey } from "./mapping.js";
import { dependentsFromHook, loadHooks } from "./hooks.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const label = (v) => (typeof v === "string" ? [...v].slice(0, 256).join("") : v);
/** The APS id of a resource or of a link to one, if it has a valid one. */
const apsIdOf = (v) => (isObject(v) && isObject(v.aps) && isApsId(v.aps.id) ? v.aps.id : undefined);
/** A link as a GET shows it: {"aps": {"link": "strong", "href": "/aps/2/resources/<id>", "id": "<id>"}}. */
const isLink = (v) => apsIdOf(v) !== undefined && (typeof v.aps.href === "string" || typeof v.aps.link === "string");

/** The object without its undefined and null properties (null is "not given" in every mapped field). */
function present(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null));
}

const MAX_RESPONSE = 8 * 1024 * 1024;
/** Distinct "logged once" warnings kept; past it, new ones are not logged (a controller could vary values without end). */
const MAX_WARNED = 1000;
const SUBSCRIPTION_FIELDS = ["name", "trial", "disabled", "terminated", "state"];
const ACCOUNT_FIELDS = ["id", "name", "kind", "vendorId", "brandId", "status"];
const HOOK_DATA = { orders: "the subscription's orders", dependents: "the subscription's dependent subscriptions", billing: "the subscription's billing data" };

/** The default deadline: `expire` is called after `ms`; the function returned stops the timer. */
function timer(ms, expire) {
  const t = setTimeout(expire, ms);
  return () => clearTimeout(t);
}

/**
 * The source. `deadline(ms, expire)` ends one request's controller calls and hooks by calling
 * `expire`, and returns a function that stops it; by default a timer (a test passes its own, so
 * that no test waits on the clock). `onCall(seconds, status)` hears of each call (status 0: no
 * answer), for the metrics.
 */
export async function createControllerSource({ controller }, { deadline = timer, onCall = () => {} } = {}) {
  const mapping = loadMapping(controller.mappingFile);
  const hooks = await loadHooks(controller.hooksFile);
  const agent = new https.Agent({
    cert: readFileSync(controller.clientCert),
    key: readFileSync(controller.clientKey),
    ca: controller.ca ? readFileSync(controller.ca) : undefined,
    keepAlive: true,
    maxSockets: 32,
  });
  const pinned = controller.uri ? new URL(controller.uri).href.replace(/\/?$/, "/") : null;
  const timeoutMessage = (what) => `${what} did not answer within ${controller.timeoutMs} ms; try again later.`;

  // What the controller answers the same way on every call (a relation it lacks, a value the
  // tables do not list) is logged the first time only.
  const warned = new Set();
  function warnOnce(log, key, fields, message) {
    if (warned.has(key) || warned.size >= MAX_WARNED) return;
    warned.add(key);
    log.warn(fields, `${message} (logged once)`);
  }

  /** GET <controller>/aps/2/resources/<path> → {status, body}. */
  function get(base, path, { signal, transactionId, log }) {
    const url = new URL(`aps/2/resources/${path}`, base);
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const startedNs = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - startedNs) / 1e9;
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
          onCall(seconds(), res.statusCode);
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
        onCall(seconds(), 0);
        if (err.name === "AbortError" || signal.aborted) {
          return reject(new ApsError(503, "ControllerUnavailable", timeoutMessage("The APS controller"), { cause: err }));
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

  /**
   * One request's reads. Each resource and each relation is asked for once, however many paths
   * need it; the resources a relation answers with are kept as if read by id.
   */
  function reader(base, opts) {
    const calls = new Map();
    const once = (key, path) => {
      if (!calls.has(key)) calls.set(key, get(base, path, opts));
      return calls.get(key);
    };
    const byId = (id) => once(id, encodeURIComponent(id));

    /** Nothing there: a link or relation that could not be read, said once per name and reason. */
    const absent = (name, id, reason) => {
      warnOnce(opts.log, `${name}:${reason}`, { relation: name, resource: id, reason }, `"${name}" could not be read (${reason}); read as absent`);
      return undefined;
    };

    /**
     * The resources of relation `name` of `id`: a list, or undefined when it is absent. A 4xx
     * means absent; `optional` ("@name?"): so does any other failure.
     */
    async function relation(id, name, optional) {
      const what = `relation "${name}" of ${id}`;
      let res;
      try {
        res = await once(`${id}/${name}`, `${encodeURIComponent(id)}/${encodeURIComponent(name)}`);
      } catch (err) {
        if (optional) return absent(name, id, err.message);
        throw err;
      }
      if (res.status !== 200) {
        if (optional || (res.status >= 400 && res.status < 500)) return absent(name, id, `HTTP ${res.status}`);
        throw unexpected(res, what);
      }
      const items = Array.isArray(res.body) ? res.body : isObject(res.body) ? [res.body] : null;
      if (!items) {
        if (optional) return absent(name, id, "not a resource or a list of resources");
        throw new ApsError(502, "ControllerError", `The APS controller's answer for ${what} is not a resource or a list of resources.`);
      }
      for (const item of items) {
        const itemId = apsIdOf(item);
        if (itemId && !calls.has(itemId)) calls.set(itemId, Promise.resolve({ status: 200, body: item }));
      }
      return items.filter(isObject);
    }

    return {
      /** A resource the context cannot do without: null when the controller does not know it (404). */
      async required(id, what) {
        const res = await byId(id);
        if (res.status === 404) return null;
        if (res.status !== 200) throw unexpected(res, what);
        if (!isObject(res.body)) throw new ApsError(502, "ControllerError", `The APS controller's answer for ${what} is not a resource.`);
        return res.body;
      },
      /** The resource a link (the property `name`) points to, read to continue a path; undefined when absent. */
      async linked(id, name) {
        const what = `the resource linked as "${name}" (${id})`;
        const res = await byId(id);
        if (res.status >= 400 && res.status < 500) return absent(name, id, `HTTP ${res.status}`);
        if (res.status !== 200) throw unexpected(res, what);
        if (!isObject(res.body)) throw new ApsError(502, "ControllerError", `The APS controller's answer for ${what} is not a resource.`);
        return res.body;
      },
      relation,
      /** The one resource of a relation read along a path: none or several give nothing. */
      async one(id, name, optional) {
        const items = await relation(id, name, optional);
        if (items?.length > 1) {
          warnOnce(opts.log, `${name}:several`, { relation: name, resource: id, count: items.length },
            `"${name}" answers ${items.length} resources where a path needs one; read as absent`);
        }
        return items?.length === 1 ? items[0] : undefined;
      },
    };
  }

  /** Where one parsed path leads from `start`; undefined when anything on the way is absent. */
  async function follow(r, start, steps) {
    let cur = start;
    let via = null; // the step that gave `cur`: a link's name, for the log
    for (const step of steps) {
      if (step.relation) {
        const id = apsIdOf(cur);
        cur = id === undefined ? undefined : await r.one(id, step.name, step.optional);
      } else if (isObject(cur) && Object.hasOwn(cur, step.name)) {
        cur = cur[step.name];
      } else if (isLink(cur)) {
        const linked = await r.linked(cur.aps.id, via);
        cur = linked !== undefined && Object.hasOwn(linked, step.name) ? linked[step.name] : undefined;
      } else {
        cur = undefined;
      }
      if (cur === undefined || cur === null) return undefined;
      via = step.name;
    }
    return cur;
  }

  /** The first value one of `paths` gives (tried in turn), or undefined. */
  async function valueOf(r, start, paths) {
    for (const steps of paths) {
      const v = await follow(r, start, steps);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** A field's value through its values table; one that only "*" matched is logged once. */
  function mapped(field, value, log) {
    const t = translate(mapping, field, value);
    if (t.unlisted) {
      const shown = label(String(value)).slice(0, 64);
      warnOnce(log, `value:${field}:${valueKey(shown)}`, { field, value: shown },
        `${JSON.stringify(shown)} is not in the values table of "${field}"; read as ${JSON.stringify(t.value)}`);
    }
    return field === "name" ? label(t.value) : t.value;
  }

  /**
   * Each field of `section` read from `start` in parallel, through the values tables unless
   * `raw` (orders: their states are compared with the policy's finalOrderStates as they are).
   */
  async function fieldsOf(r, start, section, names, log, raw = false) {
    const values = await Promise.all(names.map((n) => valueOf(r, start, mapping[section][n])));
    return present(Object.fromEntries(names.map((name, i) => [name, raw ? values[i] : mapped(name, values[i], log)])));
  }

  /** The subscription resource named by the tenant. */
  async function subscriptionOf(r, tenant, resourceId) {
    const id = await valueOf(r, tenant, mapping.tenant.subscription);
    const resource = isApsId(id) ? await r.required(id, "the resource's subscription") : null;
    if (!resource) throw new ApsError(502, "ControllerError", `The APS controller links no subscription to resource ${resourceId}.`);
    return { id, resource };
  }

  /** The owner account: as the tenant names it, else as the subscription does. */
  async function ownerOf(r, tenant, subscription, resourceId) {
    let id = await valueOf(r, tenant, mapping.tenant.account);
    if (!isApsId(id)) id = await valueOf(r, (await subscription).resource, mapping.subscription.account);
    const resource = isApsId(id) ? await r.required(id, "the resource's account") : null;
    if (!resource) throw new ApsError(502, "ControllerError", `The APS controller links no account to resource ${resourceId}.`);
    return { id, resource };
  }

  /** A hook's answer, within the request's deadline; its failure is a 503 naming what it supplies. */
  async function runHook(name, ctx) {
    try {
      return await new Promise((resolve, reject) => {
        const abort = () => reject(new ApsError(503, "ServiceUnavailable", timeoutMessage(`The hook for ${HOOK_DATA[name]}`)));
        if (ctx.signal.aborted) return abort();
        ctx.signal.addEventListener("abort", abort, { once: true });
        Promise.resolve()
          .then(() => hooks[name](ctx))
          .then(resolve, reject)
          .finally(() => ctx.signal.removeEventListener("abort", abort));
      });
    } catch (err) {
      if (err instanceof ApsError) throw err;
      throw new ApsError(503, "ServiceUnavailable", `The application could not read ${HOOK_DATA[name]}; try again later.`, { cause: err });
    }
  }

  /** The items of a mapped relation of the subscription (orders, dependents); undefined when not read. */
  async function relationItems(r, subscriptionId, section, names, log, raw) {
    const { relation } = mapping[section];
    if (!relation) return undefined;
    const items = await r.relation(subscriptionId, relation, false);
    return items && Promise.all(items.map((item) => fieldsOf(r, item, section, names, log, raw)));
  }

  /** A dependent with its fields through the values tables (a reason code 1, 2, 3 becomes a reason). */
  function translatedItem(item, log) {
    return present(Object.fromEntries(Object.entries(item).map(([k, v]) => [k, mapped(k, v, log)])));
  }

  /** Orders, dependents and billing: from the hooks where the host has them, else from the mapping. */
  async function extrasOf(r, ctx, log) {
    const orders = hooks.orders
      ? runHook("orders", ctx)
      : relationItems(r, ctx.subscriptionId, "orders", ["id", "state"], log, true);
    const dependents = hooks.dependents
      ? runHook("dependents", ctx).then((out) => dependentsFromHook(out).map((d) => translatedItem(isObject(d) ? d : {}, log)))
      : relationItems(r, ctx.subscriptionId, "dependents", ["id", "name", "reason", "resourceTypes"], log, false);
    const billing = hooks.billing ? runHook("billing", ctx) : valueOf(r, ctx.resources.subscription, mapping.subscription.billing);
    const [o, d, b] = await Promise.all([orders, dependents, billing]);
    return { orders: o, dependents: d, billing: b };
  }

  /**
   * Every read starts as soon as what it needs is known: the tenant first; then its subscription,
   * its owner and the target together; then each one's linked resources, relations and the hooks.
   */
  async function assemble(r, { resourceId, targetAccount, now, log, signal, transactionId }) {
    const tenant = await r.required(resourceId, "the resource");
    if (!tenant) throw new ApsError(404, "ResourceNotFound", `Resource ${resourceId} was not found on the APS controller.`);

    const subscription = subscriptionOf(r, tenant, resourceId);
    const owner = ownerOf(r, tenant, subscription, resourceId);
    const target = isApsId(targetAccount) ? r.required(targetAccount, "the target account") : Promise.resolve(null);
    const hookContext = Promise.all([subscription, owner, target]).then(([s, o, t]) => ({
      resourceId,
      targetAccount,
      subscriptionId: s.id,
      ownerAccountId: o.id,
      resources: { tenant, subscription: s.resource, sourceAccount: o.resource, targetAccount: t },
      signal,
      log,
      transactionId,
    }));
    // Every promise is in this one Promise.all: none can reject unobserved.
    const [s, o, subscriptionFields, sourceAccount, targetPart, extras] = await Promise.all([
      subscription,
      owner,
      subscription.then((x) => fieldsOf(r, x.resource, "subscription", SUBSCRIPTION_FIELDS, log)),
      owner.then((x) => fieldsOf(r, x.resource, "account", ACCOUNT_FIELDS, log)),
      target.then((t) => (t ? fieldsOf(r, t, "account", ACCOUNT_FIELDS, log) : null)),
      hookContext.then((ctx) => extrasOf(r, ctx, log)),
    ]);

    const context = {
      now,
      subscription: { id: s.id, ownerAccountId: o.id, ...subscriptionFields },
      sourceAccount,
      targetAccount: targetPart,
    };
    if (extras.orders !== undefined && extras.orders !== null) context.orders = extras.orders;
    if (extras.dependents !== undefined && extras.dependents !== null) context.dependentSubscriptions = extras.dependents;
    if (extras.billing !== undefined && extras.billing !== null) context.billing = extras.billing;
    return context;
  }

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

  const hookNames = Object.keys(hooks);
  return {
    name: "controller",
    describe: () => [
      `controller (APS-Controller-URI${pinned ? ` pinned to ${pinned}` : ""}, timeout ${controller.timeoutMs} ms`,
      `, mapping ${controller.mappingFile || "default"}`,
      hookNames.length ? `, hooks ${hookNames.join(", ")} from ${controller.hooksFile}` : "",
      ")",
    ].join(""),
    async buildContext({ resourceId, targetAccount, now, controllerUri, transactionId, log }) {
      const base = baseOf(controllerUri);
      // One deadline for every call and hook of the request; whatever is still running when the
      // request is answered (a failure answers it early) is cancelled with it.
      const cancel = new AbortController();
      const stop = deadline(controller.timeoutMs, () => cancel.abort());
      const { signal } = cancel;
      try {
        return await assemble(reader(base, { signal, transactionId, log }), { resourceId, targetAccount, now, log, signal, transactionId });
      } finally {
        stop();
        cancel.abort();
      }
    },
    close() {
      agent.destroy();
    },
  };
}
