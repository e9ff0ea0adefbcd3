#!/usr/bin/env node
// Soak of the reference host (`make soak`; not part of `make test`). On loopback only:
//
// 1. Starts `node host/src/server.js` on 127.0.0.1 and a free port (a child process).
// 2. Sends SOAK_REQUESTS (100,000) mixed requests at concurrency SOAK_CONCURRENCY (64): valid
//    allowed and refused pre-checks, malformed JSON, missing headers, wrong media type, unknown
//    resources, oversize bodies (declared and chunked), slow senders that dribble their body,
//    clients that disconnect mid-body, health probes. Every answer is checked against the status
//    its kind must get; a 5xx is never intended in this phase.
// 3. Samples the host's resident memory (/proc/PID/status VmRSS) every 200 ms. "Settled": the
//    highest RSS of the last quarter of the requests is at most 10% above the highest of the
//    second quarter (the first quarter is warm-up).
// 4. Under a fresh load (slow senders in flight plus a stream of requests), sends SIGTERM: every
//    request in flight must get its answer, later ones are refused (ECONNREFUSED) or answered 503
//    ServiceUnavailable (the intended 5xx), and the host must exit 0 within its deadline.
//
// Prints a summary table; exits 1 if any check fails.
//
// SOAK_OAUTH=1 (`make soak-oauth`): the host runs in OAuth 1.0a proxy mode on the system clock
// with a 2 s window. Every request is signed by oauth-1.0a (not the host's own library), and the
// mix adds wrong signatures, stale timestamps and replayed Authorization headers (nonce seen),
// each to be answered 401 with an APS body; the nonce store must keep memory settled too.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";

const TOTAL = Number(process.env.SOAK_REQUESTS ?? 100_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 64);
const LOG_LEVEL = process.env.SOAK_LOG_LEVEL ?? "info";
const RSS_SLACK = 1.1;
const OAUTH = process.env.SOAK_OAUTH === "1";
const KEY = "soak-consumer-key";
const SECRET = "soak-consumer-secret";
const OAUTH_ENV = OAUTH ? { APS_OAUTH_CONSUMER_KEY: KEY, APS_OAUTH_CONSUMER_SECRET: SECRET, APS_OAUTH_WINDOW_S: "2" } : {};
const server = fileURLToPath(new URL("../src/server.js", import.meta.url));

