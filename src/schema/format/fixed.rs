//! The formats' own regular expressions: fixed sources, compiled once per instance, on first
//! use, by the engine's regex host (JavaScript's `RegExp` in wasm, `regress` natively; see
//! `schema::regex`), so that no regex engine is compiled into the `.wasm` for them.

use crate::schema::regex::{self, CompiledRegex};
use std::sync::OnceLock;

/// A regular expression of a format: its ECMA-262 source, compiled with the `u` flag.
pub struct Fixed {
    source: &'static str,
    compiled: OnceLock<Option<Box<dyn CompiledRegex>>>,
}

impl Fixed {
    pub const fn new(source: &'static str) -> Fixed {
        Fixed {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn compile(&self) -> Result<Box<dyn CompiledRegex>, String> {
        regex::compile(self.source, "u")
    }

    /// True when the expression matches in `text` (a source that failed to compile, which the
    /// tests rule out, matches nothing).
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| self.compile().ok())
            .as_ref()
            .is_some_and(|r| r.is_match(text))
    }

    /// Whether the source compiles (for the tests).
    #[cfg(test)]
    pub fn compiles(&self) -> Result<(), String> {
        self.compile().map(|_| ())
    }
}
