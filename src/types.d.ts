/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema (draft-07) document: an object of keywords, or `true`/`false`. */
export type JsonSchema = boolean | { [keyword: string]: JsonValue };

/** Options of a `Validator` (and of `validate`). */
export interface ValidatorOptions {
  /**
   * Schema documents the schema's `$ref`s may name, by URI (a document's own `$id` names it too).
   * Nothing is ever fetched; the shipped schemas (`urn:aps-migratable:...`) are always there.
   */
  schemas?: Record<string, JsonSchema>;
}

/** A schema as an argument: any object (an interface-typed one too) or a boolean; it is read as JSON. */
export type SchemaInput = boolean | object;

/** One validation error, in ajv's shape. */
export interface ValidationError {
  /** JSON Pointer to the failing part of the value ("" for the value itself). */
  instancePath: string;
  /** JSON Pointer fragment of the failing keyword in the schema, e.g. "#/properties/id/type". */
  schemaPath: string;
  /** The failing keyword, e.g. "required"; "json" when the value is not JSON at all. */
  keyword: string;
  /** The keyword's parameters, named as ajv names them (e.g. `missingProperty`). */
  params: { [name: string]: JsonValue };
  /** Plain-text English message, worded as ajv words it. */
  message: string;
}

/** The outcome of validating a value. */
export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

/** Codes of a SchemaError: the schema (or APS type document) cannot be compiled. */
export type SchemaErrorCode =
  | "INVALID_SCHEMA"
  | "UNSUPPORTED_KEYWORD"
  | "UNSUPPORTED_REF"
  | "UNRESOLVED_REF"
  | "SCHEMA_TOO_DEEP"
  | "INVALID_TYPE_DOCUMENT"
  | "UNKNOWN_STRUCTURE"
  | "UNRESOLVED_TYPE"
  | "INTERNAL";

/** Codes of an InputError: an argument, a receiver or the order of calls is wrong. */
export type InputErrorCode =
  | "INVALID_ARGUMENT"
  | "LIMIT_EXCEEDED"
  | "INVALID_RECEIVER"
  | "OBJECT_FREED"
  /** free() called from inside a call on the same instance (a getter or toJSON of its argument). */
  | "OBJECT_BUSY"
  /** Browser build: called before init() or initSync(). */
  | "NOT_INITIALIZED"
  /** Browser build: init() or initSync() could not load the WebAssembly module (`cause` says why). */
  | "INIT_FAILED";

/** Codes of the errors this module throws (always for misuse by the calling program). */
export type ErrorCode = SchemaErrorCode | InputErrorCode | "INVALID_POLICY" | "INVALID_CONTEXT" | "UNKNOWN_CONTRACT" | "INTERNAL";

/**
 * The base class of every error the package throws (it throws only the subclasses below). The
 * classes are shared by every copy of the package loaded in one JS realm (its Node and browser
 * builds alike), so `instanceof` holds across them; `name` and `code` say the same.
 */
export declare class ApsMigratableError extends Error {
  name: "SchemaError" | "PolicyError" | "ContextError" | "InputError" | "ContractError" | "InternalError";
  code: ErrorCode;
  /** Every problem found (PolicyError, ContextError, InternalError). */
  errors?: ValidationError[];
  /** Where in the schema (SchemaError). */
  schemaPath?: string;
}

/** The pre-check context is invalid: every problem is in `errors`. */
export declare class ContextError extends ApsMigratableError {
  name: "ContextError";
  code: "INVALID_CONTEXT";
  errors: ValidationError[];
}

/** The pre-check policy is invalid: every problem is in `errors`. */
export declare class PolicyError extends ApsMigratableError {
  name: "PolicyError";
  code: "INVALID_POLICY";
  errors: ValidationError[];
}

/** A schema or APS type document cannot be compiled; `schemaPath` says where. */
export declare class SchemaError extends ApsMigratableError {
  name: "SchemaError";
  code: SchemaErrorCode;
  schemaPath: string;
}

/** An unknown contract id. */
export declare class ContractError extends ApsMigratableError {
  name: "ContractError";
  code: "UNKNOWN_CONTRACT";
}

/** An unusable argument, a misused instance, or (browser build) a call before init(). */
export declare class InputError extends ApsMigratableError {
  name: "InputError";
  code: InputErrorCode;
}

/** A built-in schema or rule failed: a bug in this module, worth reporting. */
export declare class InternalError extends ApsMigratableError {
  name: "InternalError";
  code: "INTERNAL";
  errors: ValidationError[];
}

