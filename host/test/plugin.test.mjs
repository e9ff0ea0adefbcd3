// The migrationPreCheck plugin (src/plugin.js) on an endpoint of one's own: the example run as a
// process beside its other APS routes, and the plugin on a bare fastify server (in process), where
// its checks must hold whatever the server's own options are.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import Fastify from "fastify";
import { PreChecker } from "aps-migratable";
import migrationPreCheck from "../src/plugin.js";
import { ApsError } from "../src/errors.js";
import { A, CONTROLLER_HEADERS, R, S, call, hostDir, makeCerts, pem, precheck, tempDir } from "./helpers.mjs";

/** Runs examples/existing-endpoint.mjs on a free port; resolves with its origin and its log lines. */
function startExample(t) {
  const proc = spawn(process.execPath, [join(hostDir, "examples/existing-endpoint.mjs")], {
    env: { PATH: process.env.PATH, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  const exited = new Promise((resolve) => proc.on("close", (code) => resolve(code)));
  t.after(() => proc.exitCode === null && proc.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    proc.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
      const m = /on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve({ origin: m[1], logs: () => stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)), stop: () => (proc.kill("SIGTERM"), exited) });
    });
    exited.then((code) => reject(new Error(`the example exited with ${code}:\n${stderr}`)));
  });
}

