// How a golden case is played through the package, shared by the recorder (record.mjs) and the
// test (tests/js/golden.test.mjs) so that both call the API in exactly the same way; and the
// golden files' text format.
//
// A case is {name, call, args, output}. `call` names an entry of CALLS; each entry lists one or
// more ways to reach the same behaviour (e.g. validate() and new Validator().validate()), and
// every way must give the recorded output. Arguments are JSON, except a top-level argument
// written {"$js": kind} (a JS value JSON cannot hold: undefined, a cyclic object, ...) or
// {"$rawText": text} (JSON text whose numbers reach the module exactly as written, through
// JSON.rawJSON: the only way besides NDJSON to hand it `1.0`, `1e0` or `-0`).
//
// Run as a script, `node --harmony-json-parse-with-source tests/golden/replay.mjs FILE` prints
// the outputs of every case of FILE, every way: the test uses it on Node versions (20) that
// have JSON.rawJSON only behind that flag.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** True when this Node has JSON.rawJSON (Node 22+, or 20 with --harmony-json-parse-with-source). */
export const hasRawJson = typeof JSON.rawJSON === "function";

/** The V8 flag that turns JSON.rawJSON on in Node 20. */
export const RAW_JSON_FLAG = "--harmony-json-parse-with-source";

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// --- Arguments -------------------------------------------------------------------------------------

/** JS values that JSON cannot hold, by the name the golden files use for them. */
function special(kind) {
  switch (kind) {
    case "undefined": return undefined;
    case "NaN": return NaN;
    case "Infinity": return Infinity;
    case "bigint": return 10n;
    case "function": return () => 1;
    case "symbol": return Symbol("s");
    case "cyclic": { const o = { a: 1 }; o.self = o; return o; }
    case "throwingGetter": return { get a() { throw new Error("getter failed"); } };
    case "objectWithNaN": return { a: NaN, b: Infinity, c: -Infinity };
    case "objectWithUndefined": return { a: undefined, b: 1, c: () => 1 };
    case "arrayWithUndefined": return [undefined, 1, () => 1];
    case "date": return new Date(Date.UTC(2026, 10, 21, 10, 0, 0));
    case "map": return new Map([["a", 1]]);
    default: throw new Error(`unknown special argument ${kind}`);
  }
}

/** JSON text parsed with every number handed on as written (JSON.rawJSON of its source). */
function rawText(text) {
  if (!hasRawJson) throw new Error(`JSON.rawJSON is needed (run node with ${RAW_JSON_FLAG})`);
  return JSON.parse(text, (key, value, context) => (typeof value === "number" ? JSON.rawJSON(context.source) : value));
}

/** One argument as the API gets it. */
export function decodeArg(arg) {
  if (isObj(arg) && Object.keys(arg).length === 1) {
    if ("$js" in arg) return special(arg.$js);
    if ("$rawText" in arg) return rawText(arg.$rawText);
  }
  return arg;
}

/** True when a case needs JSON.rawJSON. */
export const usesRawJson = (c) => c.args.some((a) => isObj(a) && Object.keys(a).length === 1 && "$rawText" in a);

/** An NDJSON batch spec: {text}, {parts: [[piece, times], ...]} (long lines, kept short here), or {base64}. */
function batchText(spec) {
  if ("text" in spec) return spec.text;
  if ("parts" in spec) return spec.parts.map(([piece, times]) => piece.repeat(times)).join("");
  return null;
}
function batchBytes(spec) {
  if ("base64" in spec) return new Uint8Array(Buffer.from(spec.base64, "base64"));
  return new TextEncoder().encode(batchText(spec));
}

// --- Outcomes --------------------------------------------------------------------------------------

/** What a thrown error shows a caller. */
function thrownShape(e) {
  const shape = { name: e?.name, code: e?.code, message: e?.message };
  if (e?.errors !== undefined) shape.errors = e.errors;
  if (e?.schemaPath !== undefined) shape.schemaPath = e.schemaPath;
  return shape;
}

/** The value `f` returns, or {thrown: {name, code, message, errors?, schemaPath?}}. */
export function outcome(f) {
  try {
    return f();
  } catch (e) {
    return { thrown: thrownShape(e) };
  }
}

/** Runs `use` on a new instance and frees it (wasm memory), whatever happens. */
function using(instance, use) {
  try {
    return use(instance);
  } finally {
    instance.free();
  }
}

// --- The calls -------------------------------------------------------------------------------------

const noArgs = (name) => [(m) => m[name]()];

/** `{check, explain}` asked of a PreChecker made from `policy`: its constructor's error stands for both. */
function withChecker(m, policy, ask) {
  let checker;
  try {
    checker = new m.PreChecker(...policy);
  } catch (e) {
    const thrown = { thrown: thrownShape(e) };
    return { check: thrown, explain: thrown };
  }
  return using(checker, ask);
}

/** One pre-check through a PreChecker instance. */
function precheckWithInstance(m, [migrationSet, context, ...policy]) {
  return withChecker(m, policy, (pc) => ({
    check: outcome(() => pc.check(migrationSet, context)),
    explain: outcome(() => pc.explain(migrationSet, context)),
  }));
}