/** An APS 2 type document (the APS type definition language). */
export interface ApsTypeDocument {
  apsVersion?: string;
  name?: string;
  id?: string;
  implements?: string[];
  operations?: { [name: string]: JsonValue };
  structures?: { [name: string]: { [attribute: string]: JsonValue } };
  properties?: { [name: string]: { [attribute: string]: JsonValue } };
  [attribute: string]: JsonValue | undefined;
}

/** The body the controller sends to migrationPreCheck (APS structure MigrationSet). */
export interface MigrationSet {
  /** APS id of the target account resource. */
  targetAccount: string;
}

/** The answer to the controller (APS structure MigrationPreCheckResult). */
export interface MigrationPreCheckResult {
  canMigrate: boolean;
  /** Shown to the user when the move is refused; plain text. */
  message?: string;
}

// PreCheckContext, PreCheckPolicy, ContractId and each contract's payload type are generated
// from the shipped JSON Schemas when the package is built (scripts/package.mjs): the schemas are
// the one description of their shape. The names below are parts of them.

/** An account in a pre-check context. */
export type PreCheckAccount = NonNullable<PreCheckContext["targetAccount"]>;

export type SubscriptionState = NonNullable<PreCheckContext["subscription"]["state"]>;

export type AccountStatus = NonNullable<PreCheckAccount["status"]>;

/** The billing part of a pre-check context. */
export type PreCheckBilling = NonNullable<PreCheckContext["billing"]>;

/** A contract id as an argument: a ContractId, or any string (an unknown one throws ContractError UNKNOWN_CONTRACT). */
export type ContractIdInput = ContractId | (string & {});

/** The outcome of validating a payload against a contract. */
export interface ContractResult extends ValidationResult {
  /** The payload with the contract's documented defaults applied (null when it was not JSON). */
  value: JsonValue;
}

/** Options of validateMany. */
export interface BatchOptions {
  /** Most errors to return (default 1000); counts are always exact. */
  maxErrors?: number;
}

/** The outcome of validating an NDJSON batch. */
export interface BatchResult {
  /** Non-blank lines. */
  total: number;
  valid: number;
  invalid: number;
  /** Errors with their 1-based line number; a line that is not JSON has keyword "json". */
  errors: (ValidationError & { line: number })[];
  /** True when errors were left out because of maxErrors. */
  truncated: boolean;
}

/** Fusebill's error body. */
export interface FusebillError {
  ErrorId: number;
  HttpStatusCode: number;
  Errors: { Key: string; Value: string }[];
}

/** Chargebee's error body. */
export interface ChargebeeError {
  message: string;
  type: "invalid_request";
  api_error_code: string;
  error_code: string;
  param?: string;
  http_status_code: number;
}

/** BillForward's BFError. */
export interface BillForwardError {
  errorType: "ValidationError";
  errorMessage: string;
  errorParameters: string[];
}

/** A platform's own error body (Pismo: ajv-shaped errors; null when there is no error). */
export type VendorError = FusebillError | ChargebeeError | BillForwardError | ValidationError[] | null;

/** The ids of the built-in rules (the keys of a policy's `rules`). */
export type BuiltInRuleId = keyof NonNullable<PreCheckPolicy["rules"]>;

/** A policy's settings for one built-in rule. */
export type RuleSettings = NonNullable<NonNullable<PreCheckPolicy["rules"]>[BuiltInRuleId]>;

/** Message templates by locale tag; `{name}` inserts a parameter. */
export type LocalizedMessages = NonNullable<RuleSettings["messages"]>;

/** A custom rule: when the context matches `when`, it must match `require`, or the move is refused with `message`. */
export type CustomRule = NonNullable<PreCheckPolicy["customRules"]>[number];

/** One rule that refused the move. */
export interface RuleFailure {
  rule: string;
  code: string;
  message: string;
  params: { [name: string]: JsonValue };
}

/** The full pre-check report. */
export interface PreCheckReport {
  canMigrate: boolean;
  message?: string;
  locale: string;
  checkedAt: string;
  failed: RuleFailure[];
  passed: string[];
  /** Rules not judged: `data` names what the context lacks, when that is why (else an earlier refusal took what they need, or they do not apply). */
  skipped: SkippedRule[];
  disabled: string[];
}

/** What the context lacks when a rule cannot be judged. */
export type MissingDatum = "kind" | "vendorId" | "brandId" | "status" | "state";

/** A rule that was not judged. */
export interface SkippedRule {
  rule: string;
  data?: MissingDatum;
}

/** A built-in rule's id, refusal code and message parameters. */
export interface RuleInfo {
  id: BuiltInRuleId;
  code: string;
  params: string[];
}
