#!/usr/bin/env node
"use strict";
// aps-migratable, the package's command line (package.json "bin"; copied into pkg/node/ by
// scripts/package.mjs). Exit codes: 0 all valid / allowed, 1 some invalid / refused, 2 usage or
// input error (the message says which). Data goes to stdout, progress and problems to stderr.
const { parseArgs } = require("node:util");
const { readFileSync, statSync } = require("node:fs");
const os = require("node:os");
const m = require("./index.cjs");

const OK = 0;
const FAILED = 1;
const BAD_INPUT = 2;
const SHOWN_ERRORS = 20; // validate's first errors, without --max-errors or --json

/** A problem with the command line itself: exit 2, with a pointer to --help. */
class UsageError extends Error {}

const HELP = {
  main: `Usage: aps-migratable <command> [options]

Commands:
  validate <contract> <file|->   validate NDJSON (one payload per line) against a contract
  precheck --context <file> --target <id> [--policy <file>] [--explain]
                                 the APS migrationPreCheck answer for a context
  contracts                      list the contract ids
  schema <contract|context|policy>
                                 print a JSON Schema

aps-migratable <command> --help shows a command's options.
Exit codes: 0 valid / allowed, 1 invalid / refused, 2 usage or input error.`,
  validate: `Usage: aps-migratable validate <contract> <file|-> [options]

Validates each line of an NDJSON file (or of stdin, "-") against a contract (see
aps-migratable contracts), in chunks and on every core: files of any size. Blank lines
are skipped; a line that is not JSON is an error on that line.

Options:
  --json              one JSON error per line on stdout, then a summary object
  --max-errors <n>    errors to keep (default ${SHOWN_ERRORS}; with --json 1000); counts are always exact
  --workers <n>       worker threads (default: the available cores, ${os.availableParallelism()} here); 1 = none
  -h, --help          this help

A progress bar (bytes, lines, rate, time left) is drawn when stderr is a terminal.
Exit codes: 0 every line valid, 1 some line invalid, 2 usage or input error.`,
  precheck: `Usage: aps-migratable precheck --context <file> --target <id> [--policy <file>] [--explain]

Answers APS's migrationPreCheck for moving the subscription of the context (a JSON file, see
aps-migratable schema context) to the target account <id>, and prints the answer
({"canMigrate": ...}) or, with --explain, the report of every rule.

Options:
  --context <file>    the pre-check context (JSON)
  --target <id>       the target account's APS id
  --policy <file>     a policy (JSON; see aps-migratable schema policy)
  --explain           print the report: failed, passed and skipped rules
  -h, --help          this help

Exit codes: 0 allowed, 1 refused, 2 bad input.`,
  contracts: `Usage: aps-migratable contracts

Lists the ids of the billing-platform contracts, one per line.`,
  schema: `Usage: aps-migratable schema <contract|context|policy>

Prints the JSON Schema of a contract (an id from aps-migratable contracts), of the
pre-check context or of the policy.`,
};

const HELP_OPTION = { help: { type: "boolean", short: "h" } };
const COMMANDS = {
  validate: {
    options: { json: { type: "boolean" }, "max-errors": { type: "string" }, workers: { type: "string" }, ...HELP_OPTION },
    positionals: ["<contract>", "<file|->"],
    run: validate,
  },
  precheck: {
    options: { context: { type: "string" }, target: { type: "string" }, policy: { type: "string" }, explain: { type: "boolean" }, ...HELP_OPTION },
    positionals: [],
    run: precheck,
  },
  contracts: { options: HELP_OPTION, positionals: [], run: () => print(m.contractIds().join("\n")) },
  schema: { options: HELP_OPTION, positionals: ["<contract|context|policy>"], run: schema },
};

const print = (text) => {
  process.stdout.write(`${text}\n`);
  return OK;
};

