// The controller source in process: the mapping's paths and values, the context it builds from
// the documented responses, what it logs, and its deadline. The deadline is the test's own (the
// source's `deadline` option), fired once the calls that should finish have finished: no test
// waits on the clock.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { PreChecker } from "aps-migratable";
import { ApsError } from "../src/errors.js";
import { createControllerSource } from "../src/sources/controller.js";
import { loadMapping, parsePath, translate } from "../src/sources/mapping.js";
import { A, NOW, R, S, makeCerts, standInController, tempDir, writeJson } from "./helpers.mjs";
import { BRAND, BSS, documentedWorld, published } from "./controller-world.mjs";

let dir, certs, controller;
before(async () => {
  dir = tempDir(null);
  certs = makeCerts(dir);
  controller = await standInController(null, certs, documentedWorld());
});
after(async () => {
  await controller?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A log that keeps its lines; `until(match)` resolves once a line matches. */
function recordingLog() {
  const lines = [];
  const waiters = [];
  const line = (level) => (fields, msg) => {
    lines.push({ level, ...fields, msg });
    for (const w of waiters.splice(0)) (w.match(lines) ? w.resolve() : waiters.push(w));
  };
  const until = (match) => new Promise((resolve) => (match(lines) ? resolve() : waiters.push({ match, resolve })));
  return { lines, until, log: { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") } };
}

/**
 * A source on the stand-in controller; `expire()` ends the deadline of the request in progress.
 * Options: a mapping (object) or hooks (module text).
 */
async function source(t, { mapping, hooks } = {}) {
  const files = tempDir(t);
  let expire = () => assert.fail("no request in progress");
  const s = await createControllerSource({
    controller: {
      clientCert: certs.instance.cert,
      clientKey: certs.instance.key,
      ca: certs.ca,
      uri: "",
      timeoutMs: 700,
      mappingFile: mapping ? writeJson(files, "mapping.json", mapping) : "",
      hooksFile: hooks ? writeJson(files, "hooks.mjs", hooks) : "",
    },
  }, { deadline: (ms, end) => ((expire = end), () => {}) });
  t.after(() => s.close());
  const recorded = recordingLog();
  const build = (resourceId, targetAccount) =>
    s.buildContext({ resourceId, targetAccount, now: NOW, controllerUri: controller.uri, transactionId: "tx-mapping", log: recorded.log });
  return { build, expire: () => expire(), ...recorded };
}

const warnings = (lines) => lines.filter((l) => l.level === "warn");
/** Resolves once `n` controller calls have been answered and everything they set off has run. */
const answered = async (recorded, n) => {
  await recorded.until((lines) => lines.filter((l) => l.msg === "controller call").length >= n);
  await new Promise((resolve) => setImmediate(resolve)); // what the answers set off is promise work only
};

describe("paths and values", () => {
  test("a path is names, @relations and @relations? joined by dots", () => {
    assert.deepEqual(parsePath("bssAccountInfo.status"), [
      { name: "bssAccountInfo", relation: false, optional: false },
      { name: "status", relation: false, optional: false },
    ]);
    assert.deepEqual(parsePath("@provisioningState?.state"), [
      { name: "provisioningState", relation: true, optional: true },
      { name: "state", relation: false, optional: false },
    ]);
    for (const bad of ["", "a..b", ".a", "a.", "a?", "@", "@a?b", "a b", "a.@@b", 5, null]) {
      assert.equal(parsePath(bad), null, JSON.stringify(bad));
    }
  });
  test("values translate strings, numbers and booleans by their text, ignoring case and separators", () => {
    const m = loadMapping("");
    assert.deepEqual(translate(m, "status", "CREDIT_HOLD"), { value: "credit_hold" });
    assert.deepEqual(translate(m, "state", "Changing Plan"), { value: "changing_plan" });
    assert.deepEqual(translate(m, "state", "changing-plan"), { value: "changing_plan" });
    assert.deepEqual(translate(m, "reason", 3), { value: "shared_resources" });
    assert.deepEqual(translate(m, "reason", "shared_users"), { value: "shared_users" }, "a value not in a table without \"*\" passes");
    assert.deepEqual(translate(m, "status", "FROZEN"), { value: "suspended", unlisted: true }, "\"*\": any other value");
    assert.deepEqual(translate(m, "state", "DEGRADED"), { value: null, unlisted: true }, "null: left out");
    assert.deepEqual(translate(m, "name", "ACTIVE"), { value: "ACTIVE" }, "no table: unchanged");
    assert.deepEqual(translate(m, "status", { a: 1 }), { value: { a: 1 } }, "objects are not looked up");
  });
  test("every documented BSS status has a default, and only ACTIVE is active", () => {
    const m = loadMapping("");
    const table = Object.fromEntries(published.bssAccountInfo.statuses.map((s) => [s, translate(m, "status", s)]));
    assert.deepEqual(table, {
      ACTIVE: { value: "active" },
      CANCELLED: { value: "cancelled" },
      VERIFICATION_REQUIRED: { value: "suspended" },
      NOT_INITIALIZED: { value: "suspended" },
      CANCELLED_NOT_INITIALIZED: { value: "cancelled" },
      CREDIT_HOLD: { value: "credit_hold" },
      ADMINISTRATIVE_HOLD: { value: "admin_hold" },
      CREDIT_ADMINISTRATIVE_HOLD: { value: "admin_hold" },
      TRANSFERRED_OUT: { value: "cancelled" },
      ERASED: { value: "deleted" },
    });
  });
  test("a table in the mapping file replaces the default table of its field whole", (t) => {
    const m = loadMapping(writeJson(tempDir(t), "m.json", { values: { status: { OK: "active" } } }));
    assert.deepEqual(translate(m, "status", "ok"), { value: "active" });
    assert.deepEqual(translate(m, "status", "CREDIT_HOLD"), { value: "CREDIT_HOLD" }, "no default entries, no \"*\"");
    assert.deepEqual(translate(m, "kind", "CLIENT"), { value: "customer" }, "the other tables stay");
  });
});

describe("the context from the documented responses", () => {
  test("every field of the default mapping, property by property", async (t) => {
    const { build, lines } = await source(t);
    assert.deepEqual(await build(R("01"), A("02")), {
      now: NOW,
      subscription: {
        id: S("01"), // the tenant's aps.subscription
        ownerAccountId: A("01"), // the tenant's account link
        name: "Cloud VPS Services",
        trial: false,
        disabled: false,
        terminated: false, // isTerminated
        state: "active", // provisioningState's READY
      },
      sourceAccount: { id: A("01"), name: "Test Customer", kind: "customer", vendorId: A("90"), brandId: BRAND("01"), status: "active" },
      targetAccount: { id: A("02"), name: "Beta AG", kind: "customer", vendorId: A("90"), brandId: BRAND("01"), status: "active" },
    });
    assert.deepEqual(warnings(lines), []);
  });
  test("three rounds of calls, each all in flight at once", async (t) => {
    const { build } = await source(t);
    const from = controller.calls.length;
    const asked = (start) => controller.calls.slice(from + start).map((c) => c.url.replace("/aps/2/resources/", "")).sort();
    controller.hold = true;
    const context = build(R("01"), A("02"));
    try {
      // A round is every call that arrived while the round before was held unanswered: none of
      // them waited for another.
      await controller.waitForCalls(from + 1);
      assert.deepEqual(asked(0), [R("01")], "first the tenant");
      controller.answerHeld();
      await controller.waitForCalls(from + 4);
      assert.deepEqual(asked(1), [A("01"), A("02"), S("01")].sort(), "then its subscription (aps.subscription), its owner (the account link) and the target");
      controller.answerHeld();
      await controller.waitForCalls(from + 7);
      assert.deepEqual(asked(4), [BSS("01"), BSS("02"), `${S("01")}/provisioningState`].sort(),
        "then each account's bssAccountInfo link and the subscription's provisioningState operation");
    } finally {
      controller.release();
    }
    assert.equal((await context).targetAccount.status, "active");
    assert.equal(controller.calls.length, from + 7);
  });
  test("an owner without a brand link: the brand rule is skipped, and explain says so", async (t) => {
    const { build } = await source(t);
    const context = await build(R("07"), A("02"));
    assert.equal(context.sourceAccount.brandId, undefined);
    const report = new PreChecker({}).explain({ targetAccount: A("02") }, context);
    assert.equal(report.canMigrate, true);
    assert.deepEqual(report.skipped.filter((s) => s.data), [
      { rule: "same-brand", data: "brandId" },
      { rule: "subscription-not-in-transition", data: "state" }, // subscription 07 has no provisioningState (404)
    ]);
    assert.ok(report.passed.includes("target-account-active") && report.passed.includes("same-vendor"));
  });
  test("links a GET does not show are read as relations; resources a relation gives are not read again", async (t) => {
    const { build } = await source(t);
    const world = documentedWorld();
    const tenant = { ...world.resources[R("01")] };
    delete tenant.account;
    const owner = { ...world.resources[A("01")] };
    delete owner.bssAccountInfo;
    delete owner.brand;
    const answer = (url) => ({
      [`/aps/2/resources/${R("01")}`]: { status: 200, body: JSON.stringify(tenant) },
      [`/aps/2/resources/${R("01")}/account`]: { status: 200, body: JSON.stringify([owner]) },
      [`/aps/2/resources/${A("01")}/bssAccountInfo`]: { status: 200, body: JSON.stringify(world.resources[BSS("03")]) },
    })[url];
    controller.answer = answer;
    const from = controller.calls.length;
    try {
      const context = await build(R("01"), A("02"));
      assert.deepEqual(context.sourceAccount, { id: A("01"), name: "Test Customer", kind: "customer", vendorId: A("90"), brandId: BRAND("01"), status: "credit_hold" });
    } finally {
      controller.answer = () => undefined;
    }
    const asked = controller.calls.slice(from).map((c) => c.url.replace("/aps/2/resources/", ""));
    assert.ok(asked.includes(`${R("01")}/account`) && asked.includes(`${A("01")}/bssAccountInfo`) && asked.includes(`${A("01")}/brands`));
    assert.ok(!asked.includes(A("01")), "the owner came with the account relation");
  });
  test("a 4xx for a relation or a link is absent, warned once per relation and status, not per call", async (t) => {
    const { build, lines } = await source(t);
    controller.answer = (url) => (url.endsWith("/brands") ? { status: 403, body: "{}" } : url.endsWith(BSS("02")) ? { status: 404, body: "{}" } : undefined);
    try {
      for (let i = 0; i < 3; i++) {
        const context = await build(R("07"), A("02"));
        assert.equal(context.sourceAccount.brandId, undefined);
        assert.equal(context.targetAccount.status, undefined, "the bssAccountInfo the link names is gone");
      }
    } finally {
      controller.answer = () => undefined;
    }
    // Three calls, each with the same three absences: three warnings, one of each.
    assert.deepEqual(warnings(lines).map((l) => `${l.relation}: ${l.reason}`).sort(), [
      "brands: HTTP 403",
      "bssAccountInfo: HTTP 404",
      "provisioningState: HTTP 404",
    ]);
  });
  test("a relation with several resources where a path needs one is absent, and said once", async (t) => {
    const { build, lines } = await source(t);
    const two = [{ aps: { id: BRAND("01") } }, { aps: { id: BRAND("02") } }];
    controller.answer = (url) => (url.endsWith(`${A("07")}/brands`) ? { status: 200, body: JSON.stringify(two) } : undefined);
    try {
      assert.equal((await build(R("07"), A("02"))).sourceAccount.brandId, undefined);
      assert.equal((await build(R("07"), A("02"))).sourceAccount.brandId, undefined);
    } finally {
      controller.answer = () => undefined;
    }
    const said = warnings(lines).filter((l) => l.relation === "brands");
    assert.deepEqual(said.map((l) => l.msg), ['"brands" answers 2 resources where a path needs one; read as absent (logged once)']);
  });
  test("a value only \"*\" matches is said once per field and value", async (t) => {
    const { build, lines } = await source(t);
    controller.answer = (url) => (url.endsWith("/provisioningState") ? { status: 200, body: '{"state": "DEGRADED", "message": ""}' } : undefined);
    try {
      for (let i = 0; i < 2; i++) assert.equal((await build(R("01"), A("02"))).subscription.state, undefined);
    } finally {
      controller.answer = () => undefined;
    }
    assert.deepEqual(warnings(lines).map((l) => l.msg), ['"DEGRADED" is not in the values table of "state"; read as null (logged once)']);
  });
});

describe("orders and dependents from relations a platform's types declare", () => {
  const mapping = { orders: { relation: "orders" }, dependents: { relation: "dependentSubscriptions" } };
  const order = (n, state) => ({ aps: { id: `0dddddd1-0000-4000-8000-0000000000${n}` }, state });
  const serve = (orders, dependents) => (url) =>
    url.endsWith(`${S("01")}/orders`) ? orders : url.endsWith(`${S("01")}/dependentSubscriptions`) ? dependents : undefined;

  test("read when the mapping names them: order states as they are, dependents' reasons through the table", async (t) => {
    const { build } = await source(t, { mapping });
    const web = { aps: { id: S("77") }, name: "Web 5", reason: 1, resourceTypes: [12] };
    controller.answer = serve({ status: 200, body: JSON.stringify([order("01", "completed"), order("02", "processing")]) }, { status: 200, body: JSON.stringify([web]) });
    try {
      const context = await build(R("01"), A("02"));
      assert.deepEqual(context.orders, [{ id: order("01").aps.id, state: "completed" }, { id: order("02").aps.id, state: "processing" }]);
      assert.deepEqual(context.dependentSubscriptions, [{ id: S("77"), name: "Web 5", reason: "shared_domains", resourceTypes: [12] }]);
    } finally {
      controller.answer = () => undefined;
    }
  });
  test("a 4xx for them is absent; a 5xx is a failing controller (503)", async (t) => {
    const { build } = await source(t, { mapping });
    controller.answer = serve({ status: 400, body: "{}" }, { status: 404, body: "{}" });
    try {
      const context = await build(R("01"), A("02"));
      assert.equal("orders" in context || "dependentSubscriptions" in context, false);
      controller.answer = serve({ status: 500, body: "{}" }, undefined);
      await assert.rejects(build(R("01"), A("02")), {
        statusCode: 503,
        message: `The APS controller could not give relation "orders" of ${S("01")} (HTTP 500); try again later.`,
      });
    } finally {
      controller.answer = () => undefined;
    }
  });
});

describe("the deadline", () => {
  test("provisioningState unanswered at the deadline: the state is absent, the context is built", async (t) => {
    const s = await source(t);
    controller.answer = (url) => (url.endsWith("/provisioningState") ? "hang" : undefined);
    try {
      const context = s.build(R("01"), A("02"));
      await answered(s, 6); // the tenant, subscription, both accounts, both bssAccountInfo
      s.expire();
      const c = await context;
      assert.equal(c.subscription.state, undefined);
      assert.equal(c.targetAccount.status, "active");
    } finally {
      controller.answer = () => undefined;
    }
    assert.deepEqual(warnings(s.lines).map((l) => l.relation), ["provisioningState"]);
    assert.match(warnings(s.lines)[0].reason, /did not answer within 700 ms/);
  });
  test("a call the context needs unanswered at the deadline: 503", async (t) => {
    const s = await source(t);
    controller.answer = (url) => (url.endsWith(BSS("02")) ? "hang" : undefined);
    try {
      const context = s.build(R("01"), A("02"));
      await answered(s, 6); // all but the target's bssAccountInfo
      s.expire();
      await assert.rejects(context, { name: "ApsError", statusCode: 503, type: "ControllerUnavailable", message: "The APS controller did not answer within 700 ms; try again later." });
    } finally {
      controller.answer = () => undefined;
    }
  });
});

describe("hooks", () => {
  // The hooks module forwards to what the test puts in globalThis.hostHooks.
  const HOOKS = "export const dependents = (ctx) => globalThis.hostHooks.dependents(ctx);\n"
    + "export const orders = (ctx) => globalThis.hostHooks.orders(ctx);\n";
  const set = (t, hooks) => {
    globalThis.hostHooks = { orders: () => [], dependents: () => [], ...hooks };
    t.after(() => delete globalThis.hostHooks);
  };

  test("a hook gets the resources and ids; checkMoveSubscriptions' output becomes the dependents", async (t) => {
    let seen;
    set(t, {
      dependents: async (ctx) => {
        seen = { ...ctx, abortedWhenCalled: ctx.signal.aborted };
        return published.checkMoveSubscriptions.output;
      },
    });
    const s = await source(t, { hooks: HOOKS });
    const context = await s.build(R("01"), A("02"));
    assert.deepEqual(context.dependentSubscriptions, [
      { id: 1000017, reason: "shared_domains", resourceTypes: [] },
      { id: 1000018, reason: "shared_resources", resourceTypes: [12, 15] },
    ]);
    assert.deepEqual(context.orders, []);
    assert.equal(seen.resourceId, R("01"));
    assert.equal(seen.targetAccount, A("02"));
    assert.equal(seen.subscriptionId, S("01"));
    assert.equal(seen.ownerAccountId, A("01"));
    assert.equal(seen.resources.subscription.subscriptionId, 1000016, "the integer id checkMoveSubscriptions takes");
    assert.equal(seen.resources.targetAccount.id, 1000006, "and the target's");
    assert.equal(seen.resources.sourceAccount.aps.id, A("01"));
    assert.equal(seen.resources.tenant.aps.id, R("01"));
    assert.equal(seen.transactionId, "tx-mapping");
    assert.ok(seen.signal instanceof AbortSignal);
    assert.equal(seen.abortedWhenCalled, false);
    const report = new PreChecker({}).check({ targetAccount: A("02") }, context);
    assert.deepEqual(report, {
      canMigrate: false,
      message: "Other subscriptions depend on this one and would have to move with it: 1000017 (shared domains), 1000018 (shared resources).",
    });
  });
  test("dependents in the context's shape pass, their reason codes translated", async (t) => {
    set(t, { dependents: () => [{ id: "web-5", name: "Web 5", reason: 2 }] });
    const s = await source(t, { hooks: HOOKS });
    assert.deepEqual((await s.build(R("01"), A("02"))).dependentSubscriptions, [{ id: "web-5", name: "Web 5", reason: "shared_users" }]);
  });
  test("a dependents hook that answers neither: a host-side failure", async (t) => {
    set(t, { dependents: () => ({ movable: true }) });
    const s = await source(t, { hooks: HOOKS });
    await assert.rejects(s.build(R("01"), A("02")), { name: "TypeError", message: /must answer a list of dependents or pem\.checkMoveSubscriptions' output/ });
  });
  test("a hook's own ApsError is the answer; any other error a 503 naming what the hook supplies", async (t) => {
    set(t, { orders: () => { throw new ApsError(502, "OrderApiError", "The order API refused the request."); } });
    const s = await source(t, { hooks: HOOKS });
    await assert.rejects(s.build(R("01"), A("02")), { statusCode: 502, type: "OrderApiError", message: "The order API refused the request." });
    globalThis.hostHooks.orders = async () => Promise.reject(new Error("ECONNRESET"));
    await assert.rejects(s.build(R("01"), A("02")), (err) => {
      assert.equal(err.statusCode, 503);
      assert.equal(err.message, "The application could not read the subscription's orders; try again later.");
      assert.equal(err.cause.message, "ECONNRESET", "the cause is kept for the log");
      return true;
    });
  });
  test("a hook unfinished at the deadline: 503, and its signal is aborted", async (t) => {
    let called;
    const calledP = new Promise((resolve) => (called = resolve));
    let signal;
    set(t, { dependents: (ctx) => ((signal = ctx.signal), called(), new Promise(() => {})) });
    const s = await source(t, { hooks: HOOKS });
    const context = s.build(R("01"), A("02"));
    await calledP;
    s.expire();
    await assert.rejects(context, {
      name: "ApsError",
      statusCode: 503,
      type: "ServiceUnavailable",
      message: "The hook for the subscription's dependent subscriptions did not answer within 700 ms; try again later.",
    });
    assert.equal(signal.aborted, true, "a hook that watches its signal can stop");
  });
});
