//! aps-migratable: the APS 2 `migrationPreCheck` operation and the validation it rests on.
//!
//! The core (`schema`, `aps`, `precheck`) is plain Rust over `serde_json::Value`; `bindings`
//! is the only module that knows about JavaScript.

pub mod aps;
pub mod json;
pub mod precheck;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod bindings;
