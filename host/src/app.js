// The reference host: a fastify service over the migrationPreCheck plugin (plugin.js), with
// /health, /metrics, the admin page and the package, the network mode's check on everything
// but /health, and security headers on everything.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import Fastify from "fastify";
import fastifyStatic from "@fastify/static";
import helmet from "helmet";
import { ApsError, apsErrorHandler, apsNotFound } from "./errors.js";
import migrationPreCheck, { OPERATION, certificateCheck, isoClock, memoryNonceStore, oauthCheck, serverOptions } from "./plugin.js";
import { createMetrics } from "./metrics.js";

export { OPERATION };

const require = createRequire(import.meta.url);
/** The directory of the package this host runs: served at /pkg/, so the page and the host use the same build. */
export const pkgDir = dirname(require.resolve("aps-migratable/package.json"));

/**
 * The admin page's Content-Security-Policy (its <meta> tag in www/index.html, which the tests
 * compare with this), sent as a header so that it can also forbid framing.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  workerSrc: ["'self'"],
  connectSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

const isHealth = (request) => request.routeOptions.url === "/health";

/** Refuses new requests (503) once the server is closing, and closes connections answered meanwhile. */
function drainOnClose(app) {
  // Callback-style hooks, not async: they run on every request, and an async hook costs a
  // promise and a microtask each (the host's hot path; see bench/run.mjs, host row).
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
}

/** The network mode's check, on every route but /health: the controller certificate, OAuth, or both. */
function networkChecks(app, config, clock) {
  if (config.tls) app.addHook("onRequest", certificateCheck(readFileSync(config.tls.controllerCert), { skip: isHealth }));
  if (config.oauth) {
    const { consumerKey, consumerSecret, windowSeconds, origin, nonceMax } = config.oauth;
    const nonceStore = memoryNonceStore({ maxEntries: nonceMax });
    app.addHook("onRequest", oauthCheck({ consumerKey, consumerSecret, windowSeconds, origin, nonceStore, clock, skip: isHealth }));
  }
}

/**
 * Builds the server. `checker` is a compiled PreChecker, `source` a context source
 * ({name, describe, buildContext, close}); buildContext returns the context or a promise of it.
 * A source may also have buildContextJson, the same context as JSON text, which is used instead.
 * `clock` returns the current time in milliseconds since the epoch: the context's `now` and the
 * OAuth window come only from it, so a test or a demo can fix the date. `metrics` (createMetrics())
 * is served at /metrics; the controller source reports its calls to the same one. `logStream`
 * is where log lines go (process.stdout by default).
 */
export async function buildApp({ config, checker, source, clock = () => Date.now(), metrics = null, logStream = process.stdout }) {
  const app = Fastify({
    ...serverOptions({ requestTimeout: config.requestTimeoutMs }),
    // process.stdout, not pino's default asynchronous destination: on Linux its writes are
    // synchronous (files, pipes and terminals), so log lines keep their order and none is lost
    // when the process exits right after logging "stopped". With the default, a line still
    // being written by the thread pool could land after the ones flushed at exit.
    // (server.js passes log.js's buffered destination, which keeps that order with fewer writes.)
    logger: { level: config.logLevel, stream: logStream },
    https: config.tls
      ? {
          cert: readFileSync(config.tls.cert),
          key: readFileSync(config.tls.key),
          requestCert: true, // ask every client for its certificate …
          rejectUnauthorized: false, // … and judge it (certificate.js), against the saved controller certificate
        }
      : null,
    return503OnClosing: false, // answered by drainOnClose, with an APS body
  });

  app.setErrorHandler(apsErrorHandler);
  app.setNotFoundHandler(apsNotFound);
  // JSON only: without the text/plain parser, any other content type is FST_ERR_CTP_INVALID_MEDIA_TYPE (415).
  app.removeContentTypeParser("text/plain");

  // First, so that the answers of the hooks after it (401, 403, 503) carry the headers too.
  const secure = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // Over plain HTTP a browser ignores it; over TLS it pins the endpoint to HTTPS.
    strictTransportSecurity: config.tls ? { maxAge: 15552000, includeSubDomains: false } : false,
  });
  app.addHook("onRequest", (request, reply, done) => secure(request.raw, reply.raw, done));
  drainOnClose(app);
  networkChecks(app, config, clock);

  app.get("/health", async () => ({ status: "ok" }));
  if (metrics) {
    app.addHook("onResponse", metrics.onResponse);
    app.get("/metrics", async (request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  }

  const now = isoClock(clock);
  // A source that can give the context as JSON text (the file source) is asked for that.
  const build = typeof source.buildContextJson === "function" ? source.buildContextJson : source.buildContext;
  await app.register(migrationPreCheck, {
    policy: checker,
    metrics,
    context: (request, resourceId, targetAccount) => build({
      resourceId,
      targetAccount,
      now: now(),
      controllerUri: request.headers["aps-controller-uri"],
      transactionId: request.id,
      log: request.log,
    }),
  });

  if (config.static) {
    const setHeaders = (res) => res.setHeader("cache-control", "no-cache");
    await app.register(fastifyStatic, { root: config.wwwDir, prefix: "/", cacheControl: false, setHeaders, etag: true });
    await app.register(fastifyStatic, { root: pkgDir, prefix: "/pkg/", decorateReply: false, cacheControl: false, setHeaders, etag: true });
  }

  app.addHook("onClose", async () => source.close());
  return app;
}
