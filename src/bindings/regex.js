// JavaScript's RegExp as the engine's regular expressions (src/bindings/regex.rs): the very engine
// ajv uses. Compiled expressions are kept by flags and source, at most MAX of them (the oldest
// goes first), so a schema's patterns are compiled once however many values it validates.
// Nothing here throws into wasm.
const MAX = 1000;
const cache = new Map();

function compiled(source, flags) {
  const key = `${flags}/${source}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    regex = new RegExp(source, flags);
    if (cache.size >= MAX) cache.delete(cache.keys().next().value);
    cache.set(key, regex);
  }
  return regex;
}

export function regex_check(source, flags) {
  try {
    compiled(source, flags);
    return undefined;
  } catch (error) {
    return String(error?.message ?? error);
  }
}

export function regex_test(source, flags, text) {
  try {
    return compiled(source, flags).test(text);
  } catch {
    return false;
  }
}
