// Test helpers: the real host as a child process, HTTP(S) calls, certificates made with openssl,
// and a small stand-in APS controller. No test file: nothing runs on import.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const hostDir = fileURLToPath(new URL("..", import.meta.url));
export const server = join(hostDir, "src/server.js");

export const A = (n) => `aaaaaaaa-0000-4000-8000-0000000000${n}`; // accounts of the data set
export const R = (n) => `eeeeeeee-0000-4000-8000-0000000000${n}`; // resources the controller calls
export const S = (n) => `55555555-0000-4000-8000-0000000000${n}`; // subscriptions
/** The instant the tests pin the host's clock at (APS_NOW) wherever a date is judged. */
export const NOW = "2026-12-01T09:30:00Z";
export const CONTROLLER_HEADERS = { "APS-Controller-URI": "https://controller.example:6308/", "APS-Instance-ID": "0c5cb2f4-3a69-4c1a-9e59-5f0a4c1ac7a1" };

/** A host's environment for the controller source, with the test certificates of `makeCerts`. */
export function controllerEnv(certs, extra = {}) {
  return {
    APS_CONTEXT_SOURCE: "controller",
    APS_CLIENT_CERT: certs.instance.cert,
    APS_CLIENT_KEY: certs.instance.key,
    APS_CONTROLLER_CA: certs.ca,
    ...extra,
  };
}

export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), "aps-host-test-"));
  t?.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The variables of a clock faked for the whole run (`faketime` preloads libfaketime): the host
 * shares the tests' clock, as it would if the system clock itself were off. Nothing else of the
 * tests' environment reaches the host.
 */
const clockEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k === "LD_PRELOAD" || k.startsWith("FAKETIME")));

/**
 * Starts `node host/src/server.js` on a free loopback port. Resolves once it listens, with
 * {origin, proc, exited, logs() (stdout JSON lines), waitForLog(match), stderr(), stop(signal) →
 * exit code}. With `expectExit`, resolves with {code, stdout, stderr} when the process ends instead.
 */
export function startHost(t, { env = {}, args = [], expectExit = false } = {}) {
  const proc = spawn(process.execPath, [server, ...args], {
    env: { ...clockEnv(), PATH: process.env.PATH, APS_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  proc.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  // "close", not "exit": only then has all of its output been read (after "exit" the last log
  // lines, e.g. "stopped", can still be in the pipe).
  const exited = new Promise((resolve) => proc.on("close", (code, signal) => resolve(code ?? signal)));
  t?.after(async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill("SIGKILL");
      await exited;
    }
  });
  if (expectExit) return exited.then((code) => ({ code, stdout, stderr }));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${stderr}`)), 15000);
    const onData = () => {
      const m = /endpoint:\s+POST (https?:\/\/[^/\s]+)\//.exec(stderr);
      if (!m) return;
      clearTimeout(timer);
      proc.stderr.off("data", onData);
      const logs = () => stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
      resolve({
        origin: m[1],
        proc,
        exited,
        logs,
        /**
         * Resolves with the first log line for which `match(line)` is true, as soon as the host
         * has written it; rejects if the host's output ends without one.
         */
        waitForLog: (match) => new Promise((found, missing) => {
          const look = () => {
            const line = logs().find(match);
            if (!line) return false;
            proc.stdout.off("data", look);
            found(line);
            return true;
          };
          if (look()) return;
          proc.stdout.on("data", look);
          exited.then(() => look() || missing(new Error(`the host exited without logging it:\n${stdout}`)));
        }),
        stderr: () => stderr,
        stop: async (signal = "SIGTERM") => {
          proc.kill(signal);
          return exited;
        },
      });
    };
    proc.stderr.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before listening:\n${stderr}`));
    });
  });
}

/** One HTTP(S) request: resolves {status, headers, text, json}; `tls` adds https options (ca, cert, key). */
export function call(origin, { method = "POST", path = "/", headers = {}, body, tls, agent = false, timeoutMs = 10000 } = {}) {
  const url = new URL(origin);
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    // `path` goes out as written (no URL normalisation), so traversal attempts reach the server.
    const options = { hostname: url.hostname, port: url.port, path, method, headers, agent, ...(tls ?? {}) };
    const req = lib.request(options, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d) => (text += d));
      res.on("end", () => {
        let json;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Bytes written as they are on one TCP connection to `origin` (plain HTTP), for requests no
 * HTTP client would send. `halfClose` ends the sending side after them. Resolves, once the
 * server has closed the connection, with every response read: [{status, headers, text, json}].
 */
export function rawExchange(origin, bytes, { halfClose = false } = {}) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (halfClose) socket.end();
    });
    const chunks = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => resolve(parseResponses(Buffer.concat(chunks).toString("latin1"))));
  });
}

/** HTTP/1.1 responses one after the other, each framed by its Content-Length. */
function parseResponses(text) {
  const out = [];
  while (text.length) {
    const end = text.indexOf("\r\n\r\n");
    const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
    const length = Number(headers["content-length"]);
    const body = text.slice(end + 4, end + 4 + length);
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    out.push({ status: Number(statusLine.split(" ")[1]), headers, text: body, json });
    text = text.slice(end + 4 + length);
  }
  return out;
}

