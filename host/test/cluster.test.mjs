// APS_WORKERS: node:cluster workers on one port, and SIGTERM draining all of them. Every wait is
// on an event (a log line, a controller call, the exit), none on time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { loadConfig } from "../src/config.js";
import { A, R, controllerEnv, makeCerts, precheck, standInController, startHost, tempDir } from "./helpers.mjs";
import { documentedWorld } from "./controller-world.mjs";

const SHUTTING_DOWN = "shutting down: no new connections, finishing requests in flight";

/** Resolves once the host's stderr contains `text`. */
const stderrSays = (host, text) => new Promise((resolve) => {
  const look = () => host.stderr().includes(text) && (host.proc.stderr.off("data", look), resolve(), true);
  if (!look()) host.proc.stderr.on("data", look);
});

test("APS_WORKERS: a count, or auto for the available cores", () => {
  const workers = (v) => loadConfig({ env: { APS_WORKERS: v }, argv: [] }).workers;
  assert.equal(workers(undefined), 1);
  assert.equal(workers("3"), 3);
  assert.equal(workers("auto"), availableParallelism());
  for (const bad of ["0", "two", "-1"]) assert.throws(() => workers(bad), /APS_WORKERS must be an integer from 1 to 256/);
});

test("two workers answer on one port; SIGTERM drains both and exits 0 once the request in flight is answered", async (t) => {
  const certs = makeCerts(tempDir(t));
  const controller = await standInController(t, certs, documentedWorld());
  const host = await startHost(t, { env: controllerEnv(certs, { APS_WORKERS: "2", APS_STATIC: "false" }) });
  await stderrSays(host, "2 workers listening");
  const ask = () => precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } });
  for (let i = 0; i < 4; i++) assert.deepEqual((await ask()).json, { canMigrate: true });
  // The primary hands new connections to the workers in turn (cluster's round-robin policy).
  // Log lines can follow their answers (log.js buffers them briefly): wait for all four.
  const answered = () => host.logs().filter((l) => l.msg === "migrationPreCheck answered");
  await host.waitForLog(() => answered().length >= 4);
  const pids = new Set(answered().map((l) => l.pid));
  assert.equal(pids.size, 2, "both workers answered");
  assert.ok(!pids.has(host.proc.pid), "the primary answers nothing itself");

  controller.hold = true;
  const before = controller.calls.length;
  const inFlight = ask();
  await controller.waitForCalls(before + 1);
  host.proc.kill("SIGTERM");
  for (const pid of pids) await host.waitForLog((l) => l.msg === SHUTTING_DOWN && l.pid === pid);
  // The idle worker stops at once; the busy one cannot until its controller call is answered.
  const idle = await host.waitForLog((l) => l.msg === "stopped");
  assert.equal(host.proc.exitCode, null, "the primary waits for the busy worker");
  controller.release();
  const res = await inFlight;
  assert.deepEqual([res.status, res.json], [200, { canMigrate: true }]);
  assert.equal(await host.exited, 0);
  const stopped = host.logs().filter((l) => l.msg === "stopped").map((l) => l.pid);
  assert.deepEqual(new Set(stopped), pids);
  assert.equal(stopped[0], idle.pid);
});
