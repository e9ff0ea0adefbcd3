// The controller context source against a stand-in APS controller (HTTPS, client certificates)
// that serves the responses published in the APS / CloudBlue Commerce documentation
// (controller-world.mjs), read with the default mapping.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { A, NOW, R, S, closedPort, controllerEnv, makeCerts, precheck, standInController, startHost, tempDir, writeJson } from "./helpers.mjs";
import { BSS, documentedWorld } from "./controller-world.mjs";

const HOOKS = fileURLToPath(new URL("./data/hooks.mjs", import.meta.url));

let dir, certs, controller, host;
before(async () => {
  dir = tempDir(null);
  certs = makeCerts(dir);
  controller = await standInController(null, certs, documentedWorld());
  host = await startHost(null, { env: controllerEnv(certs, { APS_CONTROLLER_TIMEOUT_MS: "700", APS_NOW: NOW }) });
});
after(async () => {
  await host?.stop();
  await controller?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (resourceId, body, headers = {}, on = host) =>
  precheck(on.origin, resourceId, body, { headers: { "APS-Controller-URI": controller.uri, ...headers } });

function expectApsError(res, status, type, message) {
  assert.equal(res.status, status, res.text);
  assert.deepEqual(Object.keys(res.json), ["code", "type", "message"]);
  assert.deepEqual(res.json, { code: status, type, message });
}

/** Runs `fn` with `controller.answer` set to `answer`, restoring it after. */
async function answering(answer, fn) {
  controller.answer = answer;
  try {
    return await fn();
  } finally {
    controller.answer = () => undefined;
  }
}

const urls = (calls) => calls.map((c) => c.url.replace("/aps/2/resources/", "")).sort();

describe("the default mapping, against the documented responses", () => {
  test("an allowed move: 200 canMigrate true", async () => {
    const tx = `tx-${randomUUID()}`;
    const from = controller.calls.length;
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Transaction-ID": tx });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { canMigrate: true });
    const calls = controller.calls.slice(from);
    assert.deepEqual(urls(calls), [R("01"), S("01"), A("01"), A("02"), BSS("01"), BSS("02"), `${S("01")}/provisioningState`].sort(),
      "the tenant, its subscription, owner and target, their bssAccountInfo and provisioningState: the vendor and brand are the links' ids");
    for (const c of calls) {
      assert.equal(c.method, "GET");
      assert.equal(c.clientCN, "instance", "authenticated with the instance's certificate");
      assert.equal(c.transactionId, tx, "APS-Transaction-ID is passed on");
    }
  });
  test("a target on CREDIT_HOLD (its bssAccountInfo status) is refused as not active", async () => {
    const res = await ask(R("01"), { targetAccount: A("03") });
    assert.deepEqual(res.json, { canMigrate: false, message: `Account ${A("03")} is on credit hold; subscriptions can only be moved to an active account.` });
  });
  test("a target under another parent is refused as another vendor", async () => {
    const res = await ask(R("01"), { targetAccount: A("04") });
    assert.deepEqual(res.json, { canMigrate: false, message: `The target account is under another provider or reseller (${A("91")}, not ${A("90")}).` });
  });
  test("a subscription owned by a RESELLER account is refused", async () => {
    const res = await ask(R("02"), { targetAccount: A("02") });
    assert.deepEqual(res.json, { canMigrate: false, message: "Subscriptions of reseller accounts cannot be moved (Zeta Reseller is a reseller account)." });
  });
  test("a subscription with isTerminated true is refused", async () => {
    const res = await ask(R("03"), { targetAccount: A("02") });
    assert.deepEqual(res.json, { canMigrate: false, message: "Subscription Cloud VPS Services is terminated." });
  });
  test("an owner without a brand link: the brand rule is skipped (allowed), unless the policy refuses then", async (t) => {
    const from = controller.calls.length;
    assert.deepEqual((await ask(R("07"), { targetAccount: A("02") })).json, { canMigrate: true });
    assert.ok(urls(controller.calls.slice(from)).includes(`${A("07")}/brands`), "the brands collection was asked, and is empty");
    const policy = writeJson(tempDir(t), "policy.json", { rules: { "same-brand": { onMissingData: "refuse" } } });
    const strict = await startHost(t, { env: controllerEnv(certs, { APS_POLICY_FILE: policy }) });
    assert.deepEqual((await ask(R("07"), { targetAccount: A("02") }, {}, strict)).json,
      { canMigrate: false, message: "The move cannot be checked: the brand of each account is not known." });
    await strict.stop();
  });
  test("relations answered 400 or 500 do not fail the call; a 4xx is logged once, not per call", async () => {
    const failing = (url) => {
      if (/\/(orders|dependentSubscriptions)$/.test(url)) return { status: url.endsWith("orders") ? 400 : 500, body: '{"error":"RelationNotFound"}' };
      if (url.endsWith("/brands")) return { status: 400, body: '{"error":"BadRequest"}' };
      if (url.endsWith("/provisioningState")) return { status: 500, body: '{"error":"Exception"}' };
      return undefined;
    };
    const from = controller.calls.length;
    await answering(failing, async () => {
      for (let i = 0; i < 2; i++) {
        const res = await ask(R("07"), { targetAccount: A("02") });
        assert.equal(res.status, 200, res.text);
        assert.deepEqual(res.json, { canMigrate: true });
      }
    });
    const asked = urls(controller.calls.slice(from));
    assert.ok(!asked.some((u) => /orders|dependentSubscriptions/.test(u)), "no APS type declares orders or dependents: not read");
    assert.equal(asked.filter((u) => u === `${A("07")}/brands`).length, 2);
    await host.waitForLog((l) => l.relation === "brands" && l.reason === "HTTP 400");
    await host.waitForLog((l) => l.relation === "provisioningState" && l.reason === "HTTP 500");
    const warnings = host.logs().filter((l) => l.relation === "brands" && l.reason === "HTTP 400");
    assert.equal(warnings.length, 1, "once for two calls");
    assert.equal(warnings[0].level, 40, "a warning");
    assert.match(warnings[0].msg, /^"brands" could not be read \(HTTP 400\); read as absent \(logged once\)$/);
  });
  test("a linked resource answered 5xx fails the call: a failing controller is no absent status", async () => {
    await answering((url) => (url.endsWith(BSS("02")) ? { status: 500, body: "{}" } : undefined), async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 503, "ControllerUnavailable",
        `The APS controller could not give the resource linked as "bssAccountInfo" (${BSS("02")}) (HTTP 500); try again later.`);
    });
  });
  test("the controller does not know the target account: refused as not found", async () => {
    const missing = "aaaaaaaa-0000-4000-8000-0000000000ff";
    const res = await ask(R("01"), { targetAccount: missing });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { canMigrate: false, message: `Account ${missing} was not found.` });
  });
  test("a target id that is no APS id is not looked up", async () => {
    const from = controller.calls.length;
    const res = await ask(R("01"), { targetAccount: "../../aps/2/resources" });
    assert.deepEqual(res.json, { canMigrate: false, message: "\"../../aps/2/resources\" is not a valid APS account id." });
    assert.ok(controller.calls.slice(from).every((c) => !c.url.includes("..")));
  });
  test("a resource the controller does not know: 404", async () => {
    const id = "eeeeeeee-0000-4000-8000-0000000000fe";
    expectApsError(await ask(id, { targetAccount: A("02") }), 404, "ResourceNotFound", `Resource ${id} was not found on the APS controller.`);
  });
  test("APS-Controller-URI must be https", async () => {
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": controller.uri.replace("https:", "http:") });
    expectApsError(res, 400, "InvalidHeader", "Header APS-Controller-URI must be an https URI: the controller is called with the instance's certificate.");
  });
});

