//! One validation of a value: walks the compiled nodes, lets each keyword judge its part, and
//! collects ajv-shaped errors (or stops at the first failure when only the verdict is wanted).

use super::error::{ErrorKeyword, Params, ValidationError};
use super::node::{Compiled, CompiledNode, Node};
use crate::limits::{Limit, MAX_ERRORS, MAX_NESTING, MAX_STEPS};
use crate::pointer::{push_index, push_pointer};
use serde_json::Value;

/// Validates `value`; with `collect` false it stops at the first failure.
pub fn run(compiled: &Compiled, value: &Value, collect: bool) -> Vec<ValidationError> {
    let mut run = Run {
        compiled,
        errors: Vec::new(),
        collect,
        // Room for a typical instance path, so pushing and popping tokens never reallocates.
        path: String::with_capacity(128),
        depth: 0,
        steps: 0,
        stopped: None,
    };
    if !run.node(0, value) && run.errors.is_empty() && run.stopped.is_none() {
        // Stopped early without collecting: keep one marker so callers see "invalid".
        run.collect = true;
        run.node(0, value);
    }
    if let Some(limit) = run.stopped.take() {
        // A validation cut short has no verdict but "invalid", whatever its branches said.
        run.errors.push(limit);
    }
    run.errors
}

/// The verdict of node `index` on `value`, reached `depth` nested schemas deep (the streaming
/// reader's check of a scalar), without errors: `None` when a limit stopped it (which makes the
/// whole value invalid, whatever the branch), else the verdict and the steps it took.
#[cfg(feature = "stream-check")]
pub fn verdict_at(
    compiled: &Compiled,
    index: usize,
    value: &Value,
    depth: usize,
) -> Option<(bool, u64)> {
    let mut run = Run {
        compiled,
        errors: Vec::new(),
        collect: false,
        path: String::new(),
        depth,
        steps: 0,
        stopped: None,
    };
    let ok = run.node(index, value);
    run.stopped.is_none().then_some((ok, run.steps))
}

/// The state of one validation.
pub struct Run<'a> {
    compiled: &'a Compiled,
    errors: Vec<ValidationError>,
    collect: bool,
    path: String,
    depth: usize,
    /// Schema nodes visited so far (bounded by `MAX_STEPS`).
    steps: u64,
    /// Set when a limit stopped the validation: the error that says so.
    stopped: Option<ValidationError>,
}

impl<'a> Run<'a> {
    /// True when errors are being collected (else the first failure decides).
    pub fn collecting(&self) -> bool {
        self.collect
    }

    /// The number of errors so far, to roll back to with [`Run::truncate`].
    pub fn mark(&self) -> usize {
        self.errors.len()
    }

    /// Drops the errors recorded since `mark` (a branch that turned out not to matter).
    pub fn truncate(&mut self, mark: usize) {
        self.errors.truncate(mark);
    }

    /// True when node `index` is the `false` schema.
    pub fn is_false(&self, index: usize) -> bool {
        self.compiled.is_false(index)
    }

    /// Stops the validation at a limit; every node answers "invalid" from then on.
    // Out of line: keeps the recursive frames (node, keyword) small.
    #[inline(never)]
    fn stop(&mut self, limit: Limit, max: u64, message: String) {
        if self.stopped.is_none() {
            self.stopped = Some(ValidationError {
                instance_path: self.path.clone(),
                schema_path: "#".to_owned(),
                keyword: ErrorKeyword::Limit,
                params: Params::Limit { limit, max },
                message,
            });
        }
    }

    /// Records an error when errors are being collected; `details` (params and message) is
    /// only worked out then, so a failing branch of `oneOf` or a probe costs no formatting.
    /// Inlined: each keyword's call is its own copy, so only the check and the call of
    /// `details` are generic; the recording is [`Run::record`], once in the module.
    #[inline]
    pub fn fail(
        &mut self,
        at: &CompiledNode,
        keyword: ErrorKeyword,
        details: impl FnOnce() -> (Params, String),
    ) {
        if self.recording() {
            let (params, message) = details();
            self.record(at, keyword, params, message);
        }
    }

    /// True when an error is to be recorded: errors are collected and there is room for one
    /// more (else the validation stops at the limit).
    // Out of line: keeps the recursive frames (node, keyword) small.
    #[inline(never)]
    fn recording(&mut self) -> bool {
        if !self.collect {
            return false;
        }
        if self.errors.len() >= MAX_ERRORS {
            self.stop(
                Limit::Errors,
                MAX_ERRORS as u64,
                format!("validation stopped after {MAX_ERRORS} errors"),
            );
            return false;
        }
        true
    }

