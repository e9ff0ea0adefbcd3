// Two hosts under the same load in alternated rounds (A B, B A, ...), the way `make bench`
// pairs its host rows: to compare two builds of the module (or two versions of the host) in one
// run, on a machine whose speed drifts. A profile aid (docs/host.md), not part of `make bench`:
//   node bench/host-pair.mjs <host dir A> <host dir B> [--rounds 7] [--seconds 2] [--target <account id>]
// Each host dir is a host/ with its node_modules (host/node_modules/aps-migratable links to
// ../../pkg, so a copy of host/ beside a copy of pkg/ runs that package). Both run their
// src/server.js with the file source, APS_STATIC=false, logs at info to /dev/null, on 127.0.0.1.
// The case is the allowed one of bench/run.mjs (--target aaaaaaaa-0000-4000-8000-000000000005: refused).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");
const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "7" }, seconds: { type: "string", default: "2" }, target: { type: "string", default: "aaaaaaaa-0000-4000-8000-000000000002" } },
});
if (positionals.length !== 2) {
  process.stderr.write("usage: node bench/host-pair.mjs <host dir A> <host dir B> [--rounds 7] [--seconds 2] [--target <account id>]\n");
  process.exit(2);
}
const HEADERS = { "content-type": "application/json", "aps-controller-uri": "https://controller.example/", "aps-transaction-id": "pair-1", "aps-instance-id": "pair" };
const PATH = "/mail/eeeeeeee-0000-4000-8000-000000000001/migrationPreCheck";

/** Starts one host on a free port; resolves with its endpoint's URL once it prints its banner. */
async function start(dir) {
  const env = { PATH: process.env.PATH, APS_HOST: "127.0.0.1", APS_PORT: "0", APS_STATIC: "false", APS_LOG_LEVEL: "info" };
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

/** Requests/s of one load run; any error or non-2xx answer stops the comparison. */
async function load(url, duration) {
  const body = JSON.stringify({ targetAccount: opts.target });
  const r = await autocannon({ url, method: "POST", headers: HEADERS, body, connections: 50, duration });
  if (r.errors || r.timeouts || r.non2xx) throw new Error(`${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx`);
  return r.requests.total / duration;
}

const median = (v) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
const hosts = [];
try {
  for (const dir of positionals) hosts.push(await start(resolve(dir)));
  for (const h of hosts) await load(h.url, 1); // JIT warm-up, not counted
  const rps = [[], []];
  const ratios = [];
  for (let i = 0; i < Number(opts.rounds); i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) rps[k].push(await load(hosts[k].url, Number(opts.seconds)));
    ratios.push(rps[0][i] / rps[1][i]);
  }
  const fmt = (v) => Math.round(median(v)).toLocaleString("en-US");
  console.log(`A ${fmt(rps[0])} req/s, B ${fmt(rps[1])} req/s (median rounds); A/B median ${median(ratios).toFixed(2)}×, rounds ${ratios.map((r) => r.toFixed(2)).join(", ")}`);
} finally {
  for (const h of hosts) {
    h.child.kill("SIGTERM");
    await once(h.child, "exit");
  }
}