/** The controller's call: POST /<service>/<resourceId>/migrationPreCheck with JSON and the APS headers. */
export function precheck(origin, resourceId, body, { headers = {}, tls, raw, agent } = {}) {
  return call(origin, {
    agent,
    path: `/mail/${resourceId}/migrationPreCheck`,
    headers: { "content-type": "application/json", ...CONTROLLER_HEADERS, ...headers },
    body: raw ?? JSON.stringify(body),
    tls,
  });
}

/**
 * Certificates for the tests, made by openssl in `dir`: a CA and, signed by it, the host's and
 * the stand-in controller's server certificates (for 127.0.0.1), the controller's client
 * certificate, an instance certificate, and a "wrong" client certificate. Returns PEM paths.
 */
export function makeCerts(dir) {
  const ssl = (...args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  ssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=aps-host-test-ca");
  const names = { host: "127.0.0.1", controllerServer: "127.0.0.1", controllerClient: "APSC", wrongClient: "not-the-controller", instance: "instance" };
  const out = { ca: join(dir, "ca.crt") };
  for (const [name, cn] of Object.entries(names)) {
    ssl("req", "-x509", ...ec, "-CA", "ca.crt", "-CAkey", "ca.key", "-keyout", `${name}.key`, "-out", `${name}.crt`,
      "-days", "2", "-subj", `/CN=${cn}`, "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    out[name] = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  }
  return out;
}

export const pem = (path) => readFileSync(path);

/**
 * A stand-in APS controller: HTTPS on 127.0.0.1 that requires a client certificate signed by
 * the test CA, and answers GET /aps/2/resources/{id} and /aps/2/resources/{id}/{name} from
 * `resources` ({id: resource}), `links` ({id: {relation: [ids]}}: a relation answers a list of
 * resources) and `operations` ({id: {operation: body}}: a custom operation called with GET).
 * Any other relation is answered 404.
 *
 * `calls` records what was asked, with the caller's CN, and each call's `ended`: a promise of
 * "answered", or "abandoned" when the caller closed the connection before the answer.
 * `waitForCalls(n)` resolves once `n` calls have arrived. While `hold` is true, answers wait
 * until `release()`, or `answerHeld()` (which sends those held so far and keeps holding); held
 * and never released, the controller hangs. `failWith` answers every call with that status and
 * a JSON error; `answer(url)` may return a raw answer for a call ({status, type, body}: any
 * text, not necessarily JSON), or "hang" to leave that call unanswered, taken before anything else.
 */
export async function standInController(t, certs, { resources = {}, links = {}, operations = {} } = {}) {
  const held = [];
  const waiters = [];
  const state = {
    resources,
    links,
    operations,
    hold: false,
    failWith: 0,
    answer: () => undefined,
    calls: [],
    waitForCalls: (n) => new Promise((resolve) => (state.calls.length >= n ? resolve() : waiters.push({ n, resolve }))),
    release() {
      state.hold = false;
      held.splice(0).forEach((send) => send());
    },
    answerHeld() {
      held.splice(0).forEach((send) => send());
    },
  };
  const srv = https.createServer({
    cert: pem(certs.controllerServer.cert),
    key: pem(certs.controllerServer.key),
    ca: pem(certs.ca),
    requestCert: true,
    rejectUnauthorized: true,
  }, (req, res) => {
    const peer = req.socket.getPeerCertificate();
    const ended = new Promise((resolve) => res.on("close", () => resolve(res.writableFinished ? "answered" : "abandoned")));
    state.calls.push({ method: req.method, url: req.url, transactionId: req.headers["aps-transaction-id"], clientCN: peer?.subject?.CN, ended });
    for (const w of waiters.filter((w) => state.calls.length >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    const reply = (status, type, body) => {
      const send = () => {
        if (res.destroyed) return; // the caller gave up while the answer was held
        res.writeHead(status, { "content-type": type });
        res.end(body);
      };
      if (state.hold) held.push(send);
      else send();
    };
    const answer = (status, body) => reply(status, "application/json", JSON.stringify(body));
    const raw = state.answer(req.url);
    if (raw === "hang") return;
    if (raw) return reply(raw.status, raw.type ?? "application/json", raw.body);
    if (state.failWith) return answer(state.failWith, { error: "Exception", message: "controller failure" });
    const m = /^\/aps\/2\/resources\/([^/?]+)(?:\/([^/?]+))?$/.exec(req.url);
    if (req.method !== "GET" || !m) return answer(404, { error: "NotFound", message: "no such path" });
    const [, id, relation] = m.map((s) => (s === undefined ? s : decodeURIComponent(s)));
    const resource = state.resources[id];
    if (!resource) return answer(404, { error: "ResourceNotFound", message: `Resource ${id} not found` });
    if (!relation) return answer(200, resource);
    const operation = state.operations[id]?.[relation];
    if (operation !== undefined) return answer(200, operation);
    const ids = state.links[id]?.[relation];
    if (!ids) return answer(404, { error: "RelationNotFound", message: `Relation ${relation} not found` });
    return answer(200, ids.map((i) => state.resources[i]));
  });
  await new Promise((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const close = () => {
    srv.closeAllConnections();
    return new Promise((resolve) => srv.close(() => resolve()));
  };
  t?.after(close);
  state.uri = `https://127.0.0.1:${srv.address().port}/`;
  state.close = close;
  return state;
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort() {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

export function writeJson(dir, name, value) {
  const path = join(dir, name);
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
  return path;
}
