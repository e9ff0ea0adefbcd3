// The admin page's bulk engine (www/bulk-pool.js), in Node: File.stream() is Blob.stream() here,
// and the worker pool is replaced by validateMany itself (structured-cloned, as a worker's answer
// would be). The page must show what one validateMany call on the whole file gives. The page
// with its real workers is tests/e2e/'s.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { validateFileInWorkers } from "../../www/bulk-pool.js";
import { buildBatch } from "../../bench/samples.mjs";

const m = createRequire(import.meta.url)("../../pkg/node/index.cjs");
const ID = "pismo/customer_outgoing/1";
const bytesOf = (text) => new TextEncoder().encode(text);

/** A pool of `size` that answers in a random order of resolution, as workers may. */
function fakePool(size) {
  return {
    size,
    run: (contract, bytes, maxErrors) =>
      new Promise((resolve) => setTimeout(() => resolve(structuredClone(m.validateMany(contract, bytes, { maxErrors }))), Math.random() * 5)),
  };
}

test("www/bulk-pool.js: a file of several chunks (BOM, invalid UTF-8, no final newline) gives one validateMany call's result, 1 or 4 workers", async () => {
  const { bytes } = buildBatch(ID, 12_000); // about 3 MB: three 1 MiB chunks and a rest
  const input = new Uint8Array([...bytesOf("\ufeff"), ...bytes.subarray(0, 500), 0xc3, 0x0a, ...bytes.subarray(500), ...bytesOf('{"code":')]);
  for (const maxErrors of [0, 3, 10_000]) {
    const want = m.validateMany(ID, input, { maxErrors });
    for (const size of [1, 4]) {
      const seen = [];
      const { result, lines } = await validateFileInWorkers({ file: new Blob([input]), contract: ID, maxErrors, pool: fakePool(size), onProgress: (p) => seen.push(p) });
      assert.deepEqual(result, want, `maxErrors ${maxErrors}, ${size} worker(s)`);
      assert.equal(lines, input.filter((b) => b === 0x0a).length + 1, "physical lines: the newlines and the last line");
      assert.ok(seen.length >= 3, `${seen.length} progress reports`);
      assert.deepEqual(seen.at(-1), { bytes: input.length, lines, total: want.total, valid: want.valid, invalid: want.invalid });
    }
  }
});
