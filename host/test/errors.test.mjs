// Every error status of the endpoint with its APS body, and the start refusing bad input.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { A, CONTROLLER_HEADERS, R, S, call, precheck, rawExchange, startHost, tempDir, writeJson } from "./helpers.mjs";

const OP = (id) => `/mail/${id}/migrationPreCheck`;

/** Asserts an APS error body: exactly {code, type, message}, code equal to the status. */
function expectApsError(res, status, type, message) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers["content-type"], /^application\/json/);
  assert.deepEqual(Object.keys(res.json), ["code", "type", "message"]);
  assert.equal(res.json.code, status);
  assert.equal(res.json.type, type);
  if (message instanceof RegExp) assert.match(res.json.message, message);
  else if (message !== undefined) assert.equal(res.json.message, message);
}

let host;
let dataDir;
before(async () => {
  // The shipped data set plus two entries that make contexts the module rejects (host-side bugs).
  dataDir = tempDir(null);
  const { readFileSync } = await import("node:fs");
  const data = JSON.parse(readFileSync(new URL("../data/dataset.json", import.meta.url), "utf8"));
  data.subscriptions[R("90")] = { id: S("90"), ownerAccountId: A("01"), name: "Broken", state: "bogus-state" };
  data.subscriptions[R("91")] = { id: S("91"), ownerAccountId: A("98"), name: "Orphan", state: "active" };
  host = await startHost(null, { env: { APS_DATA_FILE: writeJson(dataDir, "data.json", data) } });
});
after(async () => {
  await host?.stop();
  const { rmSync } = await import("node:fs");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("404: not an APS resource", () => {
  test("a resource id that is not an APS id", async () => {
    for (const id of ["not-a-uuid", "eeeeeeee-0000-4000-8000-00000000000", "eeeeeeee00004000800000000000000001", "%2e%2e"]) {
      expectApsError(await precheck(host.origin, id, { targetAccount: A("02") }), 404, "ResourceNotFound", "The resource id is not an APS id.");
    }
  });
  test("an APS id this application does not manage", async () => {
    const id = "eeeeeeee-0000-4000-8000-00000000abcd";
    expectApsError(await precheck(host.origin, id, { targetAccount: A("02") }), 404, "ResourceNotFound",
      `Resource ${id} is not managed by this application.`);
  });
  test("another path or method", async () => {
    expectApsError(await call(host.origin, { method: "POST", path: "/mail/migrationPreCheck" }), 404, "NotFound", "Not found.");
    expectApsError(await call(host.origin, { method: "GET", path: OP(R("01")) }), 404, "NotFound", "Not found.");
  });
});

describe("400: required headers", () => {
  for (const name of ["APS-Controller-URI", "APS-Instance-ID"]) {
    test(`without ${name}`, async () => {
      const headers = { "content-type": "application/json", ...CONTROLLER_HEADERS };
      delete headers[name];
      const res = await call(host.origin, { path: OP(R("01")), headers, body: JSON.stringify({ targetAccount: A("02") }) });
      expectApsError(res, 400, "MissingHeader", `Missing required header: ${name}.`);
    });
  }
  test("header names are case-insensitive", async () => {
    const res = await call(host.origin, {
      path: OP(R("01")),
      headers: { "content-type": "application/json", "aps-controller-uri": "https://c.example/", "APS-INSTANCE-ID": "x" },
      body: JSON.stringify({ targetAccount: A("02") }),
    });
    assert.equal(res.status, 200);
  });
  test("an APS-Controller-URI that is not an http(s) URI", async () => {
    const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "APS-Controller-URI": "ftp://c.example/" } });
    expectApsError(res, 400, "InvalidHeader", "Header APS-Controller-URI must be an absolute http(s) URI.");
  });
});

