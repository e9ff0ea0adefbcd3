// Configuration from environment variables, each of which can also be given as a command-line
// flag: APS_TLS_CERT=... is the same as --tls-cert ... (flags win). Every problem is reported at
// once; the server does not start with any of them.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const hostDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every key, its default and what it is for (the README lists the same). */
export const KEYS = {
  APS_HOST: { default: "127.0.0.1", doc: "address to listen on" },
  APS_PORT: { default: "8080", doc: "port to listen on (0 picks a free one)" },
  APS_CONTEXT_SOURCE: { default: "file", doc: "where contexts come from: file or controller" },
  APS_DATA_FILE: { default: resolve(hostDir, "data/dataset.json"), doc: "data set of the file source" },
  APS_POLICY_FILE: { default: resolve(hostDir, "data/policy.json"), doc: "pre-check policy (JSON)" },
  APS_TLS_CERT: { default: "", doc: "server certificate (PEM); with APS_TLS_KEY turns on HTTPS" },
  APS_TLS_KEY: { default: "", doc: "server private key (PEM)" },
  APS_CONTROLLER_CERT: { default: "", doc: "saved controller certificate (PEM); required with TLS" },
  APS_CLIENT_CERT: { default: "", doc: "instance certificate (PEM) for calling the controller" },
  APS_CLIENT_KEY: { default: "", doc: "its private key (PEM)" },
  APS_CONTROLLER_CA: { default: "", doc: "CA (PEM) that signed the controller's HTTPS certificate; system CAs when empty" },
  APS_CONTROLLER_URI: { default: "", doc: "when set, APS-Controller-URI must equal it (controller source)" },
  APS_CONTROLLER_TIMEOUT_MS: { default: "5000", doc: "time for all controller calls of one request" },
  APS_CONTROLLER_MAPPING: { default: "", doc: "JSON file overriding the APS resource → context mapping (docs/host-controller.md)" },
  APS_CONTEXT_HOOKS: { default: "", doc: "JavaScript module supplying orders, dependents or billing (controller source; docs/host-controller.md)" },
  APS_STATIC: { default: "true", doc: "serve www/ at / and pkg/ at /pkg/" },
  APS_WWW_DIR: { default: resolve(hostDir, "../www"), doc: "the admin page directory" },
  APS_LOG_LEVEL: { default: "info", doc: "pino log level" },
  APS_SHUTDOWN_TIMEOUT_MS: { default: "10000", doc: "longest wait for requests in flight on SIGTERM" },
  APS_REQUEST_TIMEOUT_MS: { default: "30000", doc: "longest time for a whole request (headers and body) to arrive; 408 after (0: no limit)" },
  APS_OAUTH_CONSUMER_KEY: { default: "", doc: "OAuth 1.0a consumer key; with APS_OAUTH_CONSUMER_SECRET turns on the proxy mode's signature check" },
  APS_OAUTH_CONSUMER_SECRET: { default: "", doc: "OAuth 1.0a consumer secret" },
  APS_OAUTH_WINDOW_S: { default: "300", doc: "how far (seconds) a request's oauth_timestamp may be from the host's clock; nonces are kept as long" },
  APS_OAUTH_NONCE_MAX: { default: "100000", doc: "most nonces kept in memory; beyond it requests are answered 503" },
  APS_OAUTH_ORIGIN: { default: "", doc: "scheme://host[:port] the caller signs (the endpoint URL registered in APS); empty: the request's own" },
  APS_METRICS: { default: "false", doc: "serve Prometheus metrics at GET /metrics" },
  APS_WORKERS: { default: "1", doc: "server processes sharing the port (node:cluster); auto: one per available core" },
  APS_NOW: { default: "", doc: "fixes the host's clock at this RFC 3339 instant; for tests and demos (empty: the system clock)" },
};

