"use strict";
// validateStream / validateFile (Node only): NDJSON of any size through validateMany, chunk by
// chunk. The input is cut into chunks of about `chunkSize` bytes at line boundaries; each chunk is
// one validateMany call (in this thread or in a piscina worker pool) and the results are merged so
// that counts, errors, their order, line numbers and `truncated` are those of one validateMany call
// on the whole input. Because every cut is just after a "\n" (a byte that never occurs inside a
// multi-byte UTF-8 character), each line reaches validateMany whole and byte for byte: CRLF, blank
// lines, a BOM at the start and invalid UTF-8 are judged exactly as in one call.
// Copied into pkg/node/ by scripts/package.mjs; loaded on the first call (not at import).

const { open } = require("node:fs/promises");
const { addAbortSignal } = require("node:stream");
const os = require("node:os");
const path = require("node:path");

// The module's limits (src/limits.rs), which a chunk must respect to be judged as the whole is.
const MAX_LINE_BYTES = 1024 * 1024; // a longer line is a `limit` error on that line
const MAX_BATCH_ERRORS = 100_000; // maxErrors is capped at this
const MAX_BATCH_BYTES = 64 * 1024 * 1024; // one validateMany call
const MAX_CHUNK_NEWLINES = 1_000_000 - 1; // MAX_BATCH_LINES: a chunk of n newlines has n + 1 lines
const DEFAULT_MAX_ERRORS = 1000;
const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
// The chunker's buffer (chunkSize plus room for two lines and a read, see Chunker) bounds a
// chunk: the largest chunkSize keeps the buffer, so every chunk, within one validateMany call.
const SLACK = 2 * (MAX_LINE_BYTES + 2) + 65536;
const MAX_CHUNK_SIZE = MAX_BATCH_BYTES - SLACK;
const READ_SIZE = 1024 * 1024; // validateFile's reads
const NEWLINE = 0x0a;
const WORKER = path.join(__dirname, "bulk-worker.cjs");

/** True when bytes[from, to) are all ASCII whitespace (as Rust's u8::is_ascii_whitespace). */
function isBlank(bytes, from, to) {
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
  }
  return true;
}

/**
 * Cuts a byte stream into chunks of whole lines. A line longer than validateMany would accept is
 * not kept (memory stays bounded): it is replaced by a line that validateMany judges the same, an
 * empty one if it is all whitespace (a blank line), else MAX_LINE_BYTES + 1 bytes of "x" (the
 * `limit` error does not depend on the line's content).
 */
class Chunker {
  constructor(chunkSize) {
    this.size = chunkSize;
    // Room for chunkSize bytes of whole lines, one partial line and a synthetic one.
    this.capacity = chunkSize + SLACK;
    this.free = []; // buffers of validated chunks, for the next ones (see recycle)
    this.buf = Buffer.allocUnsafeSlow(this.capacity);
    this.len = 0; // bytes held
    this.lineStart = 0; // where the current (incomplete) line starts
    this.newlines = 0; // newlines in buf[0, lineStart)
    this.overlong = null; // { blank } while skipping the rest of a line that is too long
    this.read = 0; // source bytes pushed so far
  }

  /**
   * The chunks completed by `bytes`, each { bytes, lines, end }: the lines it ends (its newlines,
   * and the last line of the input) and how many source bytes are done with it.
   */
  *push(bytes) {
    let pos = 0;
    while (pos < bytes.length) {
      if (this.overlong) {
        pos = this.skipOverlong(bytes, pos);
        continue;
      }
      const n = Math.min(this.capacity - this.len, bytes.length - pos);
      this.buf.set(bytes.subarray(pos, pos + n), this.len);
      const scanFrom = this.len;
      this.len += n;
      this.read += n;
      pos += n;
      yield* this.scan(scanFrom);
    }
  }

  /**
   * Where the next bytes of a file can be read into: the free end of the buffer, so that they
   * need no copy (or a scratch buffer, while the rest of an overlong line is skipped or when
   * the buffer is full). At most `max` bytes.
   */
  room(max) {
    if (this.overlong || this.len >= this.capacity) {
      this.scratch ??= Buffer.allocUnsafeSlow(max);
      return this.scratch.subarray(0, max);
    }
    return this.buf.subarray(this.len, Math.min(this.capacity, this.len + max));
  }

