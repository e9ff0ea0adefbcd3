// Module worker for the bulk panel: one of navigator.hardwareConcurrency workers (bulk.js). Each
// message is one chunk of whole NDJSON lines, as bytes; the answer is validateMany's result.
//
// In:  {runId, seq, contract, bytes: Uint8Array (transferred), maxErrors}
// Out: {runId, seq, result: {total, valid, invalid, errors, truncated}}
//      {runId, seq, error: {name, code, message}}
// To cancel, the page terminates the workers.
import init, { validateMany } from "../pkg/web/index.js";

const ready = init();

self.addEventListener("message", async (event) => {
  const { runId, seq, contract, bytes, maxErrors } = event.data ?? {};
  try {
    await ready;
    self.postMessage({ runId, seq, result: validateMany(contract, bytes, { maxErrors }) });
  } catch (error) {
    self.postMessage({ runId, seq, error: { name: error?.name ?? "Error", code: error?.code ?? null, message: String(error?.message ?? error) } });
  }
});