describe("the body: JSON only, 64 KB at most", () => {
  test("415 for another content type", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x"]) {
      const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "content-type": type } });
      expectApsError(res, 415, "UnsupportedMediaType", "The request body must be JSON (Content-Type: application/json).");
    }
  });
  test("415 without any content type and body", async () => {
    const res = await call(host.origin, { path: OP(R("01")), headers: CONTROLLER_HEADERS });
    expectApsError(res, 415, "UnsupportedMediaType");
  });
  test("JSON with a charset is JSON", async () => {
    const res = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { "content-type": "application/json; charset=utf-8" } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { canMigrate: true });
  });
  test("413 above 64 KB, 200 just below", async () => {
    const pad = (n) => JSON.stringify({ targetAccount: A("02"), pad: "x".repeat(n) });
    const limit = 64 * 1024;
    const over = pad(limit);
    assert.ok(Buffer.byteLength(over) > limit);
    expectApsError(await precheck(host.origin, R("01"), null, { raw: over }), 413, "PayloadTooLarge", "The request body is larger than 65536 bytes.");
    const under = pad(limit - 100);
    assert.ok(Buffer.byteLength(under) <= limit);
    const ok = await precheck(host.origin, R("01"), null, { raw: under });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json, { canMigrate: true });
  });
  test("400 for malformed JSON", async () => {
    for (const raw of ["{", "{\"targetAccount\": }", "nul", "{'a': 1}"]) {
      expectApsError(await precheck(host.origin, R("01"), null, { raw }), 400, "MalformedJson", "The request body is not valid JSON.");
    }
  });
  test("400 for an empty JSON body", async () => {
    expectApsError(await precheck(host.origin, R("01"), null, { raw: "" }), 400, "MalformedJson",
      "The request body is empty; a JSON document is expected.");
  });
  test("400 for prototype poisoning", async () => {
    const res = await precheck(host.origin, R("01"), null, { raw: `{"targetAccount":"${A("02")}","__proto__":{"x":1}}` });
    expectApsError(res, 400, "MalformedJson");
  });
});

describe("the request's framing and URL", () => {
  const body = JSON.stringify({ targetAccount: A("02") });
  const head = (contentLength, connection = "keep-alive") => [
    `POST ${OP(R("01"))} HTTP/1.1`, "Host: 127.0.0.1", "Content-Type: application/json",
    `APS-Controller-URI: ${CONTROLLER_HEADERS["APS-Controller-URI"]}`, `APS-Instance-ID: ${CONTROLLER_HEADERS["APS-Instance-ID"]}`,
    `Connection: ${connection}`, `Content-Length: ${contentLength}`, "", "",
  ].join("\r\n");
  const BROKEN = { code: 400, type: "BadRequest", message: "The request is not valid HTTP/1.1 (for example, its body does not match its Content-Length)." };

  /** Exactly one answer, an APS body, and the connection closed after it. */
  function expectOnly(responses, status, expected) {
    assert.equal(responses.length, 1, JSON.stringify(responses));
    const [res] = responses;
    assert.equal(res.status, status, res.text);
    assert.match(res.headers["content-type"], /^application\/json/);
    assert.deepEqual(Object.keys(res.json), ["code", "type", "message"]);
    assert.deepEqual(res.json, expected);
  }

  test("the exact Content-Length, twice on one connection: both answered (the raw requests below differ only in it)", async () => {
    const responses = await rawExchange(host.origin, head(body.length) + body + head(body.length, "close") + body);
    assert.deepEqual(responses.map((r) => [r.status, r.text]), [[200, '{"canMigrate":true}'], [200, '{"canMigrate":true}']]);
  });
  test("a body shorter than its Content-Length, then the end of the stream: 400, connection closed", async () => {
    expectOnly(await rawExchange(host.origin, head(body.length + 10) + body, { halfClose: true }), 400, BROKEN);
  });
  test("bytes past the Content-Length that start no request: 400, connection closed", async () => {
    // One write: the parser reads the cut body and the stray bytes together and refuses the
    // connection before the cut body is answered.
    expectOnly(await rawExchange(host.origin, head(body.length - 5) + body), 400, BROKEN);
  });
  test("a Content-Length that is no number, two different ones, or one with chunked encoding: 400", async () => {
    for (const bad of ["abc", `${body.length}\r\nContent-Length: ${body.length + 1}`, `${body.length}\r\nTransfer-Encoding: chunked`]) {
      expectOnly(await rawExchange(host.origin, head(bad) + body), 400, BROKEN);
    }
  });
  test("413 for a chunked body over 64 KB (no Content-Length to refuse it by)", async () => {
    const pad = JSON.stringify({ targetAccount: A("02"), pad: "x".repeat(70 * 1024) });
    const res = await call(host.origin, {
      path: OP(R("01")),
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", ...CONTROLLER_HEADERS },
      body: pad,
    });
    expectApsError(res, 413, "PayloadTooLarge", "The request body is larger than 65536 bytes.");
  });
  test("a URL with a bad percent-encoding: 400, an APS body and not fastify's", async () => {
    for (const path of [OP("%zz"), "/%E0%A4%A"]) {
      expectApsError(await call(host.origin, { path, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, body: "{}" }),
        400, "BadRequest", "The request URL is not valid (a bad percent-encoding).");
    }
  });
  test("a path segment over 100 characters: 414", async () => {
    const res = await precheck(host.origin, "e".repeat(101), { targetAccount: A("02") });
    expectApsError(res, 414, "UriTooLong", "A segment of the request URL is too long.");
  });
  test("another client error passes through with its status: 416 for a range past the end of a file", async () => {
    const res = await call(host.origin, { method: "GET", path: "/index.html", headers: { range: "bytes=99999999-" } });
    expectApsError(res, 416, "RangeNotSatisfiable", "The requested range cannot be served.");
  });
  test("headers over Node's limit: 431", async () => {
    expectOnly(await rawExchange(host.origin, `GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ${"x".repeat(20 * 1024)}\r\n\r\n`), 431,
      { code: 431, type: "HeadersTooLarge", message: "The request headers are too large." });
  });
  test("without APS_NOW the host runs on the system clock: its banner names no fixed clock", () => {
    assert.doesNotMatch(host.stderr(), /clock:/);
  });
});

