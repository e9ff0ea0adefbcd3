// vitest: the page's own program, unchanged, in vitest's Node environment (a .spec.js file, so
// that `node --test` does not take it for one of its own).
import { expect, test } from "vitest";
import { run } from "./app.js";

test("the page's program runs under vitest", async () => {
  const result = await run();
  expect(result.beforeInit).toHaveProperty("returned");
  expect(result.allowed).toEqual({ canMigrate: true });
  expect(result.refused.canMigrate).toBe(false);
  expect(result.contextError.threw).toMatchObject({ name: "ContextError", code: "INVALID_CONTEXT", isContextError: true });
  // The whole answer, for the Node test to compare with its own run.
  console.log(`APS_RESULT ${JSON.stringify(result)}`);
});
