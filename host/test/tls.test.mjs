// TLS mode: only the saved controller certificate gets an answer.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { A, R, call, makeCerts, pem, precheck, startHost, tempDir, writeJson } from "./helpers.mjs";

let dir, certs, host;
before(async () => {
  dir = tempDir(null);
  certs = makeCerts(dir);
  host = await startHost(null, {
    env: { APS_TLS_CERT: certs.host.cert, APS_TLS_KEY: certs.host.key, APS_CONTROLLER_CERT: certs.controllerClient.cert },
  });
});
after(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const client = (which) => ({
  ca: pem(certs.ca),
  ...(which ? { cert: pem(certs[which].cert), key: pem(certs[which].key) } : {}),
});

const REFUSED = { code: 403, type: "CertificateMismatch", message: "Provided certificate does not match saved APSC certificate!" };

test("the host listens on https", () => {
  assert.match(host.origin, /^https:\/\/127\.0\.0\.1:\d+$/);
});

test("the saved controller certificate: answered", async () => {
  const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { tls: client("controllerClient") });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json, { canMigrate: true });
});

test("another certificate, even from the same CA: 403", async () => {
  const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { tls: client("wrongClient") });
  assert.equal(res.status, 403);
  assert.deepEqual(res.json, REFUSED);
});

test("no certificate: 403", async () => {
  const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { tls: client(null) });
  assert.equal(res.status, 403);
  assert.deepEqual(res.json, REFUSED);
});

test("the check comes first: a bad request without the certificate is still 403", async () => {
  const res = await precheck(host.origin, "not-an-id", null, { tls: client("wrongClient"), raw: "{" });
  assert.deepEqual(res.json, REFUSED);
  const page = await call(host.origin, { method: "GET", path: "/", tls: client(null) });
  assert.deepEqual(page.json, REFUSED);
});

test("/health stays open", async () => {
  const res = await call(host.origin, { method: "GET", path: "/health", tls: client(null) });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { status: "ok" });
});

test("TLS needs the saved controller certificate", async (t) => {
  const { code, stderr } = await startHost(t, { env: { APS_TLS_CERT: certs.host.cert, APS_TLS_KEY: certs.host.key }, expectExit: true });
  assert.equal(code, 1);
  assert.match(stderr, /APS_CONTROLLER_CERT is required with TLS/);
});

test("a saved controller certificate that is not PEM stops the start", async (t) => {
  const bad = writeJson(tempDir(t), "controller.crt", "not a certificate");
  const { code, stderr } = await startHost(t, {
    env: { APS_TLS_CERT: certs.host.cert, APS_TLS_KEY: certs.host.key, APS_CONTROLLER_CERT: bad },
    expectExit: true,
  });
  assert.equal(code, 1);
  assert.match(stderr, /^aps-migratable host: cannot start: /);
});
