//! The engine's two kinds of error: a [`ValidationError`] about a value (ajv's shape: keyword,
//! typed parameters, JSON Pointers, message) and a [`SchemaError`] about a schema.

use crate::limits::Limit;
use serde::Serialize;
use serde_json::Value;

named_enum! {
    /// The keyword a validation error is reported under, as ajv names it. Beside the schema
    /// keywords are the module's own: `json` (data that is not JSON), `limit` (an input or
    /// validation limit), and the policy checks (`placeholder`, `uniqueId`, `schema`).
    pub enum ErrorKeyword {
        Type = "type",
        Enum = "enum",
        Const = "const",
        Required = "required",
        AdditionalProperties = "additionalProperties",
        PropertyNames = "propertyNames",
        MinProperties = "minProperties",
        MaxProperties = "maxProperties",
        Dependencies = "dependencies",
        DependentRequired = "dependentRequired",
        Items = "items",
        AdditionalItems = "additionalItems",
        Contains = "contains",
        MinItems = "minItems",
        MaxItems = "maxItems",
        UniqueItems = "uniqueItems",
        MinLength = "minLength",
        MaxLength = "maxLength",
        Minimum = "minimum",
        Maximum = "maximum",
        ExclusiveMinimum = "exclusiveMinimum",
        ExclusiveMaximum = "exclusiveMaximum",
        MultipleOf = "multipleOf",
        Format = "format",
        Pattern = "pattern",
        PatternProperties = "patternProperties",
        UnevaluatedProperties = "unevaluatedProperties",
        UnevaluatedItems = "unevaluatedItems",
        AnyOf = "anyOf",
        OneOf = "oneOf",
        Not = "not",
        If = "if",
        FalseSchema = "false schema",
        Ref = "$ref",
        Json = "json",
        Limit = "limit",
        Placeholder = "placeholder",
        UniqueId = "uniqueId",
        Schema = "schema",
        /// A keyword this module does not know (an error read back from a caller's result).
        Other = "error",
    }
}

impl ErrorKeyword {
    /// The keyword with this name; [`ErrorKeyword::Other`] for a name it does not know.
    pub fn parse_or_other(name: &str) -> ErrorKeyword {
        Self::from_name(name).unwrap_or(Self::Other)
    }
}

named_enum! {
    /// `<`, `<=`, `>` or `>=`: the comparison a numeric bound failed.
    pub enum Comparison {
        AtLeast = ">=",
        AtMost = "<=",
        Above = ">",
        Below = "<",
    }
}

impl Comparison {
    /// True when `x` satisfies the bound.
    pub fn holds(self, x: f64, limit: f64) -> bool {
        match self {
            Self::AtLeast => x >= limit,
            Self::AtMost => x <= limit,
            Self::Above => x > limit,
            Self::Below => x < limit,
        }
    }
}

