// The program a user writes once, for the page and for its tests: import the package by name,
// await init(), call it. The bundler tests build it into a page (Vite, webpack, esbuild) and run it
// in Node (ES module, CommonJS through its default export, a worker thread) and under vitest.
import init, { migrationPreCheck, validateContract, version, ApsMigratableError, ContextError, InputError } from "aps-migratable";

const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const CONTEXT = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "b2", status: "active" },
};

/** What a thrown error is, as plain data (so that a page, a worker or a test can report it). */
function described(error) {
  return {
    name: error?.name,
    code: error?.code,
    message: String(error?.message),
    isApsMigratableError: error instanceof ApsMigratableError,
    isContextError: error instanceof ContextError,
    isInputError: error instanceof InputError,
  };
}

function attempt(call) {
  try {
    return { returned: call() };
  } catch (error) {
    return { threw: described(error) };
  }
}

/** Calls the package before and after init(); every answer is plain data. */
export async function run() {
  // In a browser nothing runs before init(): NOT_INITIALIZED. In Node the module is ready at once.
  const beforeInit = attempt(() => version());
  await init();
  return {
    beforeInit,
    version: version(),
    allowed: migrationPreCheck({ targetAccount: TARGET }, { ...CONTEXT, targetAccount: { ...CONTEXT.targetAccount, brandId: "b1" } }),
    refused: migrationPreCheck({ targetAccount: TARGET }, CONTEXT),
    contract: validateContract("fusebill/subscription_migrate", { customerId: 5, planFamilyRelationshipId: 0, migrationTimingOption: "Now" }),
    contextError: attempt(() => migrationPreCheck({ targetAccount: TARGET }, { now: 1 })),
  };
}