/** `JSON.stringify(value)`, or `undefined` when it has no JSON text (or stringify throws). */
function jsonText(value) {
  try {
    const text = JSON.stringify(value);
    return typeof text === "string" ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The same pre-check through a PreChecker's checkJson and explainJson, with the arguments as JSON
 * text: a string for one, UTF-8 bytes for the other. A migration set with no JSON text is the
 * text `null`, which is how check judges it; a context with none has no text to give, so such a
 * case is answered through the instance as above.
 */
function precheckAsJson(m, args) {
  const [migrationSet, context, ...policy] = args;
  const contextText = jsonText(context);
  if (contextText === undefined) return precheckWithInstance(m, args);
  const setText = jsonText(migrationSet) ?? "null";
  const bytes = (text) => new TextEncoder().encode(text);
  return withChecker(m, policy, (pc) => ({
    check: outcome(() => pc.checkJson(setText, contextText)),
    explain: outcome(() => pc.explainJson(bytes(setText), bytes(contextText))),
  }));
}

/** validateMany on a batch as a string (when it is text) and as UTF-8 bytes, or on any other value. */
function validateMany(m, [id, spec, ...options]) {
  if ("value" in spec) return { value: outcome(() => m.validateMany(id, decodeArg(spec.value), ...options)) };
  const out = {};
  const text = batchText(spec);
  if (text !== null) out.string = outcome(() => m.validateMany(id, text, ...options));
  out.bytes = outcome(() => m.validateMany(id, batchBytes(spec), ...options));
  return out;
}

/** Every call a golden case can make; each way listed must give the same output. */
export const CALLS = {
  version: noArgs("version"),
  locales: noArgs("locales"),
  builtInRules: noArgs("builtInRules"),
  contextSchema: noArgs("contextSchema"),
  policySchema: noArgs("policySchema"),
  migratableType: noArgs("migratableType"),
  contractIds: noArgs("contractIds"),
  contractSchema: [(m, [id]) => m.contractSchema(id)],
  isApsId: [(m, [value]) => m.isApsId(value)],
  // validateContract, and toVendorError of what it returned.
  contract: [
    (m, [id, payload]) => {
      const result = outcome(() => m.validateContract(id, payload));
      if (isObj(result) && "thrown" in result) return { result };
      return { result, vendorError: outcome(() => m.toVendorError(id, result)) };
    },
  ],
  toVendorError: [(m, [id, result]) => m.toVendorError(id, result)],
  validateMany: [validateMany],
  validate: [
    (m, [schema, value]) => m.validate(schema, value),
    (m, [schema, value]) => using(new m.Validator(schema), (v) => v.validate(value)),
  ],
  normalize: [(m, [schema, value]) => using(new m.Validator(schema), (v) => v.normalize(value))],
  apsStructureSchema: [(m, [doc, name]) => m.apsStructureSchema(doc, name)],
  apsStructureValidator: [(m, [doc, name, ...values]) => using(m.apsStructureValidator(doc, name), (v) => values.map((x) => v.validate(x)))],
  // The one-shot functions and a PreChecker instance: {check, explain}.
  precheck: [
    (m, [migrationSet, context, ...policy]) => ({
      check: outcome(() => m.migrationPreCheck(migrationSet, context, ...policy)),
      explain: outcome(() => m.explainPreCheck(migrationSet, context, ...policy)),
    }),
    precheckWithInstance,
    precheckAsJson,
  ],
  preCheckerLocale: [(m, policy) => using(new m.PreChecker(...policy), (pc) => pc.locale)],
};

/** The output of one case, the `way`-th way its call can be made. Arguments are decoded afresh. */
export function play(m, c, way) {
  const ways = CALLS[c.call];
  if (!ways) throw new Error(`${c.name}: unknown call ${c.call}`);
  return outcome(() => ways[way](m, c.args.map(decodeArg)));
}

/** How many ways a case's call can be made. */
export const waysOf = (c) => CALLS[c.call].length;

// --- The text format -------------------------------------------------------------------------------

const WIDTH = 200;

/** One line of JSON; unlike JSON.stringify it keeps -0 (JSON.parse reads "-0" back as -0). */
function compact(value) {
  if (Object.is(value, -0)) return "-0";
  if (Array.isArray(value)) return `[${value.map((v) => compact(v === undefined ? null : v)).join(", ")}]`;
  if (isObj(value)) {
    const members = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${members.map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** Pretty JSON for reviewable diffs: a value that fits the width stays on one line. */
export function format(value, indent = "") {
  const line = compact(value);
  if (line.length + indent.length <= WIDTH || !(Array.isArray(value) || isObj(value))) return line;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => inner + format(v === undefined ? null : v, inner)).join(",\n")}\n${indent}]`;
  }
  const members = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${members.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(",\n")}\n${indent}}`;
}

// --- As a script: the outputs of one file's cases, every way ------------------------------------

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const m = createRequire(import.meta.url)("../../pkg");
  const { cases } = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const outputs = cases.map((c) => Array.from({ length: waysOf(c) }, (_, way) => play(m, c, way)));
  process.stdout.write(`${format(outputs)}\n`);
}
