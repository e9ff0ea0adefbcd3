// The context hooks of the controller tests (APS_CONTEXT_HOOKS): what a host supplies that no APS
// resource carries, answered by the resource the controller called.
import { readFileSync } from "node:fs";

const published = JSON.parse(readFileSync(new URL("./published.json", import.meta.url), "utf8"));
const R = (n) => `eeeeeeee-0000-4000-8000-0000000000${n}`;

/**
 * pem.checkMoveSubscriptions takes the platform's integer ids: PASubscription `subscriptionId`
 * and PAAccount `id` of the target (1000016 and 1000006 in the tests' world). It answers the
 * published output only when asked with exactly those.
 */
export async function dependents(ctx) {
  if (ctx.resourceId === R("02")) throw new Error("the XML-RPC endpoint is down");
  const asked = { subscription_ids: [ctx.resources.subscription.subscriptionId], new_account_id: ctx.resources.targetAccount?.id };
  const expected = { subscription_ids: [1000016], new_account_id: 1000006 };
  if (ctx.resourceId === R("01") && JSON.stringify(asked) === JSON.stringify(expected)) return published.checkMoveSubscriptions.output;
  return [];
}

/** The platform's order API: one order still processing for tenant 07. */
export function orders(ctx) {
  return ctx.resourceId === R("07") ? [{ id: "ORD-1002", state: "processing" }] : [];
}

/** The billing platform: tenant 05 has a Fusebill migration scheduled for 2026-12-01. */
export function billing(ctx) {
  if (ctx.resourceId !== R("05")) return null;
  return {
    platform: "fusebill",
    latest: { customerId: 12874295, planFamilyRelationshipId: 407766, migrationTimingOption: "SpecificDate", scheduledMigrationDate: "2026-12-01" },
  };
}
