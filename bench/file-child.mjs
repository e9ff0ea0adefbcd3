// One measurement of bench/run.mjs's "files" section, in a fresh process so that the peak
// resident memory it reports is that run's own (worker threads included):
//   node bench/file-child.mjs validateFile <contract> <file> <workers>
//   node bench/file-child.mjs ajv <contract> <file>
// validateFile: the package's validateFile. ajv: what a user writes instead, streaming too:
// readline over the file, JSON.parse and ajv (compiled once) per line, errors kept up to 1000.
// Prints one JSON object: {ms (the call alone), maxRssMiB, total, valid, invalid}.
import { createReadStream } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { newAjv, compileFor } from "./ajv-setup.mjs";

const [mode, id, file, workers] = process.argv.slice(2);
const m = createRequire(import.meta.url)("../pkg/node/index.cjs");
const BLANK_LINE = /^[ \t\n\f\r]*$/; // the module's blank line: ASCII whitespace only

async function ajvPerLine(validate) {
  const out = { total: 0, valid: 0, invalid: 0, errors: [] };
  let number = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    number++;
    if (BLANK_LINE.test(line)) continue;
    out.total++;
    let errors;
    try {
      errors = validate(JSON.parse(line)) ? null : validate.errors;
    } catch (e) {
      errors = [{ keyword: "json", message: e.message }];
    }
    if (!errors) {
      out.valid++;
      continue;
    }
    out.invalid++;
    for (const e of errors) if (out.errors.length < 1000) out.errors.push({ line: number, ...e });
  }
  return out;
}

const validate = mode === "ajv" ? compileFor(newAjv(), m.contractSchema(id)) : null;
const t0 = process.hrtime.bigint();
const result = mode === "ajv" ? await ajvPerLine(validate) : await m.validateFile(id, file, { workers: Number(workers) });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const { total, valid, invalid } = result;
process.stdout.write(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, total, valid, invalid }) + "\n");
