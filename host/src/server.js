#!/usr/bin/env node
// The reference APS endpoint host: `node host/src/server.js [--port 8080 ...]` (see config.js).
// Stdout carries the JSON logs (pino); the start banner and start errors go to stderr.
import cluster from "node:cluster";
import { loadConfig } from "./config.js";
import { loadPolicy } from "./policy.js";
import { createFileSource } from "./sources/file.js";
import { createControllerSource } from "./sources/controller.js";
import { buildApp, OPERATION } from "./app.js";
import { createMetrics } from "./metrics.js";
import { logDestination } from "./log.js";
import { runPrimary } from "./cluster.js";

const fail = (message) => {
  process.stderr.write(`aps-migratable host: cannot start: ${message}\n`);
  process.exit(1);
};

let config;
try {
  config = loadConfig();
} catch (err) {
  fail(err.message);
}
if (cluster.isPrimary && config.workers > 1) runPrimary(config.workers);
else await serve();

/** One server process: the whole host, alone or as one of the cluster's workers. */
async function serve() {
  let checker, source, metrics;
  try {
    ({ checker } = loadPolicy(config.policyFile));
    metrics = config.metrics ? createMetrics() : null;
    source = config.contextSource === "controller"
      ? await createControllerSource(config, { onCall: metrics ? metrics.controllerCall : undefined })
      : createFileSource(config);
  } catch (err) {
    fail(err.message);
  }

  // APS_NOW fixes the clock (tests and demos); otherwise the context's `now` is the system clock's.
  const clock = config.now === null ? () => Date.now() : () => config.now;

  let app;
  try {
    app = await buildApp({ config, checker, source, clock, metrics, logStream: logDestination() });
  } catch (err) {
    fail(err.message); // e.g. a certificate or key file that is not PEM
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    fail(`cannot listen on ${config.host}:${config.port}: ${err.message}`);
  }

  const { port } = app.server.address();
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const origin = `${config.tls ? "https" : "http"}://${host}:${port}`;
  const lines = [
    `aps-migratable host ${config.tls ? "(TLS, controller certificate required) " : ""}${config.oauth ? "(OAuth 1.0a signatures required) " : ""}on ${origin}`,
    config.static ? `  admin page: ${origin}/` : null,
    `  endpoint:   POST ${origin}${OPERATION.replace(":service", "{service}").replace(":resourceId", "{resourceId}")}`,
    `  health:     GET ${origin}/health`,
    config.metrics ? `  metrics:    GET ${origin}/metrics` : null,
    `  contexts:   ${source.describe()}`,
    `  policy:     ${config.policyFile}`,
    config.workers > 1 ? `  workers:    ${config.workers} processes (APS_WORKERS)` : null,
    config.now === null ? null : `  clock:      fixed at ${new Date(config.now).toISOString()} (APS_NOW)`,
  ].filter(Boolean);
  // Workers share the banner: the first one prints it.
  if (!cluster.isWorker || cluster.worker.id === 1) process.stderr.write(`${lines.join("\n")}\n`);

  let stopping = false;
  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, "requests still in flight at the shutdown deadline; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await app.close();
    } catch (err) {
      app.log.error({ err }, "error while closing");
      process.exit(1);
    }
    clearTimeout(timer);
    app.log.info("stopped");
    process.exit(0);
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
