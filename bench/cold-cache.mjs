// A check with cold caches, as in a server, where the HTTP parser, fastify, pino and the kernel
// run between two requests: before each call a buffer of <MiB> is touched (one byte in 64).
// The ways to check are interleaved call by call in this one process, so that a change of the
// machine's speed falls on all of them alike. A profile aid (docs/host.md, "The check alone,
// inside the same host"), not part of `make bench`:
//   node bench/cold-cache.mjs <MiB> <way>[:<package dir>] ...
// ways: json (checkJson of the text the host's file source builds), rule (the same with the
// host's sample policy, host/data/policy.json, whose custom rule reads the context), check (objects), ajv
// (ajv on contextSchema() + the JS rules of precheck-js.mjs, as bench/ajv-host.mjs), version
// (an export that only returns a string: the cost of the boundary alone). The package directory
// defaults to ../pkg; give two to compare two builds in one run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createFileSource } from "../host/src/sources/file.js";
import { compileFor, newAjv } from "./ajv-setup.mjs";
import { JsPreChecker } from "./precheck-js.mjs";

const [mib, ...ways] = process.argv.slice(2);
if (!(Number(mib) >= 0) || !ways.length) {
  process.stderr.write("usage: node bench/cold-cache.mjs <MiB> <json|rule|check|ajv|version>[:<package dir>] ...\n");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const files = createFileSource({ dataFile: new URL("../host/data/dataset.json", import.meta.url).pathname });
// The host's allowed case (bench/run.mjs HOST_CASES), with the built-in rules.
const call = { resourceId: "eeeeeeee-0000-4000-8000-000000000001", targetAccount: "aaaaaaaa-0000-4000-8000-000000000002", now: "2026-01-01T00:00:00Z" };
const body = JSON.stringify({ targetAccount: call.targetAccount });

function make(spec) {
  const [way, dir = "../pkg"] = spec.split(":");
  const m = require(dir);
  const checker = new m.PreChecker(null);
  if (way === "json") return () => checker.checkJson(body, files.buildContextJson(call));
  if (way === "rule") {
    const sample = new m.PreChecker(JSON.parse(readFileSync(new URL("../host/data/policy.json", import.meta.url), "utf8")));
    return () => sample.checkJson(body, files.buildContextJson(call));
  }
  if (way === "check") return () => checker.check(JSON.parse(body), files.buildContext(call));
  if (way === "version") return () => m.version();
  if (way === "ajv") {
    const valid = compileFor(newAjv(), m.contextSchema());
    const rules = new JsPreChecker({ locale: "en" });
    return () => {
      const context = files.buildContext(call);
      if (!valid(context)) throw new Error("ajv refused the context");
      return rules.check(JSON.parse(body), context);
    };
  }
  throw new Error(`unknown way ${way}`);
}

const fns = ways.map(make);
for (const fn of fns) {
  const answer = fn();
  if (typeof answer !== "string" && answer?.canMigrate !== true) throw new Error(`unexpected answer ${JSON.stringify(answer)}`);
}
const buffer = new Uint8Array(Number(mib) * 1048576);
const touch = () => {
  for (let i = 0; i < buffer.length; i += 64) buffer[i]++;
};
for (const fn of fns) for (let i = 0; i < 20_000; i++) fn(); // warm: every function optimised
const N = 5000;
const times = fns.map(() => new Float64Array(N));
for (let i = 0; i < N; i++) {
  for (let k = 0; k < fns.length; k++) {
    touch();
    const t = process.hrtime.bigint();
    fns[k]();
    times[k][i] = Number(process.hrtime.bigint() - t);
  }
}
ways.forEach((way, k) => {
  const sorted = times[k].sort();
  const us = (p) => (sorted[Math.floor(p * N)] / 1000).toFixed(2);
  console.log(`${way}: ${mib} MiB touched, per call p25 ${us(0.25)} µs, median ${us(0.5)} µs, p75 ${us(0.75)} µs`);
});
