// Minimal admin page: one pre-check, run client-side with the browser build of the module.
// Every text from input or from the module is shown with textContent, never as HTML.
import init, { migrationPreCheck } from "/pkg/web/index.js";

const TARGET = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const context = {
  now: new Date().toISOString(),
  subscription: {
    id: "11111111-1111-4111-8111-111111111111",
    ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
    name: "Hosted Exchange 25",
    state: "active",
  },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "main", status: "active" },
  targetAccount: { id: TARGET, kind: "customer", vendorId: 1, brandId: "main", status: "active" },
  orders: [{ id: "SO-1001", state: "completed" }],
  dependentSubscriptions: [],
};

const $ = (id) => document.getElementById(id);
$("target").value = TARGET;
$("context").value = JSON.stringify(context, null, 2);

function show(kind, verdict, message) {
  $("verdict").className = `verdict ${kind}`;
  $("verdict").textContent = verdict;
  $("message").textContent = message ?? "";
}

function run(event) {
  event?.preventDefault();
  let ctx;
  try {
    ctx = JSON.parse($("context").value);
  } catch (e) {
    show("refused", "The context is not valid JSON", e.message);
    return;
  }
  try {
    const result = migrationPreCheck({ targetAccount: $("target").value }, ctx, { locale: $("locale").value });
    if (result.canMigrate) show("allowed", "Migration allowed", "");
    else show("refused", "Migration refused", result.message);
  } catch (e) {
    // A thrown error is the host's mistake (here: the context): show its code and problems.
    const problems = (e.errors ?? []).map((err) => `${err.instancePath || "/"} ${err.message}`).join("\n");
    show("refused", `Error ${e.code ?? ""}`.trim(), `${e.message}\n${problems}`);
  }
}

await init();
$("precheck").addEventListener("submit", run);
run();
