// ajv as a user would set it up for the module's schemas: one instance, allErrors, ajv-formats,
// strict off (so ajv-errors' `errorMessage` keyword is ignored, not refused). Shared by the Node
// benchmarks and the browser bundle (bench/ajv-bundle-entry.mjs).
import Ajv from "ajv";
import addFormats from "ajv-formats";

export function newAjv() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * The schema as ajv can compile it: pismo/customer_incoming/1 declares the 2019-09 meta-schema,
 * which the draft-07 Ajv class does not know; the document uses only draft-07 keywords, so the
 * declaration is dropped (as tests/js/contracts.test.mjs does).
 */
export function compileFor(ajv, schema) {
  return ajv.compile(compilable(ajv, schema));
}

function compilable(ajv, schema) {
  const copy = JSON.parse(JSON.stringify(schema));
  if (typeof copy.$schema === "string" && !ajv.getSchema(copy.$schema)) delete copy.$schema;
  return copy;
}

/**
 * Contract `id` compiled by an ajv that also holds every other contract, as a user would add them:
 * chargebee/retrieve_latest_result refers to chargebee/resource_migration by its `$id`.
 */
export function compileContract(m, id) {
  const ajv = newAjv();
  for (const other of m.contractIds()) if (other !== id) ajv.addSchema(compilable(ajv, m.contractSchema(other)));
  return compileFor(ajv, m.contractSchema(id));
}
