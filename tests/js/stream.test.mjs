// validateStream and validateFile (Node's entries, src/node/bulk.cjs) against the referee: one
// validateMany call on the same bytes. Every input here is within validateMany's limits, so the
// two must agree exactly: counts, errors, their order, line numbers (also inside the messages of
// lines that are not JSON) and `truncated`, whatever the chunk size, wherever the stream splits
// its data, and with one worker or two.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import * as esm from "../../pkg/node/index.mjs";
import { BATCH_CASES, buildBatch } from "../../bench/samples.mjs";

const m = createRequire(import.meta.url)("../../pkg/node/index.cjs");
const ID = "pismo/customer_outgoing/1";
const [GOOD, SECOND_GOOD] = BATCH_CASES[ID].good.map((v) => JSON.stringify(v));
const BAD = JSON.stringify(BATCH_CASES[ID].bad[0]);
const MAX_LINE_BYTES = 1024 * 1024; // src/limits.rs
const dir = mkdtempSync(join(tmpdir(), "aps-stream-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const bytesOf = (text) => Buffer.from(text, "utf8");
/** A readable stream that hands out `bytes` split at the given offsets. */
const splitAt = (bytes, ...cuts) => Readable.from([0, ...cuts].map((from, i) => bytes.subarray(from, [...cuts, bytes.length][i])));
const file = (name, bytes) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

// A BOM at the start, CRLF and LF, blank lines (empty, spaces, a lone CR), lines that are not
// JSON, invalid payloads, multi-byte characters (2, 3 and 4 bytes) in valid and invalid lines,
// invalid UTF-8 (a lone continuation byte, a truncated sequence), and no newline at the end.
const TRICKY = Buffer.concat([
  bytesOf(`\ufeff${GOOD}\r\n${SECOND_GOOD}\n\n   \r\n${BAD}\r\n{"code":}\n`),
  bytesOf(`${JSON.stringify({ ...BATCH_CASES[ID].good[0], message: "é € 😀" })}\n`),
  bytesOf(`"😀 𠀀"\r\n\r\n`),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d, 0x0a]), // {"a":"\x80"}
  Buffer.from([0x22, 0xe2, 0x82, 0x22, 0x0d, 0x0a]), // "\xe2\x82" (a cut-off €) then CRLF
  bytesOf(`${GOOD}\n${BAD}`),
]);

test("the tricky input is what it should be: every kind of line gives validateMany something to say", () => {
  const r = m.validateMany(ID, TRICKY);
  assert.ok(r.errors.some((e) => e.line === 1 && e.keyword === "json"), "a BOM makes line 1 not JSON");
  assert.ok(r.errors.some((e) => e.keyword === "json" && e.line > 1), "lines that are not JSON after line 1");
  assert.ok(r.errors.some((e) => e.keyword !== "json"), "schema errors");
  assert.ok(r.valid >= 3 && r.invalid >= 5, JSON.stringify(r));
});

test("validateStream: a split at every byte of the input, with chunks of 1, 7 and 64 bytes, gives one validateMany call's result", async () => {
  const want = m.validateMany(ID, TRICKY);
  for (const chunkSize of [1, 7, 64]) {
    for (let at = 0; at <= TRICKY.length; at++) {
      const got = await m.validateStream(ID, splitAt(TRICKY, at), { chunkSize, workers: 1 });
      assert.deepEqual(got, want, `chunkSize ${chunkSize}, split at byte ${at}`);
    }
  }
});

test("validateStream: the stream's data one byte at a time, and as strings", async () => {
  const want = m.validateMany(ID, TRICKY);
  const cuts = Array.from({ length: TRICKY.length - 1 }, (_, i) => i + 1);
  assert.deepEqual(await m.validateStream(ID, splitAt(TRICKY, ...cuts), { chunkSize: 5, workers: 1 }), want);
  const text = `${GOOD}\r\n\n${BAD}\n{"code":}\n"é€😀"`;
  assert.deepEqual(await m.validateStream(ID, Readable.from([text.slice(0, 9), text.slice(9)]), { chunkSize: 3, workers: 1 }), m.validateMany(ID, text));
});

