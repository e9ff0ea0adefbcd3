//! Regular expressions as JSON Schema means them: ECMA-262, with the `u` flag (as ajv compiles
//! them). The engine is the host's: the wasm builds use JavaScript's own `RegExp` (the bindings
//! install it, `src/bindings/regex.rs`), so verdicts are exactly ajv's and the `.wasm` carries no
//! regex engine; native builds (tests, fuzzing) use the `regress` crate, an ECMA-262 engine.
//!
//! A pattern is matched against strings of at most [`MAX_PATTERN_INPUT`] characters: longer
//! strings are refused without running the pattern, so a pathological pattern cannot make a long
//! input take unbounded time.

use std::fmt::Debug;
use std::sync::OnceLock;

/// Longest string (in characters) a pattern is run against.
pub const MAX_PATTERN_INPUT: usize = 4096;

/// A compiled regular expression.
pub trait CompiledRegex: Debug + Send + Sync {
    /// True when the expression matches somewhere in `text` (as `RegExp.prototype.test`).
    fn is_match(&self, text: &str) -> bool;
}

/// What compiles regular expressions.
pub trait RegexEngine: Sync {
    /// Compiles `source` with `flags` (ECMA-262 flags, e.g. `u`, `ui`); the reason when invalid.
    fn compile(&self, source: &str, flags: &str) -> Result<Box<dyn CompiledRegex>, String>;
}

static ENGINE: OnceLock<&'static dyn RegexEngine> = OnceLock::new();

/// Installs the engine (once per instance; later calls are ignored).
pub fn install(engine: &'static dyn RegexEngine) {
    let _ = ENGINE.set(engine);
}

/// Compiles `source` with `flags` on the installed engine (or the built-in one).
pub fn compile(source: &str, flags: &str) -> Result<Box<dyn CompiledRegex>, String> {
    match ENGINE.get() {
        Some(engine) => engine.compile(source, flags),
        None => built_in(source, flags),
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
struct Regress(regress::Regex);

#[cfg(not(target_arch = "wasm32"))]
impl CompiledRegex for Regress {
    fn is_match(&self, text: &str) -> bool {
        self.0.find(text).is_some()
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn built_in(source: &str, flags: &str) -> Result<Box<dyn CompiledRegex>, String> {
    regress::Regex::with_flags(source, flags)
        .map(|r| Box::new(Regress(r)) as Box<dyn CompiledRegex>)
        .map_err(|e| e.to_string())
}

#[cfg(target_arch = "wasm32")]
fn built_in(_: &str, _: &str) -> Result<Box<dyn CompiledRegex>, String> {
    Err("no regular expression engine is installed".to_owned())
}
