// The OAuth 1.0a ("proxy") mode. Requests are signed by oauth-1.0a, an OAuth client library other
// than the one the host builds its base string with (oauth-sign). The controller signs as
// requests_oauthlib's OAuth1 does: an Authorization header, HMAC-SHA1, no token, the URL with its
// query string; its body is JSON, which RFC 5849 §3.4.1.3.1 leaves unsigned. The clock is the
// test's: no case depends on the time it runs at.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import Fastify from "fastify";
import OAuth from "oauth-1.0a";
import migrationPreCheck from "../src/plugin.js";
import { authorizationParams, memoryNonceStore } from "../src/oauth.js";
import { A, CONTROLLER_HEADERS, NOW, R, S, precheck, startHost } from "./helpers.mjs";

const KEY = "app-consumer-key";
const SECRET = "app-consumer-secret";
const ORIGIN = "https://apps.example.com:8443";
const WINDOW = 300;
const NOW_S = Date.parse(NOW) / 1000;

/** An oauth-1.0a client whose timestamp is `ts` (seconds), not its own clock's. */
function signer(key, secret, ts, realm) {
  const c = OAuth({ consumer: { key, secret }, realm, signature_method: "HMAC-SHA1", hash_function: (base, k) => createHmac("sha1", k).update(base).digest("base64") });
  c.getTimeStamp = () => ts;
  return (method, url) => c.toHeader(c.authorize({ url, method })).Authorization;
}

const account = (n) => ({ id: A(n), kind: "customer", vendorId: "v1", brandId: "b1", status: "active" });
const context = (request, resourceId, targetAccount) => ({
  now: NOW,
  subscription: { id: S("01"), ownerAccountId: A("01"), state: "active" },
  sourceAccount: account("01"),
  targetAccount: targetAccount === A("02") ? account("02") : null,
});

/** A server with the plugin in OAuth mode; `clock.ms` is its time. */
async function endpoint(t, oauth = {}) {
  const clock = { ms: NOW_S * 1000 };
  const app = Fastify({ logger: false });
  await app.register(migrationPreCheck, { policy: null, context, oauth: { consumerKey: KEY, consumerSecret: SECRET, windowSeconds: WINDOW, origin: ORIGIN, clock: () => clock.ms, ...oauth } });
  t.after(() => app.close());
  const path = `/mail/${R("01")}/migrationPreCheck`;
  const ask = (authorization, { query = "", body = { targetAccount: A("02") } } = {}) => app.inject({
    method: "POST",
    url: `${path}${query}`,
    headers: { "content-type": "application/json", ...CONTROLLER_HEADERS, ...(authorization ? { authorization } : {}) },
    payload: JSON.stringify(body),
  });
  const signed = (ts = NOW_S, { key = KEY, secret = SECRET, query = "", realm } = {}) => signer(key, secret, ts, realm)("POST", `${ORIGIN}${path}${query}`);
  return { ask, signed, clock, app, path };
}

const refusal = (res, message) => {
  assert.equal(res.statusCode, 401, res.body);
  assert.deepEqual(res.json(), { code: 401, type: "Unauthorized", message });
  assert.equal(res.headers["www-authenticate"], 'OAuth realm="aps"');
};

test("a request signed with the consumer key and secret is answered", async (t) => {
  const { ask, signed } = await endpoint(t);
  assert.deepEqual((await ask(signed())).json(), { canMigrate: true });
  assert.equal((await ask(signed(), { body: { targetAccount: A("09") } })).json().canMigrate, false, "the check itself still runs");
});

test("wrong signature, wrong key, no header: 401 with an APS body", async (t) => {
  const { ask, signed } = await endpoint(t);
  refusal(await ask(signed(NOW_S, { secret: "another-secret" })), "The OAuth signature is not valid.");
  refusal(await ask(signed(NOW_S, { key: "another-key" })), "The OAuth consumer key is not this application's.");
  refusal(await ask(undefined), "An OAuth 1.0a Authorization header is required.");
  refusal(await ask("Basic dXNlcjpwYXNz"), "An OAuth 1.0a Authorization header is required.");
  const tampered = signed().replace(/oauth_signature="[^"]*"/, 'oauth_signature="AAAA"');
  refusal(await ask(tampered), "The OAuth signature is not valid.");
});