test("the example: the pre-check answers beside the endpoint's other APS routes, which keep their own behaviour", async (t) => {
  const ex = await startExample(t);
  const headers = { "APS-Transaction-ID": "example-1" };
  assert.deepEqual((await precheck(ex.origin, R("01"), { targetAccount: A("02") }, { headers })).json, { canMigrate: true });
  const refused = await precheck(ex.origin, R("01"), { targetAccount: A("05") });
  assert.equal(refused.json.canMigrate, false);
  assert.match(refused.json.message, /brand/);
  const unknown = await precheck(ex.origin, R("77"), { targetAccount: A("02") });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.type, "ResourceNotFound");
  assert.equal((await precheck(ex.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Instance-ID": "" } })).json.type, "InvalidHeader");

  // The endpoint's own routes: provisioning still works, and the plugin's JSON-only parser and
  // APS error bodies stay on its route (a text/plain POST elsewhere is fastify's to judge).
  const created = await call(ex.origin, { path: "/mail", headers: { "content-type": "application/json" }, body: JSON.stringify({ aps: { id: R("02"), subscription: S("02") }, owner: A("01") }) });
  assert.deepEqual(created.json, { aps: { id: R("02"), status: "aps:ready" } });
  assert.deepEqual((await precheck(ex.origin, R("02"), { targetAccount: A("02") })).json, { canMigrate: true }, "a resource provisioned just now is checked");
  assert.equal((await call(ex.origin, { method: "GET", path: `/mail/${R("02")}` })).status, 200);
  const plain = await call(ex.origin, { path: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "text/plain", ...CONTROLLER_HEADERS }, body: "x" });
  assert.deepEqual([plain.status, plain.json.type], [415, "UnsupportedMediaType"]);

  const answered = ex.logs().filter((l) => l.msg === "migrationPreCheck answered");
  assert.equal(answered.length, 3, "allowed, refused and the new resource; not the errors");
  assert.equal(answered[0].transactionId, "example-1");
  assert.ok(ex.logs().filter((l) => l.transactionId === "example-1").length >= 3, "incoming, answered and completed lines carry it");
  assert.equal(await ex.stop(), 0);
});

const policy = new PreChecker(null);
const account = (n, brandId = "b1") => ({ id: A(n), kind: "customer", vendorId: "v1", brandId, status: "active" });
const context = (request, resourceId, targetAccount) => {
  if (resourceId !== R("01")) throw new ApsError(404, "ResourceNotFound", "not ours");
  return {
    now: "2026-12-01T09:30:00.000Z",
    subscription: { id: S("01"), ownerAccountId: A("01"), state: "active" },
    sourceAccount: account("01"),
    targetAccount: targetAccount === A("02") ? account("02") : null,
  };
};

/** A bare fastify server (its own options) with the plugin; `lines` collects its log. */
async function bare(t, serverOptions = {}, pluginOptions = {}) {
  const lines = [];
  const app = Fastify({ ...serverOptions, logger: { level: "info", stream: { write: (l) => lines.push(JSON.parse(l)) } } });
  await app.register(migrationPreCheck, { policy, context, ...pluginOptions });
  t.after(() => app.close());
  const ask = (payload, headers = {}, { aps = CONTROLLER_HEADERS } = {}) => app.inject({
    method: "POST",
    url: `/mail/${R("01")}/migrationPreCheck`,
    headers: { "content-type": "application/json", ...aps, ...headers },
    payload,
  });
  return { app, ask, lines };
}

test("on a bare server: the answer, and the transaction id on the route's log lines", async (t) => {
  const { ask, lines } = await bare(t);
  const res = await ask(JSON.stringify({ targetAccount: A("02") }), { "APS-Transaction-ID": "tx-bare" });
  assert.deepEqual(res.json(), { canMigrate: true });
  const mine = lines.filter((l) => l.transactionId === "tx-bare").map((l) => l.msg);
  assert.ok(mine.includes("migrationPreCheck answered") && mine.includes("request completed"), JSON.stringify(mine));
});

test("on a bare server whose own options are laxer, the route still refuses __proto__, large bodies and missing headers", async (t) => {
  const { ask } = await bare(t, { onProtoPoisoning: "ignore", bodyLimit: 10 * 1024 * 1024 });
  const poisoned = await ask(`{"targetAccount": "${A("02")}", "__proto__": {"x": 1}}`);
  assert.deepEqual([poisoned.statusCode, poisoned.json().type], [400, "MalformedJson"]);
  const large = await ask(JSON.stringify({ targetAccount: A("02"), pad: "x".repeat(70 * 1024) }));
  assert.deepEqual([large.statusCode, large.json()], [413, { code: 413, type: "PayloadTooLarge", message: "The request body is larger than 65536 bytes." }]);
  const missing = await ask(JSON.stringify({ targetAccount: A("02") }), {}, { aps: {} });
  assert.deepEqual([missing.statusCode, missing.json().message], [400, "Missing required header: APS-Controller-URI."]);
});

test("a body is judged the same whether the context is given as JSON text or as an object", async (t) => {
  const asText = (request, resourceId, targetAccount) => JSON.stringify(context(request, resourceId, targetAccount));
  const refusing = new PreChecker({ customRules: [{ id: "no-b1", code: "NO_B1", when: true, require: { properties: { targetAccount: { properties: { brandId: { not: { const: "b1" } } } } } }, message: { en: "Not to {targetAccount}." } }] });
  const bodies = [
    JSON.stringify({ targetAccount: A("02") }),
    `\ufeff${JSON.stringify({ targetAccount: A("02") })}`, // a BOM, which fastify's parser takes
    ` {"targetAccount" : "${A("02")}", "note": "x"} `,
    JSON.stringify({ targetAccount: A("03") }),
    JSON.stringify({ targetAccount: 7 }),
    "[]",
    "null",
    JSON.stringify({ targetAccount: A("02"), targetAccount2: "\ud800" }),
    // Numbers beyond a double: JSON.parse makes them Infinity (and JSON.stringify null); the
    // module refuses the text. Either context form gets the module's answer.
    `{"targetAccount": "${A("02")}", "n": 1e400}`,
    `{"targetAccount": "${A("02")}", "n": -1e400}`,
  ];
  for (const [label, options] of [["built-in rules", {}], ["a custom rule", { policy: refusing }], ["with metrics", { metrics: (await import("../src/metrics.js")).createMetrics({ collectDefault: false }) }]]) {
    const { ask: objects } = await bare(t, {}, options);
    const { ask: texts } = await bare(t, {}, { ...options, context: asText });
    const answers = [];
    for (const body of bodies) {
      const [a, b] = [await objects(body), await texts(body)];
      assert.equal(b.statusCode, a.statusCode, `${label}: ${body}`);
      assert.deepEqual(b.json(), a.json(), `${label}: ${body}`);
      answers.push(a.json().canMigrate);
    }
    assert.ok(answers.includes(false), `${label}: some body is refused`);
    if (label !== "a custom rule") assert.deepEqual(answers.slice(0, 3), [true, true, true], `${label}: the well-formed bodies are allowed`);
    assert.deepEqual(answers.slice(-2), [false, false], `${label}: 1e400 is not a number the module reads`);
  }
});

test("a context function's ApsError and a context the module refuses are answered with APS bodies", async (t) => {
  const { app } = await bare(t, {}, { context: () => Promise.resolve({ now: "not a date" }) });
  const bad = await app.inject({ method: "POST", url: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, payload: "{}" });
  assert.deepEqual([bad.statusCode, bad.json().type], [500, "InternalError"]);
  // A context with no JSON form: a 500 too, its toJSON run once.
  let runs = 0;
  const { app: unwritable } = await bare(t, {}, { context: () => ({ toJSON() { runs++; throw new Error("no JSON"); } }) });
  const thrown = await unwritable.inject({ method: "POST", url: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, payload: "{}" });
  assert.deepEqual([thrown.statusCode, thrown.json().type, runs], [500, "InternalError", 1]);
  const { app: none } = await bare(t, {}, { context: () => undefined });
  const absent = await none.inject({ method: "POST", url: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, payload: "{}" });
  assert.deepEqual([absent.statusCode, absent.json().type], [500, "InternalError"]);
  const { app: other } = await bare(t);
  const notOurs = await other.inject({ method: "POST", url: `/mail/${R("02")}/migrationPreCheck`, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, payload: "{}" });
  assert.deepEqual([notOurs.statusCode, notOurs.json()], [404, { code: 404, type: "ResourceNotFound", message: "not ours" }]);
});

test("controllerCertificate: a request without the saved certificate is refused 403 on the plugin's route", async (t) => {
  const certs = makeCerts(tempDir(t));
  const { ask } = await bare(t, {}, { controllerCertificate: pem(certs.controllerClient.cert) });
  const res = await ask(JSON.stringify({ targetAccount: A("02") }));
  assert.deepEqual([res.statusCode, res.json().type], [403, "CertificateMismatch"]);
});

test("serverOptions() limits how long a request may take to arrive (fastify has no limit); the host's from APS_REQUEST_TIMEOUT_MS", async (t) => {
  const { serverOptions, REQUEST_TIMEOUT_MS } = await import("../src/plugin.js");
  const { loadConfig } = await import("../src/config.js");
  assert.equal(REQUEST_TIMEOUT_MS, 30000);
  for (const [options, expected] of [[serverOptions(), 30000], [serverOptions({ requestTimeout: 1234 }), 1234], [{}, 0]]) {
    const app = Fastify(options);
    await app.ready();
    t.after(() => app.close());
    assert.equal(app.server.requestTimeout, expected, JSON.stringify(options.requestTimeout));
  }
  assert.equal(loadConfig({ env: {}, argv: [] }).requestTimeoutMs, 30000);
  assert.equal(loadConfig({ env: { APS_REQUEST_TIMEOUT_MS: "5000" }, argv: [] }).requestTimeoutMs, 5000);
  assert.throws(() => loadConfig({ env: { APS_REQUEST_TIMEOUT_MS: "soon" }, argv: [] }), /APS_REQUEST_TIMEOUT_MS must be an integer from 0 to 600000/);
});

test("configuration: flags win over the environment, and an empty value, flag or variable, is the default", async () => {
  const { loadConfig } = await import("../src/config.js");
  assert.equal(loadConfig({ env: { APS_PORT: "9000" }, argv: [] }).port, 9000);
  assert.equal(loadConfig({ env: { APS_PORT: "9000" }, argv: ["--port=9100"] }).port, 9100);
  assert.equal(loadConfig({ env: { APS_PORT: "9000" }, argv: ["--port", "9200"] }).port, 9200);
  assert.equal(loadConfig({ env: { APS_PORT: "" }, argv: [] }).port, 8080);
  // The one way to unset a variable from the command line.
  assert.equal(loadConfig({ env: { APS_PORT: "9000" }, argv: ["--port="] }).port, 8080);
});
