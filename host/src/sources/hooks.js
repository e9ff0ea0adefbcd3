// Context hooks (APS_CONTEXT_HOOKS): a JavaScript module of the host's own that supplies what no
// APS resource carries. It may export any of
//   orders(ctx)      → [{id, state}]                      (the platform's order API)
//   dependents(ctx)  → [{id, name?, reason, resourceTypes?}], or pem.checkMoveSubscriptions' output
//   billing(ctx)     → the context's billing part, or null
// each sync or async. docs/host-controller.md describes `ctx`.
import { pathToFileURL } from "node:url";

export const HOOKS = ["orders", "dependents", "billing"];

/** The hooks module's functions by name; throws when it cannot be imported or exports none. */
export async function loadHooks(file) {
  if (!file) return {};
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new Error(`context hooks ${file}: ${err.message}`);
  }
  const problems = [];
  const hooks = {};
  for (const name of HOOKS) {
    if (mod[name] === undefined) continue;
    if (typeof mod[name] !== "function") problems.push(`"${name}" must be a function`);
    else hooks[name] = mod[name];
  }
  if (!problems.length && !Object.keys(hooks).length) problems.push(`exports none of ${HOOKS.join(", ")}`);
  if (problems.length) throw new Error(`context hooks ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return hooks;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Whether a dependents hook answered with pem.checkMoveSubscriptions' output (one entry or the list). */
const isCheckMove = (out) => (Array.isArray(out) ? out.some((e) => isObject(e) && "dependent_subs" in e) : isObject(out) && "dependent_subs" in out);

/**
 * pem.checkMoveSubscriptions' output → the context's dependents, before the values table
 * `reason` turns its status codes (1, 2, 3) into reasons. Each entry is a subscription the hook
 * asked about (this one); the dependents of all of them count. `is_movable` is not carried: the
 * context says why a move is blocked, and the dependents are that reason.
 */
function fromCheckMove(out) {
  const entries = Array.isArray(out) ? out : [out];
  return entries.flatMap((e) => (Array.isArray(e?.dependent_subs) ? e.dependent_subs : [])).map((d) => {
    const dep = { id: d?.sub_id, reason: d?.status };
    if (d?.rt_list !== undefined) dep.resourceTypes = d.rt_list;
    return dep;
  });
}

/** What a dependents hook answered, as a list of dependents (reasons still untranslated). */
export function dependentsFromHook(out) {
  if (isCheckMove(out)) return fromCheckMove(out);
  if (!Array.isArray(out)) throw new TypeError("the dependents hook must answer a list of dependents or pem.checkMoveSubscriptions' output");
  return out;
}
