// GET /metrics (prom-client): off by default; on, it counts requests by route, status and outcome
// (the rule that refused), times the checks and the controller calls; behind OAuth it needs a
// signed request like every other route but /health.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { join } from "node:path";
import OAuth from "oauth-1.0a";
import { buildApp } from "../src/app.js";
import { createMetrics } from "../src/metrics.js";
import { loadPolicy } from "../src/policy.js";
import { createFileSource } from "../src/sources/file.js";
import { A, CONTROLLER_HEADERS, NOW, R, call, controllerEnv, hostDir, makeCerts, precheck, standInController, startHost, tempDir } from "./helpers.mjs";
import { documentedWorld } from "./controller-world.mjs";

const OPERATION = "/:service/:resourceId/migrationPreCheck";

/** The value of one sample of the exposition text: `name{labels}`, labels in any order; 0 when absent. */
function sample(text, name, labels = {}) {
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === String(v))) return Number(m[3]);
  }
  return 0;
}

async function host(t, metrics) {
  const { checker } = loadPolicy(join(hostDir, "data/policy.json"));
  const source = createFileSource({ dataFile: join(hostDir, "data/dataset.json") });
  const app = await buildApp({ config: { logLevel: "silent", tls: null, static: false }, checker, source, clock: () => Date.parse(NOW), metrics });
  t.after(() => app.close());
  const ask = (resourceId, targetAccount, headers = CONTROLLER_HEADERS) => app.inject({
    method: "POST",
    url: `/mail/${resourceId}/migrationPreCheck`,
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify({ targetAccount }),
  });
  return { app, ask };
}

test("off by default: /metrics is not a route", async (t) => {
  const { app } = await host(t, null);
  assert.equal((await app.inject({ method: "GET", url: "/metrics" })).statusCode, 404);
});

test("requests by route, status and outcome, the refusing rule's id, and the checks' durations", async (t) => {
  const { app, ask } = await host(t, createMetrics({ collectDefault: false }));
  const { ask: plain } = await host(t, null);
  const moves = [[R("01"), A("02")], [R("01"), A("05")], [R("01"), A("05")], [R("01"), A("03")], [R("03"), A("02")]];
  for (const [resource, target] of moves) {
    assert.deepEqual((await ask(resource, target)).json(), (await plain(resource, target)).json(), "the same answer as without metrics");
  }
  await ask(R("01"), A("02"), {}); // no APS headers: 400
  await ask(R("77"), A("02")); // not in the data set: 404

  const res = await app.inject({ method: "GET", url: "/metrics" });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers["content-type"], /^text\/plain; version=0\.0\.4/);
  const text = res.body;
  const count = (labels) => sample(text, "aps_requests_total", { route: OPERATION, ...labels });
  assert.equal(count({ status: 200, outcome: "allowed", rule: "" }), 1);
  assert.equal(count({ status: 200, outcome: "refused", rule: "same-brand" }), 2);
  assert.equal(count({ status: 200, outcome: "refused", rule: "target-account-active" }), 1);
  assert.equal(count({ status: 200, outcome: "refused", rule: "subscription-not-terminated" }), 1);
  assert.equal(count({ status: 400, outcome: "error" }), 1);
  assert.equal(count({ status: 404, outcome: "error" }), 1);
  assert.equal(sample(text, "aps_precheck_duration_seconds_count"), 5, "one per check, none for the errors");
  assert.ok(sample(text, "aps_precheck_duration_seconds_sum") > 0);

  const again = (await app.inject({ method: "GET", url: "/metrics" })).body;
  assert.equal(sample(again, "aps_requests_total", { route: "/metrics", status: 200, outcome: "none" }), 1, "the first scrape, counted once answered");
});

test("controller calls: their durations by result, and the failures", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, documentedWorld());
  const h = await startHost(t, { env: controllerEnv(certs, { APS_METRICS: "true", APS_STATIC: "false" }) });
  const headers = { "APS-Controller-URI": controller.uri };
  assert.equal((await precheck(h.origin, R("01"), { targetAccount: A("02") }, { headers })).status, 200);
  const calls = controller.calls.length;
  controller.failWith = 503;
  assert.equal((await precheck(h.origin, R("01"), { targetAccount: A("02") }, { headers })).status, 503);
  const text = (await call(h.origin, { method: "GET", path: "/metrics" })).text;
  assert.equal(sample(text, "aps_controller_call_duration_seconds_count", { result: "ok" }), calls);
  assert.ok(sample(text, "aps_controller_call_duration_seconds_count", { result: "http_5xx" }) >= 1);
  assert.equal(sample(text, "aps_controller_call_failures_total"), sample(text, "aps_controller_call_duration_seconds_count", { result: "http_5xx" }));
  assert.equal(sample(text, "aps_requests_total", { route: OPERATION, status: 503, outcome: "error" }), 1);
  assert.ok(sample(text, "process_cpu_seconds_total") > 0, "the process's default metrics too");
});

test("behind OAuth, /metrics needs a signed request, like the admin page", async (t) => {
  const key = "k";
  const secret = "s";
  const h = await startHost(t, { env: { APS_METRICS: "true", APS_OAUTH_CONSUMER_KEY: key, APS_OAUTH_CONSUMER_SECRET: secret, APS_NOW: NOW } });
  const unsigned = await call(h.origin, { method: "GET", path: "/metrics" });
  assert.deepEqual([unsigned.status, unsigned.json?.type], [401, "Unauthorized"]);
  assert.equal((await call(h.origin, { method: "GET", path: "/" })).status, 401, "the admin page is behind it too");
  const client = OAuth({ consumer: { key, secret }, signature_method: "HMAC-SHA1", hash_function: (b, k) => createHmac("sha1", k).update(b).digest("base64") });
  client.getTimeStamp = () => Date.parse(NOW) / 1000;
  const authorization = client.toHeader(client.authorize({ url: `${h.origin}/metrics`, method: "GET" })).Authorization;
  const signed = await call(h.origin, { method: "GET", path: "/metrics", headers: { authorization } });
  assert.equal(signed.status, 200);
  assert.match(signed.text, /# TYPE aps_requests_total counter/);
});
