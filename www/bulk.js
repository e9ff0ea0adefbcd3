// The bulk panel: an NDJSON file (picked or dropped) of any size validated against a contract by
// one module worker per core (bulk-pool.js, bulk-worker.js), with a progress bar, exact counts
// and the first errors by line.
import { SAMPLES } from "./samples.js";
import { byId, count, el, plural, setText } from "./dom.js";
import { createPool, validateFileInWorkers, workerCount } from "./bulk-pool.js";

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function setupBulk(api) {
  const form = byId("bulk-form");
  const select = byId("bulk-contract");
  const input = byId("bulk-file");
  const zone = byId("dropzone");
  const maxField = byId("bulk-max");
  const runButton = byId("bulk-run");
  const cancelButton = byId("bulk-cancel");
  const bar = byId("bulk-progress");
  const barText = byId("bulk-progress-text");
  const verdict = byId("bulk-verdict");
  const tbody = byId("bulk-errors").querySelector("tbody");

  for (const id of api.contractIds()) select.append(el("option", { value: id, text: id }));

  let pool = null; // the current run's workers
  let file = null;
  let runId = 0;
  let started = 0;
  let running = false;

  function stopPool() {
    pool?.terminate();
    pool = null;
  }

  function setRunning(on) {
    running = on;
    cancelButton.disabled = !on;
    runButton.disabled = on || !file;
    bar.toggleAttribute("aria-busy", on);
  }

  function resetSummary() {
    for (const id of ["bulk-total", "bulk-valid", "bulk-invalid", "bulk-time"]) setText(byId(id), "–");
    tbody.replaceChildren();
    setText(byId("bulk-errors-note"), "");
  }

  function start() {
    if (!file) return;
    if (running) cancel(false);
    const run = ++runId;
    started = performance.now();
    resetSummary();
    bar.value = 0;
    const workers = workerCount();
    setText(barText, `Reading ${file.name} (${size(file.size)}) with ${plural(workers, "worker")}…`);
    verdict.className = "verdict pending";
    setText(verdict, `Validating ${file.name} against ${select.value}…`);
    setRunning(true);
    const maxErrors = Math.max(0, Math.min(10000, Math.floor(Number(maxField.value) || 0)));
    const current = file;
    pool = createPool(workers);
    // A run that was cancelled or replaced (runId moved on) is not shown.
    validateFileInWorkers({ file: current, contract: select.value, maxErrors, pool, onProgress: (p) => run === runId && progress(p, current) }).then(
      ({ result, lines }) => run === runId && done(result, lines, current),
      (error) => run === runId && finish("error", `${error?.name ?? "Error"}${error?.code ? ` (${error.code})` : ""}: ${error?.message ?? error}`),
    ).finally(() => {
      if (run === runId) stopPool();
    });
  }

  function cancel(announce = true) {
    runId += 1;
    stopPool();
    setRunning(false);
    if (announce) {
      verdict.className = "verdict error";
      setText(verdict, "Cancelled.");
      setText(barText, `Cancelled at ${Math.round(bar.value * 100)}%.`);
    }
  }

  function finish(kind, text) {
    setRunning(false);
    verdict.className = `verdict ${kind}`;
    setText(verdict, text);
  }

  function progress({ bytes, total, valid, invalid }, current) {
    bar.value = current.size ? bytes / current.size : 1;
    setText(barText, `${Math.round(bar.value * 100)}% · ${size(bytes)} of ${size(current.size)} · ${count(total)} lines checked, ${count(invalid)} invalid`);
    setText(byId("bulk-total"), count(total));
    setText(byId("bulk-valid"), count(valid));
    setText(byId("bulk-invalid"), count(invalid));
  }

  function done({ total, valid, invalid, errors, truncated }, lines, current) {
    const ms = performance.now() - started;
    bar.value = 1;
    setText(barText, `Done: ${size(current.size)}, ${count(lines)} physical lines (blank lines are not counted).`);
    setText(byId("bulk-total"), count(total));
    setText(byId("bulk-valid"), count(valid));
    setText(byId("bulk-invalid"), count(invalid));
    setText(byId("bulk-time"), ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
    tbody.replaceChildren(
      ...errors.map((error) =>
        el(
          "tr",
          { "data-line": error.line },
          el("td", { class: "num", text: count(error.line) }),
          el("td", {}, el("code", { text: error.instancePath || "(root)" })),
          el("td", {}, el("code", { text: error.keyword })),
          el("td", { text: error.message }),
        ),
      ),
    );
    if (!errors.length) tbody.append(el("tr", {}, el("td", { colspan: "4", class: "none", text: invalid ? "Listing no errors (0 requested)." : "No errors." })));
    setText(byId("bulk-errors-note"), truncated ? `Showing the first ${plural(errors.length, "error")}; more were left out. The counts above are exact.` : errors.length ? `All ${plural(errors.length, "error")}.` : "");
    if (invalid === 0) finish("allowed", `All ${plural(total, "line")} are valid ${select.value} payloads.`);
    else finish("refused", `${count(invalid)} of ${plural(total, "line")} invalid, ${count(valid)} valid.`);
  }

  function useFile(picked) {
    if (!picked) return;
    file = picked;
    setText(byId("bulk-file-name"), `${file.name} · ${size(file.size)}`);
    start();
  }

  input.addEventListener("change", () => useFile(input.files?.[0]));
  byId("bulk-generate").addEventListener("click", () => {
    // 10,000 copies of the contract's sample; every 1000th line is not JSON, and every 1000th
    // from line 500 on is an array (not an object): 20 invalid lines.
    const line = JSON.stringify(SAMPLES[select.value] ?? {});
    const lines = Array.from({ length: 10_000 }, (_, i) => ((i + 1) % 1000 === 0 ? line.slice(0, -1) : (i + 1) % 1000 === 500 ? "[]" : line));
    const name = `generated-${select.value.replaceAll("/", "-")}.ndjson`;
    useFile(new File([lines.join("\n") + "\n"], name, { type: "application/x-ndjson" }));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start();
  });
  cancelButton.addEventListener("click", () => cancel());
  select.addEventListener("change", () => {
    if (file && !running) setText(verdict, `Contract changed: press “Validate again” to check ${file.name} against ${select.value}.`);
  });

  // Drag and drop onto the zone; a file dropped elsewhere must not make the browser open it.
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("dragging");
    });
  }
  zone.addEventListener("dragleave", (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const dropped = event.dataTransfer?.files;
    if (!dropped?.length) return;
    try {
      input.files = dropped; // keeps the file input in step with what is being validated
    } catch {
      /* read-only in some browsers */
    }
    useFile(dropped[0]);
  });
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (hasFiles(event) && !zone.contains(event.target)) event.preventDefault();
    });
  }

  return { start, cancel };
}
