// The host benchmark's comparison: a bare fastify server with one POST route on the host's path
// that answers a constant, started like the host (a child process, same Node, same logger level
// from APS_LOG_LEVEL, logs to stdout, the banner with the port on stderr). fastify comes from
// host/node_modules, so both run the same fastify.
import { createRequire } from "node:module";

const require = createRequire(new URL("../host/package.json", import.meta.url));
const Fastify = require("fastify");

const app = Fastify({ logger: { level: process.env.APS_LOG_LEVEL || "info" }, bodyLimit: 64 * 1024 });
app.post("/:service/:resourceId/migrationPreCheck", async () => ({ canMigrate: true }));
await app.listen({ host: "127.0.0.1", port: 0 });
process.stderr.write(`bare fastify\n  endpoint:   POST http://127.0.0.1:${app.server.address().port}/{service}/{resourceId}/migrationPreCheck\n`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => app.close().then(() => process.exit(0)));
