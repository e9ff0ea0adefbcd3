// The contract validator panel: a contract, a payload (the seed's sample to start with), every
// error with its path, the payload with its invalid fields marked, and the platform's own error body.
import { SAMPLES } from "./samples.js";
import { byId, clear, el, formatField, plural, pretty, readJson, setText, submitOnCtrlEnter } from "./dom.js";

const PLATFORMS = { chargebee: "Chargebee", fusebill: "Fusebill", billforward: "BillForward", pismo: "Pismo" };

export function platformName(contractId) {
  const key = contractId.split("/")[0];
  return PLATFORMS[key] ?? key;
}

/** JSON Pointer token escaping (RFC 6901). */
const token = (key) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Where each error points in the payload: pointer -> messages, plus the missing properties of
 * each object (pointer -> [{name, message}]). `additionalProperties` marks the extra property itself.
 */
function locate(errors) {
  const marks = new Map();
  const missing = new Map();
  // The same text twice at one place (an `if` beside its `then`) is shown once.
  const add = (map, key, item) => {
    const list = map.get(key) ?? [];
    if (!list.some((other) => JSON.stringify(other) === JSON.stringify(item))) list.push(item);
    map.set(key, list);
  };
  for (const error of errors) {
    const params = error.params ?? {};
    if (typeof params.missingProperty === "string") {
      add(missing, error.instancePath, { name: params.missingProperty, message: error.message });
    } else if (typeof params.additionalProperty === "string") {
      add(marks, `${error.instancePath}/${token(params.additionalProperty)}`, error.message);
    } else {
      add(marks, error.instancePath, error.message);
    }
  }
  return { marks, missing };
}

/**
 * Renders `value` as pretty JSON, one element per line; lines whose pointer has errors are marked
 * (class `invalid`, `data-pointer`, and the first message beside them). Text only, no HTML.
 */
function renderMarked(container, value, errors) {
  const { marks, missing } = locate(errors);
  clear(container);
  const seen = new Set();

  const line = (depth, pointer, parts, messages, extraClass = "") => {
    const invalid = messages && messages.length > 0;
    if (invalid) seen.add(pointer);
    const node = el(
      "div",
      { class: `line${invalid ? " invalid" : ""}${extraClass ? ` ${extraClass}` : ""}`, "data-pointer": pointer },
      el(
        "span",
        { class: "src" },
        el("span", { class: "indent", text: "  ".repeat(depth) }),
        invalid ? el("span", { class: "sr-only", text: "Invalid: " }) : null,
        ...parts,
      ),
      invalid ? el("span", { class: "note", text: `← ${messages[0]}${messages.length > 1 ? ` (+${messages.length - 1} more)` : ""}` }) : null,
    );
    container.append(node);
  };
  const keyPart = (key) => (key === undefined ? [] : [el("span", { class: "key", text: JSON.stringify(key) }), ": "]);
  const scalar = (v) => el("span", { class: `value ${v === null ? "null" : typeof v}`, text: JSON.stringify(v) });

  const walk = (v, pointer, key, depth, comma) => {
    const tail = comma ? "," : "";
    const own = marks.get(pointer);
    if (v !== null && typeof v === "object") {
      const isArray = Array.isArray(v);
      const entries = isArray ? v.map((item, i) => [i, item]) : Object.entries(v);
      const absent = isArray ? [] : (missing.get(pointer) ?? []);
      const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
      if (entries.length === 0 && absent.length === 0) {
        line(depth, pointer, [...keyPart(key), open + close + tail], own);
        return;
      }
      line(depth, pointer, [...keyPart(key), open], own);
      entries.forEach(([k, item], i) => walk(item, `${pointer}/${token(k)}`, isArray ? undefined : k, depth + 1, i < entries.length - 1 || absent.length > 0));
      absent.forEach((m, i) => {
        const p = `${pointer}/${token(m.name)}`;
        line(depth + 1, p, [el("span", { class: "key", text: JSON.stringify(m.name) }), ": ", el("span", { class: "value missing-value", text: "(missing)" }), i < absent.length - 1 ? "," : ""], [m.message], "missing");
      });
      line(depth, pointer, [close + tail], undefined);
      return;
    }
    // A scalar that should have been an object still has its missing properties reported.
    const absent = missing.get(pointer) ?? [];
    line(depth, pointer, [...keyPart(key), scalar(v), tail], [...(own ?? []), ...absent.map((m) => m.message)]);
  };
  walk(value, "", undefined, 0, false);
  // Errors at pointers the value does not have (cannot happen for valid pointers; kept honest).
  for (const [pointer, messages] of marks) {
    if (!seen.has(pointer)) container.append(el("div", { class: "line invalid" }, el("span", { class: "src" }, el("span", { class: "sr-only", text: "Invalid: " }), pointer || "/"), el("span", { class: "note", text: `← ${messages[0]}` })));
  }
}