test("validateStream: maxErrors across chunks keeps the first errors and says truncated as validateMany does", async () => {
  const all = m.validateMany(ID, TRICKY, { maxErrors: 1000 }).errors.length;
  for (let maxErrors = 0; maxErrors <= all + 1; maxErrors++) {
    const want = m.validateMany(ID, TRICKY, { maxErrors });
    for (const workers of [1, 2]) {
      const got = await m.validateStream(ID, splitAt(TRICKY, 17), { chunkSize: 16, workers, maxErrors });
      assert.deepEqual(got, want, `maxErrors ${maxErrors}, ${workers} worker(s)`);
    }
  }
});

test("validateStream: maxErrors above validateMany's cap (100,000) is capped the same way", async () => {
  const input = bytesOf("x\n".repeat(100_002));
  const want = m.validateMany(ID, input, { maxErrors: 1e9 });
  assert.equal(want.truncated, true);
  assert.deepEqual(await m.validateStream(ID, splitAt(input, 1000), { chunkSize: 4096, workers: 1, maxErrors: 1e9 }), want);
});

test("validateStream: more lines than one validateMany call takes (1,000,000) are counted, each chunk kept under that limit", async () => {
  const lines = 1_200_000;
  const input = bytesOf("1\n".repeat(lines)); // 2.4 MB: one default chunk, were it not for the line limit
  assert.throws(() => m.validateMany(ID, input), { code: "LIMIT_EXCEEDED" });
  const got = await m.validateStream(ID, Readable.from([input]), { workers: 1 });
  const head = m.validateMany(ID, input.subarray(0, 2 * 1000));
  assert.deepEqual(got, { total: lines, valid: 0, invalid: lines, errors: head.errors, truncated: true });
});

test("validateStream: lines longer than validateMany takes (blank or not, LF or CRLF) are judged as it judges them, and not held in memory", async () => {
  const long = (fill, n) => Buffer.alloc(n, fill);
  const input = Buffer.concat([
    bytesOf(`${GOOD}\n`),
    long(0x61, MAX_LINE_BYTES + 5), bytesOf("\n"), // not blank, too long: a limit error
    long(0x20, MAX_LINE_BYTES + 5), bytesOf("\r\n"), // blank however long
    long(0x61, MAX_LINE_BYTES), bytesOf("\r\n"), // as long as allowed once the CR is taken off: not JSON
    long(0x61, MAX_LINE_BYTES + 1), bytesOf("\r\n"), // one byte too long
    bytesOf(`${BAD}\n`),
    long(0x20, MAX_LINE_BYTES), long(0x61, 3), // whitespace first, not blank; the last line
  ]);
  const want = m.validateMany(ID, input);
  assert.ok(want.errors.filter((e) => e.keyword === "limit").length >= 2, JSON.stringify(want.errors.map((e) => e.keyword)));
  for (const cut of [1, 65536, MAX_LINE_BYTES + 3]) {
    assert.deepEqual(await m.validateStream(ID, splitAt(input, cut, cut + 70_000), { chunkSize: 4096, workers: 1 }), want, `split at ${cut}`);
  }
});

test("validateStream and validateFile: one worker and two give the same result as validateMany, on a batch of many chunks", async () => {
  const { bytes } = buildBatch(ID, 20_000);
  const path = file("batch.ndjson", bytes);
  for (const maxErrors of [5, 1000]) {
    const want = m.validateMany(ID, bytes, { maxErrors });
    for (const workers of [1, 2]) {
      assert.deepEqual(await m.validateFile(ID, path, { chunkSize: 64 * 1024, workers, maxErrors }), want, `file, ${workers} worker(s), maxErrors ${maxErrors}`);
      const streamed = await m.validateStream(ID, Readable.from([bytes.subarray(0, 100_001), bytes.subarray(100_001)]), { chunkSize: 50_000, workers, maxErrors });
      assert.deepEqual(streamed, want, `stream, ${workers} worker(s), maxErrors ${maxErrors}`);
    }
  }
});

