// The policy: read once at start, compiled by the module (policySchema() plus its own checks).
import { readFileSync } from "node:fs";
import { PreChecker } from "aps-migratable";

export class PolicyLoadError extends Error {
  constructor(file, problems) {
    super(`invalid policy ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PolicyLoadError";
    this.problems = problems;
  }
}

/** One line per problem: where in the policy, and what is wrong (the module's messages name the key). */
function describe(error) {
  const where = error.instancePath || "(the policy itself)";
  return `${where}: ${error.message}`;
}

/** Reads and compiles the policy file; throws PolicyLoadError naming every problem. */
export function loadPolicy(file) {
  let policy;
  try {
    policy = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new PolicyLoadError(file, [err instanceof SyntaxError ? `not JSON: ${err.message}` : err.message]);
  }
  try {
    return { checker: new PreChecker(policy), policy };
  } catch (err) {
    if (err?.code === "INVALID_POLICY" || err?.code === "INVALID_ARGUMENT") {
      const problems = Array.isArray(err.errors) && err.errors.length ? err.errors.map(describe) : [err.message];
      throw new PolicyLoadError(file, problems);
    }
    throw err;
  }
}
