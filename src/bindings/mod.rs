//! The JavaScript API: each export reads its arguments (`convert`), calls the core, and writes
//! the result or throws the mapped error (`errors`). No logic of its own.

mod convert;
mod errors;
mod regex;
pub use regex::install_host;

use crate::aps;
use crate::billing::{self, BatchOptions, ContractId, ContractResult};
use crate::limits;
use crate::precheck::{self, PreChecker as CorePreChecker, Report};
use crate::schema::{self, ErrorKeyword, Params, ValidationError, ValidationReport};
use convert::{
    contract_answer, drop_staged, given_text, json_text, json_text_kept, json_value, parse_value,
    precheck_answer, to_js, to_js_via_text, valid_answer, TextError, Unreadable, LONE_SURROGATE,
};
use errors::{
    batch_error, context_error, invalid_argument, precheck_error, schema_error, too_large,
    unknown_contract, unreadable,
};
use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../types.d.ts");

/// Reads an argument the calling program must get right; a wrong one throws `InputError`.
/// For an optional one, only `undefined` and `null` mean "not given": a function or a symbol
/// is a mistake, not an absent value.
fn argument(value: &JsValue, what: &str, optional: bool) -> Result<Value, JsValue> {
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(Value::Null);
    }
    json_value(value).map_err(|why| unreadable(what, why))
}

/// Reads data to be judged; what is not JSON, or too large, is judged as such, never thrown.
fn data(value: &JsValue) -> Result<Value, ValidationError> {
    json_value(value).map_err(judged)
}

/// Data that could not be read, as the error it is judged with.
fn judged(why: Unreadable) -> ValidationError {
    let not_json = |why: String| ValidationError {
        instance_path: String::new(),
        schema_path: "#".to_owned(),
        keyword: ErrorKeyword::Json,
        message: format!("must be a JSON value: {why}"),
        params: Params::Json { reason: why },
    };
    match why {
        Unreadable::Absent => not_json("it is undefined, a function or a symbol".to_owned()),
        Unreadable::NotJson(why) => not_json(why),
        Unreadable::Limit(limit) => limit.to_error(),
    }
}

/// The context's JSON text (the core parses it straight into its types).
fn context_text(context: &JsValue) -> Result<Vec<u8>, JsValue> {
    json_text(context).map_err(|why| unreadable("context", why))
}

/// The arguments of `checkJson` and `explainJson`, JSON texts. A migration set too large to read,
/// or a string with a lone surrogate, is judged as `null` (malformed), as `check` judges one with
/// no JSON form; an argument that is not text at all, or a context that cannot be read, is the
/// calling program's mistake.
fn texts(
    migration_set: &JsValue,
    context: &JsValue,
) -> Result<(Option<Vec<u8>>, Vec<u8>), JsValue> {
    let migration_set = match given_text(migration_set, limits::MAX_VALUE_BYTES) {
        Ok(text) => Some(text),
        Err(TextError::Limit(_) | TextError::LoneSurrogate) => None,
        Err(not_text) => return Err(text_error("migrationSet", "JSON text", &not_text)),
    };
    let context = given_text(context, limits::MAX_VALUE_BYTES)
        .map_err(|e| text_error("context", "JSON text", &e))?;
    Ok((migration_set, context))
}

/// The error for an argument given as text (`expected`: "JSON text", "NDJSON text") that could
/// not be read.
fn text_error(what: &str, expected: &str, error: &TextError) -> JsValue {
    match error {
        TextError::NotText => invalid_argument(&format!(
            "{what} must be {expected}: a string or a Uint8Array (not detached)"
        )),
        TextError::LoneSurrogate => {
            invalid_argument(&format!("{what} must be {expected}: {LONE_SURROGATE}"))
        }
        TextError::Limit(limit) => too_large(what, limit),
    }
}

/// The migration set's JSON text, or `None` when it has none (judged as `null`: malformed).
fn migration_set(value: &JsValue) -> Option<Vec<u8>> {
    json_text(value).ok()
}

/// `MigrationPreCheckResult` of a report: its message is copied once, into the JS string.
fn answer(report: &Report) -> JsValue {
    precheck_answer(report.message.as_deref())
}

fn report(result: &ValidationReport) -> JsValue {
    if result.valid {
        valid_answer()
    } else {
        to_js_via_text(result)
    }
}

/// A compiled JSON Schema (draft-07, 2019-09 or 2020-12 by its `$schema`), reusable for any
/// number of values.
#[wasm_bindgen]
pub struct Validator {
    inner: schema::Validator,
}