test("validateFile: progress reports source bytes and lines in order, ending at the whole file", async () => {
  const { bytes, text } = buildBatch(ID, 3000);
  const path = file("progress.ndjson", bytes);
  const seen = [];
  await m.validateFile(ID, path, { chunkSize: 10_000, workers: 1, onProgress: (p) => seen.push(p) });
  assert.ok(seen.length > 5, `${seen.length} reports`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bytes > seen[i - 1].bytes && seen[i].lines > seen[i - 1].lines, JSON.stringify(seen.slice(i - 1, i + 1)));
  // The text ends with a newline: its lines are its newlines.
  assert.deepEqual(seen.at(-1), { bytes: bytes.length, lines: text.split("\n").length - 1 });
});

test("validateFile and validateStream: empty input, a missing file, a directory, an unknown contract, bad options", async () => {
  assert.deepEqual(await m.validateFile(ID, file("empty.ndjson", "")), m.validateMany(ID, ""));
  assert.deepEqual(await m.validateStream(ID, Readable.from([])), { total: 0, valid: 0, invalid: 0, errors: [], truncated: false });
  await assert.rejects(m.validateFile(ID, join(dir, "missing.ndjson")), { code: "ENOENT" });
  await assert.rejects(m.validateFile(ID, dir), { code: "EISDIR" });
  await assert.rejects(m.validateFile("acme/nothing", join(dir, "missing.ndjson")), (e) => e instanceof m.ContractError);
  await assert.rejects(m.validateStream(ID, Readable.from([]), { maxErrors: -1 }), (e) => e instanceof m.InputError && e.code === "INVALID_ARGUMENT");
  await assert.rejects(m.validateStream(ID, Readable.from([]), { workers: 0 }), (e) => e instanceof m.InputError && /workers/.test(e.message));
  // A misspelt option is refused, as validateMany refuses one, not ignored.
  const unknown = (e) => e instanceof m.InputError && e.code === "INVALID_ARGUMENT" && e.message === 'options has an unknown member "maxError": the options are maxErrors, workers, chunkSize, signal, onProgress';
  await assert.rejects(m.validateStream(ID, Readable.from([]), { maxError: 1 }), unknown);
  await assert.rejects(m.validateFile(ID, file("empty.ndjson", ""), { maxError: 1 }), unknown);
  await assert.rejects(m.validateStream(ID, "not a stream"), (e) => e instanceof m.InputError && /readable/.test(e.message));
});

