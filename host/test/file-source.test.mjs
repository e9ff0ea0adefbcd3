// The shipped data set through the real server: the allowed moves and every refusal, exact bodies.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { A, NOW, R, call, precheck, startHost } from "./helpers.mjs";

let host;
before(async () => {
  // The data set's Fusebill migration is scheduled for 2036-12-01: a refusal only before that day.
  host = await startHost(null, { env: { APS_NOW: NOW } });
});
after(() => host?.stop());

/** Asserts the answer is exactly the APS MigrationPreCheckResult, nothing else. */
async function expectResult(resourceId, body, expected) {
  const res = await precheck(host.origin, resourceId, body);
  assert.equal(res.status, 200, res.text);
  assert.match(res.headers["content-type"], /^application\/json/);
  assert.deepEqual(res.json, expected);
  assert.deepEqual(Object.keys(res.json), Object.keys(expected), "no extra keys, canMigrate first");
}

describe("allowed moves", () => {
  test("Mail 25 to an account of the same vendor and brand", () =>
    expectResult(R("01"), { targetAccount: A("02") }, { canMigrate: true }));
  test("CRM 20, whose Chargebee migration has finished", () =>
    expectResult(R("09"), { targetAccount: A("02") }, { canMigrate: true }));
});

describe("each refusal of the data set", () => {
  const cases = [
    ["migration-set-valid: the body is no MigrationSet", R("01"), { target: A("02") },
      "The migration request is malformed: it must be a JSON object whose \"targetAccount\" is the APS id of the target account."],
    ["migration-set-valid: the body is not an object", R("01"), [A("02")],
      "The migration request is malformed: it must be a JSON object whose \"targetAccount\" is the APS id of the target account."],
    ["target-id-valid", R("01"), { targetAccount: "not-an-id" }, "\"not-an-id\" is not a valid APS account id."],
    ["target-not-owner", R("01"), { targetAccount: A("01") }, `The subscription already belongs to account ${A("01")}.`],
    ["target-account-exists", R("01"), { targetAccount: A("99") }, `Account ${A("99")} was not found.`],
    ["target-account-active", R("01"), { targetAccount: A("03") },
      `Account ${A("03")} is suspended; subscriptions can only be moved to an active account.`],
    ["not-reseller-subscription", R("02"), { targetAccount: A("02") },
      "Subscriptions of reseller accounts cannot be moved (Zeta Hosting (reseller) is a reseller account)."],
    ["same-vendor", R("01"), { targetAccount: A("04") }, "The target account is under another provider or reseller (2, not 1)."],
    ["same-brand", R("01"), { targetAccount: A("05") }, "The target account belongs to another brand (b2, not b1)."],
    ["subscription-not-terminated", R("03"), { targetAccount: A("02") }, "Subscription Old Mail is terminated."],
    ["subscription-not-in-transition", R("04"), { targetAccount: A("02") },
      "Subscription Mail 50 is in the middle of an operation (plan change); wait until it has finished."],
    ["billing-no-migration-in-flight", R("05"), { targetAccount: A("02") },
      "A migration for this subscription is already in progress in Fusebill (2036-12-01); wait until it has finished or cancel it there."],
    ["orders-final", R("06"), { targetAccount: A("02") }, "Orders for this subscription are not completed yet: ORD-1002."],
    ["no-dependent-subscriptions", R("07"), { targetAccount: A("02") },
      "Other subscriptions depend on this one and would have to move with it: Web 5 (shared domains)."],
    ["billing-request-valid", R("08"), { targetAccount: A("02") },
      "The migration request for Fusebill would be rejected: Please do not specify a scheduled migration date when the migration type is now."],
    ["the sample policy's custom rule no-trial-moves", R("10"), { targetAccount: A("02") }, "Trial subscription Trial Mail cannot be moved."],
  ];
  for (const [name, resourceId, body, message] of cases) {
    test(name, () => expectResult(resourceId, body, { canMigrate: false, message }));
  }

  test("a JSON null body is judged, not thrown", () =>
    expectResult(R("01"), null, {
      canMigrate: false,
      message: "The migration request is malformed: it must be a JSON object whose \"targetAccount\" is the APS id of the target account.",
    }));
});

