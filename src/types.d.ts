/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema (draft-07) document: an object of keywords, or `true`/`false`. */
export type JsonSchema = boolean | { [keyword: string]: JsonValue };

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

/** Codes of the errors this module throws (always for misuse by the calling program). */
export type ErrorCode =
  | "INVALID_ARGUMENT"
  | "INVALID_SCHEMA"
  | "UNSUPPORTED_KEYWORD"
  | "UNSUPPORTED_REF"
  | "UNRESOLVED_REF"
  | "SCHEMA_TOO_DEEP"
  | "INVALID_TYPE_DOCUMENT"
  | "UNKNOWN_STRUCTURE"
  | "UNRESOLVED_TYPE"
  | "INVALID_POLICY"
  | "INVALID_CONTEXT"
  | "UNKNOWN_CONTRACT"
  | "LIMIT_EXCEEDED"
  | "INVALID_RECEIVER"
  | "OBJECT_FREED"
  | "INTERNAL";

/** What every thrown error carries: a `name` (SchemaError, PolicyError, ContextError, InputError), a `code`, and for policies and contexts every problem in `errors`. */
export interface ApsMigratableError extends Error {
  name: "SchemaError" | "PolicyError" | "ContextError" | "InputError" | "ContractError" | "InternalError";
  code: ErrorCode;
  errors?: ValidationError[];
  schemaPath?: string;
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

export type SubscriptionState =
  | "active" | "stopped" | "graced" | "expired"
  | "provisioning" | "starting" | "stopping" | "removing" | "changing_plan"
  | "terminated";

export type AccountStatus = "active" | "credit_hold" | "admin_hold" | "suspended" | "cancelled" | "deleted";

/** An account; what the platform does not give is absent, and the rules that need it are skipped (or refuse, as the policy says). */
export interface PreCheckAccount {
  /** APS id of the account resource. */
  id: string;
  name?: string;
  kind?: "customer" | "reseller";
  /** The provider or reseller the account is under. */
  vendorId?: string | number;
  brandId?: string | number;
  status?: AccountStatus;
}

/** What the host knows about the move; validated against contextSchema(). */
export interface PreCheckContext {
  /** When the check runs (RFC 3339 date-time); no clock is read inside the module. */
  now: string;
  subscription: {
    id: string;
    ownerAccountId: string;
    name?: string;
    /** Absent when the platform does not give it. */
    state?: SubscriptionState;
    /** Whether it is terminated (PASubscription isTerminated), when given apart from the state; it wins over the state. */
    terminated?: boolean;
    trial?: boolean;
    disabled?: boolean;
  };
  sourceAccount: PreCheckAccount;
  /** The target account as the host found it; null or absent when not found. */
  targetAccount?: PreCheckAccount | null;
  orders?: { id: string | number; state: string }[];
  dependentSubscriptions?: {
    id: string | number;
    name?: string;
    reason: "shared_domains" | "shared_users" | "shared_resources";
    /** Strings or integer resource type ids (checkMoveSubscriptions' rt_list). */
    resourceTypes?: (string | number)[];
  }[];
  /** The billing platform behind the subscription; `latest` and `request` are checked against their contracts. */
  billing?: PreCheckBilling;
}

/** The billing part of a pre-check context. */
export interface PreCheckBilling {
  platform: "chargebee" | "fusebill" | "billforward" | "pismo";
  /** chargebee: latest resource_migration; fusebill: the scheduled migration; billforward: latest ProductRatePlanMigrationAmendment; pismo: latest customer migration event. */
  latest?: { [key: string]: JsonValue } | null;
  /** pismo: which event `latest` is (required with a pismo `latest`). */
  latestEvent?: "customer_incoming" | "customer_outgoing";
  /** The migration request about to be sent (fusebill, billforward, pismo; none for chargebee). */
  request?: { [key: string]: JsonValue } | null;
}

/** The ids of the billing-platform contracts. */
export type ContractId =
  | "chargebee/resource_migration"
  | "chargebee/retrieve_latest"
  | "chargebee/retrieve_latest_result"
  | "fusebill/subscription_migrate"
  | "billforward/migration_request"
  | "billforward/migration_amendment"
  | "pismo/customer_outgoing/1"
  | "pismo/customer_incoming/1";

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

/** Message templates by locale tag; `{name}` inserts a parameter. */
export type LocalizedMessages = { [locale: string]: string };

export type BuiltInRuleId =
  | "migration-set-valid" | "target-id-valid" | "target-not-owner" | "target-account-exists"
  | "target-account-active" | "not-reseller-subscription" | "same-vendor" | "same-brand"
  | "subscription-not-terminated" | "subscription-not-in-transition"
  | "billing-no-migration-in-flight" | "orders-final" | "no-dependent-subscriptions"
  | "billing-request-valid";

/** A custom rule: when the context matches `when`, it must match `require`, or the move is refused with `message`. */
export interface CustomRule {
  id: string;
  code?: string;
  enabled?: boolean;
  when?: JsonSchema;
  require: JsonSchema;
  message: LocalizedMessages & { en: string };
}

/** Pre-check policy; validated against policySchema(). */
export interface PreCheckPolicy {
  /** BCP 47 tag; falls back to its language, then English. */
  locale?: string;
  rules?: {
    [id in BuiltInRuleId]?: {
      enabled?: boolean;
      messages?: LocalizedMessages;
      /** When the context lacks what the rule needs: skip it (default) or refuse the move (code DATA_MISSING). */
      onMissingData?: "skip" | "refuse";
      /** The refusal's message when onMissingData is "refuse"; `{data}` names what is missing. */
      missingDataMessages?: LocalizedMessages;
    };
  };
  /** Order states that count as final (default: completed, cancelled, failed, rejected). */
  finalOrderStates?: string[];
  customRules?: CustomRule[];
}

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
