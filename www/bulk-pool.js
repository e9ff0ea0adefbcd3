// The bulk panel's engine: a File read with File.stream(), cut into chunks of whole lines (as
// bytes, so that each line reaches validateMany byte for byte: CRLF, a BOM and invalid UTF-8 are
// judged as one call on the whole file judges them), validated by navigator.hardwareConcurrency
// module workers (bulk-worker.js) and merged in file order: exact counts, the first errors by
// line, `truncated` as one call would say. The Node package does the same in validateFile
// (src/node/bulk.cjs); browsers have no file to stream from there, so the page has its own.
// Memory: chunks of about 1 MiB, at most two per worker in flight; a line is held whole (one
// longer than validateMany takes, 1 MiB, is its `limit` error, but is read whole first).

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/** The workers to use: one per logical core the browser reports, at most 8 (and at least 1). */
export const workerCount = () => Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1));

/** `parts` (Uint8Arrays) as one Uint8Array of `length` bytes. */
function concat(parts, length) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function newlines(bytes) {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/**
 * The chunks of `file`, each {bytes, lines, end}: bytes of whole lines (each chunk but the last
 * ends with "\n"), the lines it ends, and how many bytes of the file are done with it.
 */
async function* chunksOf(file) {
  const reader = file.stream().getReader();
  let parts = [];
  let held = 0;
  let read = 0;
  let tryAt = CHUNK_BYTES; // while a line is longer than a chunk, wait for twice as much
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
    held += value.byteLength;
    read += value.byteLength;
    if (held < tryAt) continue;
    const bytes = concat(parts, held);
    let from = 0;
    // Chunks of at most CHUNK_BYTES (or one line, if longer), cut just after a newline.
    while (bytes.length - from >= CHUNK_BYTES) {
      const before = bytes.lastIndexOf(NEWLINE, from + CHUNK_BYTES - 1);
      const nl = before >= from ? before : bytes.indexOf(NEWLINE, from + CHUNK_BYTES);
      if (nl === -1) break;
      const chunk = bytes.slice(from, nl + 1); // a copy, whose buffer can be moved to a worker
      from = nl + 1;
      yield { bytes: chunk, lines: newlines(chunk), end: read - (bytes.length - from) };
    }
    const rest = bytes.subarray(from);
    parts = [rest];
    held = rest.byteLength;
    tryAt = held >= CHUNK_BYTES ? held * 2 : CHUNK_BYTES;
  }
  if (held === 0) return;
  const last = concat(parts, held).slice(); // its own buffer, to be moved
  yield { bytes: last, lines: newlines(last) + (last[last.length - 1] === NEWLINE ? 0 : 1), end: read };
}

/** A pool of module workers; run() validates one chunk on the next worker, in turn. */
export function createPool(size) {
  const workers = [];
  const waiting = new Map(); // seq -> {resolve, reject}
  let seq = 0;
  let broken = null;
  const failAll = (error) => {
    broken ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(new URL("bulk-worker.js", import.meta.url), { type: "module", name: `bulk-validator-${i + 1}` });
    worker.addEventListener("message", ({ data }) => {
      const waiter = waiting.get(data.seq);
      waiting.delete(data.seq);
      if (data.error) waiter?.reject(Object.assign(new Error(data.error.message), data.error));
      else waiter?.resolve(data.result);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      failAll(new Error(`The worker failed: ${event.message || "it could not load the module"}`));
    });
    worker.addEventListener("messageerror", () => failAll(new Error("A worker sent a message that could not be read.")));
    workers.push(worker);
  }
  return {
    size,
    run(contract, bytes, maxErrors) {
      if (broken) return Promise.reject(broken);
      seq += 1;
      const promise = new Promise((resolve, reject) => waiting.set(seq, { resolve, reject }));
      workers[seq % size].postMessage({ seq, contract, bytes, maxErrors }, [bytes.buffer]);
      return promise;
    },
    terminate() {
      for (const worker of workers) worker.terminate();
      failAll(new Error("Cancelled."));
    },
  };
}

/**
 * Moves a chunk's error to its line in the file (`offset` lines come before the chunk); a line
 * that is not JSON says its line number in its message and reason too.
 */
function relocate(error, offset) {
  const was = `(line ${error.line}, column `;
  const line = error.line + offset;
  const now = `(line ${line}, column `;
  const moved = { ...error, line };
  if (error.keyword === "json" && offset > 0) {
    moved.message = error.message.replace(was, now);
    if (typeof error.params?.reason === "string") moved.params = { ...error.params, reason: error.params.reason.replace(was, now) };
  }
  return moved;
}

/**
 * Validates `file` against `contract` on `pool`: the result of one validateMany call on the whole
 * file, and its physical lines. onProgress({bytes, lines, total, valid, invalid}) after each chunk.
 */
export async function validateFileInWorkers({ file, contract, maxErrors, pool, onProgress }) {
  const total = { total: 0, valid: 0, invalid: 0, errors: [], truncated: false };
  const inFlight = []; // {result (a promise), offset, end, lines}, in file order
  let lines = 0;
  const settle = async () => {
    const { result, offset, end, lines: n } = inFlight.shift();
    const r = await result;
    total.total += r.total;
    total.valid += r.valid;
    total.invalid += r.invalid;
    // Chunks run side by side, each asked for the whole budget: the merge keeps the first.
    for (const error of r.errors) {
      if (total.errors.length < maxErrors) total.errors.push(relocate(error, offset));
      else total.truncated = true;
    }
    total.truncated ||= r.truncated;
    onProgress({ bytes: end, lines: offset + n, total: total.total, valid: total.valid, invalid: total.invalid });
  };
  for await (const chunk of chunksOf(file)) {
    const result = pool.run(contract, chunk.bytes, maxErrors);
    result.catch(() => {}); // awaited in order by settle(); not unhandled meanwhile
    inFlight.push({ result, offset: lines, end: chunk.end, lines: chunk.lines });
    lines += chunk.lines;
    while (inFlight.length >= 2 * pool.size) await settle();
  }
  while (inFlight.length) await settle();
  return { result: total, lines };
}