describe("what a host supplies itself: APS_CONTEXT_HOOKS", () => {
  let hooked;
  before(async () => {
    hooked = await startHost(null, { env: controllerEnv(certs, { APS_CONTEXT_HOOKS: HOOKS, APS_NOW: NOW }) });
  });
  after(() => hooked?.stop());

  test("dependents from pem.checkMoveSubscriptions' output, asked with the platform's integer ids", async () => {
    const res = await ask(R("01"), { targetAccount: A("02") }, {}, hooked);
    assert.deepEqual(res.json, {
      canMigrate: false,
      message: "Other subscriptions depend on this one and would have to move with it: 1000017 (shared domains), 1000018 (shared resources).",
    });
  });
  test("orders from the orders hook", async () => {
    const res = await ask(R("07"), { targetAccount: A("02") }, {}, hooked);
    assert.deepEqual(res.json, { canMigrate: false, message: "Orders for this subscription are not completed yet: ORD-1002." });
  });
  test("the billing part from the billing hook", async () => {
    const res = await ask(R("05"), { targetAccount: A("02") }, {}, hooked);
    assert.deepEqual(res.json, {
      canMigrate: false,
      message: "A migration for this subscription is already in progress in Fusebill (2026-12-01); wait until it has finished or cancel it there.",
    });
  });
  test("a hook that fails: 503, and the log has its error", async () => {
    expectApsError(await ask(R("02"), { targetAccount: A("02") }, {}, hooked), 503, "ServiceUnavailable",
      "The application could not read the subscription's dependent subscriptions; try again later.");
    const line = await hooked.waitForLog((l) => l.type === "ServiceUnavailable");
    assert.equal(line.cause.message, "the XML-RPC endpoint is down");
  });
  test("the start banner names the hooks", () => {
    assert.match(hooked.stderr(), /contexts:\s+controller \(.*hooks orders, dependents, billing from .*hooks\.mjs\)/);
  });
});

