//! The JavaScript boundary: converts values, maps errors to JS `Error`s with a `code`, and
//! holds no logic of its own.
//!
//! Values cross as JSON text (`JSON.stringify` in; `JSON.parse` or a small JS helper out):
//! cyclic objects, BigInts and throwing getters become catchable errors on the JS side, and the
//! JSON parser's nesting limit turns pathological depth into an error instead of a stack
//! overflow. Sizes are checked against `limits` before anything is copied into wasm memory.

use crate::json;
use crate::json::Value;
use crate::limits::{self, Exceeded};
use crate::precheck::{self, PreChecker as CorePreChecker, PrecheckError};
use crate::schema::{self, errors_to_json, SchemaError, ValidationError};
use crate::{
    aps, billing,
    json::{object, to_text},
};
use js_sys::{Error, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// Why a JS value could not be read.
enum Unreadable {
    /// It has no JSON form, or its JSON cannot be parsed.
    NotJson(String),
    /// It is larger than a limit allows.
    Limit(Exceeded),
}
use Unreadable::NotJson;

/// Reads a JS value as JSON. `undefined`, functions and symbols read as `None`.
/// The size is checked on the JS string, before anything is copied into wasm memory.
fn read(value: &JsValue) -> Result<Option<Value>, Unreadable> {
    let length = stage_json(value);
    if length == -1 {
        return Ok(None);
    }
    let Ok(units) = usize::try_from(length) else {
        return Err(NotJson(describe(&staged_error())));
    };
    if let Err(limit) = limits::check_text(units) {
        unstage();
        return Err(Unreadable::Limit(limit));
    }
    let bytes = staged_utf8(units);
    let value: Value = crate::json::from_slice(&bytes).map_err(|e| NotJson(e.text()))?;
    limits::check_value(&value, bytes.len()).map_err(Unreadable::Limit)?;
    Ok(Some(value))
}

/// A JS string's UTF-8 bytes (see `staged_utf8`).
fn utf8(text: &js_sys::JsString) -> Vec<u8> {
    let units = stage_string(text) as usize;
    staged_utf8(units)
}

/// The staged string's UTF-8 bytes, written into wasm memory by the engine's own `TextEncoder`
/// (`encodeInto`) rather than wasm-bindgen's character-by-character loop, which cost more than
/// parsing the text (README, "Benchmarks"). Room for one byte per UTF-16 unit first (all that
/// ASCII needs), then three per unit still to go. Releases the staged string.
fn staged_utf8(units: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; units];
    let memory = wasm_bindgen::memory();
    let (mut read, mut written) = (0usize, 0usize);
    while read < units {
        let room = bytes.len() - written;
        // wasm32 addresses and our sizes (at most 3 × 64 MiB) fit in u32. The pointer is a
        // mutable one: the encoder writes through it.
        let at = bytes.as_mut_ptr() as usize + written;
        written += staged_into(read as u32, &memory, at as u32, room as u32) as usize;
        let advanced = staged_read() as usize;
        if advanced == 0 && room >= 3 {
            break; // cannot happen (three bytes hold any UTF-16 unit); never spin
        }
        read += advanced;
        if read < units {
            bytes.resize(written + (units - read) * 3, 0);
        }
    }
    unstage();
    bytes.truncate(written);
    bytes
}

// The JS side of reading values, in as few calls as possible: `JSON.stringify` runs once and its
// text stays here (no externref slot, no type and length queries) until `staged_into` has
// written it into wasm memory. It never throws: a caught-exception import (`catch`) leaks one
// externref table slot per failure in wasm-bindgen 0.2.130, which 100,000 bad calls turned into
// an ever-growing table. The answer helpers build results as JS objects directly, without JSON
// text, for the two results every host asks for most.
#[wasm_bindgen(inline_js = "const encoder = new TextEncoder();
let staged = '';
let failure = null;
let read = 0;
export function stage_json(value) {
  let text;
  try { text = JSON.stringify(value); } catch (error) { failure = error instanceof Error ? error : new Error(String(error)); return -2; }
  if (typeof text !== 'string') return -1;
  staged = text;
  return text.length;
}
export function stage_string(text) { staged = text; return text.length; }
export function staged_error() { const error = failure; failure = null; return error; }
export function staged_into(from, memory, at, room) {
  const done = encoder.encodeInto(from ? staged.substring(from) : staged, new Uint8Array(memory.buffer, at, room));
  read = done.read;
  return done.written;
}
export function staged_read() { return read; }
export function unstage() { staged = ''; }
export function precheck_answer(message) { return message === undefined ? { canMigrate: true } : { canMigrate: false, message }; }
export function valid_answer() { return { valid: true, errors: [] }; }")]
extern "C" {
    /// Stages `JSON.stringify(value)`: its length in UTF-16 units, -1 when the value has no
    /// JSON form (`undefined`, a function, a symbol), -2 when it threw (see `staged_error`).
    fn stage_json(value: &JsValue) -> i32;
    /// Stages a string as it is; answers its length in UTF-16 units.
    fn stage_string(text: &js_sys::JsString) -> u32;
    /// The error the last `stage_json` caught.
    fn staged_error() -> JsValue;
    /// `TextEncoder.encodeInto(staged.substring(from), memory[at .. at + room])`: bytes written.
    fn staged_into(from: u32, memory: &JsValue, at: u32, room: u32) -> u32;
    /// The UTF-16 units the last `staged_into` consumed.
    fn staged_read() -> u32;
    /// Drops the staged string.
    fn unstage();
    /// `{canMigrate: true}`, or `{canMigrate: false, message}`.
    fn precheck_answer(message: Option<String>) -> JsValue;
    /// `{valid: true, errors: []}`.
    fn valid_answer() -> JsValue;
}