/// The registry of a validator's options (`{schemas: {uri: schema}}`), read straight from
/// their JSON text into the options type.
fn registry(options: Option<JsValue>) -> Result<schema::Registry, JsValue> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(schema::Registry::new());
    };
    let text = json_text(&options).map_err(|why| unreadable("options", why))?;
    // Read as a value first: the schemas' numbers exactly (crate::exact), then into the type,
    // from a borrowed value: the policy is read that way too, and serde_json's reader of an
    // owned value would be one more copy of the visitors in the `.wasm`.
    let options = crate::exact::from_slice(&text)
        .and_then(|value| <schema::ValidatorOptions as Deserialize>::deserialize(&value))
        .map_err(|e| invalid_argument(&options_error(&e)))?;
    for document in options.schemas.values() {
        limits::check_value(document, text.len()).map_err(|limit| too_large("options", &limit))?;
    }
    Ok(options.into_registry())
}

/// Why `options` was refused: serde's own words for a misshapen value ("unknown field `locale`,
/// expected `schemas`"), without its position in our internal JSON text.
fn options_error(error: &serde_json::Error) -> String {
    if error.classify() != serde_json::error::Category::Data {
        return format!("options: {}", crate::value::parse_error_text(error));
    }
    let text = error.to_string();
    let why = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(why, _)| why);
    format!("options: {why}")
}

#[wasm_bindgen]
impl Validator {
    /// Compiles a schema; throws a `SchemaError` (with `code` and `schemaPath`) when it is
    /// invalid. `options.schemas` registers documents its `$ref`s may name, by URI.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JsonSchema")] schema: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ValidatorOptions | null")] options: Option<
            JsValue,
        >,
    ) -> Result<Validator, JsValue> {
        let schema = argument(&schema, "schema", false)?;
        let registry = registry(options)?;
        let inner =
            schema::Validator::with_registry(&schema, &registry).map_err(|e| schema_error(&e))?;
        Ok(Validator { inner })
    }

    /// Validates a value: `{valid, errors}` with every error.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    ) -> JsValue {
        match data(&value) {
            Ok(v) => report(&self.inner.report(&v)),
            Err(error) => to_js_via_text(&ValidationReport::new(vec![error])),
        }
    }

    /// A copy of the value with the schema's `default`s filled in where properties are absent.
    #[wasm_bindgen(unchecked_return_type = "JsonValue")]
    pub fn normalize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JsonValue")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        let value = argument(&value, "value", false)?;
        Ok(to_js_via_text(&self.inner.with_defaults(&value)))
    }
}

/// Validates a value against a schema once: `{valid, errors}`.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "JsonSchema")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidatorOptions | null")] options: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    Ok(Validator::new(schema, options)?.validate(value))
}

/// The APS Migratable type document, verbatim.
#[wasm_bindgen(js_name = migratableType, unchecked_return_type = "ApsTypeDocument")]
pub fn migratable_type() -> JsValue {
    to_js_via_text(&aps::migratable_type())
}

fn structure(name: &JsValue) -> Result<String, JsValue> {
    name.as_string()
        .ok_or_else(|| invalid_argument("structureName must be a string"))
}

/// The JSON Schema of one structure of an APS type document.
#[wasm_bindgen(js_name = apsStructureSchema, unchecked_return_type = "JsonSchema")]
pub fn aps_structure_schema(
    #[wasm_bindgen(js_name = typeDocument, unchecked_param_type = "ApsTypeDocument")] type_document: JsValue,
    #[wasm_bindgen(js_name = structureName, unchecked_param_type = "string")]
    structure_name: JsValue,
) -> Result<JsValue, JsValue> {
    let doc = argument(&type_document, "typeDocument", false)?;
    aps::structure_schema(&doc, &structure(&structure_name)?)
        .map(|s| to_js_via_text(&s))
        .map_err(|e| schema_error(&e))
}

/// A `Validator` for one structure of an APS type document (e.g. `migratableType()`, `"MigrationSet"`).
#[wasm_bindgen(js_name = apsStructureValidator)]
pub fn aps_structure_validator(
    #[wasm_bindgen(js_name = typeDocument, unchecked_param_type = "ApsTypeDocument")] type_document: JsValue,
    #[wasm_bindgen(js_name = structureName, unchecked_param_type = "string")]
    structure_name: JsValue,
) -> Result<Validator, JsValue> {
    let doc = argument(&type_document, "typeDocument", false)?;
    let inner = aps::structure_validator(&doc, &structure(&structure_name)?)
        .map_err(|e| schema_error(&e))?;
    Ok(Validator { inner })
}

