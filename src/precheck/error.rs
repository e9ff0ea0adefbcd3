//! What a pre-check refuses to judge: a policy or a context that does not match its schema (the
//! calling program's mistake), and what the bindings report for a context they cannot read.

use crate::limits::Exceeded;
use crate::schema::{SchemaError, ValidationError};

/// Which misuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrecheckErrorCode {
    /// The policy does not match its schema, or uses unknown placeholders or ids.
    InvalidPolicy,
    /// The context does not match its schema (or a billing record its contract).
    InvalidContext,
    /// A built-in document failed, or the types and a schema disagree (a bug).
    Internal,
}

impl PrecheckErrorCode {
    /// The code as JS sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidPolicy => "INVALID_POLICY",
            Self::InvalidContext => "INVALID_CONTEXT",
            Self::Internal => "INTERNAL",
        }
    }
}

/// A misuse by the calling program: a policy or a context that does not match its schema.
#[derive(Clone, Debug, PartialEq)]
pub struct PrecheckError {
    pub code: PrecheckErrorCode,
    /// Plain-text summary naming the first problems.
    pub message: String,
    /// Every problem, in the engine's error shape.
    pub errors: Vec<ValidationError>,
}

impl PrecheckError {
    /// An error listing `errors` about `what` (`policy`, `context`).
    pub fn from_errors(
        code: PrecheckErrorCode,
        what: &str,
        errors: Vec<ValidationError>,
    ) -> PrecheckError {
        let listed: Vec<String> = errors
            .iter()
            .take(3)
            .map(|e| {
                let at = if e.instance_path.is_empty() {
                    "/"
                } else {
                    &e.instance_path
                };
                format!("{at} {}", e.message)
            })
            .collect();
        let more = errors.len().saturating_sub(listed.len());
        let tail = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        PrecheckError {
            code,
            message: format!("invalid {what}: {}{tail}", listed.join("; ")),
            errors,
        }
    }

    /// A bug: `message` says what went wrong.
    pub fn internal(message: String) -> PrecheckError {
        PrecheckError {
            code: PrecheckErrorCode::Internal,
            message,
            errors: Vec::new(),
        }
    }

    /// A built-in schema that does not compile.
    pub fn schema(error: &SchemaError) -> PrecheckError {
        PrecheckError::internal(format!("built-in schema failed to compile: {error}"))
    }
}

impl std::fmt::Display for PrecheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Why a context given as JSON text could not be judged.
#[derive(Clone, Debug, PartialEq)]
pub enum ContextInputError {
    /// The text is not JSON (serde_json's reason).
    NotJson(String),
    /// The text or a part of it is larger than a limit allows.
    Limit(Exceeded),
    /// The context is not a valid one.
    Invalid(PrecheckError),
}

impl From<PrecheckError> for ContextInputError {
    fn from(error: PrecheckError) -> ContextInputError {
        ContextInputError::Invalid(error)
    }
}
