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
  const copy = JSON.parse(JSON.stringify(schema));
  if (typeof copy.$schema === "string" && !ajv.getSchema(copy.$schema)) delete copy.$schema;
  return ajv.compile(copy);
}