/// The parameters of an error, with ajv's names (`{"missingProperty": "id"}`). Serialised as
/// the bare object: the keyword beside it says which kind it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub enum Params {
    /// `type`: the type(s) as the schema wrote them.
    Type {
        #[serde(rename = "type")]
        expected: Value,
    },
    /// `enum`.
    Enum { allowed_values: Vec<Value> },
    /// `const`.
    Const { allowed_value: Value },
    /// `required`.
    Required { missing_property: String },
    /// `additionalProperties`.
    AdditionalProperties { additional_property: String },
    /// `propertyNames`.
    PropertyNames { property_name: String },
    /// `unevaluatedProperties: false`.
    UnevaluatedProperties { unevaluated_property: String },
    /// `dependencies` (property form) and `dependentRequired`.
    Dependencies {
        property: String,
        missing_property: String,
        deps_count: usize,
        deps: String,
    },
    /// `min*` / `max*` on sizes, `additionalItems`, and `items` / `unevaluatedItems` as `false`
    /// after the evaluated items.
    Size { limit: u64 },
    /// `contains` (`maxContains` when the schema has one).
    Contains {
        min_contains: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_contains: Option<u64>,
    },
    /// `uniqueItems`: the later and the earlier of the last equal pair.
    UniqueItems { i: usize, j: usize },
    /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`.
    Bound {
        comparison: Comparison,
        limit: Value,
    },
    /// `multipleOf`.
    MultipleOf { multiple_of: Value },
    /// `format`.
    Format { format: &'static str },
    /// `pattern`.
    Pattern { pattern: String },
    /// `oneOf`: the passing branches when more than one passes, else null.
    OneOf { passing_schemas: Option<Vec<usize>> },
    /// `if`: the branch that failed.
    If { failing_keyword: &'static str },
    /// `json`: why the data is not JSON.
    Json { reason: String },
    /// `limit`.
    Limit { limit: Limit, max: u64 },
    /// `placeholder` (policy): the unknown name and the allowed ones.
    Placeholder {
        placeholder: String,
        allowed: Vec<&'static str>,
    },
    /// `schema` (policy): why a custom rule's schema does not compile.
    Schema {
        code: SchemaErrorCode,
        schema_path: String,
    },
    /// Parameters read back from a caller's result, kept as they were.
    Other(Value),
    /// No parameters: `{}`.
    None {},
}

impl Params {
    /// The parameters as a JSON object.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The property an error is about (`missingProperty` or `additionalProperty`).
    pub fn property(&self) -> Option<&str> {
        match self {
            Params::Required { missing_property } => Some(missing_property),
            Params::AdditionalProperties {
                additional_property,
            } => Some(additional_property),
            Params::Other(map) => ["missingProperty", "additionalProperty"]
                .iter()
                .find_map(|key| map.get(*key)?.as_str()),
            _ => None,
        }
    }

    /// The size limit of a `min*`/`max*` error, as a value.
    pub fn limit(&self) -> Option<Value> {
        match self {
            Params::Size { limit } => Some(Value::from(*limit)),
            Params::Bound { limit, .. } => Some(limit.clone()),
            Params::Other(map) => map.get("limit").cloned(),
            _ => None,
        }
    }
}

/// One validation error, shaped like ajv's error objects.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationError {
    /// JSON Pointer to the failing part of the value (`""` for the value itself).
    pub instance_path: String,
    /// JSON Pointer fragment of the failing keyword in the schema.
    pub schema_path: String,
    /// The failing keyword, e.g. `required`.
    pub keyword: ErrorKeyword,
    /// The keyword's parameters, as ajv names them.
    pub params: Params,
    /// Plain-text English message, as ajv words it.
    pub message: String,
}

impl ValidationError {
    /// The error as a JSON object with ajv's key names.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `{valid, errors}`: the outcome of validating one value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidationReport {
    /// True when there are no errors.
    pub valid: bool,
    /// Every error, in ajv's order.
    pub errors: Vec<ValidationError>,
}

impl ValidationReport {
    /// The report of these errors.
    pub fn new(errors: Vec<ValidationError>) -> ValidationReport {
        ValidationReport {
            valid: errors.is_empty(),
            errors,
        }
    }
}

named_enum! {
    /// Why a schema (or an APS type document) could not be compiled.
    pub enum SchemaErrorCode {
        /// Not a valid schema (a keyword with a wrong value, a `$ref` loop).
        InvalidSchema = "INVALID_SCHEMA",
        /// A keyword the engine does not implement.
        UnsupportedKeyword = "UNSUPPORTED_KEYWORD",
        /// A `$ref` the engine cannot follow (another document).
        UnsupportedRef = "UNSUPPORTED_REF",
        /// A `$ref` to nothing.
        UnresolvedRef = "UNRESOLVED_REF",
        /// Nested deeper than the engine follows.
        SchemaTooDeep = "SCHEMA_TOO_DEEP",
        /// An APS type document that is not one.
        InvalidTypeDocument = "INVALID_TYPE_DOCUMENT",
        /// An APS type naming a type that is not in the document.
        UnresolvedType = "UNRESOLVED_TYPE",
        /// An APS structure name that the document does not have.
        UnknownStructure = "UNKNOWN_STRUCTURE",
        /// A built-in schema failed (a bug).
        Internal = "INTERNAL",
    }
}

/// Why a schema could not be compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    /// A stable code.
    pub code: SchemaErrorCode,
    /// JSON Pointer (as a `#...` fragment) of the offending place in the schema.
    pub schema_path: String,
    /// Plain-text English explanation.
    pub message: String,
}

impl SchemaError {
    /// An error at `path` (a plain pointer, without `#`).
    pub fn at(path: &str, code: SchemaErrorCode, message: String) -> SchemaError {
        SchemaError {
            code,
            schema_path: format!("#{path}"),
            message,
        }
    }

    /// An error at `schema_path`, a full location (`#/...`, or `uri#/...` in another document).
    pub fn located(schema_path: String, code: SchemaErrorCode, message: String) -> SchemaError {
        SchemaError {
            code,
            schema_path,
            message,
        }
    }
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid schema at {}: {}",
            self.schema_path, self.message
        )
    }
}