fn describe(error: &JsValue) -> String {
    let message = Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "JSON.stringify failed".to_owned());
    format!("it cannot be serialised as JSON ({message})")
}

/// Writes a result as a plain JS value; the common answers (`{canMigrate}` with or without a
/// message, `{valid: true, errors: []}`) are built directly, the rest through JSON text.
fn answer(result: &Value) -> JsValue {
    let Value::Object(map) = result else {
        return write(result);
    };
    match (
        map.len(),
        map.get("canMigrate"),
        map.get("message"),
        map.get("valid"),
    ) {
        (1, Some(Value::Bool(true)), None, None) => precheck_answer(None),
        (2, Some(Value::Bool(false)), Some(Value::String(message)), None) => {
            precheck_answer(Some(message.clone()))
        }
        (2, None, None, Some(Value::Bool(true)))
            if map
                .get("errors")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty) =>
        {
            valid_answer()
        }
        _ => write(result),
    }
}

/// Writes JSON as a plain JS value (objects, not `Map`s).
fn write(value: &Value) -> JsValue {
    JSON::parse(&to_text(value)).ok().unwrap_or(JsValue::NULL)
}

/// A JS `Error` with `name`, `code` and, when given, `errors`.
fn throw(name: &str, code: &str, message: &str, errors: Option<&[ValidationError]>) -> JsValue {
    let error = Error::new(message);
    error.set_name(name);
    let _ = Reflect::set(&error, &"code".into(), &code.into());
    if let Some(errors) = errors {
        let _ = Reflect::set(&error, &"errors".into(), &write(&errors_to_json(errors)));
    }
    error.into()
}

fn schema_error(error: &SchemaError) -> JsValue {
    let thrown = throw("SchemaError", error.code, &error.to_string(), None);
    let _ = Reflect::set(
        &thrown,
        &"schemaPath".into(),
        &error.schema_path.as_str().into(),
    );
    thrown
}

fn precheck_error(error: &PrecheckError) -> JsValue {
    let name = match error.code {
        "INVALID_POLICY" => "PolicyError",
        "INVALID_CONTEXT" => "ContextError",
        _ => "InternalError",
    };
    throw(name, error.code, &error.message, Some(&error.errors))
}

/// Reads an argument the calling program must get right; a wrong one throws `INVALID_ARGUMENT`.
/// For an optional one, only `undefined` and `null` mean "not given": a function or a symbol
/// is a mistake, not an absent value.
fn argument(value: &JsValue, what: &str, optional: bool) -> Result<Value, JsValue> {
    if optional && (value.is_undefined() || value.is_null()) {
        return Ok(Value::Null);
    }
    match read(value) {
        Ok(Some(v)) => Ok(v),
        Err(Unreadable::Limit(limit)) => Err(too_large(what, &limit)),
        Ok(None) => Err(throw(
            "InputError",
            "INVALID_ARGUMENT",
            &format!("{what} is required and must be a JSON value"),
            None,
        )),
        Err(NotJson(why)) => Err(throw(
            "InputError",
            "INVALID_ARGUMENT",
            &format!("{what} must be a JSON value: {why}"),
            None,
        )),
    }
}

/// An `InputError` with code `LIMIT_EXCEEDED`.
fn too_large(what: &str, limit: &Exceeded) -> JsValue {
    throw(
        "InputError",
        Exceeded::CODE,
        &format!("{what}: {}", limit.message()),
        None,
    )
}

/// Reads data to be judged; what is not JSON, or too large, is judged as such, never thrown.
fn data(value: &JsValue) -> Result<Value, ValidationError> {
    let not_json = |why: String| ValidationError {
        instance_path: String::new(),
        schema_path: "#".to_owned(),
        keyword: "json",
        params: json!({ "reason": why }),
        message: format!("must be a JSON value: {why}"),
    };
    match read(value) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(not_json(
            "it is undefined, a function or a symbol".to_owned(),
        )),
        Err(NotJson(why)) => Err(not_json(why)),
        Err(Unreadable::Limit(limit)) => Err(limit.to_error()),
    }
}

