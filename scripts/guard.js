// The receiver guard for wasm-bindgen's exported classes, and the browser build's guard against
// calls before init(). scripts/package.mjs inlines this file, unchanged, into pkg/node/index.cjs
// (CommonJS) and pkg/web/index.js (ES module), so it must stay format-neutral: no
// import/export/require, only declarations, and nothing runs at load time. Its errors come from
// `make_error`, which each of those entries takes from src/bindings/stage.js (the glue's own JS
// snippet), so that they are the package's error classes (InputError) like the module's own.
//
// wasm-bindgen's glue hands `this.__wbg_ptr` to Rust unchecked, so a method called on the wrong
// object (another class's instance, a forged `{__wbg_ptr: 8}`, an instance whose `__wbg_ptr` was
// rewritten) makes Rust read or write arbitrary wasm memory, and use after free() throws a bare
// Error('null pointer passed to rust'). The guard:
//  - remembers every genuine instance, with its pointer, in a WeakMap per class, filled where
//    instances are born: `new Class()` (the exported class is a Proxy whose `construct` trap
//    records the result) and the static `Class.__wrap(ptr)` the glue calls when Rust returns an
//    instance (e.g. apsStructureValidator returns a Validator); the exported Proxy hides __wrap;
//  - makes `__wbg_ptr` non-configurable on genuine instances (still writable: the glue zeroes it
//    in free()), so it cannot be turned into a getter that answers differently to the glue, and
//    pins the guarded `__destroy_into_raw` (whose result free() frees) on each instance;
//  - wraps every prototype method, getter and setter: the receiver must be a genuine, live
//    instance whose `__wbg_ptr` is still the pointer it was born with (else InputError
//    INVALID_RECEIVER), and not freed (else InputError OBJECT_FREED; free() and
//    [Symbol.dispose]() of a freed instance do nothing);
//  - counts the calls under way on each instance: free() from inside one (a getter or toJSON of
//    the argument runs while Rust holds the instance) throws InputError OBJECT_BUSY and frees
//    nothing, where the glue would throw a bare Error with Rust's borrow still held and the
//    instance already marked freed, its memory never released.
// Cost per call: one WeakMap lookup, one property read, one comparison, a count up and down.
//
// The browser build's exports (functions, and `new` of its classes) also ask `isReady()` first,
// and throw InputError NOT_INITIALIZED until init() or initSync() has run: the glue would fail
// with "Cannot read properties of undefined", which says nothing of init().

const APS_GUARD = Symbol.for("aps-migratable.guard");
/** On each genuine instance: a cell counting its method calls under way (a cell: frozen instances too). */
const APS_BUSY = Symbol("aps-migratable.busy");

function apsInputError(code, message) {
  return make_error("InputError", code, message);
}

function apsNotInitialized(what) {
  return apsInputError(
    "NOT_INITIALIZED",
    `${what} was called before init(): in the browser build, call and await init() (or call initSync()) once before anything else`,
  );
}

/** The wrapper keeps the name and arity of the function it stands for. */
function apsLike(wrapper, original) {
  Object.defineProperty(wrapper, "name", { value: original.name, configurable: true });
  Object.defineProperty(wrapper, "length", { value: original.length, configurable: true });
  return wrapper;
}

/** An exported function that throws NOT_INITIALIZED until `isReady()`. */
function apsAfterInit(original, name, isReady) {
  return apsLike(
    {
      [name](...args) {
        if (!isReady()) throw apsNotInitialized(`${name}()`);
        return Reflect.apply(original, this, args);
      },
    }[name],
    original,
  );
}

/** True for a class wasm-bindgen exports (it owns Rust memory: free and __destroy_into_raw). */
function apsIsWasmClass(value) {
  return (
    typeof value === "function" &&
    value.prototype != null &&
    typeof Object.getOwnPropertyDescriptor(value.prototype, "free")?.value === "function" &&
    typeof Object.getOwnPropertyDescriptor(value.prototype, "__destroy_into_raw")?.value === "function"
  );
}

/**
 * Guards one wasm-bindgen class in place and returns the constructor to export in its stead;
 * with `isReady`, `new` throws NOT_INITIALIZED until it answers true.
 */
