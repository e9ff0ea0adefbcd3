// SIGTERM: stop accepting, finish the requests in flight, exit 0.
import { test } from "node:test";
import http from "node:http";
import assert from "node:assert/strict";
import { A, R, S, call, controllerEnv, makeCerts, precheck, standInController, startHost, tempDir } from "./helpers.mjs";

test("a request in flight completes with 200 (on a keep-alive connection), then the process exits 0", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, {
    resources: {
      [R("01")]: { aps: { id: R("01") } },
      [S("01")]: { aps: { id: S("01") }, name: "Mail 25", state: "active" },
      [A("01")]: { aps: { id: A("01") }, companyName: "Alpha GmbH", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
      [A("02")]: { aps: { id: A("02") }, companyName: "Beta AG", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
    },
    links: { [R("01")]: { subscription: [S("01")], account: [A("01")] }, [S("01")]: { orders: [], dependentSubscriptions: [] } },
  });
  controller.delayMs = 400; // three round trips: about 1.2 s in flight
  const host = await startHost(t, {
    env: controllerEnv(certs),
  });
  const port = new URL(host.origin).port;
  // Like a controller, the client keeps its connection open between calls.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.after(() => agent.destroy());
  const ask = () => precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri }, agent });
  const first = await ask();
  assert.equal(first.headers.connection, "keep-alive");

  const inFlight = ask();
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(controller.calls.length >= 7, "the request is in flight");
  const sent = Date.now();
  host.proc.kill("SIGTERM");

  // New connections are refused while the request in flight finishes.
  await new Promise((r) => setTimeout(r, 100));
  await assert.rejects(call(`http://127.0.0.1:${port}`, { method: "GET", path: "/health" }), { code: "ECONNREFUSED" });

  const res = await inFlight;
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { canMigrate: true });
  assert.equal(res.headers.connection, "close", "the last answer closes the kept-alive connection");
  assert.equal(await host.exited, 0);
  const took = Date.now() - sent;
  assert.ok(took < 5000, `exit ${took} ms after SIGTERM (the shutdown deadline is 10 s)`);
  const msgs = host.logs().map((l) => l.msg);
  assert.ok(msgs.indexOf("shutting down: no new connections, finishing requests in flight") < msgs.lastIndexOf("migrationPreCheck answered"));
  assert.equal(msgs.at(-1), "stopped");
});

test("an idle host exits 0 at once on SIGTERM", async (t) => {
  const host = await startHost(t);
  const res = await call(host.origin, { method: "GET", path: "/health" });
  assert.equal(res.status, 200);
  const sent = Date.now();
  assert.equal(await host.stop("SIGTERM"), 0);
  assert.ok(Date.now() - sent < 3000, `took ${Date.now() - sent} ms`);
});

test("a host stuck past APS_SHUTDOWN_TIMEOUT_MS exits 1", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, { resources: { [R("01")]: { aps: { id: R("01") } } } });
  controller.hang = true;
  const host = await startHost(t, {
    env: controllerEnv(certs, { APS_CONTROLLER_TIMEOUT_MS: "60000", APS_SHUTDOWN_TIMEOUT_MS: "300" }),
  });
  const stuck = precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(await host.stop("SIGTERM"), 1);
  const outcome = await stuck;
  assert.ok(outcome instanceof Error, "the stuck request was cut off");
});
