// SIGTERM: stop accepting, finish the requests in flight, exit 0. Every wait is on an event (a
// call reaching the stand-in controller, a log line, a refused connection, the exit), none on time.
import { test } from "node:test";
import http from "node:http";
import assert from "node:assert/strict";
import { A, R, call, controllerEnv, makeCerts, precheck, standInController, startHost, tempDir } from "./helpers.mjs";
import { documentedWorld } from "./controller-world.mjs";

const SHUTTING_DOWN = "shutting down: no new connections, finishing requests in flight";

/**
 * Resolves once a new connection to `origin` is refused. Until the host has closed its listening
 * socket, a connection still gets through (and is answered, 503 while shutting down): each try
 * waits for that answer, so the retries are bounded in number, not in time.
 */
async function untilRefused(origin, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      await call(origin, { method: "GET", path: "/health" });
    } catch (err) {
      if (err.code === "ECONNREFUSED") return;
      if (err.code !== "ECONNRESET") throw err; // reset: accepted as the listener closed
    }
  }
  assert.fail(`${origin} still accepted connections after ${tries} tries`);
}

test("a request in flight completes with 200 (on a keep-alive connection), then the process exits 0", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, documentedWorld());
  const host = await startHost(t, { env: controllerEnv(certs) });
  // Like a controller, the client keeps its connection open between calls.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const ask = () => precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri }, agent });
  const first = await ask();
  assert.equal(first.headers.connection, "keep-alive");

  // The next request is in flight once its first controller call has arrived; it is held there.
  controller.hold = true;
  const arrived = controller.waitForCalls(controller.calls.length + 1);
  const inFlight = ask();
  await arrived;
  host.proc.kill("SIGTERM");
  await host.waitForLog((l) => l.msg === SHUTTING_DOWN);

  // New connections are refused while the request in flight waits for the controller.
  await untilRefused(host.origin);
  controller.release();

  const res = await inFlight;
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { canMigrate: true });
  assert.equal(res.headers.connection, "close", "the last answer closes the kept-alive connection");
  // 0, not the 1 of the shutdown deadline (10 s): it exited because nothing was left in flight.
  assert.equal(await host.exited, 0);
  const msgs = host.logs().map((l) => l.msg);
  assert.ok(msgs.indexOf(SHUTTING_DOWN) < msgs.lastIndexOf("migrationPreCheck answered"));
  assert.equal(msgs.at(-1), "stopped");
});

test("an idle host exits 0 on SIGTERM, not by the deadline", async (t) => {
  // At the deadline (APS_SHUTDOWN_TIMEOUT_MS, 10 s) the host would exit 1: 0 shows nothing held it.
  const host = await startHost(t);
  const res = await call(host.origin, { method: "GET", path: "/health" });
  assert.equal(res.status, 200);
  assert.equal(await host.stop("SIGTERM"), 0);
  const msgs = host.logs().map((l) => l.msg);
  assert.deepEqual(msgs.slice(-2), [SHUTTING_DOWN, "stopped"]);
});

test("a host stuck past APS_SHUTDOWN_TIMEOUT_MS exits 1", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, { resources: { [R("01")]: { aps: { id: R("01") } } } });
  controller.hold = true; // never released: the controller hangs
  const host = await startHost(t, {
    env: controllerEnv(certs, { APS_CONTROLLER_TIMEOUT_MS: "600000", APS_SHUTDOWN_TIMEOUT_MS: "300" }),
  });
  const arrived = controller.waitForCalls(1);
  const stuck = precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } }).catch((e) => e);
  await arrived;
  assert.equal(await host.stop("SIGTERM"), 1);
  const outcome = await stuck;
  assert.ok(outcome instanceof Error, "the stuck request was cut off");
  const msgs = host.logs().map((l) => l.msg);
  assert.deepEqual(msgs.slice(-2), [SHUTTING_DOWN, "requests still in flight at the shutdown deadline; exiting"]);
});
