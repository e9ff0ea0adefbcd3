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
    failure = messageOf(error);
    return -2;
  }
  if (typeof text !== "string") return -1;
  staged = text;
  return text.length;
}

// What a thrown value says, as a string: its `message`, else its String(); anything of the
// caller's that this runs (a getter, a toString, a Proxy's traps) runs inside `try` (one that
// throws is answered with null). Only the string crosses into wasm: a value handed to Rust and
// read there through a caught-exception import would leak a table slot per failure (above), and
// an exception thrown while Rust is on the stack unwinds past its clean-up (a borrowed object
// stays borrowed).
function messageOf(error) {
  try {
    if (typeof error === "string") return error;
    // Any object's `message`: an Error of another realm (a vm context) is no `instanceof Error`.
    const message = error !== null && typeof error === "object" ? error.message : undefined;
    return typeof message === "string" ? message : String(error);
  } catch {
    return null;
  }
}

// The message of what the last `stage_json` caught (null: it says none).
export function staged_error() {
  const message = failure;
  failure = null;
  return message;
}

// The built-in getters of typed arrays: they read a Uint8Array's internal slots, so an own or
// inherited `length`, a subclass's getter or a Proxy cannot answer for it; a Uint8Array from
// another realm (a vm context, a test environment) has the same slots and is read the same way.
const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
const builtIn = (key) => Object.getOwnPropertyDescriptor(typedArray, key).get;
const tagOf = builtIn(Symbol.toStringTag);
const bufferOf = builtIn("buffer");
const offsetOf = builtIn("byteOffset");
const lengthOf = builtIn("byteLength");
// %TypedArray%.prototype.at validates its receiver: it throws for an array whose buffer is
// detached, or that a resizable buffer shrank out from under (whose length then reads as 0).
const atOf = typedArray.at;

// The bytes of a Uint8Array as a fresh view of the same memory, or null when the value is not
// one, or its buffer is detached or too short for it. A view of this module's own memory is
// copied: making room for the text in that memory would write over it, or detach it. Never throws.
function bytesOf(value, memory) {
  try {
    if (tagOf.call(value) !== "Uint8Array") return null;
    atOf.call(value, 0);
    const buffer = bufferOf.call(value);
    const bytes = new Uint8Array(buffer, offsetOf.call(value), lengthOf.call(value));
    return buffer === memory.buffer ? bytes.slice() : bytes;
  } catch {
    return null; // detached, or out of bounds
  }
}

// String.prototype.isWellFormed (ES2024; Node 20), taken once so a program cannot replace it,
// else the same test as a regular expression (a lone surrogate is a code point of its own).
const wellFormed = String.prototype.isWellFormed;
const isWellFormed = typeof wellFormed === "function" ? (text) => wellFormed.call(text) : (text) => !/\p{Cs}/u.test(text);

// Stages text given as it is: a string (answers its length in UTF-16 units) or a Uint8Array
// (answers -3 - its length in bytes); -1 for anything else (a Proxy, a detached array), -2 for a
// string with a lone surrogate (half of a UTF-16 pair: it has no UTF-8 form, and the encoder
// would write U+FFFD in its place). Not staged unless text. Never throws.
export function stage_text(value, memory) {
  if (typeof value === "string") {
    if (!isWellFormed(value)) return -2;
    staged = value;
    return value.length;
  }
  const bytes = bytesOf(value, memory);
  if (bytes === null) return -1;
  staged = bytes;
  return -3 - bytes.length;
}

// Writes the staged text, from UTF-16 unit `from` (bytes: all of them, at once), into wasm
// memory[at .. at + room]. Answers the bytes written once the whole text is written (then drops
// it, unless `keep`), else -1 - the bytes written, with the units read for `staged_read`.
export function staged_into(from, memory, at, room, keep) {
  const into = new Uint8Array(memory.buffer, at, room);
  let written;
  if (typeof staged === "string") {
    const done = encoder.encodeInto(from ? staged.substring(from) : staged, into);
    read = done.read;
    written = done.written;
  } else {
    // At most `room` bytes (the array's length was all it had when its room was made).
    read = written = Math.min(staged.length, room);
    // Cannot throw: no program code runs between staging and this copy, and a view of this
    // module's own memory (which making room for the copy could detach) was staged as a copy.
    into.set(written < staged.length ? staged.subarray(0, written) : staged);
  }
  if (from + read < staged.length) return -1 - written;
  if (!keep) staged = "";
  return written;
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

// The classes of every error the package throws: ApsMigratableError and one subclass per name.
// They are made once per JS realm and kept on globalThis under a registered symbol, so that every
// copy of the package in one realm (its Node and browser builds, two bundles, two versions) throws
// instances of the same classes and `instanceof` holds across all of them. A copy that knows a
// name the registry lacks adds it. The entries export these classes; scripts/guard.js throws
// through make_error too.
const ERROR_REGISTRY = Symbol.for("aps-migratable.errors");
const ERROR_NAMES = ["ContextError", "PolicyError", "SchemaError", "ContractError", "InputError", "InternalError"];
let errorClasses;

function errorClass(name, Base) {
  const Class = { [name]: class extends Base {} }[name];
  // On the prototype, as for the built-in errors: the stack's first line and `name` of an
  // instance made with `new` say the class.
  Object.defineProperty(Class.prototype, "name", { value: name, writable: true, configurable: true });
  return Class;
}

export function error_classes() {
  if (errorClasses === undefined) {
    const classes = (globalThis[ERROR_REGISTRY] ??= { ApsMigratableError: errorClass("ApsMigratableError", Error) });
    for (const name of ERROR_NAMES) classes[name] ??= errorClass(name, classes.ApsMigratableError);
    errorClasses = classes;
  }
  return errorClasses;
}

export function make_error(name, code, message) {
  const classes = error_classes();
  const error = new (classes[name] ?? classes.ApsMigratableError)(message);
  // Own properties, as the module has always set them (so JSON.stringify(error) shows them).
  error.name = name;
  error.code = code;
  return error;
}
