// The controller context source against a stand-in APS controller (HTTPS, client certificates).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { A, NOW, R, S, closedPort, controllerEnv, makeCerts, precheck, standInController, startHost, tempDir, writeJson } from "./helpers.mjs";

const account = (n, props) => ({ aps: { id: A(n), type: "http://parallels.com/aps/types/pa/account/1.2", status: "aps:ready" }, ...props });
const subscription = (n, props) => ({ aps: { id: S(n), type: "http://aps-standard.org/types/core/subscription/1.0", status: "aps:ready" }, ...props });
const tenant = (n) => ({ aps: { id: R(n), type: "http://example.com/mail/tenant/1.0", status: "aps:ready", subscription: S(n) }, domain: `mail${n}.example` });

/** The controller's view: resources by id and relations by resource. */
function world() {
  const resources = {
    [A("01")]: account("01", { companyName: "Alpha GmbH", kind: "customer", vendorId: 1, brandId: "b1", status: "active" }),
    [A("02")]: account("02", { companyName: "Beta AG", kind: "customer", vendorId: 1, brandId: "b1", status: "active" }),
    [A("05")]: account("05", { companyName: "Epsilon SA", kind: "customer", vendorId: 1, brandId: "b2", status: "active" }),
    [R("01")]: tenant("01"),
    [S("01")]: subscription("01", { name: "Mail 25", state: "active", trial: false }),
    [R("06")]: tenant("06"),
    [S("06")]: subscription("06", { name: "Office 10", state: "active" }),
    "0dddddd1-0000-4000-8000-000000000001": { aps: { id: "0dddddd1-0000-4000-8000-000000000001" }, state: "completed" },
    "0dddddd1-0000-4000-8000-000000000002": { aps: { id: "0dddddd1-0000-4000-8000-000000000002" }, state: "processing" },
    [R("07")]: tenant("07"),
    [S("07")]: subscription("07", { name: "Hosting 5", state: "active" }),
    [S("77")]: subscription("77", { name: "Web 5", reason: "shared_domains" }),
    [R("05")]: tenant("05"),
    [S("05")]: subscription("05", {
      name: "Mail 100",
      state: "active",
      billing: {
        platform: "fusebill",
        latest: { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-12-01" },
      },
    }),
    [R("20")]: tenant("20"),
    [S("20")]: subscription("20", { name: "Status Mail", state: "ACTIVE" }),
  };
  const links = {
    [R("01")]: { subscription: [S("01")], account: [A("01")] },
    [S("01")]: { orders: [], dependentSubscriptions: [] },
    [R("06")]: { subscription: [S("06")], account: [A("01")] },
    [S("06")]: { orders: ["0dddddd1-0000-4000-8000-000000000001", "0dddddd1-0000-4000-8000-000000000002"], dependentSubscriptions: [] },
    [R("07")]: { subscription: [S("07")], account: [A("01")] },
    [S("07")]: { dependentSubscriptions: [S("77")] }, // no "orders" relation: read as none
    [R("05")]: { subscription: [S("05")], account: [A("01")] },
    [S("05")]: { orders: [], dependentSubscriptions: [] },
    [R("20")]: { subscription: [S("20")], account: [A("01")] },
    [S("20")]: { orders: [], dependentSubscriptions: [] },
  };
  return { resources, links };
}

let dir, certs, controller, host;
before(async () => {
  dir = tempDir(null);
  certs = makeCerts(dir);
  controller = await standInController(null, certs, world());
  // APS_NOW: the Fusebill migration below is scheduled for 2026-12-01, in flight only until that day.
  host = await startHost(null, { env: controllerEnv(certs, { APS_CONTROLLER_TIMEOUT_MS: "700", APS_NOW: NOW }) });
});
after(async () => {
  await host?.stop();
  await controller?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = (resourceId, body, headers = {}) =>
  precheck(host.origin, resourceId, body, { headers: { "APS-Controller-URI": controller.uri, ...headers } });

function expectApsError(res, status, type, message) {
  assert.equal(res.status, status, res.text);
  assert.deepEqual(Object.keys(res.json), ["code", "type", "message"]);
  assert.deepEqual(res.json, { code: status, type, message });
}

describe("contexts read from the controller", () => {
  test("allowed: reads the resource, its subscription and account, the target, orders and dependents", async () => {
    const tx = `tx-${randomUUID()}`;
    const from = controller.calls.length;
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Transaction-ID": tx });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { canMigrate: true });
    const calls = controller.calls.slice(from);
    assert.deepEqual(calls.map((c) => c.url).sort(), [
      `/aps/2/resources/${A("02")}`,
      `/aps/2/resources/${R("01")}`,
      `/aps/2/resources/${R("01")}/account`,
      `/aps/2/resources/${R("01")}/subscription`,
      `/aps/2/resources/${S("01")}/dependentSubscriptions`,
      `/aps/2/resources/${S("01")}/orders`,
    ].sort());
    for (const c of calls) {
      assert.equal(c.method, "GET");
      assert.equal(c.clientCN, "instance", "authenticated with the instance's certificate");
      assert.equal(c.transactionId, tx, "APS-Transaction-ID is passed on");
    }
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
  test("another brand", async () => {
    const res = await ask(R("01"), { targetAccount: A("05") });
    assert.deepEqual(res.json, { canMigrate: false, message: "The target account belongs to another brand (b2, not b1)." });
  });
  test("orders from the subscription's orders relation", async () => {
    const res = await ask(R("06"), { targetAccount: A("02") });
    assert.deepEqual(res.json, { canMigrate: false, message: "Orders for this subscription are not completed yet: 0dddddd1-0000-4000-8000-000000000002." });
  });
  test("dependent subscriptions; a relation the controller lacks reads as none", async () => {
    const res = await ask(R("07"), { targetAccount: A("02") });
    assert.deepEqual(res.json, { canMigrate: false, message: "Other subscriptions depend on this one and would have to move with it: Web 5 (shared domains)." });
  });
  test("the billing part from the subscription's billing property", async () => {
    const res = await ask(R("05"), { targetAccount: A("02") });
    assert.deepEqual(res.json, {
      canMigrate: false,
      message: "A migration for this subscription is already in progress in Fusebill (2026-12-01); wait until it has finished or cancel it there.",
    });
  });
  test("a resource the controller does not know: 404", async () => {
    const id = "eeeeeeee-0000-4000-8000-0000000000fe";
    expectApsError(await ask(id, { targetAccount: A("02") }), 404, "ResourceNotFound", `Resource ${id} was not found on the APS controller.`);
  });
  test("values the mapping cannot translate are a host-side failure (500, nothing leaked)", async () => {
    expectApsError(await ask(R("20"), { targetAccount: A("02") }), 500, "InternalError", "The application could not check this migration; see its logs.");
  });
  test("APS-Controller-URI must be https", async () => {
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": controller.uri.replace("https:", "http:") });
    expectApsError(res, 400, "InvalidHeader", "Header APS-Controller-URI must be an https URI: the controller is called with the instance's certificate.");
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
  test("another 4xx from the controller: 502 naming it, JSON or not", async () => {
    controller.failWith = 409;
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", "The APS controller answered HTTP 409 for the resource.");
    } finally {
      controller.failWith = 0;
    }
    controller.answer = (url) => (url.endsWith("/subscription") ? { status: 400, type: "text/html", body: "<h1>Bad Request</h1>" } : undefined);
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError",
        "The APS controller answered HTTP 400 for the resource's subscription.");
    } finally {
      controller.answer = () => undefined;
    }
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
    controller.answer = () => ({ status: 200, type: "text/html", body: "<html><body>Maintenance</body></html>" });
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError",
        "The APS controller answered with something that is not JSON.");
    } finally {
      controller.answer = () => undefined;
    }
  });
  test("an answer over 8 MB: 502, read no further", async () => {
    const big = JSON.stringify({ aps: { id: R("01") }, pad: "x".repeat(8 * 1024 * 1024) });
    controller.answer = (url) => (url === `/aps/2/resources/${R("01")}` ? { status: 200, body: big } : undefined);
    try {
      expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", "The APS controller's answer is too large.");
    } finally {
      controller.answer = () => undefined;
    }
  });
  test("JSON that is no resource or no list of resources: 502", async () => {
    for (const [url, body, message] of [
      [`/aps/2/resources/${R("01")}`, "[]", "The APS controller's answer for the resource is not a resource."],
      [`/aps/2/resources/${R("01")}`, "", "The APS controller's answer for the resource is not a resource."],
      [`/aps/2/resources/${R("01")}/account`, "\"Alpha\"", "The APS controller's answer for the resource's account is not a list of resources."],
    ]) {
      controller.answer = (u) => (u === url ? { status: 200, body } : undefined);
      try {
        expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", message);
      } finally {
        controller.answer = () => undefined;
      }
    }
  });
  test("a resource linked to no subscription or no account: 502", async () => {
    for (const [relation, message] of [
      ["subscription", `The APS controller links no subscription to resource ${R("01")}.`],
      ["account", `The APS controller links no account to resource ${R("01")}.`],
    ]) {
      controller.answer = (url) => (url === `/aps/2/resources/${R("01")}/${relation}` ? { status: 200, body: "[]" } : undefined);
      try {
        expectApsError(await ask(R("01"), { targetAccount: A("02") }), 502, "ControllerError", message);
      } finally {
        controller.answer = () => undefined;
      }
    }
  });
  test("an APS-Controller-URI that passes the header check but is no URL: 400", async () => {
    const res = await ask(R("01"), { targetAccount: A("02") }, { "APS-Controller-URI": "https://[not-a-host/" });
    expectApsError(res, 400, "InvalidHeader", "Header APS-Controller-URI must be an absolute http(s) URI.");
  });
  test("a controller whose certificate is not from APS_CONTROLLER_CA: 503", async (t) => {
    // Without APS_CONTROLLER_CA the test CA is unknown: the TLS handshake with the stand-in fails.
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_CA: "" }) });
    const res = await precheck(other.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } });
    expectApsError(res, 503, "ControllerUnavailable", "The APS controller could not be reached; try again later.");
    await other.stop();
  });
});

describe("configuration of the controller source", () => {
  test("APS_CONTROLLER_MAPPING translates property names and values", async (t) => {
    const mapping = writeJson(tempDir(t), "mapping.json", { values: { state: { ACTIVE: "active" } }, account: { name: "aps.id" } });
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_MAPPING: mapping }) });
    const res = await precheck(other.origin, R("20"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } });
    assert.deepEqual(res.json, { canMigrate: true });
    await other.stop();
  });
  test("APS_CONTROLLER_URI pins the controller: another one is refused with 403", async (t) => {
    const other = await startHost(t, { env: controllerEnv(certs, { APS_CONTROLLER_URI: controller.uri }) });
    const ok = await precheck(other.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": controller.uri } });
    assert.deepEqual(ok.json, { canMigrate: true });
    const from = controller.calls.length;
    const res = await precheck(other.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": "https://evil.example/" } });
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