  /** The chunks completed by the `n` bytes just read into `room` (what room() gave). */
  *wrote(room, n) {
    if (room.buffer !== this.buf.buffer || room.byteOffset !== this.buf.byteOffset + this.len) {
      yield* this.push(room.subarray(0, n));
      return;
    }
    const scanFrom = this.len;
    this.len += n;
    this.read += n;
    yield* this.scan(scanFrom);
  }

  /** The last chunk, if any bytes are left: what follows the last newline is a line too. */
  *end() {
    if (this.overlong) this.endOverlong();
    if (this.len === 0) return;
    const trailing = this.lineStart < this.len; // bytes after the last newline: one more line
    const last = this.cut(this.len);
    if (trailing) last.lines++;
    yield last;
  }

  /**
   * Counts the newlines of buf[from, len), cutting a chunk before the line that would take it
   * past chunkSize (a line longer than that is a chunk by itself), and at MAX_CHUNK_NEWLINES.
   */
  *scan(from) {
    let held = this.buf.subarray(0, this.len);
    for (let nl = held.indexOf(NEWLINE, from); nl !== -1; nl = held.indexOf(NEWLINE, this.lineStart)) {
      if (nl >= this.size && this.lineStart > 0) {
        nl -= this.lineStart;
        yield this.cut(this.lineStart);
        held = this.buf.subarray(0, this.len); // cut() moved the rest to a new buffer
      }
      this.newlines++;
      this.lineStart = nl + 1;
      if (this.newlines === MAX_CHUNK_NEWLINES || this.lineStart >= this.size) {
        yield this.cut(this.lineStart);
        held = this.buf.subarray(0, this.len);
      }
    }
    if (this.len - this.lineStart > MAX_LINE_BYTES + 1) {
      this.overlong = { blank: isBlank(this.buf, this.lineStart, this.len) };
      this.len = this.lineStart;
    }
  }

  /** Skips the rest of an overlong line in `bytes` from `pos`; returns where it ends (its "\n"). */
  skipOverlong(bytes, pos) {
    const nl = bytes.indexOf(NEWLINE, pos);
    const to = nl === -1 ? bytes.length : nl;
    this.overlong.blank &&= isBlank(bytes, pos, to);
    this.read += to - pos;
    if (nl !== -1) this.endOverlong();
    return to;
  }

  endOverlong() {
    if (!this.overlong.blank) {
      this.buf.fill(0x78, this.len, this.len + MAX_LINE_BYTES + 1); // "x"
      this.len += MAX_LINE_BYTES + 1;
    }
    this.overlong = null;
  }

  /**
   * buf[0, at) as a chunk; the bytes after it move to another buffer (the chunk keeps the old one
   * until its `release`).
   */
  cut(at) {
    const chunk = {
      bytes: this.buf.subarray(0, at),
      lines: this.newlines,
      end: this.read - (this.len - at),
      release: (buffer) => this.recycle(buffer),
    };
    const rest = this.buf.subarray(at, this.len);
    const free = this.free.pop();
    this.buf = free ? Buffer.from(free) : Buffer.allocUnsafeSlow(this.capacity);
    this.buf.set(rest);
    this.len = rest.length;
    this.lineStart -= at;
    this.newlines = 0;
    return chunk;
  }

  /**
   * Takes back the ArrayBuffer of a chunk that has been validated (from this thread, or moved back
   * from a worker), to read later chunks into. Without it every chunk is a new buffer, which the
   * thread that validated it frees only when its garbage collector runs: with workers that do
   * little else, dead chunks piled up to a hundred MiB per worker.
   */
  recycle(buffer) {
    if (buffer instanceof ArrayBuffer && buffer.byteLength === this.capacity) this.free.push(buffer);
  }
}