/// True when the value is an APS resource id (a UUID in 8-4-4-4-12 hex form).
#[wasm_bindgen(js_name = isApsId)]
pub fn is_aps_id(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    value.as_string().is_some_and(|s| aps::is_aps_id(&s))
}

/// The JSON Schema of the pre-check context.
#[wasm_bindgen(js_name = contextSchema, unchecked_return_type = "JsonSchema")]
pub fn context_schema() -> JsValue {
    to_js_via_text(&precheck::context_schema())
}

/// The JSON Schema of a pre-check policy.
#[wasm_bindgen(js_name = policySchema, unchecked_return_type = "JsonSchema")]
pub fn policy_schema() -> JsValue {
    to_js_via_text(&precheck::policy_schema())
}

/// The built-in rules: `{id, code, params}`, most important first.
#[wasm_bindgen(js_name = builtInRules, unchecked_return_type = "RuleInfo[]")]
pub fn built_in_rules() -> JsValue {
    to_js_via_text(&precheck::rules::rule_infos())
}

/// The locales with built-in message catalogues.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn locales() -> JsValue {
    let tags: Vec<&str> = precheck::messages::catalogs()
        .iter()
        .map(|c| c.locale)
        .collect();
    to_js(&tags)
}

/// A compiled pre-check policy for hosts that check many moves.
#[wasm_bindgen]
pub struct PreChecker {
    inner: CorePreChecker,
}

impl PreChecker {
    /// The answer (or, `full`, the report) of a move given as JSON text: one body for the four
    /// ways in (`check`, `explain`, `checkJson`, `explainJson`).
    fn judge(
        &self,
        migration_set: Option<Vec<u8>>,
        context: &[u8],
        full: bool,
    ) -> Result<JsValue, JsValue> {
        let report = self
            .inner
            .explain_json_as(migration_set.as_deref(), context, full)
            .map_err(context_error)?;
        Ok(if full {
            to_js_via_text(&report)
        } else {
            answer(&report)
        })
    }
}

#[wasm_bindgen]
impl PreChecker {
    /// Compiles a policy (none: the defaults); throws a `PolicyError` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "PreCheckPolicy | null")] policy: Option<
            JsValue,
        >,
    ) -> Result<PreChecker, JsValue> {
        let policy = argument(&policy.unwrap_or(JsValue::UNDEFINED), "policy", true)?;
        let inner = CorePreChecker::new(&policy).map_err(|e| precheck_error(&e))?;
        Ok(PreChecker { inner })
    }

    /// The APS `MigrationPreCheckResult` for a move.
    #[wasm_bindgen(unchecked_return_type = "MigrationPreCheckResult")]
    pub fn check(
        &self,
        #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "unknown")]
        migration_set_value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PreCheckContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let context = context_text(&context)?;
        self.judge(migration_set(&migration_set_value), &context, false)
    }

    /// The full report: every failed rule with its code, message and parameters.
    #[wasm_bindgen(unchecked_return_type = "PreCheckReport")]
    pub fn explain(
        &self,
        #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "unknown")]
        migration_set_value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PreCheckContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let context = context_text(&context)?;
        self.judge(migration_set(&migration_set_value), &context, true)
    }

    /// [`PreChecker::check`] of a migration set and a context given as JSON text (a string or
    /// UTF-8 bytes): a request body as it arrived, and a context a host keeps as text, are read
    /// by the module alone, with no `JSON.parse` or `JSON.stringify` in JS. Text that is not
    /// JSON is judged as `null` for the migration set, and is a misuse for the context.
    #[wasm_bindgen(js_name = checkJson, unchecked_return_type = "MigrationPreCheckResult")]
    pub fn check_json(
        &self,
        #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "string | Uint8Array")]
        migration_set: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (migration_set, context) = texts(&migration_set, &context)?;
        self.judge(migration_set, &context, false)
    }

    /// [`PreChecker::explain`] of a migration set and a context given as JSON text.
    #[wasm_bindgen(js_name = explainJson, unchecked_return_type = "PreCheckReport")]
    pub fn explain_json(
        &self,
        #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "string | Uint8Array")]
        migration_set: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (migration_set, context) = texts(&migration_set, &context)?;
        self.judge(migration_set, &context, true)
    }

    /// The locale the messages are written in.
    #[wasm_bindgen(getter)]
    pub fn locale(&self) -> String {
        self.inner.locale().to_owned()
    }
}

/// Answers the controller's `migrationPreCheck`: `{canMigrate: true}` or
/// `{canMigrate: false, message}`. Never throws for any `migrationSet`.
#[wasm_bindgen(js_name = migrationPreCheck, unchecked_return_type = "MigrationPreCheckResult")]
pub fn migration_pre_check(
    #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "unknown")]
    migration_set_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PreCheckContext")] context: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PreCheckPolicy | null")] policy: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    PreChecker::new(policy)?.check(migration_set_value, context)
}

