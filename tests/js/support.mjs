// Small helpers shared by the JS test suites and bench/ (not a test file: the runner only picks
// up *.test.mjs).

/** A seeded PRNG (mulberry32): the same sequence of numbers in [0, 1) for the same seed. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deep copy of a JSON value. */
export const clone = (v) => JSON.parse(JSON.stringify(v));

/** True for a plain object (not null, not an array). */
export const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
