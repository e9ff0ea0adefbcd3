// The host benchmark's other comparison: the endpoint a developer would write instead of using
// the module, a fastify route that builds the same context from the same data set (the host's own
// file source), validates it with ajv (contextSchema(), ajv-formats) and judges it with the
// plain-JavaScript rules of bench/precheck-js.mjs. Started like the host: a child process, same
// Node, the logger level from APS_LOG_LEVEL, logs to stdout, the banner with the port on stderr.
// It checks no APS headers (the host does): what it leaves out only makes it faster.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createFileSource } from "../host/src/sources/file.js";
import { JsPreChecker } from "./precheck-js.mjs";
import { compileFor, newAjv } from "./ajv-setup.mjs";

const require = createRequire(new URL("../host/package.json", import.meta.url));
const Fastify = require("fastify");
const m = require("../pkg/node/index.cjs");

const source = createFileSource({ dataFile: fileURLToPath(new URL("../host/data/dataset.json", import.meta.url)) });
const validContext = compileFor(newAjv(), m.contextSchema());
const rules = new JsPreChecker({ locale: "en" });

const app = Fastify({ logger: { level: process.env.APS_LOG_LEVEL || "info" }, bodyLimit: 64 * 1024 });
app.post("/:service/:resourceId/migrationPreCheck", async (request, reply) => {
  const body = request.body;
  const context = source.buildContext({ resourceId: request.params.resourceId, targetAccount: body?.targetAccount, now: new Date().toISOString() });
  if (!validContext(context)) return reply.code(500).send({ code: 500, type: "InternalError", message: "invalid context" });
  return rules.check(body, context);
});
await app.listen({ host: "127.0.0.1", port: 0 });
process.stderr.write(`ajv + JS rules\n  endpoint:   POST http://127.0.0.1:${app.server.address().port}/{service}/{resourceId}/migrationPreCheck\n`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => app.close().then(() => process.exit(0)));