/// `{valid: false, errors: [error]}` for data that could not be read.
fn unreadable_report(error: ValidationError) -> Value {
    object([
        ("valid", Value::Bool(false)),
        ("errors", errors_to_json(&[error])),
    ])
}

/// A compiled JSON Schema (draft-07), reusable for any number of values.
#[wasm_bindgen]
pub struct Validator {
    inner: schema::Validator,
}

#[wasm_bindgen]
impl Validator {
    /// Compiles a schema; throws a `SchemaError` (with `code` and `schemaPath`) when it is invalid.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "JsonSchema")] schema: JsValue,
    ) -> Result<Validator, JsValue> {
        let schema = argument(&schema, "schema", false)?;
        let inner = schema::Validator::new(&schema).map_err(|e| schema_error(&e))?;
        Ok(Validator { inner })
    }

    /// Validates a value: `{valid, errors}` with every error.
    #[wasm_bindgen(unchecked_return_type = "ValidationResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    ) -> JsValue {
        match data(&value) {
            Ok(v) => answer(&self.inner.report(&v)),
            Err(error) => write(&unreadable_report(error)),
        }
    }

    /// A copy of the value with the schema's `default`s filled in where properties are absent.
    #[wasm_bindgen(unchecked_return_type = "JsonValue")]
    pub fn normalize(
        &self,
        #[wasm_bindgen(unchecked_param_type = "JsonValue")] value: JsValue,
    ) -> Result<JsValue, JsValue> {
        let value = argument(&value, "value", false)?;
        Ok(write(&self.inner.with_defaults(&value)))
    }
}

/// Validates a value against a schema once: `{valid, errors}`.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "JsonSchema")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(Validator::new(schema)?.validate(value))
}

/// The APS Migratable type document, verbatim.
#[wasm_bindgen(js_name = migratableType, unchecked_return_type = "ApsTypeDocument")]
pub fn migratable_type() -> JsValue {
    write(&aps::migratable_type())
}

fn structure(name: &JsValue) -> Result<String, JsValue> {
    name.as_string().ok_or_else(|| {
        throw(
            "InputError",
            "INVALID_ARGUMENT",
            "structureName must be a string",
            None,
        )
    })
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
        .map(|s| write(&s))
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
    write(&precheck::context_schema())
}

/// The JSON Schema of a pre-check policy.
#[wasm_bindgen(js_name = policySchema, unchecked_return_type = "JsonSchema")]
pub fn policy_schema() -> JsValue {
    write(&precheck::policy_schema())
}

/// The built-in rules: `{id, code, params}`, most important first.
#[wasm_bindgen(js_name = builtInRules, unchecked_return_type = "RuleInfo[]")]
pub fn built_in_rules() -> JsValue {
    let rules: Vec<Value> = precheck::rules::BUILT_IN
        .iter()
        .map(|r| json!({ "id": r.id, "code": r.code, "params": r.params }))
        .collect();
    write(&Value::Array(rules))
}

/// The locales with built-in message catalogues.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn locales() -> JsValue {
    let tags: Vec<Value> = precheck::messages::catalogs()
        .iter()
        .map(|c| Value::String(c.locale.clone()))
        .collect();
    write(&Value::Array(tags))
}

/// The migration set as JSON, or `null` when it is not representable (judged as malformed).
fn migration_set(value: &JsValue) -> Value {
    data(value).unwrap_or(Value::Null)
}

