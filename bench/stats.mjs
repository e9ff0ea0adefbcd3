// Timing helpers: warm-up, per-call process.hrtime sampling, median and p99.
//
// Each sample times ONE call with process.hrtime.bigint() on both sides. The cost of the two clock
// reads themselves is measured once (the median of timing an empty function) and subtracted from
// every sample, clamped at 0. A call that takes less than MIN_SAMPLE_NS (2 µs) is below what the
// clock resolves well: with `batch: "auto"` (the default) such a function is timed in batches of
// k calls per sample, each sample divided by k, and the result says so (`batch` > 1; its p99 is
// then the p99 of batch means). Samples include whatever the engine does during the call (GC
// pauses, deoptimisation): p99 shows them, the median mostly does not.

let sink = 0; // results are folded in here so that no call can be optimised away

/** Folds a result into the sink (anything: object, boolean, number). */
export function consume(value) {
  sink = (sink + (value === null || value === undefined ? 1 : typeof value === "object" ? 2 : value ? 3 : 4)) | 0;
}
export const sinkValue = () => sink;

/** Percentile (0..100) of an ascending array, by nearest rank. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (!n) return NaN;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

let overheadNs = null;
/** Median cost, in ns, of the two hrtime reads around an empty call (measured once). */
export function timerOverheadNs() {
  if (overheadNs !== null) return overheadNs;
  const noop = () => 0;
  const runs = 200_000;
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    consume(noop());
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  samples.sort();
  overheadNs = samples[runs >> 1];
  return overheadNs;
}

const MIN_SAMPLE_NS = 2000;

/**
 * Times `fn` per call. Returns {medianUs, p99Us, meanUs, samples, batch, overheadNs}.
 * options: warmup (calls before sampling), warmupMs (and at least this long, so that the JIT has
 * optimised the code under test), samples (timed samples), batch (calls per sample, the
 * sample is divided by it; "auto": 1 unless a call takes under 2 µs), minTimeMs (keep sampling
 * until at least this much time has passed, up to 4 × samples).
 */
export function bench(fn, { warmup = 2000, warmupMs = 0, samples = 20_000, batch = "auto", minTimeMs = 0 } = {}) {
  const overhead = timerOverheadNs();
  const warmStart = performance.now();
  for (let i = 0; i < warmup || performance.now() - warmStart < warmupMs; i++) consume(fn());
  if (batch === "auto") {
    const pilot = new Float64Array(501);
    for (let i = 0; i < pilot.length; i++) {
      const t0 = process.hrtime.bigint();
      consume(fn());
      pilot[i] = Math.max(0, Number(process.hrtime.bigint() - t0) - overhead);
    }
    const perCall = pilot.sort()[250];
    batch = perCall >= MIN_SAMPLE_NS ? 1 : Math.min(1000, Math.ceil(MIN_SAMPLE_NS / Math.max(perCall, 2)));
  }
  const max = minTimeMs > 0 ? samples * 4 : samples;
  const out = new Float64Array(max);
  const started = performance.now();
  let n = 0;
  while (n < max && (n < samples || performance.now() - started < minTimeMs)) {
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < batch; b++) consume(fn());
    const ns = Number(process.hrtime.bigint() - t0);
    out[n++] = Math.max(0, ns - overhead) / batch;
  }
  const sorted = out.subarray(0, n).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    medianUs: percentile(sorted, 50) / 1000,
    p99Us: percentile(sorted, 99) / 1000,
    meanUs: sum / n / 1000,
    samples: n,
    batch,
    overheadNs: overhead,
  };
}

/**
 * Times `fn` (one whole run, e.g. a 100,000-line batch) `runs` times after `warmup` runs.
 * Returns {medianMs, minMs, maxMs, runs, last} where `last` is the last run's result.
 */
export function benchRuns(fn, { warmup = 1, runs = 5 } = {}) {
  let last;
  for (let i = 0; i < warmup; i++) last = fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    last = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs, last };
}