test("a timestamp outside the window, stale or in the future, is refused; its edges are not", async (t) => {
  const { ask, signed } = await endpoint(t);
  const outside = `The OAuth timestamp is missing or more than ${WINDOW} s away from this application's clock.`;
  refusal(await ask(signed(NOW_S - WINDOW - 1)), outside);
  refusal(await ask(signed(NOW_S + WINDOW + 1)), outside);
  assert.equal((await ask(signed(NOW_S - WINDOW))).statusCode, 200);
  assert.equal((await ask(signed(NOW_S + WINDOW))).statusCode, 200);
});

test("a replayed request is refused while its timestamp is acceptable, and for its timestamp after", async (t) => {
  const { ask, signed, clock } = await endpoint(t);
  const header = signed();
  assert.equal((await ask(header)).statusCode, 200);
  refusal(await ask(header), "The OAuth nonce was already used.");
  clock.ms += WINDOW * 1000; // the window's last second: still remembered
  refusal(await ask(header), "The OAuth nonce was already used.");
  clock.ms += 1000;
  refusal(await ask(header), `The OAuth timestamp is missing or more than ${WINDOW} s away from this application's clock.`);
  assert.equal((await ask(signed(NOW_S + WINDOW + 1))).statusCode, 200, "a fresh request at the new time");
});

test("the query string is signed: as sent it is answered, changed or dropped it is refused", async (t) => {
  const { ask, signed } = await endpoint(t);
  const query = "?b=x%20y&a=1&a=0&empty=";
  assert.equal((await ask(signed(NOW_S, { query }), { query })).statusCode, 200);
  const header = signed(NOW_S, { query: "?a=1" });
  refusal(await ask(header, { query: "?a=2" }), "The OAuth signature is not valid.");
  refusal(await ask(signed(NOW_S, { query: "?a=1" })), "The OAuth signature is not valid.");
});