describe("500: a host-side failure leaks nothing", () => {
  for (const [name, id, detail] of [["a state the context schema does not know", R("90"), "/subscription/state"], ["an owner missing from the data set", R("91"), "/sourceAccount"]]) {
    test(name, async () => {
      const tx = `tx-${randomUUID()}`;
      const res = await precheck(host.origin, id, { targetAccount: A("02") }, { headers: { "APS-Transaction-ID": tx } });
      expectApsError(res, 500, "InternalError", "The application could not check this migration; see its logs.");
      for (const secret of ["INVALID_CONTEXT", "ContextError", detail, "bogus", "at ", ".js"]) {
        assert.ok(!res.text.includes(secret), `the body leaks ${secret}: ${res.text}`);
      }
      const logged = await host.waitForLog((l) => l.transactionId === tx && l.level === 50);
      assert.ok(logged, "the failure is logged at error level with the transaction id");
      assert.equal(logged.code, "INVALID_CONTEXT");
      assert.ok(JSON.stringify(logged.errors).includes(detail), "the log names the problem");
    });
  }
});

describe("a bad start stops the start", () => {
  test("a bad policy: exit code 1 and every problem named", async (t) => {
    const dir = tempDir(t);
    const policy = writeJson(dir, "policy.json", {
      locale: 5,
      rules: { "no-such-rule": {}, "same-brand": { messages: { en: "Brand {nope}" } } },
      customRules: [{ id: "x" }],
    });
    const { code, stderr, stdout } = await startHost(t, { env: { APS_POLICY_FILE: policy }, expectExit: true });
    assert.equal(code, 1);
    assert.equal(stdout, "", "nothing listened, nothing logged");
    assert.match(stderr, /cannot start: invalid policy .*policy\.json:/);
    for (const problem of [
      "/locale: must be string",
      "/rules: property name \"no-such-rule\" is not valid",
      "/rules/same-brand/messages/en: unknown placeholder {nope}; this message may use sourceBrand, targetBrand, targetAccount, subscription",
      "/customRules/0: must have required property 'require'",
      "/customRules/0: must have required property 'message'",
    ]) {
      assert.ok(stderr.includes(problem), `missing "${problem}" in:\n${stderr}`);
    }
  });
  test("a policy with an unknown placeholder", async (t) => {
    const dir = tempDir(t);
    const policy = writeJson(dir, "policy.json", { rules: { "same-brand": { messages: { en: "Brand {nope}" } } } });
    const { code, stderr } = await startHost(t, { env: { APS_POLICY_FILE: policy }, expectExit: true });
    assert.equal(code, 1);
    assert.match(stderr, /\/rules\/same-brand\/messages\/en: unknown placeholder \{nope\}/);
  });
  test("a policy that is not JSON", async (t) => {
    const dir = tempDir(t);
    const { code, stderr } = await startHost(t, { env: { APS_POLICY_FILE: writeJson(dir, "p.json", "{ nope") }, expectExit: true });
    assert.equal(code, 1);
    assert.match(stderr, /invalid policy .*p\.json:\n  - not JSON: /);
  });
  test("bad configuration: every problem named", async (t) => {
    const { code, stderr } = await startHost(t, {
      env: { APS_PORT: "http", APS_CONTEXT_SOURCE: "database", APS_TLS_CERT: "/nonexistent/cert.pem" },
      args: ["--controller-timeout-ms", "-1", "--no-such-flag", "x"],
      expectExit: true,
    });
    assert.equal(code, 1);
    for (const problem of ["APS_PORT must be an integer", "APS_CONTEXT_SOURCE must be file or controller", "APS_TLS_CERT: no such file",
      "APS_TLS_CERT and APS_TLS_KEY go together", "APS_CONTROLLER_TIMEOUT_MS must be an integer", "unknown option --no-such-flag"]) {
      assert.ok(stderr.includes(problem), `missing "${problem}" in:\n${stderr}`);
    }
  });
  test("a port in use", async (t) => {
    const first = await startHost(t);
    const port = new URL(first.origin).port;
    const { code, stderr } = await startHost(t, { env: { APS_PORT: port }, expectExit: true });
    assert.equal(code, 1);
    assert.match(stderr, /cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
    assert.equal(await first.stop(), 0);
  });
});
