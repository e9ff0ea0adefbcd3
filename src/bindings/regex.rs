//! The engine's regular expressions in wasm: JavaScript's `RegExp` (regex.js), installed when the
//! module starts. Measured against compiling an ECMA-262 engine into the module (`regress`), this
//! costs no bytes of the `.wasm` (regress would add far more than the size budget leaves) and gives
//! ajv's verdicts exactly, since ajv runs on the same `RegExp`.

use crate::schema::regex::{self, CompiledRegex, RegexEngine};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/bindings/regex.js")]
extern "C" {
    /// Why `new RegExp(source, flags)` fails, or `None` when it compiles.
    fn regex_check(source: &str, flags: &str) -> Option<String>;
    /// `RegExp(source, flags).test(text)`.
    fn regex_test(source: &str, flags: &str, text: &str) -> bool;
}

/// A compiled expression: its source and flags (the `RegExp` itself lives in JS).
#[derive(Debug)]
struct JsRegex {
    source: String,
    flags: String,
}

impl CompiledRegex for JsRegex {
    fn is_match(&self, text: &str) -> bool {
        regex_test(&self.source, &self.flags, text)
    }
}

struct JsRegexEngine;

impl RegexEngine for JsRegexEngine {
    fn compile(&self, source: &str, flags: &str) -> Result<Box<dyn CompiledRegex>, String> {
        match regex_check(source, flags) {
            Some(why) => Err(why),
            None => Ok(Box::new(JsRegex {
                source: source.to_owned(),
                flags: flags.to_owned(),
            })),
        }
    }
}

static ENGINE: JsRegexEngine = JsRegexEngine;

/// Runs when the module is instantiated (private: not an export of the package).
#[wasm_bindgen(start)]
fn start() {
    regex::install(&ENGINE);
    // Numbers serde_json alone might read inexactly, read by JavaScript's parseFloat (exact).
    crate::exact::install(js_sys::parse_float);
}
