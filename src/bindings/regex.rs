//! The engine's regular expressions in wasm: JavaScript's `RegExp` (regex.js), installed when the
//! module starts. Measured against compiling an ECMA-262 engine into the module (`regress`), this
//! costs no bytes of the `.wasm` (regress would add far more than the size budget leaves) and gives
//! ajv's verdicts exactly, since ajv runs on the same `RegExp`.

use crate::schema::regex::{self, CompiledRegex, RegexEngine};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/regex.js")]
extern "C" {
    /// Compiles `new RegExp(source, flags)`: its number, or -1 when it does not compile.
    fn regex_compile(source: &str, flags: &str) -> i32;
    /// Why the last compile failed.
    fn regex_error() -> String;
    /// `.test(text)` of the expression with this number.
    fn regex_test(id: u32, text: &str) -> bool;
    /// Forgets the expression with this number.
    fn regex_drop(id: u32);
}

/// A compiled expression: the number of its `RegExp` in JS, forgotten there when this is dropped.
#[derive(Debug)]
struct JsRegex(u32);

impl CompiledRegex for JsRegex {
    fn is_match(&self, text: &str) -> bool {
        regex_test(self.0, text)
    }
}

impl Drop for JsRegex {
    fn drop(&mut self) {
        regex_drop(self.0);
    }
}

struct JsRegexEngine;

impl RegexEngine for JsRegexEngine {
    fn compile(&self, source: &str, flags: &str) -> Result<Box<dyn CompiledRegex>, String> {
        match u32::try_from(regex_compile(source, flags)) {
            Ok(id) => Ok(Box::new(JsRegex(id))),
            Err(_) => Err(regex_error()),
        }
    }
}

static ENGINE: JsRegexEngine = JsRegexEngine;

/// Runs when the module is instantiated (private: not an export of the package).
#[wasm_bindgen(start)]
fn start() {
    install_host();
}

/// Installs what the host lends the core: JavaScript's `RegExp` as the regex engine (patterns and
/// formats) and `parseFloat` as the exact number reader (numbers serde_json alone might read
/// inexactly). The package's start does it; a wasm build that has no start (wasm-bindgen-test's,
/// or a crate that embeds this one) calls it first. Later calls change nothing.
pub fn install_host() {
    regex::install(&ENGINE);
    crate::exact::install(js_sys::parse_float);
}
