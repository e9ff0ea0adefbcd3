//! The keywords of the engine, one module each (or one per small family): each compiles its
//! keyword from the schema, judges a value, and words its error. `COMPILERS` is the dispatch
//! table, in the order ajv evaluates keywords (which is the order of errors).
//!
//! Every keyword's check is out of line (`#[inline(never)]`): validation recurses through
//! `Run::node` → `Keyword::check` → a keyword → `Run::node`, and each frame on that path costs
//! native stack in the JS engine (about 1 MB in all); inlined, every keyword's locals would sit in
//! each frame, and far fewer nesting levels would fit (see `limits::MAX_NESTING`).

pub mod combinators;
pub mod conditional;
pub mod contains;
pub mod dependencies;
pub mod enumeration;
pub mod format;
pub mod items;
pub mod numeric;
pub mod pattern;
pub mod properties;
pub mod property_names;
pub mod reference;
pub mod required;
pub mod size;
pub mod types;
pub mod unevaluated;
pub mod unique_items;

use super::annotations::{Marks, Target};
use super::compile::{Compiler, Site};
use super::error::SchemaError;
use super::node::CompiledNode;
use super::run::Run;
use serde_json::Value;

/// Compiles the keywords one module is responsible for, appending them to the node's list.
pub type Compile = fn(&mut Compiler<'_>, &Site<'_>, &mut Vec<Keyword>) -> Result<(), SchemaError>;

/// Every keyword module's compile step, in evaluation order.
pub const COMPILERS: &[Compile] = &[
    types::compile,
    reference::compile,
    enumeration::compile_enum,
    enumeration::compile_const,
    required::compile,
    properties::compile,
    property_names::compile,
    size::compile_properties,
    dependencies::compile,
    items::compile,
    contains::compile,
    size::compile_items,
    unique_items::compile,
    size::compile_length,
    pattern::compile,
    numeric::compile_bounds,
    numeric::compile_multiple_of,
    format::compile,
    combinators::compile_all_of,
    combinators::compile_any_of,
    combinators::compile_one_of,
    combinators::compile_not,
    conditional::compile,
    unevaluated::compile,
];

/// One compiled keyword.
#[derive(Debug)]
pub enum Keyword {
    Type(types::Type),
    Ref(reference::Ref),
    Enum(enumeration::Enum),
    Const(enumeration::Const),
    Required(required::Required),
    Properties(properties::Properties),
    PatternProperties(properties::PatternProperties),
    AdditionalProperties(properties::AdditionalProperties),
    PropertyNames(property_names::PropertyNames),
    Size(size::Size),
    Pattern(pattern::PatternKeyword),
    Dependencies(dependencies::Dependencies),
    Items(items::Items),
    TupleItems(items::TupleItems),
    AdditionalItems(items::AdditionalItems),
    Contains(contains::Contains),
    UniqueItems(unique_items::UniqueItems),
    Bound(numeric::Bound),
    MultipleOf(numeric::MultipleOf),
    Format(format::FormatKeyword),
    AllOf(combinators::AllOf),
    AnyOf(combinators::AnyOf),
    OneOf(combinators::OneOf),
    Not(combinators::Not),
    IfThenElse(conditional::IfThenElse),
    Unevaluated(unevaluated::Unevaluated),
}

impl Keyword {
    /// Judges `value`; records errors through `run` when it collects them.
    pub fn check(&self, run: &mut Run<'_>, at: &CompiledNode, value: &Value) -> bool {
        match self {
            Keyword::Type(k) => k.check(run, at, value),
            Keyword::Ref(k) => k.check(run, value),
            Keyword::Enum(k) => k.check(run, at, value),
            Keyword::Const(k) => k.check(run, at, value),
            Keyword::Required(k) => k.check(run, at, value),
            Keyword::Properties(k) => k.check(run, value),
            Keyword::PatternProperties(k) => k.check(run, at, value),
            Keyword::AdditionalProperties(k) => k.check(run, at, value),
            Keyword::PropertyNames(k) => k.check(run, at, value),
            Keyword::Size(k) => k.check(run, at, value),
            Keyword::Pattern(k) => k.check(run, at, value),
            Keyword::Dependencies(k) => k.check(run, at, value),
            Keyword::Items(k) => k.check(run, value),
            Keyword::TupleItems(k) => k.check(run, value),
            Keyword::AdditionalItems(k) => k.check(run, at, value),
            Keyword::Contains(k) => k.check(run, at, value),
            Keyword::UniqueItems(k) => k.check(run, at, value),
            Keyword::Bound(k) => k.check(run, at, value),
            Keyword::MultipleOf(k) => k.check(run, at, value),
            Keyword::Format(k) => k.check(run, at, value),
            Keyword::AllOf(k) => k.check(run, value),
            Keyword::AnyOf(k) => k.check(run, at, value),
            Keyword::OneOf(k) => k.check(run, at, value),
            Keyword::Not(k) => k.check(run, at, value),
            Keyword::IfThenElse(k) => k.check(run, at, value),
            Keyword::Unevaluated(k) => k.check(run, at, value),
        }
    }

    /// Marks what the keyword evaluates of `value`, for the `unevaluated*` keywords beside it
    /// or above it (see `annotations`).
    pub fn mark(&self, run: &mut Run<'_>, value: &Value, marks: &mut Marks) {
        match (self, marks.target) {
            (Keyword::Properties(k), _) => k.mark(value, marks),
            (Keyword::PatternProperties(k), _) => k.mark(value, marks),
            (Keyword::AdditionalProperties(_), Target::Properties)
            | (Keyword::Items(_) | Keyword::AdditionalItems(_), Target::Items) => marks.all(),
            (Keyword::TupleItems(k), _) => k.mark(marks),
            (Keyword::Contains(k), _) => k.mark(run, value, marks),
            (Keyword::Unevaluated(k), _) => k.mark(marks),
            (Keyword::Dependencies(k), _) => k.mark(run, value, marks),
            (Keyword::AllOf(combinators::AllOf { schemas }), _) => {
                combinators::mark_all(schemas, run, value, marks)
            }
            (Keyword::AnyOf(combinators::AnyOf { schemas }), _)
            | (Keyword::OneOf(combinators::OneOf { schemas }), _) => {
                combinators::mark(schemas, run, value, marks)
            }
            (Keyword::IfThenElse(k), _) => k.mark(run, value, marks),
            (Keyword::Ref(k), _) => k.mark(run, value, marks),
            _ => {}
        }
    }

    /// The subschemas `default`s are filled in through: `properties`, `items` and `allOf`.
    pub fn default_targets(&self) -> DefaultTargets<'_> {
        match self {
            Keyword::Properties(k) => DefaultTargets::Properties(&k.schemas),
            Keyword::Items(k) => DefaultTargets::Items(k.schema),
            Keyword::AllOf(k) => DefaultTargets::Same(&k.schemas),
            Keyword::Ref(k) => DefaultTargets::Same(std::slice::from_ref(&k.target)),
            _ => DefaultTargets::None,
        }
    }
}

/// Where a keyword's subschemas apply, for filling in defaults.
pub enum DefaultTargets<'a> {
    /// Named properties of an object.
    Properties(&'a [(String, usize)]),
    /// Every item of an array.
    Items(usize),
    /// The value itself.
    Same(&'a [usize]),
    /// Nowhere.
    None,
}