describe("the host's clock (APS_NOW, --now)", () => {
  const SCHEDULED = "A migration for this subscription is already in progress in Fusebill (2036-12-01); wait until it has finished or cancel it there.";
  const askAt = async (t, clock) => {
    const other = await startHost(t, clock);
    const res = await precheck(other.origin, R("05"), { targetAccount: A("02") });
    assert.equal(res.status, 200, res.text);
    return { other, res };
  };
  test("the last second of the scheduled day: still in flight; the banner names the fixed clock", async (t) => {
    const { other, res } = await askAt(t, { env: { APS_NOW: "2036-12-01T23:59:59Z" } });
    assert.deepEqual(res.json, { canMigrate: false, message: SCHEDULED });
    assert.match(other.stderr(), /^ {2}clock: {6}fixed at 2036-12-01T23:59:59\.000Z \(APS_NOW\)$/m);
    assert.equal(await other.stop(), 0);
  });
  test("the day after: the migration has run, the move is allowed (the flag wins over the variable)", async (t) => {
    const { other, res } = await askAt(t, { env: { APS_NOW: "2036-12-01T12:00:00Z" }, args: ["--now", "2036-12-02T00:00:00Z"] });
    assert.deepEqual(res.json, { canMigrate: true });
    assert.equal(await other.stop(), 0);
  });
  test("an offset counts: 23:30 at -01:00 is already the next day in UTC", async (t) => {
    const { other, res } = await askAt(t, { env: { APS_NOW: "2036-12-01T23:30:00-01:00" } });
    assert.deepEqual(res.json, { canMigrate: true });
    assert.equal(await other.stop(), 0);
  });
  test("a value that is no RFC 3339 instant stops the start", async (t) => {
    for (const value of ["2036-02-30T00:00:00Z", "2036-12-01", "2036-12-01 09:30:00Z", "2036-12-01T24:00:00Z", "tomorrow"]) {
      const { code, stdout, stderr } = await startHost(t, { env: { APS_NOW: value }, expectExit: true });
      assert.equal(code, 1, value);
      assert.equal(stdout, "", value);
      assert.ok(stderr.includes(`APS_NOW must be an RFC 3339 instant such as 2026-12-01T09:30:00Z (got ${JSON.stringify(value)})`), stderr);
    }
  });
});

describe("the rest of the service", () => {
  test("every log line of a request carries its APS-Transaction-ID", async () => {
    const tx = `tx-${randomUUID()}`;
    const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Transaction-ID": tx } });
    assert.equal(res.status, 200);
    const bad = await precheck(host.origin, R("01"), null, { headers: { "APS-Transaction-ID": `${tx}-bad` }, raw: "{" });
    assert.equal(bad.status, 400);
    // The answer can arrive before its last log line has been read from the host's stdout.
    await host.waitForLog((l) => l.transactionId === `${tx}-bad` && l.msg === "request completed");
    const lines = host.logs();
    const mine = lines.filter((l) => l.transactionId === tx);
    assert.deepEqual(mine.map((l) => l.msg), ["incoming request", "migrationPreCheck answered", "request completed"]);
    assert.equal(mine[1].canMigrate, true);
    assert.equal(mine[1].resourceId, R("01"));
    // Nothing about the request was logged without its id.
    const orphans = lines.filter((l) => l.req?.url?.includes(R("01")) && !l.transactionId);
    assert.deepEqual(orphans, []);
    const badLines = lines.filter((l) => l.transactionId === `${tx}-bad`);
    assert.deepEqual(badLines.map((l) => l.msg), ["incoming request", "The request body is not valid JSON.", "request completed"]);
  });

  test("GET /health", async () => {
    const res = await call(host.origin, { method: "GET", path: "/health" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: "ok" });
  });

  test("the same port serves the admin page and the package", async () => {
    const page = await call(host.origin, { method: "GET", path: "/" });
    assert.equal(page.status, 200);
    assert.match(page.headers["content-type"], /^text\/html/);
    const wasm = await call(host.origin, { method: "GET", path: "/pkg/web/aps_migratable_bg.wasm" });
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers["content-type"], "application/wasm");
    const js = await call(host.origin, { method: "GET", path: "/pkg/web/index.js" });
    assert.equal(js.status, 200);
    assert.match(js.headers["content-type"], /javascript/);
    assert.equal(js.headers["x-content-type-options"], "nosniff");
  });

  test("nothing outside www/ and pkg/ is served", async () => {
    for (const path of ["/pkg/../host/package.json", "/%2e%2e/host/package.json", "/../Makefile", "/.git/config"]) {
      const res = await call(host.origin, { method: "GET", path });
      assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
      assert.equal(res.json?.code, res.status, path);
      assert.equal(typeof res.json?.type, "string");
    }
  });
});

test("buildContextJson is JSON.stringify of buildContext, for every resource and every target", async () => {
  const { join } = await import("node:path");
  const { readFileSync } = await import("node:fs");
  const { createFileSource } = await import("../src/sources/file.js");
  const { hostDir } = await import("./helpers.mjs");
  const dataFile = join(hostDir, "data/dataset.json");
  const data = JSON.parse(readFileSync(dataFile, "utf8"));
  const source = createFileSource({ dataFile });
  const targets = [...Object.keys(data.accounts), A("99"), 7, undefined, null, "__proto__"];
  let compared = 0;
  for (const resourceId of Object.keys(data.subscriptions)) {
    for (const targetAccount of targets) {
      const request = { resourceId, targetAccount, now: NOW };
      assert.equal(source.buildContextJson(request), JSON.stringify(source.buildContext(request)), `${resourceId} → ${targetAccount}`);
      compared++;
    }
  }
  assert.ok(compared >= 50, `${compared} contexts compared`);
  for (const resourceId of [R("99"), 7, undefined, "__proto__"]) {
    assert.throws(() => source.buildContextJson({ resourceId, targetAccount: A("02"), now: NOW }), (e) => e.statusCode === 404 && e.type === "ResourceNotFound");
    assert.throws(() => source.buildContext({ resourceId, targetAccount: A("02"), now: NOW }), (e) => e.statusCode === 404 && e.type === "ResourceNotFound");
  }
});
