// The host benchmark's fair comparison: the reference host itself (host/src/app.js: the same
// plugin, header checks, security headers, logging and data set), with only its check replaced
// by what a user would write instead: ajv on contextSchema() (ajv-formats) and the plain-JS
// rules of bench/precheck-js.mjs, on the context as an object. Started like the host: a child
// process, configured by the same APS_* variables, logs to stdout, the banner on stderr.
import { createRequire } from "node:module";
import { buildApp, OPERATION } from "../host/src/app.js";
import { loadConfig } from "../host/src/config.js";
import { createFileSource } from "../host/src/sources/file.js";
import { logDestination } from "../host/src/log.js";
import { JsPreChecker } from "./precheck-js.mjs";
import { compileFor, newAjv } from "./ajv-setup.mjs";

// The module as the host loads it, so that the plugin takes this checker for a PreChecker.
const { PreChecker, contextSchema } = createRequire(new URL("../host/package.json", import.meta.url))("aps-migratable");

/** A PreChecker whose check is ajv + the JS rules (the plugin calls check with the body and the context object). */
class AjvRulesChecker extends PreChecker {
  constructor() {
    super(null);
    this.validContext = compileFor(newAjv(), contextSchema());
    this.rules = new JsPreChecker({ locale: "en" });
  }

  check(migrationSet, context) {
    if (!this.validContext(context)) throw new Error("invalid context");
    return this.rules.check(migrationSet, context);
  }
}

const config = loadConfig();
const files = createFileSource(config);
// The context as an object (no buildContextJson), as ajv and the JS rules take it.
const source = { name: files.name, describe: files.describe, buildContext: files.buildContext, close: files.close };
const app = await buildApp({ config, checker: new AjvRulesChecker(), source, logStream: logDestination() });
await app.listen({ host: config.host, port: config.port });
const origin = `http://${config.host}:${app.server.address().port}`;
process.stderr.write(`the host with ajv + JS rules\n  endpoint:   POST ${origin}${OPERATION.replace(":service", "{service}").replace(":resourceId", "{resourceId}")}\n`);
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => app.close().then(() => process.exit(0)));