/** The chunks of a readable stream (Buffers, typed arrays or strings, which are UTF-8 encoded). */
async function* chunksOf(readable, chunkSize) {
  const chunker = new Chunker(chunkSize);
  for await (const data of readable) {
    yield* chunker.push(typeof data === "string" ? Buffer.from(data, "utf8") : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  yield* chunker.end();
}

/**
 * The chunks of the file open as `handle`, read straight into the chunker's buffers (no stream,
 * no copy); reading stops when `signal` is aborted.
 */
async function* fileChunks(handle, chunkSize, signal) {
  const chunker = new Chunker(chunkSize);
  for (;;) {
    if (signal?.aborted) throw abortError(signal);
    const room = chunker.room(READ_SIZE);
    const { bytesRead } = await handle.read(room, 0, room.length, null);
    if (bytesRead === 0) break;
    yield* chunker.wrote(room, bytesRead);
  }
  yield* chunker.end();
}

/** Node's AbortError for `signal` (name "AbortError", code "ABORT_ERR", the reason as cause). */
function abortError(signal) {
  const error = new Error("the validation was aborted", { cause: signal.reason });
  error.name = "AbortError";
  error.code = "ABORT_ERR";
  return error;
}

/**
 * Moves a chunk's errors to their lines in the whole input (`offset` lines come before it). A
 * line that is not JSON says its line number in its message and reason too.
 */
function relocate(error, offset) {
  if (offset === 0) return error;
  const was = `(line ${error.line}, column `;
  error.line += offset;
  if (error.keyword === "json") {
    const now = `(line ${error.line}, column `;
    error.message = error.message.replace(was, now);
    if (typeof error.params?.reason === "string") error.params.reason = error.params.reason.replace(was, now);
  }
  return error;
}

/** Adds a chunk's result (whose first line is line offset + 1) to `total`, keeping `budget` errors. */
function merge(total, result, offset, budget) {
  total.total += result.total;
  total.valid += result.valid;
  total.invalid += result.invalid;
  for (const error of result.errors) {
    if (total.errors.length < budget) total.errors.push(relocate(error, offset));
    else total.truncated = true;
  }
  if (result.truncated) total.truncated = true;
}

/** A piscina pool of `n` threads that validate chunks (bulk-worker.cjs), started when first needed. */
function lazyPool(n) {
  let pool = null;
  return {
    run(task) {
      if (pool === null) {
        const { Piscina } = require("piscina");
        pool = new Piscina({ filename: WORKER, minThreads: n, maxThreads: n, idleTimeout: 1000 });
      }
      // The chunk's buffer is moved to the worker, not copied, and moved back with the result
      // (bulk-worker.cjs) for the chunker to reuse.
      // No signal here: on abort, run() stops submitting, lets the running tasks end and destroys
      // the pool (a task aborted through piscina while its result is on the way throws in piscina).
      return pool.run(task, { transferList: [task.bytes.buffer] });
    },
    close: () => pool?.destroy(),
  };
}

/** The options of validateStream / validateFile, checked (maxErrors is left to validateMany). */
const BULK_OPTIONS = ["maxErrors", "workers", "chunkSize", "signal", "onProgress"];

function readOptions(options, makeError) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object") throw makeError("InputError", "INVALID_ARGUMENT", "options must be an object");
  // A misspelt option is refused, as validateMany and Validator refuse one.
  const unknown = Object.keys(options).find((key) => !BULK_OPTIONS.includes(key));
  if (unknown !== undefined) {
    throw makeError("InputError", "INVALID_ARGUMENT", `options has an unknown member ${JSON.stringify(unknown)}: the options are ${BULK_OPTIONS.join(", ")}`);
  }
  const { maxErrors, workers = os.availableParallelism(), chunkSize = DEFAULT_CHUNK_SIZE, signal, onProgress } = options;
  const whole = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;
  if (!whole(workers, 1, 1024)) throw makeError("InputError", "INVALID_ARGUMENT", "options.workers must be an integer from 1 to 1024");
  if (!whole(chunkSize, 1, MAX_CHUNK_SIZE)) throw makeError("InputError", "INVALID_ARGUMENT", `options.chunkSize must be an integer from 1 to ${MAX_CHUNK_SIZE}`);
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw makeError("InputError", "INVALID_ARGUMENT", "options.signal must be an AbortSignal");
  if (onProgress !== undefined && typeof onProgress !== "function") throw makeError("InputError", "INVALID_ARGUMENT", "options.onProgress must be a function");
  return { maxErrors, workers, chunkSize, signal, onProgress };
}

module.exports = function bulk({ validateMany, makeError }) {
  /**
   * Validates the chunks and merges their results in input order. A chunk is asked only for the
   * errors still wanted when it is sent; in workers, chunks run side by side (up to two per worker
   * in flight, which bounds memory), and the merge keeps the first errors.
   * A pool is started only when the input is more than one chunk.
   */
  async function run(id, chunks, { maxErrors, workers, signal, onProgress }) {
    const budget = Math.min(maxErrors ?? DEFAULT_MAX_ERRORS, MAX_BATCH_ERRORS);
    const total = { total: 0, valid: 0, invalid: 0, errors: [], truncated: false };
    const pool = workers > 1 ? lazyPool(workers) : null;
    const pending = []; // { result (a promise), offset (lines before it), end, lines }, in input order
    let lines = 0; // lines before the next chunk
    let first = null; // with a pool, the first chunk waits to see whether a second one comes
    let seen = 0; // chunks read
    const inThisThread = (chunk) => {
      const result = validateMany(id, chunk.bytes, { maxErrors: budget - total.errors.length });
      chunk.release(chunk.bytes.buffer); // validateMany has copied what it needs
      return result;
    };
    const inWorker = async (chunk) => {
      // The errors still wanted when it is sent: the chunks before it that are still running
      // can only take more of them, so this bound never drops an error one call would keep, and
      // once the budget is spent a chunk builds and sends none (only its counts and `truncated`).
      const { result, buffer } = await pool.run({ id, bytes: chunk.bytes, maxErrors: budget - total.errors.length });
      chunk.release(buffer);
      return result;
    };
    const submit = (chunk, inThread) => {
      const result = inThread ? Promise.resolve(inThisThread(chunk)) : inWorker(chunk);
      result.catch(() => {}); // awaited in order below; never an unhandled rejection meanwhile
      pending.push({ result, offset: lines, end: chunk.end, lines: chunk.lines });
      lines += chunk.lines;
    };
    const settle = async () => {
      const { result, offset, end, lines: n } = pending.shift();
      merge(total, await result, offset, budget);
      onProgress?.({ bytes: end, lines: offset + n });
    };
    try {
      for await (const chunk of chunks) {
        if (signal?.aborted) throw abortError(signal);
        if (pool && seen++ === 0) {
          first = chunk;
          continue;
        }
        if (first) submit(first, false);
        first = null;
        submit(chunk, !pool);
        while (pending.length >= (pool ? 2 * workers : 1)) await settle();
      }
      if (first) submit(first, true);
      while (pending.length) await settle();
      return total;
    } catch (error) {
      throw signal?.aborted ? abortError(signal) : error;
    } finally {
      // Tasks still running finish first (a chunk each): piscina throws, outside any promise, for a
      // result that comes back from a worker it is destroying.
      await Promise.allSettled(pending.map((p) => p.result));
      await pool?.close();
    }
  }

  /** Validates each NDJSON line of `readable` against contract `id`; a promise of a BatchResult. */
  async function validateStream(id, readable, options) {
    const opts = readOptions(options, makeError);
    // validateMany on nothing: throws for an unknown contract or a bad maxErrors, as it would.
    validateMany(id, new Uint8Array(0), { maxErrors: opts.maxErrors });
    if (readable === null || typeof readable !== "object" || typeof readable[Symbol.asyncIterator] !== "function") {
      throw makeError("InputError", "INVALID_ARGUMENT", "readable must be a readable stream (or an async iterable of bytes)");
    }
    if (opts.signal?.aborted) throw abortError(opts.signal);
    // Aborting destroys the stream, so that reading stops at once, even while waiting for data.
    if (opts.signal && typeof readable.destroy === "function") addAbortSignal(opts.signal, readable);
    return run(id, chunksOf(readable, opts.chunkSize), opts);
  }

  /** Validates the NDJSON file at `file` (read in chunks: any size) against contract `id`. */
  async function validateFile(id, file, options) {
    const opts = readOptions(options, makeError);
    validateMany(id, new Uint8Array(0), { maxErrors: opts.maxErrors });
    if (opts.signal?.aborted) throw abortError(opts.signal);
    const handle = await open(file, "r");
    try {
      // In this thread a read stream reads ahead while a chunk is validated. With workers, this
      // thread's CPU is what the workers lose on the same cores, so the file is read straight
      // into the chunk buffers, with no stream and no copy.
      if (opts.workers > 1) return await run(id, fileChunks(handle, opts.chunkSize, opts.signal), opts);
      const stream = handle.createReadStream({ highWaterMark: READ_SIZE, autoClose: false });
      if (opts.signal) addAbortSignal(opts.signal, stream);
      try {
        return await run(id, chunksOf(stream, opts.chunkSize), opts);
      } finally {
        stream.destroy();
      }
    } finally {
      await handle.close();
    }
  }

  return { validateStream, validateFile };
};

// For the tests (tests/js/stream.test.mjs), which check that chunk buffers are reused.
module.exports.Chunker = Chunker;
