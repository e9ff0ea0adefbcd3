//! The drafts of JSON Schema the engine speaks, chosen by a document's `$schema` (draft-07 when
//! it has none), and what each changes: which keywords exist and how `$ref` and `items` behave.

use super::error::{SchemaError, SchemaErrorCode};
use serde_json::Value;

named_enum! {
    /// A JSON Schema draft.
    pub enum Draft {
        Draft7 = "draft-07",
        Draft2019 = "2019-09",
        Draft2020 = "2020-12",
    }
}

/// The meta-schema URIs (without `#`, scheme aside) that name each draft. Draft-06 is read as
/// draft-07: every draft-06 keyword means the same in draft-07.
const META: &[(&str, Draft)] = &[
    ("//json-schema.org/draft-07/schema", Draft::Draft7),
    ("//json-schema.org/draft-06/schema", Draft::Draft7),
    ("//json-schema.org/draft/2019-09/schema", Draft::Draft2019),
    ("//json-schema.org/draft/2020-12/schema", Draft::Draft2020),
];

/// Per draft, the keywords the engine refuses rather than ignore: evaluating a schema without
/// them would give a wrong verdict.
const REFUSED: &[(Draft, &str)] = &[
    (Draft::Draft2019, "$recursiveRef"),
    (Draft::Draft2020, "$dynamicRef"),
];

impl Draft {
    /// The draft a `$schema` URI names.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let uri = uri.strip_suffix('#').unwrap_or(uri);
        let rest = uri
            .strip_prefix("https:")
            .or_else(|| uri.strip_prefix("http:"))?;
        META.iter().find(|(m, _)| *m == rest).map(|(_, d)| *d)
    }

    /// The draft of the schema object `map` at `path`: its `$schema`, else `inherited`.
    pub fn of(schema: &Value, path: &str, inherited: Draft) -> Result<Draft, SchemaError> {
        let Some(declared) = schema.get("$schema") else {
            return Ok(inherited);
        };
        let refused = || {
            SchemaError::located(
                format!("{path}/$schema"),
                SchemaErrorCode::UnsupportedKeyword,
                format!(
                    "$schema {} is not a draft this engine implements (draft-07, 2019-09, 2020-12)",
                    crate::value::display_value(declared, 80)
                ),
            )
        };
        declared
            .as_str()
            .and_then(Draft::from_uri)
            .ok_or_else(refused)
    }

    /// The keyword of this draft the engine refuses, if `map` has one.
    pub fn refused(self, map: &serde_json::Map<String, Value>) -> Option<&'static str> {
        REFUSED
            .iter()
            .find(|(d, k)| *d == self && map.contains_key(*k))
            .map(|(_, k)| *k)
    }

    /// True from 2019-09: `$ref` is a keyword beside the others (draft-07 ignores its siblings),
    /// and `$defs`, `$anchor`, `dependentRequired`, `dependentSchemas`, `minContains`,
    /// `maxContains` and the `unevaluated*` keywords exist.
    pub fn is_2019_or_later(self) -> bool {
        self != Draft::Draft7
    }

    /// True in 2020-12: tuples are `prefixItems`, `items` is the schema of the rest, and
    /// `contains` marks the items it matched as evaluated.
    pub fn is_2020(self) -> bool {
        self == Draft::Draft2020
    }
}

#[cfg(test)]
mod tests {
    use super::Draft;

    #[test]
    fn meta_schema_uris() {
        for (uri, draft) in [
            (
                "http://json-schema.org/draft-07/schema#",
                Some(Draft::Draft7),
            ),
            (
                "https://json-schema.org/draft-07/schema",
                Some(Draft::Draft7),
            ),
            (
                "http://json-schema.org/draft-06/schema#",
                Some(Draft::Draft7),
            ),
            (
                "https://json-schema.org/draft/2019-09/schema",
                Some(Draft::Draft2019),
            ),
            (
                "https://json-schema.org/draft/2020-12/schema#",
                Some(Draft::Draft2020),
            ),
            ("http://json-schema.org/draft-04/schema#", None),
            ("https://example.com/my-meta", None),
        ] {
            assert_eq!(Draft::from_uri(uri), draft, "{uri}");
        }
    }
}
