// Times, with performance.now(), from just before the import to the first pre-check result:
//   ?mode=wasm  import /pkg/web/index.js (or <pkg>/web/index.js with ?pkg=/before), await init(),
//               new PreChecker(policy), first check()
//   ?mode=ajv   import the ajv bundle (/gen/ajv-bundle.js) and the JS rules, compile
//               contextSchema(), validate the context, first JS-rules check
// The result goes to window.__cold = {ms, result} (wasm also: loadMs for import + init, newMs for new PreChecker, firstCheckMs)
// or {error}.
const REQUEST = { targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" };
const CONTEXT = {
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  orders: [{ id: "SO-1", state: "completed" }],
};
const params = new URLSearchParams(location.search);
const mode = params.get("mode");
const pkg = params.get("pkg") ?? "/pkg";
try {
  let result;
  let loadMs;
  let newMs;
  const t0 = performance.now();
  if (mode === "wasm") {
    const m = await import(`${pkg}/web/index.js`);
    await m.default();
    const t1 = performance.now();
    const checker = new m.PreChecker({ locale: "en" });
    newMs = performance.now() - t1;
    result = checker.check(REQUEST, CONTEXT);
    loadMs = t1 - t0;
  } else {
    const [ajv, js] = await Promise.all([import("/gen/ajv-bundle.js"), import("/bench/precheck-js.mjs")]);
    if (!ajv.validator("context")(CONTEXT)) throw new Error("context rejected by ajv");
    result = new js.JsPreChecker({ locale: "en" }).check(REQUEST, CONTEXT);
  }
  const ms = performance.now() - t0;
  window.__cold = loadMs === undefined ? { ms, result } : { ms, loadMs, newMs, firstCheckMs: ms - loadMs - newMs, result };
} catch (error) {
  window.__cold = { error: String(error?.stack ?? error) };
}
