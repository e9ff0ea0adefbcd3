#!/usr/bin/env node
// An APS application endpoint that already answers its other calls (provisioning a "mail"
// resource, reading and removing it) gets a real migrationPreCheck by registering the plugin
// beside them. Its contexts come from its own store, here a Map. Run it and call it:
//   node host/examples/existing-endpoint.mjs        (PORT=0 picks a free port)
//   curl -s -X POST http://127.0.0.1:8081/mail/eeeeeeee-0000-4000-8000-000000000001/migrationPreCheck \
//     -H 'Content-Type: application/json' -H 'APS-Controller-URI: https://controller.example:6308/' \
//     -H 'APS-Instance-ID: 1' -d '{"targetAccount": "aaaaaaaa-0000-4000-8000-000000000002"}'
import Fastify from "fastify";
import migrationPreCheck, { ApsError, serverOptions } from "aps-migratable-host/plugin";

const account = (id, brandId) => ({ id, kind: "customer", vendorId: "v1", brandId, status: "active" });
const accounts = new Map([
  ["aaaaaaaa-0000-4000-8000-000000000001", account("aaaaaaaa-0000-4000-8000-000000000001", "b1")],
  ["aaaaaaaa-0000-4000-8000-000000000002", account("aaaaaaaa-0000-4000-8000-000000000002", "b1")],
  ["aaaaaaaa-0000-4000-8000-000000000005", account("aaaaaaaa-0000-4000-8000-000000000005", "b2")],
]);
/** The endpoint's own resources: what it provisioned, keyed by APS id. */
const mailboxes = new Map([
  ["eeeeeeee-0000-4000-8000-000000000001", { subscriptionId: "55555555-0000-4000-8000-000000000001", owner: "aaaaaaaa-0000-4000-8000-000000000001" }],
]);

// serverOptions(): the transaction id in every log line and APS bodies for broken requests.
const app = Fastify({ ...serverOptions(), logger: { level: process.env.LOG_LEVEL ?? "info" } });

// The endpoint's other APS calls, as it had them.
app.post("/mail", async (request) => {
  const id = request.body?.aps?.id;
  mailboxes.set(id, { subscriptionId: request.body?.aps?.subscription, owner: request.body?.owner });
  return { aps: { id, status: "aps:ready" } };
});
app.get("/mail/:id", async (request, reply) => (mailboxes.has(request.params.id) ? { aps: { id: request.params.id } } : reply.code(404).send({ code: 404, type: "NotFound", message: "no such mailbox" })));
app.delete("/mail/:id", async (request) => {
  mailboxes.delete(request.params.id);
  return {};
});

// The pre-check: what the module cannot know comes from the endpoint's own store.
await app.register(migrationPreCheck, {
  policy: { rules: {} }, // the defaults; a policy file's JSON in a real endpoint
  context(request, resourceId, targetAccount) {
    const mailbox = mailboxes.get(resourceId);
    if (!mailbox) throw new ApsError(404, "ResourceNotFound", `Resource ${resourceId} is not managed by this application.`);
    return {
      now: new Date().toISOString(),
      subscription: { id: mailbox.subscriptionId, ownerAccountId: mailbox.owner, state: "active" },
      sourceAccount: accounts.get(mailbox.owner) ?? null,
      targetAccount: accounts.get(targetAccount) ?? null,
    };
  },
});

await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 8081) });
process.stderr.write(`existing endpoint with migrationPreCheck on http://127.0.0.1:${app.server.address().port}\n`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
