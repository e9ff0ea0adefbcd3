// The JS side of the boundary (src/bindings/convert.rs), in as few calls as possible.
//
// Reading a value: `JSON.stringify` runs once and its text stays here (no externref slot, no type
// and length queries) until `staged_into` has written it into wasm memory with the engine's own
// TextEncoder (wasm-bindgen's copy of a string goes one character at a time, which cost more
// than parsing it). Nothing here throws: a caught-exception import leaks one externref table slot
// per failure in wasm-bindgen 0.2.130, which 100,000 bad calls turned into an ever-growing table.
//
// Writing a result: the two answers every host asks for most are built as objects directly; the
// rest arrive as JSON text and are parsed here.
const encoder = new TextEncoder();
let staged = "";
let failure = null;
let read = 0;

export function stage_json(value) {
  let text;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    return -2;
  }
  if (typeof text !== "string") return -1;
  staged = text;
  return text.length;
}

export function stage_string(text) {
  staged = text;
  return text.length;
}

export function staged_error() {
  const error = failure;
  failure = null;
  return error;
}

export function staged_into(from, memory, at, room) {
  const done = encoder.encodeInto(from ? staged.substring(from) : staged, new Uint8Array(memory.buffer, at, room));
  read = done.read;
  return done.written;
}

export function staged_read() {
  return read;
}

export function unstage() {
  staged = "";
}

export function precheck_answer(message) {
  return message === undefined ? { canMigrate: true } : { canMigrate: false, message };
}

export function valid_answer() {
  return { valid: true, errors: [] };
}

// validateContract's answer when no default applies: the value is the payload itself, parsed
// from the text still staged (so no copy of it is written back from wasm).
export function contract_answer(errors) {
  const value = JSON.parse(staged);
  staged = "";
  return errors === undefined ? { valid: true, errors: [], value } : { valid: false, errors: JSON.parse(errors), value };
}

export function parse_json(text) {
  return JSON.parse(text);
}

export function make_error(name, code, message) {
  const error = new Error(message);
  error.name = name;
  error.code = code;
  return error;
}