export class ConfigError extends Error {
  constructor(problems) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** APS_TLS_CERT ⇄ --tls-cert */
const flagOf = (key) => `--${key.slice(4).toLowerCase().replaceAll("_", "-")}`;

function fromArgv(argv, problems) {
  const out = {};
  const byFlag = Object.fromEntries(Object.keys(KEYS).map((k) => [flagOf(k), k]));
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const key = byFlag[flag];
    if (!key) {
      problems.push(`unknown option ${argv[i]} (known: ${Object.keys(byFlag).join(", ")})`);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) problems.push(`${flag} needs a value`);
    else out[key] = value;
  }
  return out;
}

function int(raw, key, min, max, problems) {
  const n = Number(raw);
  if (!/^\d+$/.test(String(raw).trim()) || n < min || n > max) {
    problems.push(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    return min;
  }
  return n;
}

function bool(raw, key, problems) {
  const v = String(raw).trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  problems.push(`${key} must be true or false (got ${JSON.stringify(raw)})`);
  return false;
}

// An RFC 3339 instant: date, time and a UTC offset (the T and Z may be lower case).
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * APS_NOW as milliseconds since the epoch, or null when it is empty. Date.parse alone would take
 * 2026-02-30 for March 2 and 24:00 for the next day, so the instant must give back the same
 * date and time in its own offset.
 */
function instant(raw, key, problems) {
  if (!raw) return null;
  const m = RFC3339.exec(raw);
  const ms = m ? Date.parse(raw) : NaN;
  const offsetMs = m?.[3] ? (m[3] === "-" ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5])) * 60000 : 0;
  if (Number.isNaN(ms) || new Date(ms + offsetMs).toISOString().slice(0, 19) !== `${m[1]}T${m[2]}`) {
    problems.push(`${key} must be an RFC 3339 instant such as 2026-12-01T09:30:00Z (got ${JSON.stringify(raw)})`);
    return null;
  }
  return ms;
}

/** The OAuth mode's settings, or null when no consumer key and secret are set. */
function oauthOf(raw, problems) {
  const window = int(raw.APS_OAUTH_WINDOW_S, "APS_OAUTH_WINDOW_S", 1, 86400, problems);
  const nonceMax = int(raw.APS_OAUTH_NONCE_MAX, "APS_OAUTH_NONCE_MAX", 1, 10000000, problems);
  if (Boolean(raw.APS_OAUTH_CONSUMER_KEY) !== Boolean(raw.APS_OAUTH_CONSUMER_SECRET)) {
    problems.push("APS_OAUTH_CONSUMER_KEY and APS_OAUTH_CONSUMER_SECRET go together: set both or neither");
    return null;
  }
  if (!raw.APS_OAUTH_CONSUMER_KEY) return null;
  let origin;
  if (raw.APS_OAUTH_ORIGIN) {
    try {
      const u = new URL(raw.APS_OAUTH_ORIGIN);
      if (!["http:", "https:"].includes(u.protocol) || u.pathname !== "/" || u.search) throw new Error();
      origin = u.origin;
    } catch {
      problems.push(`APS_OAUTH_ORIGIN must be an http(s) scheme and host, such as https://apps.example.com:8443 (got ${JSON.stringify(raw.APS_OAUTH_ORIGIN)})`);
    }
  }
  return { consumerKey: raw.APS_OAUTH_CONSUMER_KEY, consumerSecret: raw.APS_OAUTH_CONSUMER_SECRET, windowSeconds: window, nonceMax, origin };
}

/** APS_WORKERS: a count, or "auto" for os.availableParallelism(). */
function workers(raw, problems) {
  if (String(raw).trim().toLowerCase() === "auto") return availableParallelism();
  return int(raw, "APS_WORKERS", 1, 256, problems);
}