describe("the controller failing", () => {
  test("the controller is down: 503 at once", async () => {
    const port = await closedPort();
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": `https://127.0.0.1:${port}/` });
    // "could not be reached", not "did not answer within": the refused connection, not the timeout.
    expectApsError(res, 503, "ControllerUnavailable", "The APS controller could not be reached; try again later.");
    assert.equal(res.headers["retry-after"], "5");
  });
  test("the controller hangs: 503 by the timeout while the call is unanswered, and the call is dropped", async () => {
    controller.hold = true;
    const from = controller.calls.length;
    try {
      const res = await ask(R("01"), { targetAccount: A("02") });
      expectApsError(res, 503, "ControllerUnavailable", "The APS controller did not answer within 700 ms; try again later.");
      assert.equal(res.headers["retry-after"], "5");
      // The order of events, not the elapsed time: the controller had the call and never answered
      // it; the host gave up on it (closed its connection) instead of leaving it open.
      const calls = controller.calls.slice(from);
      assert.deepEqual(calls.map((c) => c.url), [`/aps/2/resources/${R("01")}`]);
      assert.equal(await calls[0].ended, "abandoned");
    } finally {
      controller.release();
    }
  });
  test("the controller answers 500: 503", async () => {
    controller.failWith = 500;
    try {
      const res = await ask(R("01"), { targetAccount: A("02") });
      expectApsError(res, 503, "ControllerUnavailable", "The APS controller could not give the resource (HTTP 500); try again later.");
    } finally {
      controller.failWith = 0;
    }
  });
  test("the controller refuses our certificate: 502, and nothing internal", async () => {
    controller.failWith = 403;
    try {
      const res = await ask(R("01"), { targetAccount: A("02") });
      expectApsError(res, 502, "ControllerError", "The APS controller refused this application's certificate (HTTP 403).");
    } finally {
      controller.failWith = 0;
    }
  });
  test("another 4xx for a resource the context needs: 502 naming it, JSON or not", async () => {
    controller.failWith = 409;
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", "The APS controller answered HTTP 409 for the resource.");
    } finally {
      controller.failWith = 0;
    }
    await answering((url) => (url.endsWith(S("01")) ? { status: 400, type: "text/html", body: "<h1>Bad Request</h1>" } : undefined), async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError",
        "The APS controller answered HTTP 400 for the resource's subscription.");
    });
  });
  test("the controller answers 401: 502, our certificate refused", async () => {
    controller.failWith = 401;
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError",
        "The APS controller refused this application's certificate (HTTP 401).");
    } finally {
      controller.failWith = 0;
    }
  });
  test("the controller answers 200 with something that is not JSON: 502, not 503", async () => {
    await answering(() => ({ status: 200, type: "text/html", body: "<html><body>Maintenance</body></html>" }), async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError",
        "The APS controller answered with something that is not JSON.");
    });
  });
  test("an answer over 8 MB: 502, read no further", async () => {
    const big = JSON.stringify({ aps: { id: R("01") }, pad: "x".repeat(8 * 1024 * 1024) });
    await answering((url) => (url === `/aps/2/resources/${R("01")}` ? { status: 200, body: big } : undefined), async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", "The APS controller's answer is too large.");
    });
  });
  test("JSON that is no resource: 502", async () => {
    for (const [url, body, message] of [
      [`/aps/2/resources/${R("01")}`, "[]", "The APS controller's answer for the resource is not a resource."],
      [`/aps/2/resources/${R("01")}`, "", "The APS controller's answer for the resource is not a resource."],
      [`/aps/2/resources/${BSS("01")}`, "\"ACTIVE\"", `The APS controller's answer for the resource linked as "bssAccountInfo" (${BSS("01")}) is not a resource.`],
    ]) {
      await answering((u) => (u === url ? { status: 200, body } : undefined), async () => {
        expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", message);
      });
    }
  });
  test("a resource that names no subscription or no account: 502", async () => {
    const bare = (id) => JSON.stringify({ aps: { id, type: "http://www.parallels.com/Office365/Tenant/2.8", status: "aps:ready" } });
    await answering((url) => (url === `/aps/2/resources/${R("01")}` ? { status: 200, body: bare(R("01")) } : undefined), async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", `The APS controller links no subscription to resource ${R("01")}.`);
    });
    // Named neither by the tenant nor by its subscription (nor by their account relations, 404).
    const tenantWithoutAccount = JSON.stringify({ aps: { id: R("01"), subscription: S("01") } });
    const subscriptionWithoutAccount = JSON.stringify({ aps: { id: S("01") }, name: "Cloud VPS Services" });
    const answer = (url) => (url === `/aps/2/resources/${R("01")}` ? { status: 200, body: tenantWithoutAccount }
      : url === `/aps/2/resources/${S("01")}` ? { status: 200, body: subscriptionWithoutAccount } : undefined);
    const from = controller.calls.length;
    await answering(answer, async () => {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", `The APS controller links no account to resource ${R("01")}.`);
    });
    assert.ok(urls(controller.calls.slice(from)).includes(`${R("01")}/account`), "the tenant's account relation was tried");
    assert.ok(urls(controller.calls.slice(from)).includes(`${S("01")}/account`), "and the subscription's");
  });
  test("an APS-Controller-URI that passes the header check but is no URL: 400", async () => {
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": "https://[not-a-host/" });
    expectApsError(res, 400, "InvalidHeader", "Header APS-Controller-URI must be an absolute http(s) URI.");
  });
  test("a controller whose certificate is not from APS_CONTROLLER_CA: 503", async (t) => {
    // Without APS_CONTROLLER_CA the test CA is unknown: the TLS handshake with the stand-in fails.
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_CA: "" }) });
    const res = await ask(R("01"), { targetAccount: A("02") }, {}, other);
    expectApsError(res, 503, "ControllerUnavailable", "The APS controller could not be reached; try again later.");
    await other.stop();
  });
});

