// Node, CommonJS: the same calls through require(); init is the default export.
const m = require("aps-migratable");

(async () => {
  const beforeInit = m.version();
  await m.default();
  const viaInitSync = m.initSync();
  process.stdout.write(JSON.stringify({ beforeInit, viaInitSync: viaInitSync === undefined, version: m.version(), isContextError: (() => {
    try { m.migrationPreCheck({}, { now: 1 }); } catch (e) { return e instanceof m.ContextError && e instanceof m.ApsMigratableError; }
    return false;
  })() }));
})();
