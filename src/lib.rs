//! aps-migratable: the APS 2 `migrationPreCheck` operation and the validation it rests on.
//!
//! The core (`schema`, `aps`, `precheck`, `billing`) is plain Rust over serde types and
//! `serde_json::Value`; `bindings` is the only module that knows about JavaScript.
//!
//! No input may make the module panic (a trap can leave a wasm instance unusable), so the
//! library denies the constructs that can: unwrap, expect, panics and unchecked indexing.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented
)]

/// A JSON document from `src/`, minified by build.rs (see there for the list).
macro_rules! embedded_json {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $path))
    };
}

#[macro_use]
pub mod names;
#[macro_use]
mod objects;

pub mod aps;
pub mod billing;
pub mod catalog;
pub mod exact;
pub mod limits;
pub mod pointer;
pub mod precheck;
pub mod schema;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

/// talc, smaller than the default allocator of wasm32, in the browser build (Cargo.toml says why).
#[cfg(all(
    feature = "small-allocator",
    target_arch = "wasm32",
    not(target_feature = "atomics")
))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use serde_json::{Map, Value};