const A = (n) => `aaaaaaaa-0000-4000-8000-0000000000${n}`;
const R = (n) => `eeeeeeee-0000-4000-8000-0000000000${n}`;
const HEADERS = {
  "content-type": "application/json",
  "aps-controller-uri": "https://controller.example:6308/",
  "aps-instance-id": "0c5cb2f4-3a69-4c1a-9e59-5f0a4c1ac7a1",
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the host
function startHost() {
  const proc = spawn(process.execPath, [server, "--host", "127.0.0.1", "--port", "0"], {
    // APS_NOW: the "refused" mix includes the data set's scheduled Fusebill migration, a refusal
    // only until its date; a fixed clock keeps the soak's verdicts independent of the day it runs.
    // In OAuth mode the host's clock is the system's (the signatures' timestamps are); the
    // scheduled migration of the data set is in 2036, so the verdicts do not change with the day.
    env: { PATH: process.env.PATH, APS_LOG_LEVEL: LOG_LEVEL, APS_SHUTDOWN_TIMEOUT_MS: "10000", ...(OAUTH ? OAUTH_ENV : { APS_NOW: "2026-12-01T09:30:00Z" }) },
    stdio: ["ignore", "ignore", "pipe"], // JSON logs to /dev/null; the banner on stderr
  });
  let stderr = "";
  proc.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  const exited = new Promise((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${stderr}`)), 15000);
    proc.stderr.on("data", () => {
      const m = /endpoint:\s+POST (http:\/\/[^/\s]+)\//.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      const url = new URL(m[1]);
      resolve({ proc, exited, port: Number(url.port), stderr: () => stderr });
    });
    exited.then((e) => reject(new Error(`host exited (${e.code ?? e.signal}) before listening:\n${stderr}`)));
  });
}

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- one request
/**
 * Sends one request and resolves {status, body} or {error: code}. `body` is a string/Buffer
 * sent at once, or `chunks` are written `gapMs` apart; `abortAfter` chunks, the socket is
 * destroyed instead of ending the request.
 */
function send(port, agent, { method = "POST", path, headers = {}, body, chunks, gapMs = 0, abortAfter, timeoutMs = 30000, onSent, oauth = OAUTH ? "good" : undefined }) {
  const signed = oauth !== undefined && method === "POST" ? authorization(port, path, oauth) : undefined;
  if (signed !== undefined) headers = { ...headers, authorization: signed };
  return new Promise((resolve) => {
    let settled = false;
    const done = (r) => {
      if (!settled) {
        settled = true;
        if (oauth === "good" && r.status !== undefined && r.status !== 401) answered.set(path, signed);
        resolve(r);
      }
    };
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d) => (text += d));
      res.on("end", () => done({ status: res.statusCode, text, connection: res.headers.connection }));
      res.on("error", (e) => done({ error: e.code ?? e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    // reusedSocket: the request went out on a kept-alive connection (which the server may have
    // closed as idle at the same moment: Node's documented race, for the client to retry).
    req.on("error", (e) => done({ error: e.code ?? e.message, reused: req.reusedSocket }));
    if (chunks === undefined) {
      req.end(body);
      onSent?.();
      return;
    }
    let i = 0;
    const next = () => {
      if (settled) return;
      if (abortAfter !== undefined && i === abortAfter) {
        req.destroy();
        done({ aborted: true });
        return;
      }
      if (i === chunks.length) {
        req.end();
        return;
      }
      req.write(chunks[i++]);
      if (i === 1) onSent?.();
      setTimeout(next, gapMs);
    };
    req.flushHeaders();
    next();
  });
}

// ---------------------------------------------------------------- OAuth signatures
const client = (secret) => OAuth({ consumer: { key: KEY, secret }, signature_method: "HMAC-SHA1", hash_function: (base, k) => createHmac("sha1", k).update(base).digest("base64") });
const goodClient = client(SECRET);
const wrongClient = client("not-the-secret");
const staleClient = client(SECRET);
staleClient.getTimeStamp = () => Math.floor(Date.now() / 1000) - 60;
// The Authorization header of the last good request the host has answered, by path: replaying
// it must be refused (its nonce was seen, or by now its timestamp is out of the window).
const answered = new Map();
/** The Authorization header of a request to `path`: good, wrong, stale, or a replayed one. */
function authorization(port, path, kind) {
  const sign = (c) => c.toHeader(c.authorize({ url: `http://127.0.0.1:${port}${path}`, method: "POST" })).Authorization;
  if (kind === "wrong") return sign(wrongClient);
  if (kind === "stale") return sign(staleClient);
  // Before any answer, a replay has nothing to replay: a wrong signature stands in (also 401).
  if (kind === "replay") return answered.get(path) ?? sign(wrongClient);
  return sign(goodClient);
}
const unauthorized = (r) => r.text.startsWith('{"code":401,"type":"Unauthorized","message":"The OAuth');

// ---------------------------------------------------------------- the mix
const op = (resource) => `/mail/${resource}/migrationPreCheck`;
const json = (v) => JSON.stringify(v);
const split = (text, n) => {
  const size = Math.ceil(text.length / n);
  return Array.from({ length: n }, (_, i) => text.slice(i * size, (i + 1) * size)).filter(Boolean);
};
const OVERSIZE = json({ targetAccount: A("02"), pad: "x".repeat(80 * 1024) });
const REFUSALS = [
  [R("01"), A("01")], [R("01"), A("99")], [R("01"), A("03")], [R("01"), A("04")], [R("01"), A("05")],
  [R("02"), A("02")], [R("03"), A("02")], [R("04"), A("02")], [R("05"), A("02")], [R("06"), A("02")],
  [R("07"), A("02")], [R("08"), A("02")], [R("10"), A("02")],
];

// [kind, weight, make(i) → request options, expected statuses ("aborted" for an abort)]
const KINDS = [
  ["allowed", 30, () => ({ path: op(R("01")), headers: HEADERS, body: json({ targetAccount: A("02") }) }), [200], (r) => r.text === '{"canMigrate":true}'],
  ["refused", 30, (i) => {
    const [resource, target] = REFUSALS[i % REFUSALS.length];
    return { path: op(resource), headers: HEADERS, body: json({ targetAccount: target }) };
  }, [200], (r) => r.text.startsWith('{"canMigrate":false,"message":"')],
  ["refused: bad migration set", 3, (i) => ({ path: op(R("01")), headers: HEADERS, body: [json({}), json({ targetAccount: 7 }), "[]", "null", json({ targetAccount: "x" })][i % 5] }), [200], (r) => r.text.startsWith('{"canMigrate":false')],
  ["malformed JSON", 8, (i) => ({ path: op(R("01")), headers: HEADERS, body: ['{"targetAccount": ', "{oops}", '{"a":1}}', "", '{"__proto__": {"x": 1}}'][i % 5] }), [400]],
  ["missing headers", 6, (i) => {
    const headers = { ...HEADERS };
    delete headers[i % 2 ? "aps-controller-uri" : "aps-instance-id"];
    return { path: op(R("01")), headers, body: json({ targetAccount: A("02") }) };
  }, [400], (r) => r.text.includes('"MissingHeader"')],
  ["wrong media type", 3, () => ({ path: op(R("01")), headers: { ...HEADERS, "content-type": "text/plain" }, body: "hello" }), [415]],
  ["unknown resource", 3, (i) => ({ path: op(i % 2 ? "not-an-id" : R("77")), headers: HEADERS, body: json({ targetAccount: A("02") }) }), [404]],
  ["oversize body (declared)", 4, () => ({ path: op(R("01")), headers: HEADERS, body: OVERSIZE }), [413]],
  // The host answers 413 as soon as the body passes the limit and may close the connection
  // without reading the rest (RFC 9110, 15.5.14); a client still writing chunks then sees
  // EPIPE or ECONNRESET before it reads the answer. Both are the limit working.
  ["oversize body (chunked)", 2, () => ({ path: op(R("01")), headers: { ...HEADERS, "transfer-encoding": "chunked" }, chunks: split(OVERSIZE, 8), gapMs: 1 }), [413, "error EPIPE", "error ECONNRESET"]],
  ["slow sender", 4, (i) => ({ path: op(R("01")), headers: HEADERS, chunks: split(json({ targetAccount: A(i % 2 ? "02" : "05") }), 6), gapMs: 40 }), [200]],
  ["disconnect mid-body", 4, (i) => {
    const body = json({ targetAccount: A("02"), pad: "y".repeat(2000) });
    return { path: op(R("01")), headers: { ...HEADERS, "content-length": String(Buffer.byteLength(body)) }, chunks: split(body, 4), gapMs: 5, abortAfter: 1 + (i % 2) };
  }, ["aborted"]],
  ["health", 3, () => ({ method: "GET", path: "/health" }), [200]],
  ...(OAUTH
    ? [
        ["oauth: wrong signature", 3, () => ({ path: op(R("01")), headers: HEADERS, body: json({ targetAccount: A("02") }), oauth: "wrong" }), [401], unauthorized],
        ["oauth: stale timestamp", 3, () => ({ path: op(R("01")), headers: HEADERS, body: json({ targetAccount: A("02") }), oauth: "stale" }), [401], unauthorized],
        // The header of the last good request to the same path, sent again (its nonce is seen).
        ["oauth: replayed", 3, () => ({ path: op(R("01")), headers: HEADERS, body: json({ targetAccount: A("02") }), oauth: "replay" }), [401], unauthorized],
      ]
    : []),
];
const WHEEL = KINDS.flatMap((k) => Array(k[1]).fill(k));

function record(stats, kind, r, expected, check) {
  const s = (stats[kind] ??= { n: 0, ok: 0, statuses: {}, bad: [] });
  s.n++;
  const key = r.aborted ? "aborted" : r.error ? `error ${r.error}` : String(r.status);
  s.statuses[key] = (s.statuses[key] ?? 0) + 1;
  const fine = (r.aborted && expected.includes("aborted")) || (r.error !== undefined && expected.includes(key)) || (r.status !== undefined && expected.includes(r.status) && (!check || check(r)));
  if (fine) s.ok++;
  else if (s.bad.length < 3) s.bad.push(`${key} ${String(r.text ?? "").slice(0, 120)}`);
  return fine;
}

// ---------------------------------------------------------------- phase 1: the soak
async function soak(host) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const stats = {};
  const samples = [];
  let next = 0;
  let completed = 0;
  const sampler = setInterval(() => samples.push({ completed, rssKb: rssKb(host.proc.pid), t: Date.now() }), 200);
  const started = Date.now();
  const worker = async () => {
    while (next < TOTAL) {
      const i = next++;
      const [kind, , make, expected, check] = WHEEL[(i * 7919) % WHEEL.length];
      const r = await send(host.port, agent, make(i));
      record(stats, kind, r, expected, check);
      completed++;
      if (completed % 20000 === 0) process.stderr.write(`  ${completed} requests\n`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  samples.push({ completed, rssKb: rssKb(host.proc.pid), t: Date.now() });
  agent.destroy();
  return { stats, samples, seconds };
}

function quarters(samples) {
  const q = [[], [], [], []];
  for (const s of samples) {
    if (s.rssKb === null) continue;
    q[Math.min(3, Math.floor((s.completed / TOTAL) * 4))].push(s.rssKb);
  }
  return q.map((list) => ({ max: Math.max(...list), min: Math.min(...list), n: list.length }));
}

// ---------------------------------------------------------------- phase 2: SIGTERM under load
async function drain(host) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let sigtermAt = Infinity;
  const inFlight = []; // requests whose first bytes went out before SIGTERM
  const after = []; // requests started after SIGTERM
  let stop = false;
  const results = { inFlight: {}, after: {} };
  const count = (bucket, r) => {
    const key = r.aborted ? "aborted" : r.error ? `error ${r.error}${r.reused ? " (kept-alive socket)" : ""}` : String(r.status);
    bucket[key] = (bucket[key] ?? 0) + 1;
  };
  // 32 slow senders (about 1 s each) that will be mid-body at SIGTERM.
  for (let i = 0; i < 32; i++) {
    let sentAt = Infinity;
    const p = send(host.port, agent, { path: op(R("01")), headers: HEADERS, chunks: split(json({ targetAccount: A("02") }), 20), gapMs: 50, onSent: () => (sentAt = Date.now()) })
      .then((r) => ({ r, sentAt, slow: true }));
    inFlight.push(p);
  }
  // A stream of fast requests on 32 workers, before and after SIGTERM.
  const stream = async (w) => {
    for (let i = 0; !stop; i++) {
      let sentAt = Infinity;
      const [, , make] = KINDS[i % 2];
      const r = await send(host.port, agent, { ...make(i + w), onSent: () => (sentAt = Date.now()) });
      if (sentAt < sigtermAt) inFlight.push(Promise.resolve({ r, sentAt }));
      // Sent within 100 ms of the signal: the host may not have handled it yet.
      else if (sentAt - sigtermAt < 100 && r.status === 200) inFlight.push(Promise.resolve({ r, sentAt, early: true }));
      else after.push(Promise.resolve({ r, sentAt }));
      if (sentAt >= sigtermAt && (r.error === "ECONNREFUSED" || r.error === "ECONNRESET")) await sleep(20);
    }
  };
  const streams = Array.from({ length: 32 }, (_, w) => stream(w));
  await sleep(300);
  sigtermAt = Date.now();
  host.proc.kill("SIGTERM");
  const exit = await host.exited;
  await sleep(200); // keep knocking for a moment after the exit
  stop = true;
  await Promise.all(streams);
  agent.destroy();
  const done = await Promise.all(inFlight);
  let slowOk = 0;
  for (const { r, slow } of done) {
    count(results.inFlight, r);
    if (slow && r.status === 200 && r.text === '{"canMigrate":true}') slowOk++;
  }
  for (const p of after) count(results.after, (await p).r);
  return { exit, exitAfterMs: exit.at - sigtermAt, results, slowOk, inFlightCount: done.length, early: done.filter((d) => d.early).length };
}

// ---------------------------------------------------------------- main
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  return ok ? "yes" : "NO";
};
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

const host = await startHost();
const rssStart = rssKb(host.proc.pid);
process.stderr.write(`soak: host pid ${host.proc.pid} on 127.0.0.1:${host.port}; ${TOTAL} requests at concurrency ${CONCURRENCY} (logs at ${LOG_LEVEL})\n`);
let crashed = null;
host.exited.then((e) => (crashed ??= e));
const { stats, samples, seconds } = await soak(host);
const alive = crashed === null;
const health = alive ? await send(host.port, undefined, { method: "GET", path: "/health" }) : { error: "host gone" };

const rows = Object.entries(stats).map(([kind, s]) => [kind, s.n, s.ok, Object.entries(s.statuses).map(([k, n]) => `${k}×${n}`).join(" "), s.bad.join(" | ")]);
const total = rows.reduce((a, r) => a + r[1], 0);
const wrong = rows.reduce((a, r) => a + (r[1] - r[2]), 0);
const fiveXx = Object.values(stats).reduce((a, s) => a + Object.entries(s.statuses).filter(([k]) => /^5\d\d$/.test(k)).reduce((b, [, n]) => b + n, 0), 0);
const q = quarters(samples);
const peak = Math.max(...samples.map((s) => s.rssKb ?? 0));
const settled = q[3].max <= q[1].max * RSS_SLACK;

console.log(`\nphase 1: ${total} requests in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} req/s) at concurrency ${CONCURRENCY}`);
console.log("| kind | requests | as expected | answers |");
console.log("|---|---:|---:|---|");
for (const [kind, n, ok, statuses, bad] of rows) console.log(`| ${kind} | ${n} | ${ok} | ${statuses}${bad ? ` (unexpected: ${bad})` : ""} |`);
console.log(`\nresident memory (VmRSS): start ${mb(rssStart)}, peak ${mb(peak)}; max per quarter of the requests: ${q.map((x) => mb(x.max)).join(", ")}`);
console.log(`settled: last quarter's max ${mb(q[3].max)} vs second quarter's max ${mb(q[1].max)} (×${(q[3].max / q[1].max).toFixed(3)}, limit ×${RSS_SLACK})`);

const drained = alive ? await drain(host) : null;
if (drained) {
  const fmt = (o) => Object.entries(o).map(([k, n]) => `${k}×${n}`).join(" ");
  console.log(`\nphase 2: SIGTERM under load: exit code ${drained.exit.code ?? drained.exit.signal} ${drained.exitAfterMs} ms after SIGTERM`);
  console.log(`  in flight at SIGTERM (${drained.inFlightCount}, incl. ${drained.early} sent < 100 ms after it and answered): ${fmt(drained.results.inFlight)}; slow senders completed with 200: ${drained.slowOk}/32`);
  console.log(`  started after SIGTERM: ${fmt(drained.results.after)}`);
}

const inFlightOk = drained && Object.keys(drained.results.inFlight).every((k) => k === "200");
// After SIGTERM: 503 ServiceUnavailable, a refused connection, or a reset of a kept-alive
// connection that the host closed as idle at that moment (the request never reached it).
const afterOk = drained && Object.keys(drained.results.after).every((k) => ["503", "error ECONNREFUSED", "error ECONNRESET (kept-alive socket)"].includes(k));
console.log("\n| check | result |");
console.log("|---|---|");
console.log(`| every answer as its kind expects (${total - wrong}/${total}) | ${check(wrong === 0, `${wrong} unexpected answers`)} |`);
console.log(`| no 5xx during the soak (${fiveXx}) | ${check(fiveXx === 0, `${fiveXx} 5xx answers`)} |`);
console.log(`| host alive after the soak, /health 200 | ${check(alive && health.status === 200, `host crashed: ${JSON.stringify(crashed)} / health ${JSON.stringify(health)}`)} |`);
console.log(`| resident memory settled | ${check(settled, `RSS grew: ${q.map((x) => mb(x.max)).join(", ")}`)} |`);
if (drained) {
  console.log(`| SIGTERM: requests in flight answered 200 | ${check(inFlightOk && drained.slowOk === 32, `in flight: ${JSON.stringify(drained.results.inFlight)}`)} |`);
  console.log(`| SIGTERM: later requests refused, reset on an idle kept-alive connection, or 503 | ${check(afterOk, `after SIGTERM: ${JSON.stringify(drained.results.after)}`)} |`);
  console.log(`| SIGTERM: exit 0 | ${check(drained.exit.code === 0, `exit ${JSON.stringify(drained.exit)}`)} |`);
} else {
  check(false, "no SIGTERM phase: the host was gone");
}
if (failures.length) {
  console.log(`\nsoak FAILED:\n  - ${failures.join("\n  - ")}`);
  if (host.proc.exitCode === null) host.proc.kill("SIGKILL");
  process.exit(1);
}
console.log("\nsoak passed");
