// The fastify application: the APS operation, /health, the admin page and the package.
import { randomUUID, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import Fastify, { LogController } from "fastify";
import fastifyStatic from "@fastify/static";
import { isApsId } from "aps-migratable";
import { ApsError, BODY_LIMIT, apsClientError, apsErrorHandler, apsNotFound } from "./errors.js";

const require = createRequire(import.meta.url);
/** The directory of the package this host runs: served at /pkg/, so the page and the host use the same build. */
export const pkgDir = dirname(require.resolve("aps-migratable/package.json"));

export const CERT_MISMATCH = "Provided certificate does not match saved APSC certificate!";
export const OPERATION = "/:service/:resourceId/migrationPreCheck";

/** APS-Transaction-ID as the request id (and so in every log line of the request), if it is sane. */
function transactionId(req) {
  const t = req.headers["aps-transaction-id"];
  return typeof t === "string" && /^[\x21-\x7e]{1,128}$/.test(t) ? t : `local-${randomUUID()}`;
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

/**
 * Builds the server. `checker` is a compiled PreChecker, `source` a context source
 * ({name, describe, buildContext, close}); buildContext returns the context or a promise of it.
 * `clock` returns the current time in milliseconds since the epoch: the context's `now` comes
 * only from it, so a test or a demo can fix the date the pre-check judges against.
 */
export async function buildApp({ config, checker, source, clock = () => Date.now() }) {
  const app = Fastify({
    // process.stdout, not pino's default asynchronous destination: on Linux its writes are
    // synchronous (files, pipes and terminals), so log lines keep their order and none is lost
    // when the process exits right after logging "stopped". With the default, a line still
    // being written by the thread pool could land after the ones flushed at exit.
    logger: { level: config.logLevel, stream: process.stdout },
    https: config.tls
      ? {
          cert: readFileSync(config.tls.cert),
          key: readFileSync(config.tls.key),
          requestCert: true, // ask every client for its certificate …
          rejectUnauthorized: false, // … and judge it below, against the saved controller certificate
        }
      : null,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: false,
    genReqId: transactionId,
    // Every log line of a request carries "transactionId"; health probes are not logged.
    logController: new LogController({
      requestIdLogLabel: "transactionId",
      disableRequestLogging: (req) => req.url === "/health",
    }),
    return503OnClosing: false, // answered below, with an APS body
    // A URL that cannot be decoded (or a path segment over 100 characters) fails in the router,
    // before any hook: answered by the error handler too, not with fastify's own body.
    frameworkErrors: apsErrorHandler,
    clientErrorHandler: apsClientError,
  });

  app.setErrorHandler(apsErrorHandler);
  app.setNotFoundHandler(apsNotFound);
  // JSON only: without the text/plain parser, any other content type is FST_ERR_CTP_INVALID_MEDIA_TYPE (415).
  app.removeContentTypeParser("text/plain");

  // The hooks below are callback-style, not async: they run on every request, and an async hook
  // costs a promise and a microtask each (the host's hot path; see bench/run.mjs, host row).
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  // Responses finished while shutting down close their connection, so keep-alive clients
  // (a controller) do not hold the server open after their request in flight is answered.
  app.addHook("onSend", (request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
  app.addHook("onResponse", (request, reply, done) => {
    if (closing) app.server.closeIdleConnections?.();
    done();
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (closing) {
      reply.header("connection", "close");
      done(new ApsError(503, "ServiceUnavailable", "The application is shutting down; try again later."));
      return;
    }
    done();
  });

  if (config.tls) {
    const saved = new X509Certificate(readFileSync(config.tls.controllerCert));
    app.addHook("onRequest", (request, reply, done) => {
      if (request.routeOptions.url === "/health") return done();
      const peer = request.raw.socket.getPeerCertificate?.();
      if (!peer?.raw || !saved.raw.equals(peer.raw)) {
        request.log.warn({ peerFingerprint256: peer?.fingerprint256 }, "client certificate refused");
        return done(new ApsError(403, "CertificateMismatch", CERT_MISMATCH));
      }
      done();
    });
  }

  app.get("/health", async () => ({ status: "ok" }));

  // The context's `now` (ISO 8601, milliseconds): one string per millisecond, not one per request.
  let nowMs = -1;
  let nowIso = "";
  const now = () => {
    const ms = clock();
    if (ms !== nowMs) {
      nowMs = ms;
      nowIso = new Date(ms).toISOString();
    }
    return nowIso;
  };

  /** The answer, once the context is built: the body goes to the module exactly as received (it judges it: migration-set-valid). */
  const answer = (request, body, resourceId, targetAccount, context) => {
    const result = checker.check(body, context);
    request.log.info({ resourceId, targetAccount: typeof targetAccount === "string" ? targetAccount.slice(0, 64) : undefined, canMigrate: result.canMigrate }, "migrationPreCheck answered");
    return result;
  };

  app.post(OPERATION, {
    schema: { headers: headersSchema, response: { 200: resultSchema } },
    // Before the body is read: an id that is not an APS id names no resource of ours.
    onRequest: (request, reply, done) => {
      done(isApsId(request.params.resourceId) ? undefined : new ApsError(404, "ResourceNotFound", "The resource id is not an APS id."));
    },
    // A POST without a body and without Content-Type reaches here with no body: not JSON either.
    preValidation: (request, reply, done) => {
      done(request.body === undefined ? new ApsError(415, "UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json).") : undefined);
    },
  }, (request) => {
    // Not async: a source that has the context at hand (the file source) returns it, not a
    // promise, and the answer is sent without a trip through the microtask queue.
    const { resourceId } = request.params;
    const body = request.body;
    const targetAccount = body !== null && typeof body === "object" ? body.targetAccount : undefined;
    const context = source.buildContext({
      resourceId,
      targetAccount,
      now: now(),
      controllerUri: request.headers["aps-controller-uri"],
      transactionId: request.id,
      log: request.log,
    });
    if (typeof context?.then === "function") return context.then((c) => answer(request, body, resourceId, targetAccount, c));
    return answer(request, body, resourceId, targetAccount, context);
  });

  if (config.static) {
    const setHeaders = (res) => {
      res.setHeader("x-content-type-options", "nosniff");
      res.setHeader("cache-control", "no-cache");
    };
    await app.register(fastifyStatic, { root: config.wwwDir, prefix: "/", cacheControl: false, setHeaders, etag: true });
    await app.register(fastifyStatic, { root: pkgDir, prefix: "/pkg/", decorateReply: false, cacheControl: false, setHeaders, etag: true });
  }

  app.addHook("onClose", async () => source.close());
  return app;
}