test("OAuth parameters in the query as well as the header are refused, not a 500", async (t) => {
  const { ask, signed } = await endpoint(t);
  const twice = "OAuth parameters must be sent in the Authorization header only.";
  // Signed or not, a protocol parameter sent a second way is refused before the signature.
  refusal(await ask(signed(NOW_S, { query: "?oauth_nonce=1" }), { query: "?oauth_nonce=1" }), twice);
  refusal(await ask(signed(), { query: "?oauth_signature=x" }), twice);
  refusal(await ask(signed().replace(/oauth_signature="[^"]*"/, 'oauth_signature="bogus"'), { query: "?oauth_consumer_key=k" }), twice);
  // A query parameter that shares a name with a non-protocol header parameter is signed with both.
  const header = `${signed(NOW_S, { query: "?x=1" })}, x="2"`;
  refusal(await ask(header, { query: "?x=1" }), "The OAuth signature is not valid.");
});

test("a realm is a quoted string: a comma or a % in it is not a parse error, and it is not signed", async (t) => {
  const { ask, signed } = await endpoint(t);
  for (const realm of ["Example, Inc", "100%", "aps"]) {
    assert.equal((await ask(signed(NOW_S, { realm }))).statusCode, 200, realm);
  }
  assert.deepEqual(authorizationParams('OAuth realm="a, \\"b\\"", oauth_nonce="n%20m",, oauth_version="1.0"'), Object.assign(Object.create(null), { realm: 'a, "b"', oauth_nonce: "n m", oauth_version: "1.0" }));
  for (const broken of ['OAuth a="1" b="2"', "OAuth a=1", 'OAuth a="%zz"', 'OAuth a="1"x']) {
    assert.equal(authorizationParams(broken), null, broken);
  }
});

test("a Host header that is not a host name is a 401, not a 500 (no origin configured)", async (t) => {
  const { ask, signed } = await endpoint(t, { origin: undefined });
  const res = await ask(signed(), {});
  assert.equal(res.statusCode, 401); // signed for ORIGIN; the request's own origin is another
  const { app, path } = await endpoint(t, { origin: undefined });
  const bad = await app.inject({
    method: "POST",
    url: path,
    headers: { "content-type": "application/json", ...CONTROLLER_HEADERS, host: "a b", authorization: signed() },
    payload: JSON.stringify({ targetAccount: A("02") }),
  });
  refusal(bad, "The request's Host header is not a host name, so its OAuth signature cannot be checked.");
});

test("the JSON body, as the controller sends it, is not part of the signature (RFC 5849 §3.4.1.3.1)", async (t) => {
  const { ask, signed } = await endpoint(t);
  const res = await ask(signed(), { body: { targetAccount: A("09"), extra: [1, 2, 3] } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().canMigrate, false);
});

test("the nonce store is bounded: when full, a new nonce is answered 503, not forgotten", async (t) => {
  const { ask, signed } = await endpoint(t, { nonceStore: memoryNonceStore({ maxEntries: 2 }) });
  assert.equal((await ask(signed())).statusCode, 200);
  assert.equal((await ask(signed())).statusCode, 200);
  const full = await ask(signed());
  assert.deepEqual([full.statusCode, full.json().type], [503, "ServiceUnavailable"]);
});

test("the memory store forgets a nonce once its window has passed", () => {
  const store = memoryNonceStore({ maxEntries: 10 });
  assert.equal(store.add("1:n", 2000, 0), true);
  assert.equal(store.add("1:n", 2000, 1999), false);
  assert.equal(store.add("5:m", 9000, 2000), true);
  assert.equal(store.size, 2, "at 2000 the first is still within its window");
  assert.equal(store.add("6:k", 9000, 2001), true);
  assert.equal(store.size, 2, "the first expired after 2000");
});

test("a full memory store drops every expired entry before refusing, also those behind one from a clock ahead", () => {
  const store = memoryNonceStore({ maxEntries: 3 });
  // A client whose clock is 299 s ahead: its entry expires last, and stops the walk in order.
  assert.equal(store.add("ahead", 599_000, 0), true);
  assert.equal(store.add("a", 300_000, 0), true);
  assert.equal(store.add("b", 300_000, 0), true);
  // 301 s on: "a" and "b" have expired, "ahead" has not; the store is full of mostly dead entries.
  assert.equal(store.add("c", 601_000, 301_000), true);
  assert.equal(store.size, 2);
  assert.equal(store.add("ahead", 599_000, 301_000), false, "a live nonce is still remembered");
  assert.equal(store.add("d", 301_500, 301_000), true);
  assert.throws(() => store.add("e", 601_000, 301_000), (e) => e.statusCode === 503, "full of live entries: refused");
  // The walk over every entry runs at most once a second: "d" expired at 301.5 s, but until
  // 302 s a full store refuses at once, as a store full of live entries must stay cheap to ask.
  assert.throws(() => store.add("f", 601_000, 301_600), (e) => e.statusCode === 503, "no second walk within the second");
  assert.equal(store.add("f", 601_000, 302_000), true, "a second on, the walk drops d");
  assert.equal(store.size, 3);
});

test("a shared store (asynchronous) is asked about each signed request's nonce", async (t) => {
  const asked = [];
  const shared = { add: async (key) => (asked.push(key), asked.filter((k) => k === key).length === 1) };
  const { ask, signed } = await endpoint(t, { nonceStore: shared });
  const header = signed();
  assert.equal((await ask(header)).statusCode, 200);
  refusal(await ask(header), "The OAuth nonce was already used.");
  refusal(await ask(signed(NOW_S, { secret: "x" })), "The OAuth signature is not valid.");
  assert.equal(asked.length, 2, "a request with a bad signature never reaches the store");
  assert.equal(asked[0], `${NOW_S}:${authorizationParams(header).oauth_nonce}`);
});

test("the host in OAuth mode: signed requests are answered, others 401; /health stays open", async (t) => {
  const host = await startHost(t, { env: { APS_OAUTH_CONSUMER_KEY: KEY, APS_OAUTH_CONSUMER_SECRET: SECRET, APS_NOW: NOW, APS_STATIC: "false" } });
  const path = `/mail/${R("01")}/migrationPreCheck`;
  const sign = () => signer(KEY, SECRET, NOW_S)("POST", `${host.origin}${path}`);
  assert.deepEqual((await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { authorization: sign() } })).json, { canMigrate: true });
  const unsigned = await precheck(host.origin, R("01"), { targetAccount: A("02") });
  assert.deepEqual([unsigned.status, unsigned.json.type], [401, "Unauthorized"]);
  const wrong = await precheck(host.origin, R("01"), { targetAccount: A("02") }, { headers: { authorization: signer(KEY, "nope", NOW_S)("POST", `${host.origin}${path}`) } });
  assert.equal(wrong.status, 401);
  const health = await fetch(`${host.origin}/health`);
  assert.equal(health.status, 200);
  // The log line can follow the answer (log.js buffers lines briefly): wait for it.
  await host.waitForLog((l) => l.msg === "OAuth signature refused" && l.reason === "The OAuth signature is not valid.");
});
