// Security headers (helmet) on everything the host serves: the admin page's CSP, taken
// from its <meta> tag, as a header that also forbids framing, X-Frame-Options and Referrer-Policy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildApp } from "../src/app.js";
import { loadPolicy } from "../src/policy.js";
import { createFileSource } from "../src/sources/file.js";
import { A, CONTROLLER_HEADERS, R, hostDir } from "./helpers.mjs";

const wwwDir = join(hostDir, "../www");

/** A CSP as a map of directive → its sources, so that order and spacing do not matter. */
const directives = (csp) => new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
  const [name, ...sources] = d.split(/\s+/);
  return [name, sources.join(" ")];
}));

const pageCsp = () => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(readFileSync(join(wwwDir, "index.html"), "utf8"))[1];

async function host(t, config = {}) {
  const { checker } = loadPolicy(join(hostDir, "data/policy.json"));
  const source = createFileSource({ dataFile: join(hostDir, "data/dataset.json") });
  const app = await buildApp({ config: { logLevel: "silent", tls: null, static: true, wwwDir, ...config }, checker, source });
  t.after(() => app.close());
  return app;
}

const requests = {
  "the admin page": { method: "GET", url: "/" },
  "a script of the page": { method: "GET", url: "/main.js" },
  "the package": { method: "GET", url: "/pkg/package.json" },
  "/health": { method: "GET", url: "/health" },
  "a pre-check": { method: "POST", url: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "application/json", ...CONTROLLER_HEADERS }, payload: JSON.stringify({ targetAccount: A("02") }) },
  "a refused request (400)": { method: "POST", url: `/mail/${R("01")}/migrationPreCheck`, headers: { "content-type": "application/json" }, payload: "{}" },
  "no such path (404)": { method: "GET", url: "/nothing-here" },
};

/** The headers every answer must carry. */
function assertSecure(res, what) {
  const expected = directives(pageCsp());
  expected.set("frame-ancestors", "'none'");
  assert.deepEqual(directives(res.headers["content-security-policy"] ?? ""), expected, what);
  assert.equal(res.headers["x-frame-options"], "DENY", what);
  assert.equal(res.headers["referrer-policy"], "no-referrer", what);
  assert.equal(res.headers["x-content-type-options"], "nosniff", what);
  assert.equal(res.headers["strict-transport-security"], undefined, `${what}: no HSTS over plain HTTP`);
}

test("every answer carries the page's CSP with frame-ancestors 'none', X-Frame-Options DENY and no referrer", async (t) => {
  const app = await host(t);
  for (const [what, request] of Object.entries(requests)) {
    const res = await app.inject(request);
    assert.ok(res.statusCode < 500, `${what}: ${res.statusCode}`);
    assertSecure(res, what);
  }
});

test("so do the refusals of the network mode's check, which come before any route (401)", async (t) => {
  const app = await host(t, { oauth: { consumerKey: "k", consumerSecret: "s", windowSeconds: 300, nonceMax: 10 } });
  const refused = await app.inject(requests["a pre-check"]);
  assert.equal(refused.statusCode, 401);
  assertSecure(refused, "401");
});

test("the host's server takes its request timeout from the configuration", async (t) => {
  assert.equal((await host(t, { requestTimeoutMs: 7777 })).server.requestTimeout, 7777);
  assert.equal((await host(t)).server.requestTimeout, 30000, "serverOptions' default when unset");
});