/** Reads the configuration; throws ConfigError listing every problem. */
export function loadConfig({ env = process.env, argv = process.argv.slice(2) } = {}) {
  const problems = [];
  const flags = fromArgv(argv, problems);
  const raw = {};
  for (const [key, spec] of Object.entries(KEYS)) {
    const v = flags[key] ?? env[key];
    raw[key] = v === undefined || v === "" ? spec.default : v;
  }
  const file = (key) => {
    const v = raw[key];
    if (!v) return "";
    const path = resolve(v);
    if (!existsSync(path)) problems.push(`${key}: no such file ${path}`);
    return path;
  };

  const config = {
    host: raw.APS_HOST,
    port: int(raw.APS_PORT, "APS_PORT", 0, 65535, problems),
    contextSource: raw.APS_CONTEXT_SOURCE,
    dataFile: file("APS_DATA_FILE"),
    policyFile: file("APS_POLICY_FILE"),
    tls: null,
    controller: {
      clientCert: file("APS_CLIENT_CERT"),
      clientKey: file("APS_CLIENT_KEY"),
      ca: file("APS_CONTROLLER_CA"),
      uri: raw.APS_CONTROLLER_URI,
      timeoutMs: int(raw.APS_CONTROLLER_TIMEOUT_MS, "APS_CONTROLLER_TIMEOUT_MS", 1, 600000, problems),
      mappingFile: file("APS_CONTROLLER_MAPPING"),
      hooksFile: file("APS_CONTEXT_HOOKS"),
    },
    static: bool(raw.APS_STATIC, "APS_STATIC", problems),
    wwwDir: resolve(raw.APS_WWW_DIR),
    logLevel: raw.APS_LOG_LEVEL,
    shutdownTimeoutMs: int(raw.APS_SHUTDOWN_TIMEOUT_MS, "APS_SHUTDOWN_TIMEOUT_MS", 0, 600000, problems),
    requestTimeoutMs: int(raw.APS_REQUEST_TIMEOUT_MS, "APS_REQUEST_TIMEOUT_MS", 0, 600000, problems),
    now: instant(raw.APS_NOW, "APS_NOW", problems), // null: the system clock
    oauth: oauthOf(raw, problems),
    metrics: bool(raw.APS_METRICS, "APS_METRICS", problems),
    workers: workers(raw.APS_WORKERS, problems),
  };

  if (!["file", "controller"].includes(config.contextSource)) {
    problems.push(`APS_CONTEXT_SOURCE must be file or controller (got ${JSON.stringify(config.contextSource)})`);
  }
  if (!["fatal", "error", "warn", "info", "debug", "trace", "silent"].includes(config.logLevel)) {
    problems.push(`APS_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }

  const cert = file("APS_TLS_CERT");
  const key = file("APS_TLS_KEY");
  const controllerCert = file("APS_CONTROLLER_CERT");
  if (Boolean(raw.APS_TLS_CERT) !== Boolean(raw.APS_TLS_KEY)) {
    problems.push("APS_TLS_CERT and APS_TLS_KEY go together: set both or neither");
  } else if (raw.APS_TLS_CERT) {
    if (!raw.APS_CONTROLLER_CERT) problems.push("APS_CONTROLLER_CERT is required with TLS: the saved controller certificate that clients must present");
    config.tls = { cert, key, controllerCert };
  } else if (raw.APS_CONTROLLER_CERT) {
    problems.push("APS_CONTROLLER_CERT needs TLS (APS_TLS_CERT and APS_TLS_KEY): over plain HTTP no client certificate can be checked");
  }

  if (config.contextSource !== "controller" && raw.APS_CONTEXT_HOOKS) {
    problems.push("APS_CONTEXT_HOOKS is for the controller source (APS_CONTEXT_SOURCE=controller); the file source's data set has orders, dependents and billing itself");
  }
  if (config.contextSource === "controller") {
    if (!raw.APS_CLIENT_CERT || !raw.APS_CLIENT_KEY) {
      problems.push("the controller source needs APS_CLIENT_CERT and APS_CLIENT_KEY (the instance's certificate and key)");
    }
    if (config.controller.uri) {
      try {
        const u = new URL(config.controller.uri);
        if (u.protocol !== "https:") problems.push("APS_CONTROLLER_URI must be an https URI");
      } catch {
        problems.push(`APS_CONTROLLER_URI is not a URI (got ${JSON.stringify(config.controller.uri)})`);
      }
    }
  }
  if (config.static && !existsSync(config.wwwDir)) problems.push(`APS_WWW_DIR: no such directory ${config.wwwDir}`);

  if (problems.length) throw new ConfigError(problems);
  return config;
}
