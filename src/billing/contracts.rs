//! The contract registry: every contract's stable id, its platform and its schema, compiled
//! once per instance of the module.

use super::{billforward, chargebee, fusebill, pismo, Platform};
use crate::schema::{SchemaError, ValidationError, Validator};
use serde::Serialize;
use serde_json::Value;
use std::sync::OnceLock;

named_enum! {
    /// A contract's stable id: `platform/name` (Pismo adds `/version`).
    pub enum ContractId {
        ChargebeeResourceMigration = "chargebee/resource_migration",
        ChargebeeRetrieveLatest = "chargebee/retrieve_latest",
        ChargebeeRetrieveLatestResult = "chargebee/retrieve_latest_result",
        FusebillSubscriptionMigrate = "fusebill/subscription_migrate",
        BillforwardMigrationRequest = "billforward/migration_request",
        BillforwardMigrationAmendment = "billforward/migration_amendment",
        PismoCustomerOutgoing1 = "pismo/customer_outgoing/1",
        PismoCustomerIncoming1 = "pismo/customer_incoming/1",
    }
}

impl ContractId {
    /// The id as written.
    pub fn as_str(self) -> &'static str {
        self.name()
    }

    /// The contract with this id.
    pub fn parse(id: &str) -> Result<ContractId, UnknownContract> {
        ContractId::from_name(id).ok_or_else(|| UnknownContract {
            id: crate::value::display_text(id, 80),
        })
    }

    /// Its contract.
    pub fn contract(self) -> &'static Contract {
        match self {
            ContractId::ChargebeeResourceMigration => &chargebee::RESOURCE_MIGRATION,
            ContractId::ChargebeeRetrieveLatest => &chargebee::RETRIEVE_LATEST,
            ContractId::ChargebeeRetrieveLatestResult => &chargebee::RETRIEVE_LATEST_RESULT,
            ContractId::FusebillSubscriptionMigrate => &fusebill::SUBSCRIPTION_MIGRATE,
            ContractId::BillforwardMigrationRequest => &billforward::MIGRATION_REQUEST,
            ContractId::BillforwardMigrationAmendment => &billforward::MIGRATION_AMENDMENT,
            ContractId::PismoCustomerOutgoing1 => &pismo::CUSTOMER_OUTGOING,
            ContractId::PismoCustomerIncoming1 => &pismo::CUSTOMER_INCOMING,
        }
    }

    fn index(self) -> usize {
        ContractId::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// One contract: its platform and its schema.
pub struct Contract {
    /// The platform.
    pub platform: Platform,
    /// The schema, as embedded JSON text (its `$id` is `urn:aps-migratable:contract:<id>`).
    pub schema: &'static str,
}

/// A misuse: a contract id that does not exist.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownContract {
    /// The id asked for (shortened).
    pub id: String,
}

impl UnknownContract {
    /// `UNKNOWN_CONTRACT`.
    pub const CODE: &'static str = "UNKNOWN_CONTRACT";

    /// A plain-text explanation listing the ids that exist.
    pub fn message(&self) -> String {
        format!(
            "no contract \"{}\"; known contracts: {}",
            self.id,
            contract_ids().join(", ")
        )
    }
}

/// The ids of every contract.
pub fn contract_ids() -> Vec<&'static str> {
    ContractId::ALL.iter().map(|c| c.as_str()).collect()
}

/// The JSON Schema of a contract.
pub fn contract_schema(id: ContractId) -> Value {
    crate::catalog::contract(id).cloned().unwrap_or(Value::Null)
}

/// The compiled validator of a contract (compiled once per instance).
pub fn validator(id: ContractId) -> Result<&'static Validator, &'static SchemaError> {
    static COMPILED: OnceLock<Vec<Result<Validator, SchemaError>>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        ContractId::ALL
            .iter()
            .map(|c| Validator::new(&contract_schema(*c)))
            .collect()
    });
    match all.get(id.index()) {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e),
        None => Err(missing_schema()),
    }
}

fn missing_schema() -> &'static SchemaError {
    static MISSING: OnceLock<SchemaError> = OnceLock::new();
    MISSING.get_or_init(|| {
        SchemaError::at(
            "",
            crate::schema::SchemaErrorCode::Internal,
            "contract schema missing".to_owned(),
        )
    })
}

/// The errors of `payload` against a contract, with the field named in each message. Every
/// shipped schema compiles (tested); were one not to, nothing could be judged against it.
pub fn errors(id: ContractId, payload: &Value) -> Vec<ValidationError> {
    match validator(id) {
        Ok(v) => payload_errors(v, payload),
        Err(_) => Vec::new(),
    }
}

/// A payload's errors as a contract reports them: each rule once (no `if` error beside its
/// branch's), with the field named in the message.
pub fn payload_errors(validator: &Validator, payload: &Value) -> Vec<ValidationError> {
    super::vendor::drop_if_summaries(validator.errors(payload))
        .into_iter()
        .map(super::vendor::humanize)
        .collect()
}

/// The outcome of validating one payload against a contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractResult {
    /// True when there are no errors.
    pub valid: bool,
    /// Every error, in the engine's shape, with the field named in the message.
    pub errors: Vec<ValidationError>,
    /// The payload with the contract's documented defaults filled in (null when unreadable).
    pub value: Value,
}

/// A payload's errors, and the payload with its defaults when the contract fills any in.
#[derive(Clone, Debug, PartialEq)]
pub struct ContractCheck {
    /// Every error, as in [`ContractResult`].
    pub errors: Vec<ValidationError>,
    /// The payload with defaults filled in; `None` when no default applies (it is the payload).
    pub defaulted: Option<Value>,
}

/// Validates a payload against a contract, copying it only when a default has to be filled in.
pub fn check(id: ContractId, payload: &Value) -> ContractCheck {
    let defaulted = match validator(id) {
        Ok(v) if v.adds_defaults(payload) => Some(v.with_defaults(payload)),
        _ => None,
    };
    ContractCheck {
        errors: errors(id, payload),
        defaulted,
    }
}

/// Validates a payload against a contract.
pub fn validate_contract(id: ContractId, payload: &Value) -> ContractResult {
    let checked = check(id, payload);
    ContractResult {
        valid: checked.errors.is_empty(),
        errors: checked.errors,
        value: checked.defaulted.unwrap_or_else(|| payload.clone()),
    }
}