test("an AbortSignal: aborted before the call, or while the stream waits for data, rejects with an AbortError and stops reading", async () => {
  await assert.rejects(m.validateFile(ID, file("a.ndjson", `${GOOD}\n`), { signal: AbortSignal.abort() }), { name: "AbortError" });
  for (const workers of [1, 2]) {
    const controller = new AbortController();
    // A stream that gives two chunks' worth and then never ends (as a pipe that stays open).
    const endless = new Readable({ read() {} });
    endless.push(bytesOf(`${GOOD}\n`.repeat(200)));
    const run = m.validateStream(ID, endless, { chunkSize: 1024, workers, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(run, { name: "AbortError", code: "ABORT_ERR" });
    assert.equal(endless.destroyed, true, `${workers} worker(s): the stream is destroyed`);
  }
});

test("validateFile with workers reads the file straight into the chunk buffers: long lines, the TRICKY batch, progress and abort as with one worker", async () => {
  const long = (fill, n) => Buffer.alloc(n, fill);
  const input = Buffer.concat([
    TRICKY, bytesOf("\n"),
    long(0x61, MAX_LINE_BYTES + 5), bytesOf("\n"), // too long: a limit error, skipped while read
    long(0x20, 2 * MAX_LINE_BYTES + 7), bytesOf("\r\n"), // blank however long
    bytesOf(`${GOOD}\n${BAD}\n`.repeat(3000)),
    long(0x61, MAX_LINE_BYTES + 1), // one byte too long, the last line
  ]);
  const path = file("long-lines.ndjson", input);
  for (const maxErrors of [0, 3, 1000]) {
    const want = m.validateMany(ID, input, { maxErrors });
    for (const chunkSize of [4096, 100_000]) {
      const seen = [];
      const got = await m.validateFile(ID, path, { chunkSize, workers: 2, maxErrors, onProgress: (p) => seen.push(p) });
      assert.deepEqual(got, want, `chunkSize ${chunkSize}, maxErrors ${maxErrors}`);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bytes > seen[i - 1].bytes, JSON.stringify(seen.slice(i - 1, i + 1)));
      assert.equal(seen.at(-1).bytes, input.length);
    }
  }
  const controller = new AbortController();
  await assert.rejects(m.validateFile(ID, path, { chunkSize: 4096, workers: 2, signal: controller.signal, onProgress: () => controller.abort() }), { name: "AbortError", code: "ABORT_ERR" });
});

test("the chunker gives a file's reads the free end of its own buffer, so they need no copy", () => {
  const { Chunker } = createRequire(import.meta.url)("../../pkg/node/bulk.cjs");
  const chunker = new Chunker(8);
  const line = bytesOf("0123456789\n"); // longer than the chunk size: each line is a chunk
  const room = chunker.room(100);
  assert.equal(room.buffer, chunker.buf.buffer);
  assert.equal(room.length, 100);
  line.copy(room);
  const [chunk] = [...chunker.wrote(room, line.length)];
  assert.equal(chunk.bytes.toString(), "0123456789\n");
  assert.equal(chunk.bytes.buffer, room.buffer, "the chunk is the bytes as read, in place");
  assert.deepEqual([chunk.lines, chunk.end], [1, line.length]);
  // A view that is not the chunker's own (a scratch buffer) is copied in, as push() does.
  const elsewhere = Buffer.from("abcdefghij\n");
  const [copied] = [...chunker.wrote(elsewhere, elsewhere.length)];
  assert.equal(copied.bytes.toString(), "abcdefghij\n");
  assert.notEqual(copied.bytes.buffer, elsewhere.buffer);
});

test("the ES module entry exports the same validateStream and validateFile", () => {
  assert.equal(esm.validateStream, m.validateStream);
  assert.equal(esm.validateFile, m.validateFile);
});

test("the chunker reads later chunks into the buffers of validated ones, and into new ones while they are in use", () => {
  const { Chunker } = createRequire(import.meta.url)("../../pkg/node/bulk.cjs");
  const chunker = new Chunker(8);
  const line = bytesOf("0123456789\n"); // longer than the chunk size: each line is a chunk
  const [first] = [...chunker.push(line)];
  const [second] = [...chunker.push(line)];
  assert.equal(first.bytes.toString(), "0123456789\n");
  assert.notEqual(second.bytes.buffer, first.bytes.buffer, "a chunk still in use keeps its buffer");
  first.release(first.bytes.buffer);
  const [third] = [...chunker.push(bytesOf("abcdefghij\n"))];
  const [fourth] = [...chunker.push(line)];
  // The buffer after the second cut was a new one (first was still in use); the third cut takes
  // first's back, so the fourth chunk's bytes are read into it.
  assert.equal(fourth.bytes.buffer, first.bytes.buffer);
  assert.equal(third.bytes.toString(), "abcdefghij\n");
  assert.equal(fourth.bytes.toString(), "0123456789\n");
  // A buffer of another size (not one of the chunker's) is not taken.
  chunker.recycle(new ArrayBuffer(3));
  assert.equal(chunker.free.length, 0);
});
