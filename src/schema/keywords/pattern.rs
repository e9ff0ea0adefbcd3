//! `pattern`: a string matches an ECMA-262 regular expression (see `schema::regex`).

use crate::limits::Limit;
use crate::pointer::push_pointer;
use crate::schema::compile::{invalid, Compiler, Site};
use crate::schema::error::{ErrorKeyword, Params, SchemaError, SchemaErrorCode};
use crate::schema::keywords::size::chars_len;
use crate::schema::node::CompiledNode;
use crate::schema::regex::{self, CompiledRegex, MAX_PATTERN_INPUT};
use crate::schema::run::Run;
use serde_json::Value;

/// A compiled pattern and its source (for messages).
#[derive(Debug)]
pub struct Pattern {
    pub source: String,
    regex: Box<dyn CompiledRegex>,
}

impl Pattern {
    /// Compiles the pattern at `keyword` of `site` (a schema error when it is not a string or
    /// not a valid ECMA-262 expression with the `u` flag).
    pub fn new(
        site: &Site<'_>,
        keyword: &str,
        tokens: &[&str],
        value: &Value,
    ) -> Result<Pattern, SchemaError> {
        let source = value
            .as_str()
            .ok_or_else(|| invalid(site.path, keyword, "a string"))?;
        let regex = regex::compile(source, "u").map_err(|why| {
            let mut at = site.path.to_owned();
            for token in tokens {
                push_pointer(&mut at, token);
            }
            SchemaError::located(
                at,
                SchemaErrorCode::InvalidSchema,
                format!(
                    "pattern \"{}\" is not a valid regular expression: {why}",
                    crate::value::display_text(source, 80)
                ),
            )
        })?;
        Ok(Pattern {
            source: source.to_owned(),
            regex,
        })
    }

    /// True when `text` matches; `None` when it is too long to be matched.
    pub fn matches(&self, text: &str) -> Option<bool> {
        (chars_len(text) <= MAX_PATTERN_INPUT).then(|| self.regex.is_match(text))
    }
}

/// `pattern`.
#[derive(Debug)]
pub struct PatternKeyword {
    pattern: Pattern,
}

pub fn compile(
    _: &mut Compiler<'_>,
    site: &Site<'_>,
    out: &mut Vec<super::Keyword>,
) -> Result<(), SchemaError> {
    if let Some(v) = site.get("pattern") {
        out.push(super::Keyword::Pattern(PatternKeyword {
            pattern: Pattern::new(site, "pattern", &["pattern"], v)?,
        }));
    }
    Ok(())
}

/// The error for a string too long to be matched against a pattern.
pub fn too_long(run: &mut Run<'_>, at: &CompiledNode) {
    run.fail(at, ErrorKeyword::Limit, || {
        (
            Params::Limit {
                limit: Limit::PatternInput,
                max: MAX_PATTERN_INPUT as u64,
            },
            format!("must NOT be longer than {MAX_PATTERN_INPUT} characters to be matched against a pattern"),
        )
    });
}

impl PatternKeyword {
    /// True when the string `text` matches (a string too long to be matched does not).
    pub fn admits_str(&self, text: &str) -> bool {
        self.pattern.matches(text) == Some(true)
    }

    #[inline(never)]
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        let Value::String(text) = value else {
            return true;
        };
        match self.pattern.matches(text) {
            Some(true) => true,
            Some(false) => {
                let source = &self.pattern.source;
                run.fail(at, ErrorKeyword::Pattern, || {
                    (
                        Params::Pattern {
                            pattern: source.clone(),
                        },
                        format!("must match pattern \"{source}\""),
                    )
                });
                false
            }
            None => {
                too_long(run, at);
                false
            }
        }
    }
}