    /// Records one error of node `at`.
    #[inline(never)]
    fn record(
        &mut self,
        at: &CompiledNode,
        keyword: ErrorKeyword,
        params: Params,
        message: String,
    ) {
        let name = keyword.name();
        // A schema's own `errorMessage` for this keyword (or for all) replaces ajv's wording.
        let message = at.custom_message(name).map_or(message, str::to_owned);
        self.errors.push(ValidationError {
            instance_path: self.path.clone(),
            schema_path: format!("{}/{name}", at.path),
            keyword,
            params,
            message,
        });
    }

    /// Validates array item `i` at `path + /i` against node `index`.
    pub fn item(&mut self, index: usize, value: &Value, i: usize) -> bool {
        let len = self.path.len();
        push_index(&mut self.path, i);
        let ok = self.node(index, value);
        self.path.truncate(len);
        ok
    }

    /// Validates `value` at `path + /token` against node `index`.
    pub fn child(&mut self, index: usize, value: &Value, token: &str) -> bool {
        let len = self.path.len();
        push_pointer(&mut self.path, token);
        let ok = self.node(index, value);
        self.path.truncate(len);
        ok
    }

    /// `probe` of array item `i` (the path is kept for a limit that stops inside).
    pub fn probe_item(&mut self, index: usize, value: &Value, i: usize) -> bool {
        let collect = std::mem::replace(&mut self.collect, false);
        let ok = self.item(index, value, i);
        self.collect = collect;
        ok
    }

    /// Runs `index` without recording errors: for `not`, `if` and the first try of a branch.
    pub fn probe(&mut self, index: usize, value: &Value) -> bool {
        let collect = std::mem::replace(&mut self.collect, false);
        let ok = self.node(index, value);
        self.collect = collect;
        ok
    }

    /// The compiled node `index`.
    pub fn node_at(&self, index: usize) -> Option<&'a CompiledNode> {
        self.compiled.nodes.get(index)
    }

    /// Counts one step one level deeper, unless a limit stops the validation there.
    fn enter(&mut self) -> bool {
        if self.stopped.is_some() {
            return false;
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            self.stop(
                Limit::Steps,
                MAX_STEPS,
                format!("validation stopped after {MAX_STEPS} steps: the schema is too costly for this value"),
            );
            return false;
        }
        // Every nested schema (a `$ref` hop included) is one level of the wasm call stack.
        if self.depth >= MAX_NESTING {
            self.stop(
                Limit::Depth,
                MAX_NESTING as u64,
                format!("validation stopped at {MAX_NESTING} nested schemas: the schema recurses too deeply for this value"),
            );
            return false;
        }
        self.depth += 1;
        true
    }

    /// Runs `f` one level deeper, as one step: the limits bound annotation walks too.
    pub fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        if self.enter() {
            f(self);
            self.depth -= 1;
        }
    }

    /// Validates `value` against node `index`.
    pub fn node(&mut self, index: usize, value: &Value) -> bool {
        let compiled = self.compiled;
        let Some(at) = compiled.nodes.get(index) else {
            return true;
        };
        if !self.enter() {
            return false;
        }
        let ok = match &at.node {
            Node::Bool(true) | Node::Pending => true,
            Node::Bool(false) => {
                self.fail(at, ErrorKeyword::FalseSchema, || {
                    (Params::None {}, "boolean schema is false".to_owned())
                });
                false
            }
            Node::Ref(target) => self.node(*target, value),
            Node::Keywords(keywords) => self.keywords(at, keywords, value),
        };
        self.depth -= 1;
        ok
    }

    fn keywords(
        &mut self,
        at: &CompiledNode,
        keywords: &[super::keywords::Keyword],
        value: &Value,
    ) -> bool {
        let mut ok = true;
        for keyword in keywords {
            if !keyword.check(self, at, value) {
                ok = false;
                if !self.collect {
                    return false;
                }
            }
        }
        ok
    }

    /// Runs `check` over items, stopping at the first failure unless errors are collected.
    pub fn all<T>(
        &mut self,
        items: impl IntoIterator<Item = T>,
        mut check: impl FnMut(&mut Self, T) -> bool,
    ) -> bool {
        let mut ok = true;
        for item in items {
            if !check(self, item) {
                ok = false;
                if !self.collect {
                    return false;
                }
            }
        }
        ok
    }
}
