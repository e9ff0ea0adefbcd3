// JavaScript's RegExp as the engine's regular expressions (src/bindings/regex.rs): the very engine
// ajv uses. Each compiled expression lives here under a number, as long as the Rust value that
// holds the number (its Drop calls regex_drop), so a schema's patterns are compiled once however
// many values it validates. Nothing here throws into wasm.
const live = new Map();
let next = 0;
let lastError = "";

export function regex_compile(source, flags) {
  let regex;
  try {
    regex = new RegExp(source, flags);
  } catch (error) {
    lastError = String(error?.message ?? error);
    return -1;
  }
  do next = (next + 1) & 0x7fffffff;
  while (live.has(next));
  live.set(next, regex);
  return next;
}

export function regex_error() {
  return lastError;
}

export function regex_test(id, text) {
  const regex = live.get(id);
  return regex !== undefined && regex.test(text);
}

export function regex_drop(id) {
  live.delete(id);
}