/// A compiled pre-check policy for hosts that check many moves.
#[wasm_bindgen]
pub struct PreChecker {
    inner: CorePreChecker,
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
        let context = argument(&context, "context", false)?;
        self.inner
            .check(&migration_set(&migration_set_value), &context)
            .map(|r| answer(&r))
            .map_err(|e| precheck_error(&e))
    }

    /// The full report: every failed rule with its code, message and parameters.
    #[wasm_bindgen(unchecked_return_type = "PreCheckReport")]
    pub fn explain(
        &self,
        #[wasm_bindgen(js_name = migrationSet, unchecked_param_type = "unknown")]
        migration_set_value: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PreCheckContext")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let context = argument(&context, "context", false)?;
        self.inner
            .explain(&migration_set(&migration_set_value), &context)
            .map(|r| write(&r.to_json()))
            .map_err(|e| precheck_error(&e))
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

fn unknown_contract(error: &billing::UnknownContract) -> JsValue {
    throw(
        "ContractError",
        billing::UnknownContract::CODE,
        &error.message(),
        None,
    )
}

fn contract_id(id: &JsValue) -> Result<String, JsValue> {
    id.as_string().ok_or_else(|| {
        throw(
            "InputError",
            "INVALID_ARGUMENT",
            "contract id must be a string",
            None,
        )
    })
}

/// The ids of every billing-platform contract.
#[wasm_bindgen(js_name = contractIds, unchecked_return_type = "ContractId[]")]
pub fn contract_ids() -> JsValue {
    let ids: Vec<Value> = billing::contract_ids()
        .into_iter()
        .map(Value::from)
        .collect();
    write(&Value::Array(ids))
}

/// The JSON Schema of a contract; throws a `ContractError` (`UNKNOWN_CONTRACT`) for an unknown id.
#[wasm_bindgen(js_name = contractSchema, unchecked_return_type = "JsonSchema")]
pub fn contract_schema(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
) -> Result<JsValue, JsValue> {
    let id = contract_id(&id)?;
    billing::contract_schema(&id)
        .map(|s| write(&s))
        .map_err(|e| unknown_contract(&e))
}

/// Validates a payload against a contract: `{valid, errors, value}`, `value` with the
/// documented defaults applied.
#[wasm_bindgen(js_name = validateContract, unchecked_return_type = "ContractResult")]
pub fn validate_contract(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] payload: JsValue,
) -> Result<JsValue, JsValue> {
    let id = contract_id(&id)?;
    match data(&payload) {
        Ok(value) => billing::validate_contract(&id, &value)
            .map(|r| write(&r.to_json()))
            .map_err(|e| unknown_contract(&e)),
        Err(error) => {
            // An unknown id is still the caller's mistake, whatever the payload.
            let _known = billing::validator(&id).map_err(|e| unknown_contract(&e))?;
            let mut report = unreadable_report(error);
            if let Value::Object(map) = &mut report {
                map.insert("value".to_owned(), Value::Null);
            }
            Ok(write(&report))
        }
    }
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
    let length = if let Some(text) = ndjson.dyn_ref::<js_sys::JsString>() {
        text.length() as usize
    } else if let Some(array) = ndjson.dyn_ref::<js_sys::Uint8Array>() {
        array.length() as usize
    } else {
        0
    };
    if length > limits::MAX_BATCH_BYTES {
        let limit = Exceeded {
            limit: "bytes",
            max: limits::MAX_BATCH_BYTES,
            at: String::new(),
        };
        return Err(too_large("ndjson", &limit));
    }
    let bytes = if let Some(text) = ndjson.dyn_ref::<js_sys::JsString>() {
        utf8(text)
    } else if let Some(array) = ndjson.dyn_ref::<js_sys::Uint8Array>() {
        array.to_vec()
    } else {
        return Err(throw(
            "InputError",
            "INVALID_ARGUMENT",
            "ndjson must be a string or a Uint8Array",
            None,
        ));
    };
    // Options are read as JSON too: a getter (or a Proxy) that throws is an InputError, and no
    // exception has to cross into wasm.
    let options = argument(&options.unwrap_or(JsValue::UNDEFINED), "options", true)?;
    let bad_limit = || {
        throw(
            "InputError",
            "INVALID_ARGUMENT",
            "options.maxErrors must be a non-negative integer",
            None,
        )
    };
    let max_errors = match (&options, options.get("maxErrors")) {
        (Value::Null, _) | (Value::Object(_), None) => billing::DEFAULT_MAX_BATCH_ERRORS,
        (Value::Object(_), Some(Value::Number(n))) => match n.as_u64() {
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            None if n.as_f64().is_some_and(|f| f >= 0.0 && f.fract() == 0.0) => usize::MAX,
            None => return Err(bad_limit()),
        },
        (Value::Object(_), Some(_)) => return Err(bad_limit()),
        _ => {
            return Err(throw(
                "InputError",
                "INVALID_ARGUMENT",
                "options must be an object",
                None,
            ))
        }
    };
    billing::validate_many(&id, &bytes, max_errors)
        .map(|r| write(&r.to_json()))
        .map_err(|e| match e {
            billing::BatchError::UnknownContract(e) => unknown_contract(&e),
            billing::BatchError::Limit(limit) => too_large("ndjson", &limit),
        })
}

/// The errors of a `validateContract` result in the platform's own error body.
#[wasm_bindgen(js_name = toVendorError, unchecked_return_type = "VendorError")]
pub fn to_vendor_error(
    #[wasm_bindgen(unchecked_param_type = "ContractId")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ContractResult | ValidationResult")] result: JsValue,
) -> Result<JsValue, JsValue> {
    let id = contract_id(&id)?;
    let result = argument(&result, "result", false)?;
    billing::to_vendor_error(&id, &result)
        .map(|b| write(&b))
        .map_err(|e| unknown_contract(&e))
}