/// The full pre-check report: failed, passed, skipped and disabled rules, and the locale.
#[wasm_bindgen(js_name = explainPreCheck, unchecked_return_type = "PreCheckReport")]
pub fn explain_pre_check(
    #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "unknown")]
    migration_set_value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PreCheckContext")] context: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PreCheckPolicy | null")] policy: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    PreChecker::new(policy)?.explain(migration_set_value, context)
}

/// This module's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn contract_id(id: &JsValue) -> Result<String, JsValue> {
    id.as_string()
        .ok_or_else(|| invalid_argument("contract id must be a string"))
}

fn contract(id: &JsValue) -> Result<ContractId, JsValue> {
    ContractId::parse(&contract_id(id)?).map_err(|e| unknown_contract(&e))
}

/// The ids of every billing-platform contract.
#[wasm_bindgen(js_name = contractIds, unchecked_return_type = "ContractId[]")]
pub fn contract_ids() -> JsValue {
    to_js(&billing::contract_ids())
}

/// The JSON Schema of a contract; throws a `ContractError` (`UNKNOWN_CONTRACT`) for an unknown id.
#[wasm_bindgen(js_name = contractSchema, unchecked_return_type = "JsonSchema")]
pub fn contract_schema(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(to_js_via_text(&billing::contract_schema(contract(&id)?)))
}

/// Validates a payload against a contract: `{valid, errors, value}`, `value` with the
/// documented defaults applied.
#[wasm_bindgen(js_name = validateContract, unchecked_return_type = "ContractResult")]
pub fn validate_contract(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
) -> Result<JsValue, JsValue> {
    let id = contract(&id)?;
    // The text stays staged in JS: when no default applies, the answer's value is parsed from it
    // there, and nothing of the payload is written back.
    let value = match json_text_kept(&payload).and_then(|text| parse_value(&text)) {
        Ok(value) => value,
        Err(why) => {
            drop_staged();
            let result = ContractResult {
                valid: false,
                errors: vec![judged(why)],
                value: Value::Null,
            };
            return Ok(to_js_via_text(&result));
        }
    };
    let checked = billing::contracts::check(id, &value);
    Ok(match checked.defaulted {
        None if checked.errors.is_empty() => contract_answer(None),
        None => contract_answer(Some(
            serde_json::to_string(&checked.errors).unwrap_or_else(|_| "[]".to_owned()),
        )),
        Some(defaulted) => {
            drop_staged();
            to_js_via_text(&ContractResult {
                valid: checked.errors.is_empty(),
                errors: checked.errors,
                value: defaulted,
            })
        }
    })
}

/// Validates a newline-delimited batch (a string or UTF-8 bytes) against a contract in one
/// call: `{total, valid, invalid, errors: [{line, ...}], truncated}`.
#[wasm_bindgen(js_name = validateMany, unchecked_return_type = "BatchResult")]
pub fn validate_many(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] ndjson: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BatchOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let id = contract_id(&id)?;
    // Sizes are checked before the batch is copied into wasm memory (which never shrinks).
    let bytes = given_text(&ndjson, limits::MAX_BATCH_BYTES)
        .map_err(|e| text_error("ndjson", "NDJSON text", &e))?;
    // Options are read as JSON too: a getter (or a Proxy) that throws is an InputError, and no
    // exception has to cross into wasm.
    let options = argument(&options.unwrap_or(JsValue::UNDEFINED), "options", true)?;
    let options = BatchOptions::from_value(&options).map_err(|e| invalid_argument(&e.0))?;
    billing::validate_many(&id, &bytes, options)
        .map(|r| to_js_via_text(&r))
        .map_err(|e| batch_error(&e))
}

/// The errors of a `validateContract` result in the platform's own error body.
#[wasm_bindgen(js_name = toVendorError, unchecked_return_type = "VendorError")]
pub fn to_vendor_error(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ContractResult | ValidationResult")] result: JsValue,
) -> Result<JsValue, JsValue> {
    let id = contract_id(&id)?;
    let result = argument(&result, "result", false)?;
    let id = ContractId::parse(&id).map_err(|e| unknown_contract(&e))?;
    match billing::to_vendor_error(id, &result) {
        Ok(Some(body)) => Ok(to_js_via_text(&body)),
        Ok(None) => Ok(JsValue::NULL),
        Err(billing::NotAResult) => Err(invalid_argument(
            "result must be a validation result: an object with an errors array",
        )),
    }
}
