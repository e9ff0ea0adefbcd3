//! The module's shipped schemas by URI: the pre-check context (`urn:aps-migratable:context`),
//! the policy (`urn:aps-migratable:policy`) and every billing contract
//! (`urn:aps-migratable:contract:<id>`). Each is parsed once, on first use, and any schema may
//! `$ref` them.

use crate::billing::ContractId;
use serde_json::Value;
use std::sync::OnceLock;

/// The prefix of every shipped schema's `$id`.
pub const PREFIX: &str = "urn:aps-migratable:";

const SHIPPED: usize = 2 + ContractId::ALL.len();

/// The parsed documents, by position: context, policy, then the contracts in `ContractId` order.
static PARSED: [OnceLock<Value>; SHIPPED] = [const { OnceLock::new() }; SHIPPED];

/// The position and text of the shipped schema named `name` (the URI without the prefix).
fn text(name: &str) -> Option<(usize, &'static str)> {
    match name {
        "context" => Some((0, crate::precheck::CONTEXT_SCHEMA)),
        "policy" => Some((1, crate::precheck::POLICY_SCHEMA)),
        _ => {
            let id = ContractId::from_name(name.strip_prefix("contract:")?)?;
            let position = ContractId::ALL.iter().position(|c| *c == id)?;
            Some((2 + position, id.contract().schema))
        }
    }
}

/// The shipped schema with this URI.
pub fn schema(uri: &str) -> Option<&'static Value> {
    let (position, text) = text(uri.strip_prefix(PREFIX)?)?;
    let slot = PARSED.get(position)?;
    // `from_slice`, as everywhere: one instance of the parser in the `.wasm`, not two.
    Some(slot.get_or_init(|| serde_json::from_slice(text.as_bytes()).unwrap_or(Value::Null)))
}

/// The shipped schema of a contract.
pub fn contract(id: ContractId) -> Option<&'static Value> {
    schema(&format!("{PREFIX}contract:{}", id.as_str()))
}

/// The parsed context schema.
pub fn context() -> Option<&'static Value> {
    schema("urn:aps-migratable:context")
}

/// The parsed policy schema.
pub fn policy() -> Option<&'static Value> {
    schema("urn:aps-migratable:policy")
}