function apsGuardClass(Class, isReady) {
  // Guarding twice (two copies of the entry over one glue module) must give the same guard.
  const done = Object.getOwnPropertyDescriptor(Class, APS_GUARD);
  if (done) return done.value;

  const className = Class.name;
  const proto = Class.prototype;
  /** Genuine instance -> the pointer it was born with, 0 once freed. */
  const live = new WeakMap();

  let pinnedDestroy; // the guarded __destroy_into_raw, set below
  const register = (instance) => {
    const ptr = instance.__wbg_ptr;
    Object.defineProperty(instance, "__wbg_ptr", { configurable: false });
    // The glue's free() calls this.__destroy_into_raw() and frees the pointer it returns: pin it,
    // so no own property, subclass or prototype change can hand free() another pointer.
    Object.defineProperty(instance, "__destroy_into_raw", { value: pinnedDestroy, writable: false, enumerable: false, configurable: false });
    Object.defineProperty(instance, APS_BUSY, { value: { calls: 0 }, writable: false, enumerable: false, configurable: false });
    live.set(instance, ptr);
    return instance;
  };
  const notLive = (what) =>
    apsInputError("INVALID_RECEIVER", `${className}.prototype.${what} was called on an object that is not a live ${className} made by this module`);
  const freed = (what) => apsInputError("OBJECT_FREED", `${className}.prototype.${what} was called after free(): the ${className} no longer exists`);
  const busy = (what) =>
    apsInputError(
      "OBJECT_BUSY",
      `${className}.prototype.${what} was called while a call on the same ${className} was under way (from a getter or toJSON of its argument): call it after that call returns`,
    );
  const labelOf = (key) => (typeof key === "symbol" ? `[${key.description}]` : key);

  // An ordinary method, getter or setter: a live instance or an error.
  const guarded = (original, what) =>
    apsLike(
      {
        [what](...args) {
          const ptr = live.get(this);
          if (ptr === undefined || (ptr !== 0 && this.__wbg_ptr !== ptr)) throw notLive(what);
          if (ptr === 0) throw freed(what);
          const under = this[APS_BUSY];
          under.calls++;
          try {
            return Reflect.apply(original, this, args);
          } finally {
            under.calls--;
          }
        },
      }[what],
      original,
    );

  // free() / [Symbol.dispose]() and the glue's __destroy_into_raw() (which free() calls): a
  // no-op on a freed instance; afterwards the instance is marked freed.
  const releasing = (original, what, whenFreed) =>
    apsLike(
      {
        [what](...args) {
          const ptr = live.get(this);
          if (ptr === undefined || (ptr !== 0 && this.__wbg_ptr !== ptr)) throw notLive(what);
          if (ptr === 0) return whenFreed;
          if (this[APS_BUSY].calls > 0) throw busy(what);
          if (!Object.getOwnPropertyDescriptor(this, "__wbg_ptr").writable) {
            throw apsInputError("INVALID_RECEIVER", `${className}.prototype.${what} cannot free a ${className} that was frozen`);
          }
          try {
            return Reflect.apply(original, this, args);
          } catch {
            // The glue's own Error: Rust still holds the instance, though no call is under way,
            // because one was cut short (the JS stack ran out inside it, docs/hardening.md). It
            // can no longer be freed; it is marked freed (below), and its memory stays in use.
            throw apsInputError(
              "OBJECT_BUSY",
              `${className}.prototype.${what} could not free the ${className}: a call on it was cut short (the JS stack ran out inside it), so its memory stays in use`,
            );
          } finally {
            if (this.__wbg_ptr === 0) live.set(this, 0);
          }
        },
      }[what],
      original,
    );

  const originalFree = proto.free;
  const originalDestroy = proto.__destroy_into_raw;
  const replaced = new Map(); // original -> wrapper, so [Symbol.dispose] === free stays true
  const wrap = (original, key) => {
    if (typeof original !== "function") return original;
    if (!replaced.has(original)) {
      const what = labelOf(key);
      replaced.set(
        original,
        original === originalFree
          ? releasing(original, what, undefined)
          : original === originalDestroy
            ? releasing(original, what, 0)
            : guarded(original, what),
      );
    }
    return replaced.get(original);
  };
  for (const key of Reflect.ownKeys(proto)) {
    if (key === "constructor") continue;
    const descriptor = Object.getOwnPropertyDescriptor(proto, key);
    if ("value" in descriptor) descriptor.value = wrap(descriptor.value, key);
    if (descriptor.get) descriptor.get = wrap(descriptor.get, key);
    if (descriptor.set) descriptor.set = wrap(descriptor.set, key);
    Object.defineProperty(proto, key, descriptor);
  }
  pinnedDestroy = replaced.get(originalDestroy);

  // Instances Rust returns: the glue calls Class.__wrap(ptr) (by name, on the class itself).
  const wrapDescriptor = Object.getOwnPropertyDescriptor(Class, "__wrap");
  if (typeof wrapDescriptor?.value === "function") {
    const originalWrap = wrapDescriptor.value;
    wrapDescriptor.value = apsLike({ __wrap(ptr) { return register(Reflect.apply(originalWrap, this, [ptr])); } }.__wrap, originalWrap);
    Object.defineProperty(Class, "__wrap", wrapDescriptor);
  }

  // Instances JS makes: `new Class(...)`, also through a subclass's super(...). The exported
  // class hides __wrap: called by a program, it would make a "genuine" instance of any pointer.
  const hidden = (key) => key === "__wrap";
  const Guarded = new Proxy(Class, {
    construct(target, args, newTarget) {
      if (isReady && !isReady()) throw apsNotInitialized(`new ${className}()`);
      return register(Reflect.construct(target, args, newTarget));
    },
    get: (target, key, receiver) => (hidden(key) ? undefined : Reflect.get(target, key, receiver)),
    has: (target, key) => !hidden(key) && Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => (hidden(key) ? undefined : Reflect.getOwnPropertyDescriptor(target, key)),
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => !hidden(key)),
  });
  Object.defineProperty(proto, "constructor", { value: Guarded });
  Object.defineProperty(Class, APS_GUARD, { value: Guarded });
  return Guarded;
}

/**
 * The module's exports with every wasm-bindgen class guarded; with `isReady` (the browser build),
 * every function and class also refuses to run before init.
 */
function apsGuardExports(exportsObject, isReady) {
  const out = {};
  for (const name of Object.keys(exportsObject)) {
    const value = exportsObject[name];
    if (apsIsWasmClass(value)) out[name] = apsGuardClass(value, isReady);
    else if (isReady && typeof value === "function") out[name] = apsAfterInit(value, name, isReady);
    else out[name] = value;
  }
  return out;
}
