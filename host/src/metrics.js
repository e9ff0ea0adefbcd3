// Prometheus metrics (prom-client), served at GET /metrics when APS_METRICS is on: requests by
// route, status and outcome, the pre-check's own duration, and the controller calls.
import client from "prom-client";

/** Outcomes the pre-check route sets (the rest count as "error" at 4xx/5xx, "none" otherwise). */
const outcomes = new WeakMap();

/**
 * The metrics of one process, in their own registry (not prom-client's global one, so two apps in
 * one process, as in tests, do not collide). `onResponse` is a fastify hook counting every request.
 */
export function createMetrics({ collectDefault = true } = {}) {
  const registry = new client.Registry();
  if (collectDefault) client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: "aps_requests_total",
    help: "Requests answered, by route, status and outcome (allowed, refused with the rule that refused, error, none)",
    labelNames: ["route", "status", "outcome", "rule"],
    registers: [registry],
  });
  const precheck = new client.Histogram({
    name: "aps_precheck_duration_seconds",
    help: "Time the module took to judge one move (context at hand)",
    buckets: [0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.005],
    registers: [registry],
  });
  const controllerCalls = new client.Histogram({
    name: "aps_controller_call_duration_seconds",
    help: "Calls to the APS controller (controller source), by result: ok, http_4xx, http_5xx, unreachable",
    labelNames: ["result"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const controllerFailures = new client.Counter({
    name: "aps_controller_call_failures_total",
    help: "Controller calls that failed: unreachable, timed out, or answered 5xx",
    registers: [registry],
  });

  return {
    registry,
    precheckSeconds: (s) => precheck.observe(s),
    outcome: (request, outcome, rule) => outcomes.set(request, { outcome, rule: rule ?? "" }),
    /** One controller call: `status` is the HTTP status, or 0 when there was no answer. */
    controllerCall(seconds, status) {
      const result = status === 0 ? "unreachable" : status < 400 ? "ok" : status < 500 ? "http_4xx" : "http_5xx";
      controllerCalls.observe({ result }, seconds);
      if (status === 0 || status >= 500) controllerFailures.inc();
    },
    onResponse(request, reply, done) {
      const set = outcomes.get(request);
      const status = reply.statusCode;
      const outcome = status >= 400 ? "error" : set?.outcome ?? "none";
      requests.inc({ route: request.routeOptions.url ?? "(no route)", status, outcome, rule: status < 400 ? set?.rule ?? "" : "" });
      done();
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
