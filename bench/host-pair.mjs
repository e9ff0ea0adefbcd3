// Two hosts under the same load in alternated rounds (A B, B A, ...), the way `make bench`
// pairs its host rows: to compare two builds of the module (or two versions of the host) in one
// run, on a machine whose speed drifts. A profile aid (docs/host.md), not part of `make bench`:
//   node bench/host-pair.mjs <host dir A> <host dir B> [--rounds 7] [--seconds 2] [--target <account id>]
//                            [--env-a NAME=VALUE ...] [--env-b NAME=VALUE ...]
// Each host dir is a host/ with its node_modules (host/node_modules/aps-migratable links to
// ../../pkg, so a copy of host/ beside a copy of pkg/ runs that package). Both run their
// src/server.js with the file source, APS_STATIC=false, logs at info to /dev/null, on 127.0.0.1,
// plus the settings of --env-a / --env-b (e.g. --env-a APS_LOG_LEVEL=warn: the same host without
// its per-request log lines). Printed: each side's requests/s and its server's CPU per request,
// and the medians of the rounds' ratios A/B.
// The case is the allowed one of bench/run.mjs (--target aaaaaaaa-0000-4000-8000-000000000005: refused).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "7" },
    seconds: { type: "string", default: "2" },
    target: { type: "string", default: "aaaaaaaa-0000-4000-8000-000000000002" },
    "env-a": { type: "string", multiple: true, default: [] },
    "env-b": { type: "string", multiple: true, default: [] },
  },
});
if (positionals.length !== 2) {
  process.stderr.write("usage: node bench/host-pair.mjs <host dir A> <host dir B> [--rounds 7] [--seconds 2] [--target <account id>]\n");
  process.exit(2);
}
const HEADERS = { "content-type": "application/json", "aps-controller-uri": "https://controller.example/", "aps-transaction-id": "pair-1", "aps-instance-id": "pair" };
const PATH = "/mail/eeeeeeee-0000-4000-8000-000000000001/migrationPreCheck";

/** NAME=VALUE settings as an object. */
const settings = (list) => Object.fromEntries(list.map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)]));

/** Starts one host on a free port; resolves with its endpoint's URL once it prints its banner. */
async function start(dir, extra) {
  const env = { PATH: process.env.PATH, APS_HOST: "127.0.0.1", APS_PORT: "0", APS_STATIC: "false", APS_LOG_LEVEL: "info", ...extra };
  const child = spawn(process.execPath, [join(dir, "src", "server.js")], { cwd: dir, env, stdio: ["ignore", "ignore", "pipe"] });
  let banner = "";
  child.stderr.setEncoding("utf8");
  for await (const chunk of child.stderr) {
    banner += chunk;
    const m = /endpoint:\s+POST (https?:\/\/[^/\s]+)\//.exec(banner);
    if (m) return { child, url: m[1] + PATH };
  }
  throw new Error(`${dir}: the host did not start: ${banner.trim().slice(0, 300)}`);
}

/** CPU time (user + system) of a process so far, in µs (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * One load run: requests/s, and the server's CPU per request (µs), which the machine's drift
 * moves less than requests/s. Any error or non-2xx answer stops the comparison.
 */
async function load(host, duration) {
  const body = JSON.stringify({ targetAccount: opts.target });
  const before = cpuUs(host.child.pid);
  const r = await autocannon({ url: host.url, method: "POST", headers: HEADERS, body, connections: 50, duration });
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`${host.url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  return { rps: r.requests.total / duration, cpu: (cpuUs(host.child.pid) - before) / r.requests.total };
}

const median = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
const hosts = [];
try {
  const extra = [settings(opts["env-a"]), settings(opts["env-b"])];
  for (const [k, dir] of positionals.entries()) hosts.push(await start(resolve(dir), extra[k]));
  for (const h of hosts) await load(h, 1); // JIT warm-up, not counted
  const runs = [[], []];
  for (let i = 0; i < Number(opts.rounds); i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) runs[k].push(await load(hosts[k], Number(opts.seconds)));
  }
  const rps = (k) => Math.round(median(runs[k].map((r) => r.rps))).toLocaleString("en-US");
  const cpu = (k) => median(runs[k].map((r) => r.cpu)).toFixed(1);
  const ratios = (f) => runs[0].map((r, i) => f(r) / f(runs[1][i]));
  const line = (v) => `median ${median(v).toFixed(2)}×, rounds ${v.map((r) => r.toFixed(2)).join(", ")}`;
  console.log(`A ${rps(0)} req/s, ${cpu(0)} µs of server CPU a request; B ${rps(1)} req/s, ${cpu(1)} µs (medians of the rounds)`);
  console.log(`A/B requests/s: ${line(ratios((r) => r.rps))}`);
  console.log(`A/B server CPU a request: ${line(ratios((r) => r.cpu))}`);
} finally {
  for (const h of hosts) {
    h.child.kill("SIGTERM");
    await once(h.child, "exit");
  }
}