describe("configuration of the controller source", () => {
  test("APS_CONTROLLER_MAPPING: other property names, and values of any JSON scalar translated", async (t) => {
    // A platform whose accounts carry their kind, vendor, brand and an integer status code, and
    // whose subscriptions say `active: false` when terminated.
    const ids = { tenant: "eeeeeeee-0000-4000-8000-000000000020", sub: "55555555-0000-4000-8000-000000000020" };
    const acct = (id, statusCode) => ({ aps: { id }, companyName: id, kind: "customer", vendorId: 1, brandId: "b1", statusCode });
    const resources = {
      [ids.tenant]: { aps: { id: ids.tenant, subscription: ids.sub }, owner: A("20") },
      [ids.sub]: { aps: { id: ids.sub }, name: "Status Mail", active: true, phase: "Changing Plan" },
      [A("20")]: acct(A("20"), 1),
      [A("21")]: acct(A("21"), 5),
    };
    const c = await standInController(t, certs, { resources });
    const mapping = writeJson(tempDir(t), "mapping.json", {
      tenant: { account: "owner" },
      subscription: { terminated: "active", state: "phase" },
      account: { kind: "kind", vendorId: "vendorId", brandId: "brandId", status: "statusCode" },
      values: { status: { 1: "active", 5: "credit_hold" }, terminated: { true: false, false: true }, kind: {} },
    });
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_MAPPING: mapping }) });
    const on = (target) => precheck(other.origin, ids.tenant, { targetAccount: target }, { headers: { "APS-Controller-URI": c.uri } });
    assert.deepEqual((await on(A("21"))).json, {
      canMigrate: false,
      message: `The subscription cannot be moved (2 reasons): 1) Account ${A("21")} is on credit hold; subscriptions can only be moved to an active account. 2) Subscription Status Mail is in the middle of an operation (plan change); wait until it has finished.`,
    });
    c.resources[ids.sub] = { ...c.resources[ids.sub], active: false, phase: "READY" };
    c.resources[A("22")] = acct(A("22"), 1);
    assert.deepEqual((await on(A("22"))).json, { canMigrate: false, message: "Subscription Status Mail is terminated." });
    await other.stop();
  });
  test("values the mapping cannot translate are a host-side failure (500, nothing leaked)", async (t) => {
    // This table knows CLIENT only, and has no "*": RESELLER reaches the module untranslated.
    const mapping = writeJson(tempDir(t), "mapping.json", { values: { kind: { CLIENT: "customer" } } });
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_MAPPING: mapping }) });
    expectApsError(await ask(R("02"), { targetAccount: A("02") }, {}, other), 500, "InternalError", "The application could not check this migration; see its logs.");
    const line = await other.waitForLog((l) => l.msg === "host-side failure");
    assert.equal(line.code, "INVALID_CONTEXT");
    await other.stop();
  });
  test("a mapping file of the old format, or with bad paths, stops the start naming each problem", async (t) => {
    const mapping = writeJson(tempDir(t), "mapping.json", {
      tenant: { subscriptionRelation: "subscription" },
      account: { status: "bssAccountInfo..status", brandId: [] },
      values: { status: { ACTIVE: "active", active: "active" } },
      extra: {},
    });
    const { code, stderr } = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_MAPPING: mapping }), expectExit: true });
    assert.equal(code, 1);
    for (const problem of [
      `unknown section "extra"`,
      "tenant.subscriptionRelation is not known (known: subscription, account)",
      `account.status: "bssAccountInfo..status" is not a path`,
      "account.brandId must be a path, a non-empty list of paths, or null",
      `values.status: "active" is the same key as another one`,
    ]) {
      assert.ok(stderr.includes(problem), `missing "${problem}" in:\n${stderr}`);
    }
  });
  test("APS_CONTEXT_HOOKS: a module without hooks, or with the file source, stops the start", async (t) => {
    const empty = writeJson(tempDir(t), "hooks.mjs", "export const order = () => [];\n");
    const none = await startHost(t, { env: controllerEnv(certs, { APS_CONTEXT_HOOKS: empty }), expectExit: true });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /context hooks .*hooks\.mjs:\n {2}- exports none of orders, dependents, billing/);
    const file = await startHost(t, { env: { APS_CONTEXT_HOOKS: HOOKS }, expectExit: true });
    assert.equal(file.code, 1);
    assert.match(file.stderr, /APS_CONTEXT_HOOKS is for the controller source/);
  });
  test("APS_CONTROLLER_URI pins the controller: another one is refused with 403", async (t) => {
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_URI: controller.uri }) });
    const ok = await ask(R("01"), { targetAccount: A("02") }, {}, other);
    assert.deepEqual(ok.json, { canMigrate: true });
    const from = controller.calls.length;
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": "https://evil.example/" }, other);
    expectApsError(res, 403, "ControllerMismatch", "APS-Controller-URI is not the controller this application serves.");
    assert.equal(controller.calls.length, from, "nothing was called");
    await other.stop();
  });
  test("the controller source needs the instance certificate", async (t) => {
    const { code, stderr } = await startHost(t, { env: { APS_CONTEXT_SOURCE: "controller" }, expectExit: true });
    assert.equal(code, 1);
    assert.match(stderr, /the controller source needs APS_CLIENT_CERT and APS_CLIENT_KEY/);
  });
});
