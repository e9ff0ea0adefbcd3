// The APS migrationPreCheck operation as a fastify plugin, for an endpoint that already serves
// its other APS calls: `app.register(migrationPreCheck, {policy, context})`. It is encapsulated:
// its error handler, body parser and checks apply to its route only. host/ is a service built on
// it (app.js); examples/existing-endpoint.mjs adds it to an endpoint of one's own.
import { randomUUID } from "node:crypto";
import { LogController } from "fastify";
import { PreChecker, isApsId } from "aps-migratable";
import { ApsError, BODY_LIMIT, apsClientError, apsErrorHandler } from "./errors.js";
import { certificateCheck } from "./certificate.js";
import { oauthCheck, memoryNonceStore } from "./oauth.js";

export { ApsError, certificateCheck, oauthCheck, memoryNonceStore, BODY_LIMIT };
export const OPERATION = "/:service/:resourceId/migrationPreCheck";

/** Marks a raw request whose id the server already took from APS-Transaction-ID (see `transactionId`). */
const OWN_ID = Symbol("aps transaction id");

/** APS-Transaction-ID when it is sane: at most 128 printable ASCII characters. */
function transactionHeader(raw) {
  const t = raw.headers["aps-transaction-id"];
  return typeof t === "string" && /^[\x21-\x7e]{1,128}$/.test(t) ? t : undefined;
}

/** A genReqId: APS-Transaction-ID as the request id (so in every log line), else `local-<uuid>`. */
export function transactionId(raw) {
  raw[OWN_ID] = true;
  return transactionHeader(raw) ?? `local-${randomUUID()}`;
}

/** The longest a whole request (headers and body) may take to arrive, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 30000;

/**
 * Fastify server options for an endpoint whose every log line should carry "transactionId",
 * fastify's own "incoming request" line included, and whose broken requests get APS bodies.
 * Without them the plugin still labels its route's lines from its first hook on.
 */
export function serverOptions({ disableRequestLogging = (req) => req.url === "/health", requestTimeout = REQUEST_TIMEOUT_MS } = {}) {
  return {
    bodyLimit: BODY_LIMIT,
    // fastify's default is none: a client that sends its headers and then stalls its body would
    // hold its connection (and a drain on SIGTERM) for ever. Node answers 408 after this.
    requestTimeout,
    requestIdHeader: false,
    genReqId: transactionId,
    logController: new LogController({ requestIdLogLabel: "transactionId", disableRequestLogging }),
    frameworkErrors: apsErrorHandler,
    clientErrorHandler: apsClientError,
  };
}

/**
 * The context's `now` (ISO 8601, milliseconds) from `clock` (milliseconds since the epoch): one
 * string per millisecond, not one per request.
 */
export function isoClock(clock = Date.now) {
  let nowMs = -1;
  let nowIso = "";
  return () => {
    const ms = clock();
    if (ms !== nowMs) {
      nowMs = ms;
      nowIso = new Date(ms).toISOString();
    }
    return nowIso;
  };
}

const headersSchema = {
  type: "object",
  required: ["aps-controller-uri", "aps-instance-id"],
  properties: {
    "aps-controller-uri": { type: "string", maxLength: 2048, pattern: "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$" },
    "aps-instance-id": { type: "string", minLength: 1, maxLength: 2048 },
  },
};

const resultSchema = {
  type: "object",
  required: ["canMigrate"],
  additionalProperties: false,
  properties: { canMigrate: { type: "boolean" }, message: { type: "string" } },
};

/** Labels the route's log lines with the transaction id, unless the server's request id already is it. */
function labelTransaction(request, reply, done) {
  if (!request.raw[OWN_ID]) {
    request.log = request.log.child({ transactionId: transactionHeader(request.raw) ?? request.id });
    reply.log = request.log;
  }
  done();
}

/** Before the body is read: an id that is not an APS id names no resource of ours. */
function apsIdOnly(request, reply, done) {
  done(isApsId(request.params.resourceId) ? undefined : new ApsError(404, "ResourceNotFound", "The resource id is not an APS id."));
}

/** A POST without a body and without Content-Type reaches here with no body: not JSON either. */
function bodyRequired(request, reply, done) {
  done(request.body === undefined ? new ApsError(415, "UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json).") : undefined);
}

/** The request body's text as it arrived (set by the route's JSON parser), without a BOM. */
const BODY_TEXT = Symbol("aps request body text");

/** The body's text; for a body another parser gave, its JSON (none: `null`, judged malformed). */
function bodyText(request) {
  return request[BODY_TEXT] ?? JSON.stringify(request.body) ?? "null";
}