/** A whole number from option `name`, at least `min`. */
function count(value, name, min) {
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be a whole number${min > 0 ? ` of at least ${min}` : ""}, not "${value}"`);
  return Number(value);
}

/** A terminal progress line on stderr (bytes, lines, rate, ETA when the size is known), or null. */
function progressBar(stream, size) {
  if (!stream.isTTY) return null;
  const started = performance.now();
  let drawn = 0;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  return {
    update({ bytes, lines }) {
      const now = performance.now();
      if (now - drawn < 100) return; // at most ten redraws a second
      drawn = now;
      const rate = bytes / Math.max((now - started) / 1000, 1e-3);
      let line = `${mb(bytes)}, ${lines.toLocaleString("en-US")} lines, ${mb(rate)}/s`;
      if (size > 0) {
        const done = Math.min(bytes / size, 1);
        const width = 24;
        const bar = "#".repeat(Math.round(done * width)).padEnd(width, "-");
        line = `[${bar}] ${(done * 100).toFixed(0).padStart(3)}% ${mb(bytes)} of ${mb(size)}, ${lines.toLocaleString("en-US")} lines, ${mb(rate)}/s, ETA ${Math.ceil((size - bytes) / rate)} s`;
      }
      stream.cursorTo(0);
      stream.write(line.slice(0, Math.max(stream.columns - 1, 20)));
      stream.clearLine(1);
    },
    clear() {
      stream.cursorTo(0);
      stream.clearLine(0);
    },
  };
}

/** One error as a line of text: where, what, and the keyword. */
const describe = (e) => `line ${e.line}: ${e.instancePath || "(the line)"} ${e.message} [${e.keyword}]`;

async function validate(values, [contract, input]) {
  const maxErrors = values["max-errors"] === undefined ? (values.json ? undefined : SHOWN_ERRORS) : count(values["max-errors"], "max-errors", 0);
  const workers = values.workers === undefined ? undefined : count(values.workers, "workers", 1);
  m.contractSchema(contract); // an unknown contract is a ContractError before any file is read
  const fromStdin = input === "-";
  const stats = fromStdin ? null : statSync(input); // a missing file fails here, with its name
  if (stats?.isDirectory()) throw new UsageError(`${input}: ${fileProblem({ code: "EISDIR" })}`);
  const size = stats?.size ?? 0;
  const bar = progressBar(process.stderr, size);
  const options = { maxErrors, workers, onProgress: bar ? (p) => bar.update(p) : undefined };
  let result;
  try {
    result = fromStdin ? await m.validateStream(contract, process.stdin, options) : await m.validateFile(contract, input, options);
  } finally {
    bar?.clear();
  }
  const { total, valid, invalid, errors, truncated } = result;
  if (values.json) {
    const lines = errors.map((e) => JSON.stringify(e));
    lines.push(JSON.stringify({ contract, input, total, valid, invalid, errors: errors.length, truncated }));
    print(lines.join("\n"));
  } else {
    const summary = `${fromStdin ? "stdin" : input}: ${total.toLocaleString("en-US")} lines checked against ${contract}: ${valid.toLocaleString("en-US")} valid, ${invalid.toLocaleString("en-US")} invalid`;
    const more = truncated ? [`(the first ${errors.length} errors; --max-errors <n> for more, --json for every field)`] : [];
    print([summary, ...errors.map(describe), ...more].join("\n"));
  }
  return invalid > 0 ? FAILED : OK;
}

/** The JSON in the file given to option `name`. */
function readJson(file, name) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--${name} ${file}: ${fileProblem(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${name} ${file} is not JSON: ${error.message}`);
  }
}

function precheck(values) {
  for (const name of ["context", "target"]) if (values[name] === undefined) throw new UsageError(`precheck needs --${name}`);
  const context = readJson(values.context, "context");
  const policy = values.policy === undefined ? undefined : readJson(values.policy, "policy");
  const migrationSet = { targetAccount: values.target };
  const answer = values.explain ? m.explainPreCheck(migrationSet, context, policy) : m.migrationPreCheck(migrationSet, context, policy);
  print(JSON.stringify(answer, null, 2));
  return answer.canMigrate ? OK : FAILED;
}

function schema(_values, [what]) {
  const found = what === "context" ? m.contextSchema() : what === "policy" ? m.policySchema() : m.contractSchema(what);
  return print(JSON.stringify(found, null, 2));
}

/** What went wrong reading a file, in words. */
function fileProblem(error) {
  const words = { ENOENT: "no such file", EISDIR: "is a directory, not a file", EACCES: "permission denied", ENOTDIR: "a part of the path is not a directory" };
  return words[error.code] ?? error.message;
}

/** The exit code of a command line; output written. */
async function main(args) {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") return print(HELP.main);
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : null;
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(", ")})`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${name}: ${error.message}`, { cause: name });
  }
  if (parsed.values.help) return print(HELP[name]);
  const wanted = command.positionals;
  if (parsed.positionals.length !== wanted.length) {
    throw new UsageError(`${name} takes ${wanted.length ? wanted.join(" ") : "no arguments"}, got ${parsed.positionals.length ? parsed.positionals.join(" ") : "none"}`, { cause: name });
  }
  try {
    return await command.run(parsed.values, parsed.positionals);
  } catch (error) {
    if (error instanceof UsageError && error.cause === undefined) error.cause = name; // its --help
    throw error;
  }
}

/** The message for an error that ends the program (exit 2). */
function problem(error) {
  if (error instanceof UsageError) return `${error.message}\nSee aps-migratable ${typeof error.cause === "string" ? `${error.cause} ` : ""}--help.`;
  if (error instanceof m.ApsMigratableError) return error.message;
  if (typeof error?.code === "string" && typeof error.path === "string") return `${error.path}: ${fileProblem(error)}`;
  return error?.stack ?? String(error);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`aps-migratable: ${problem(error)}\n`);
    process.exitCode = BAD_INPUT;
  },
);