export function setupValidator(api) {
  const form = byId("validate-form");
  const select = byId("contract");
  const payload = byId("payload");
  const verdict = byId("validate-verdict");
  const tbody = byId("validate-errors").querySelector("tbody");
  const drafts = new Map();
  let current = null;
  let timer = 0;

  for (const id of api.contractIds()) select.append(el("option", { value: id, text: id }));

  const sample = (id) => pretty(SAMPLES[id] ?? {});

  function choose(id) {
    if (current) drafts.set(current, payload.value);
    current = id;
    select.value = id;
    payload.value = drafts.get(id) ?? sample(id);
    const schema = api.contractSchema(id);
    setText(byId("contract-title"), [platformName(id), schema.title, schema.description].filter(Boolean).join(" · "));
    setText(byId("contract-schema"), pretty(schema));
    validate();
  }

  function showView() {
    const vendor = byId("view-vendor").checked;
    byId("errors-view").hidden = vendor;
    byId("vendor-view").hidden = !vendor;
  }

  function validate() {
    clearTimeout(timer);
    const id = select.value;
    const parsed = readJson(payload);
    tbody.replaceChildren();
    byId("validate-errors").hidden = !parsed.ok;
    if (!parsed.ok) {
      verdict.className = "verdict error";
      setText(verdict, `The payload is not JSON: ${parsed.error}`);
      clear(byId("marked")).append(el("p", { class: "hint", text: "Nothing to mark until the payload parses." }));
      setText(byId("vendor-body"), "");
      setText(byId("vendor-hint"), "");
      setText(byId("normalized"), "");
      return;
    }
    const result = api.validateContract(id, parsed.value);
    payload.setAttribute("aria-invalid", String(!result.valid));
    if (result.valid) {
      verdict.className = "verdict allowed";
      setText(verdict, `Valid ${platformName(id)} payload (${id})`);
    } else {
      verdict.className = "verdict refused";
      setText(verdict, `Invalid: ${plural(result.errors.length, "error")} (${id})`);
    }
    for (const error of result.errors) {
      tbody.append(
        el(
          "tr",
          { "data-pointer": error.instancePath },
          el("td", {}, el("code", { text: error.instancePath || "(root)" })),
          el("td", {}, el("code", { text: error.keyword })),
          el("td", { text: error.message }),
        ),
      );
    }
    if (!result.errors.length) tbody.append(el("tr", {}, el("td", { colspan: "3", class: "none", text: "No errors." })));

    const body = api.toVendorError(id, result);
    setText(byId("vendor-hint"), body === null ? `${platformName(id)} would accept it: no error body.` : `What ${platformName(id)} answers for this payload:`);
    setText(byId("vendor-body"), pretty(body));
    renderMarked(byId("marked"), parsed.value, result.errors);
    setText(byId("normalized"), pretty(result.value));
  }

  select.addEventListener("change", () => choose(select.value));
  payload.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(validate, 200);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    validate();
  });
  submitOnCtrlEnter(form);
  byId("payload-reset").addEventListener("click", () => {
    payload.value = sample(select.value);
    drafts.delete(select.value);
    validate();
  });
  byId("payload-format").addEventListener("click", () => formatField(payload));
  for (const radio of form.ownerDocument.querySelectorAll("input[name=validate-view]")) radio.addEventListener("change", showView);

  choose(api.contractIds()[0]);
  showView();
  return { choose, validate };
}
