//! The Migratable `migrationPreCheck`: built-in rules and policy-defined custom rules over a
//! context the host assembles, with one plain-text, localized message for the user.
//!
//! `context` and `policy` are the inputs as types; `load` reads a context; `rules` judge it;
//! `checker` compiles a policy and evaluates a move; `reach` is the part of a context its custom
//! rules can see; `report` is what comes out; `messages` holds the catalogues.

mod checker;
pub mod context;
mod error;
mod load;
pub mod messages;
pub mod policy;
mod policy_checks;
#[cfg(feature = "pruned-context")]
mod reach;
pub mod report;
pub mod rules;
mod wording;

pub use checker::PreChecker;
pub use error::{ContextInputError, PrecheckError, PrecheckErrorCode};
pub use report::{Answer, Failure, Report, RuleParams, RuleRef};

use crate::aps;
use crate::schema::{SchemaError, Validator};
use serde_json::Value;
use std::sync::OnceLock;

/// The JSON Schema of the pre-check context.
pub const CONTEXT_SCHEMA: &str = embedded_json!("precheck/context.schema.json");
/// The JSON Schema of a pre-check policy.
pub const POLICY_SCHEMA: &str = embedded_json!("precheck/policy.schema.json");

/// The embedded schemas, compiled once per instance of the module.
struct Shared {
    context: Validator,
    policy: Validator,
    migration_set: Validator,
}

fn shared() -> Result<&'static Shared, PrecheckError> {
    static SHARED: OnceLock<Result<Shared, SchemaError>> = OnceLock::new();
    let built = SHARED.get_or_init(|| {
        Ok(Shared {
            context: Validator::new(&context_schema())?,
            policy: Validator::new(&policy_schema())?,
            migration_set: aps::structure_validator(&aps::migratable_type(), "MigrationSet")?,
        })
    });
    built.as_ref().map_err(PrecheckError::schema)
}

/// The context schema as JSON (`urn:aps-migratable:context`).
pub fn context_schema() -> Value {
    crate::catalog::context().cloned().unwrap_or(Value::Null)
}

/// The policy schema as JSON (`urn:aps-migratable:policy`).
pub fn policy_schema() -> Value {
    crate::catalog::policy().cloned().unwrap_or(Value::Null)
}

/// One-shot pre-check with an optional policy (compiled on every call; reuse a
/// [`PreChecker`] for many calls).
pub fn migration_pre_check(
    migration_set: &Value,
    context: &Value,
    policy: &Value,
) -> Result<Answer, PrecheckError> {
    PreChecker::new(policy)?.check(migration_set, context)
}

/// One-shot full report with an optional policy.
pub fn explain_pre_check(
    migration_set: &Value,
    context: &Value,
    policy: &Value,
) -> Result<Report, PrecheckError> {
    PreChecker::new(policy)?.explain(migration_set, context)
}
