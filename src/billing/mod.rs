//! Billing-platform migration contracts (Chargebee, Fusebill, BillForward, Pismo): JSON Schema
//! documents embedded in the binary (`contracts`), validated by the engine one payload at a time
//! or in NDJSON batches (`batch`), with each platform's own error body (`vendor`) and the
//! migration state the pre-check looks at (`facts`).

pub mod batch;
pub mod billforward;
pub mod chargebee;
pub mod contracts;
pub mod facts;
pub mod fusebill;
pub mod lines;
pub mod pismo;
pub mod vendor;

pub use batch::{
    validate_many, BatchError, BatchOptions, BatchResult, LineError, DEFAULT_MAX_BATCH_ERRORS,
};
pub use contracts::{
    contract_ids, contract_schema, validate_contract, validator, ContractId, ContractResult,
    UnknownContract,
};
pub use facts::{facts, BillingFacts};
pub use vendor::{condense, error_field, errors_from_result, to_vendor_error, NotAResult};

/// A string member of a record that its contract has already checked (the contract makes it
/// a string where it is present; `None` where it is absent).
fn text<'a>(record: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    record.get(key)?.as_str()
}

named_enum! {
    /// A billing platform, as named in a pre-check context's `billing.platform`.
    pub enum Platform {
        Chargebee = "chargebee",
        Fusebill = "fusebill",
        Billforward = "billforward",
        Pismo = "pismo",
    }
}

impl Platform {
    /// The platform's name as people write it.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Chargebee => chargebee::NAME,
            Platform::Fusebill => fusebill::NAME,
            Platform::Billforward => billforward::NAME,
            Platform::Pismo => pismo::NAME,
        }
    }
}
