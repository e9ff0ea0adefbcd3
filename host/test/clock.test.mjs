// The host's clock, in process: the context's `now` comes only from the clock buildApp is given,
// and by default from the system clock (Date.now), whose time the test sets itself.
import { test, mock } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildApp } from "../src/app.js";
import { loadPolicy } from "../src/policy.js";
import { createFileSource } from "../src/sources/file.js";
import { A, CONTROLLER_HEADERS, R, hostDir } from "./helpers.mjs";

/** The real file source and sample policy; `seen` collects the `now` of every context built. */
async function host(t, clock) {
  const source = createFileSource({ dataFile: join(hostDir, "data/dataset.json") });
  const seen = [];
  // The host asks the file source for the context's JSON text; both ways are watched.
  const watched = {
    ...source,
    buildContext: (request) => (seen.push(request.now), source.buildContext(request)),
    buildContextJson: (request) => (seen.push(request.now), source.buildContextJson(request)),
  };
  const { checker } = loadPolicy(join(hostDir, "data/policy.json"));
  const app = await buildApp({ config: { logLevel: "silent", tls: null, static: false }, checker, source: watched, clock });
  t.after(() => app.close());
  const ask = async (resourceId) => {
    const res = await app.inject({
      method: "POST",
      url: `/mail/${resourceId}/migrationPreCheck`,
      headers: { "content-type": "application/json", ...CONTROLLER_HEADERS },
      payload: JSON.stringify({ targetAccount: A("02") }),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  return { ask, seen };
}

test("an injected clock is the context's now, read on every request", async (t) => {
  let ms = Date.UTC(2036, 11, 1, 23, 59, 59, 999);
  const { ask, seen } = await host(t, () => ms);
  assert.equal((await ask(R("05"))).canMigrate, false, "the scheduled day: in flight");
  assert.equal((await ask(R("05"))).canMigrate, false);
  ms += 1; // midnight: the next day
  assert.deepEqual(await ask(R("05")), { canMigrate: true });
  assert.deepEqual(seen, ["2036-12-01T23:59:59.999Z", "2036-12-01T23:59:59.999Z", "2036-12-02T00:00:00.000Z"]);
});

test("without a clock, now is the system clock's (Date.now)", async (t) => {
  mock.timers.enable({ apis: ["Date"], now: Date.UTC(2040, 0, 15, 8, 0, 0) });
  t.after(() => mock.timers.reset());
  const { ask, seen } = await host(t);
  assert.deepEqual(await ask(R("05")), { canMigrate: true }, "2040 is after the scheduled 2036-12-01");
  mock.timers.setTime(Date.UTC(2036, 5, 1));
  assert.equal((await ask(R("05"))).canMigrate, false, "before the scheduled day: in flight");
  assert.deepEqual(seen, ["2040-01-15T08:00:00.000Z", "2036-06-01T00:00:00.000Z"]);
});