/**
 * The judge: `check(request, context)` → the result and, for metrics, the outcome. The module
 * reads the request body's own text (checkJson), whatever form the context has: given as JSON
 * text it goes as it is (nothing is parsed again or serialised in JS), an object as its JSON.
 * So a body is judged the same with every source: fastify's JSON.parse would make a number too
 * large for a double (1e400) Infinity and then null, where the module refuses the text as
 * malformed. With `metrics` the full report is asked for instead of the result, for the id of
 * the rule that refused.
 */
function judge(checker, metrics) {
  /**
   * One of the module's calls: the body's text, with the context's. A context JSON.stringify
   * cannot write throws here, as it would in the module (a 500, the endpoint's bug), and its
   * toJSON and getters run once; one with no JSON at all (undefined) goes as it is, for the
   * module to say so.
   */
  const by = (fromText, fromValue) => (request, context) => {
    const text = typeof context === "string" ? context : JSON.stringify(context);
    return typeof text === "string" ? fromText.call(checker, bodyText(request), text) : fromValue.call(checker, request.body, context);
  };
  if (!metrics) {
    const check = by(checker.checkJson, checker.check);
    return (request, context) => ({ result: check(request, context) });
  }
  const explain = by(checker.explainJson, checker.explain);
  return (request, context) => {
    const started = process.hrtime.bigint();
    const report = explain(request, context);
    metrics.precheckSeconds(Number(process.hrtime.bigint() - started) / 1e9);
    const result = report.canMigrate ? { canMigrate: true } : { canMigrate: false, message: report.message };
    return { result, rule: report.failed[0]?.rule };
  };
}

/** The route's JSON parser: fastify's own (no __proto__ or constructor.prototype key), keeping the text. */
function keepingText(parse) {
  return (request, text, done) => {
    request[BODY_TEXT] = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    parse(request, text, done);
  };
}

/**
 * The plugin. Options:
 * - `policy`: a compiled PreChecker, or a policy object (compiled here; a bad one throws PolicyError).
 * - `context(request, resourceId, targetAccount)`: the pre-check context, or a promise of it;
 *   an ApsError it throws is answered as it is (e.g. 404 ResourceNotFound). The context may be
 *   given as its JSON text (a string): the module then reads it and the request body's text
 *   itself, the cheapest way for a source that keeps its data as JSON.
 * - `controllerCertificate`: the saved controller certificate (PEM): the X.509 mode's check.
 * - `oauth`: {consumerKey, consumerSecret, windowSeconds, origin, nonceStore, clock}: the OAuth mode's.
 * - `metrics`: from createMetrics() (metrics.js), to count outcomes and time the checks.
 */
export default async function migrationPreCheck(app, { policy, context, controllerCertificate, oauth, metrics } = {}) {
  if (typeof context !== "function") throw new TypeError("migrationPreCheck: the context option must be a function");
  const checker = policy instanceof PreChecker ? policy : new PreChecker(policy ?? null);
  const check = judge(checker, metrics);

  app.setErrorHandler(apsErrorHandler);
  // JSON only, and never a __proto__ or constructor.prototype key, whatever the server's own parser allows.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: BODY_LIMIT }, keepingText(app.getDefaultJsonParser("error", "error")));

  app.addHook("onRequest", labelTransaction);
  if (controllerCertificate) app.addHook("onRequest", certificateCheck(controllerCertificate));
  if (oauth) app.addHook("onRequest", oauthCheck(oauth));

  const answer = (request, resourceId, targetAccount, ctx) => {
    const { result, rule } = check(request, ctx);
    metrics?.outcome(request, result.canMigrate ? "allowed" : "refused", rule);
    request.log.info({ resourceId, targetAccount: typeof targetAccount === "string" ? targetAccount.slice(0, 64) : undefined, canMigrate: result.canMigrate }, "migrationPreCheck answered");
    return result;
  };

  app.post(OPERATION, {
    bodyLimit: BODY_LIMIT,
    schema: { headers: headersSchema, response: { 200: resultSchema } },
    onRequest: apsIdOnly,
    preValidation: bodyRequired,
  }, (request) => {
    // Not async: a context at hand (the host's file source) is answered without a trip through
    // the microtask queue. The body goes to the module exactly as received (migration-set-valid judges it).
    const { resourceId } = request.params;
    const body = request.body;
    const targetAccount = body !== null && typeof body === "object" ? body.targetAccount : undefined;
    const ctx = context(request, resourceId, targetAccount);
    if (typeof ctx?.then === "function") return ctx.then((c) => answer(request, resourceId, targetAccount, c));
    return answer(request, resourceId, targetAccount, ctx);
  });
}
