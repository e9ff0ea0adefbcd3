// One cold start in a fresh Node process (run.mjs spawns it many times): the time from just before
// loading the code to the first pre-check result, printed as JSON on stdout.
//   node bench/cold-node.mjs wasm   require("pkg") (or the package directory in argv[4]),
//                                   new PreChecker(policy), first check()
//   node bench/cold-node.mjs ajv    require ajv + ajv-formats, compile contextSchema() (a JSON file
//                                   written by run.mjs, path in argv[3]), validate, first JS-rules check
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { REQUEST, ALLOWED_CONTEXT } from "./samples.mjs";

const require = createRequire(import.meta.url);
const [mode, schemaFile, pkgDir = "../pkg"] = process.argv.slice(2);
let result;
const parts = {}; // wasm: ms to load (require), to compile the policy (new PreChecker), for the first check
const t0 = process.hrtime.bigint();
if (mode === "wasm") {
  const m = require(pkgDir);
  const t1 = process.hrtime.bigint();
  const checker = new m.PreChecker({ locale: "en" });
  const t2 = process.hrtime.bigint();
  result = checker.check(REQUEST, ALLOWED_CONTEXT);
  parts.loadMs = Number(t1 - t0) / 1e6;
  parts.newMs = Number(t2 - t1) / 1e6;
} else {
  const Ajv = require("ajv");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, "utf8")));
  const { JsPreChecker } = await import("./precheck-js.mjs");
  if (!validate(ALLOWED_CONTEXT)) throw new Error("context rejected by ajv");
  result = new JsPreChecker({ locale: "en" }).check(REQUEST, ALLOWED_CONTEXT);
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
if (parts.loadMs !== undefined) parts.firstCheckMs = ms - parts.loadMs - parts.newMs;
process.stdout.write(JSON.stringify({ ms, ...parts, result }));
