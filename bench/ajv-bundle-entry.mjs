// The comparison for the size and browser cold-start rows: ajv + ajv-formats + the module's
// schemas (contractSchema(id) for every id, contextSchema(), policySchema()), compiled at runtime.
// run.mjs bundles it with esbuild (--bundle --minify --platform=browser, ESM); "aps-bench-schemas"
// resolves to a JSON file of those schemas that run.mjs writes from the built module.
import schemas from "aps-bench-schemas";
import { newAjv, compileFor } from "./ajv-setup.mjs";

let ajv = null;
const compiled = new Map();

/** The validate function for one schema ("context", "policy" or a contract id), compiled on first use. */
export function validator(name) {
  if (!compiled.has(name)) {
    ajv ??= newAjv();
    compiled.set(name, compileFor(ajv, schemas[name]));
  }
  return compiled.get(name);
}

/** Compiles every schema; returns how many. */
export function compileAll() {
  for (const name of Object.keys(schemas)) validator(name);
  return compiled.size;
}

export const names = Object.keys(schemas);
