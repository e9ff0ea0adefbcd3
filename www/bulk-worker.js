// Module worker for the bulk panel: validates an NDJSON file against a contract off the main
// thread, in chunks of lines, so that the page stays responsive and shows progress.
//
// In:  {type: "run", runId, file: File|Blob, contract, maxErrors}
// Out: {type: "progress", runId, bytes, size, lines, total, valid, invalid}
//      {type: "done", runId, result: {total, valid, invalid, errors, truncated}, lines}
//      {type: "error", runId, name, code, message}
// To cancel, the page terminates the worker.
import init, { validateMany } from "../pkg/web/index.js";

const CHUNK_LINES = 2000;
const ready = init();

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (!message || message.type !== "run") return;
  try {
    await ready;
    await run(message);
  } catch (error) {
    self.postMessage({
      type: "error",
      runId: message.runId,
      name: error?.name ?? "Error",
      code: error?.code ?? null,
      message: String(error?.message ?? error),
    });
  }
});

async function run({ runId, file, contract, maxErrors }) {
  const totals = { total: 0, valid: 0, invalid: 0, errors: [], truncated: false };
  let linesBefore = 0; // physical lines of the file before the current chunk
  let bytes = 0;
  let carry = "";
  let pending = [];

  const flush = (lines) => {
    if (!lines.length) return;
    const remaining = Math.max(0, maxErrors - totals.errors.length);
    const result = validateMany(contract, lines.join("\n"), { maxErrors: remaining });
    totals.total += result.total;
    totals.valid += result.valid;
    totals.invalid += result.invalid;
    totals.truncated ||= result.truncated;
    for (const error of result.errors) totals.errors.push({ ...error, line: error.line + linesBefore });
    linesBefore += lines.length;
  };
  const progress = () =>
    self.postMessage({ type: "progress", runId, bytes, size: file.size, lines: linesBefore, total: totals.total, valid: totals.valid, invalid: totals.invalid });

  const reader = file.stream().getReader();
  const decoder = new TextDecoder("utf-8");
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const parts = (carry + decoder.decode(value, { stream: true })).split("\n");
    carry = parts.pop();
    for (const line of parts) {
      pending.push(line);
      if (pending.length === CHUNK_LINES) {
        flush(pending);
        pending = [];
        progress();
      }
    }
  }
  carry += decoder.decode();
  if (carry !== "") pending.push(carry);
  flush(pending);
  progress();
  self.postMessage({ type: "done", runId, result: totals, lines: linesBefore });
}
