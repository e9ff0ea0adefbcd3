// The OAuth 1.0a ("proxy") network mode: the controller, or the proxy in front of the endpoint,
// signs each request with HMAC-SHA1 and a consumer key and secret; there is no token (two-legged,
// as oauthlib's SignatureOnlyEndpoint in CloudBlue's Connect extension checks it). The signature
// covers the method, the URL and its query parameters and the oauth_* parameters of the
// Authorization header. RFC 5849 §3.4.1.3.1 signs a body only when it is form-encoded, so the
// controller's JSON body is not covered: that is TLS's job. Unlike that extension, the timestamp
// must fall within a window and a nonce may be used once within it, so a captured request cannot
// be replayed.
import { timingSafeEqual } from "node:crypto";
import oauthSign from "oauth-sign";
import { ApsError } from "./errors.js";

const MAX_NONCE = 128;

/**
 * Nonces seen within the window, in memory, at most `maxEntries` of them. `add` answers false
 * for a nonce already there. A shared store (for replicas behind a load balancer; docs/host.md)
 * has the same interface and may return a promise: `add(key, expiresAtMs) → boolean`.
 */
export function memoryNonceStore({ maxEntries = 100000 } = {}) {
  const expiries = new Map(); // insertion order: close to expiry order, so the oldest go first
  // A walk over every entry, at most once a second: while the store stays full of live nonces,
  // each refusal must cost what the one before cost, not a walk of them all.
  let sweptAt = -Infinity;
  const dropExpired = (nowMs) => {
    if (nowMs - sweptAt < 1000) return;
    sweptAt = nowMs;
    for (const [k, at] of expiries) if (at < nowMs) expiries.delete(k);
  };
  return {
    add(key, expiresAtMs, nowMs) {
      for (const [k, at] of expiries) {
        if (at >= nowMs) break; // still acceptable: its timestamp is within the window until `at`
        expiries.delete(k);
      }
      if (expiries.has(key)) return false;
      // Only close to expiry order: a timestamp may be up to the window ahead of this clock, and
      // one such entry stops the walk above. When full, look at every entry before refusing
      // (at most once a second).
      if (expiries.size >= maxEntries) dropExpired(nowMs);
      if (expiries.size >= maxEntries) {
        // Forgetting a live nonce would let its request be replayed: refuse instead.
        throw new ApsError(503, "ServiceUnavailable", "Too many requests within the OAuth window; try again later.");
      }
      expiries.set(key, expiresAtMs);
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}

// One `name="value"` of the Authorization header (RFC 5849 §3.5.1): the value is an RFC 2617
// quoted string, so a comma or an escaped quote inside it does not end it. Empty list elements
// (",,") are allowed, as RFC 2617's #rule allows them.
const AUTH_PARAM = /[\s,]*([A-Za-z0-9_.~%-]+)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

/** The Authorization header's parameters (RFC 5849 §3.5.1), or null when it is not OAuth. */
export function authorizationParams(header) {
  if (typeof header !== "string" || !/^OAuth\s/i.test(header)) return null;
  const params = Object.create(null);
  const text = header.slice(6);
  AUTH_PARAM.lastIndex = 0;
  while (AUTH_PARAM.lastIndex < text.length) {
    const at = AUTH_PARAM.lastIndex;
    const m = AUTH_PARAM.exec(text);
    if (!m) {
      if (/^[\s,]*$/.test(text.slice(at))) break;
      return null;
    }
    const value = m[2].replace(/\\(.)/g, "$1");
    try {
      // realm is not percent-encoded (§3.5.1) and is not signed; every other name and value is.
      const name = decodeURIComponent(m[1]);
      params[name] = name === "realm" ? value : decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return params;
}

/**
 * Adds the query string's parameters, decoded as the form encoding says (§3.4.1.3.1); repeated
 * names keep every value. False when it holds a protocol parameter: the Authorization header
 * carries them, and §3.5 allows one way only.
 */
function queryParams(url, into) {
  const q = url.indexOf("?");
  if (q < 0) return true;
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    if (name.startsWith("oauth_")) return false;
    const had = into[name];
    into[name] = had === undefined ? [value] : [].concat(had, value);
  }
  return true;
}

/**
 * scheme://host[:port] as the base string URI wants it (§3.4.1.2): lower case, no default port;
 * null when it is not a URL's origin (a Host header such as "a b").
 */
function normalOrigin(origin) {
  try {
    const u = new URL(origin);
    return `${u.protocol}//${u.host}`.toLowerCase();
  } catch {
    return null;
  }
}

const sameText = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

const unauthorized = (message) => new ApsError(401, "Unauthorized", message);

/**
 * The request's problem as a 401 ApsError, or null when its signature, key and timestamp are
 * right. `origin` is the scheme and host the caller signed (the endpoint URL registered in APS);
 * the nonce is judged afterwards, once the signature shows the request is the caller's.
 */
function signatureProblem(request, auth, { consumerKey, consumerSecret, windowSeconds, origin }, nowMs) {
  if (!auth) return unauthorized("An OAuth 1.0a Authorization header is required.");
  if (auth.oauth_signature_method !== "HMAC-SHA1") return unauthorized("The OAuth signature method must be HMAC-SHA1.");
  if (auth.oauth_version !== undefined && auth.oauth_version !== "1.0") return unauthorized("The OAuth version must be 1.0.");
  if (typeof auth.oauth_nonce !== "string" || auth.oauth_nonce.length === 0 || auth.oauth_nonce.length > MAX_NONCE) {
    return unauthorized("The OAuth nonce is missing or too long.");
  }
  if (!sameText(auth.oauth_consumer_key ?? "", consumerKey)) return unauthorized("The OAuth consumer key is not this application's.");
  const ts = /^\d{1,12}$/.test(auth.oauth_timestamp ?? "") ? Number(auth.oauth_timestamp) : NaN;
  if (!(Math.abs(ts * 1000 - nowMs) <= windowSeconds * 1000)) {
    return unauthorized(`The OAuth timestamp is missing or more than ${windowSeconds} s away from this application's clock.`);
  }
  const params = Object.create(null);
  for (const [name, value] of Object.entries(auth)) if (name !== "realm" && name !== "oauth_signature") params[name] = value;
  if (!queryParams(request.url, params)) return unauthorized("OAuth parameters must be sent in the Authorization header only.");
  const signedOrigin = normalOrigin(origin ?? `${request.protocol}://${request.host}`);
  if (signedOrigin === null) return unauthorized("The request's Host header is not a host name, so its OAuth signature cannot be checked.");
  const path = request.url.split("?", 1)[0];
  const expected = oauthSign.hmacsign(request.method, `${signedOrigin}${path}`, params, consumerSecret, "");
  if (!sameText(auth.oauth_signature ?? "", expected)) return unauthorized("The OAuth signature is not valid.");
  return null;
}

/**
 * An onRequest hook answering 401 (with an APS body and WWW-Authenticate) to a request that is not
 * signed with the consumer key and secret, is outside the window of `windowSeconds` around
 * `clock()` (milliseconds), or repeats a nonce seen within it. `skip(request)` exempts a route.
 */
export function oauthCheck({ consumerKey, consumerSecret, windowSeconds = 300, origin, nonceStore = memoryNonceStore(), clock = Date.now, skip = () => false }) {
  const options = { consumerKey, consumerSecret, windowSeconds, origin };
  const refuse = (request, reply, done, err) => {
    if (err.statusCode === 401) {
      reply.header("www-authenticate", 'OAuth realm="aps"');
      request.log.warn({ reason: err.message }, "OAuth signature refused");
    }
    done(err);
  };
  return (request, reply, done) => {
    if (skip(request)) return done();
    const nowMs = clock();
    const auth = authorizationParams(request.headers.authorization);
    const problem = signatureProblem(request, auth, options, nowMs);
    if (problem) return refuse(request, reply, done, problem);
    // A nonce is unique per timestamp (§3.3); it is kept as long as its timestamp is acceptable.
    const key = `${auth.oauth_timestamp}:${auth.oauth_nonce}`;
    const judge = (fresh) => (fresh ? done() : refuse(request, reply, done, unauthorized("The OAuth nonce was already used.")));
    let fresh;
    try {
      fresh = nonceStore.add(key, Number(auth.oauth_timestamp) * 1000 + windowSeconds * 1000, nowMs);
    } catch (err) {
      return refuse(request, reply, done, err);
    }
    if (typeof fresh?.then === "function") fresh.then(judge, (err) => refuse(request, reply, done, err));
    else judge(fresh);
  };
}
