// The pre-check panel: request, context, policy and language in; the answer the control panel
// shows the user out (allowed or refused, and the message), and below it explainPreCheck's report.
import { PRESETS, presetBody, presetContext } from "./presets.js";
import { fixedAt, now, refused } from "./clock.js";
import { byId, clear, el, formatField, plural, pretty, readJson, setText, submitOnCtrlEnter } from "./dom.js";

const LANGUAGE_NAMES = { en: "English", de: "Deutsch" };

function languageName(tag) {
  try {
    const name = new Intl.DisplayNames([tag], { type: "language" }).of(tag);
    if (name && name !== tag) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
  } catch {
    /* no ICU data for it: fall back */
  }
  return LANGUAGE_NAMES[tag] ?? tag;
}

/** Wires the panel to the module `api` (the exports of pkg/web/index.js, initialised). */
export function setupPrecheck(api) {
  const form = byId("precheck-form");
  const presetSelect = byId("preset");
  const target = byId("target");
  const rawOn = byId("raw-body-on");
  const rawBox = byId("raw-body-box");
  const rawBody = byId("raw-body");
  const context = byId("context");
  const policy = byId("policy");
  const locale = byId("locale");

  const rules = api.builtInRules();
  const codes = new Map(rules.map((rule) => [rule.id, rule.code]));

  // Language: the module's catalogues.
  for (const tag of api.locales()) locale.append(el("option", { value: tag, text: languageName(tag) }));

  // Presets, grouped; a built-in rule without a preset is reported next to the list.
  const groups = [
    ["Allowed", (p) => p.refuses === null && !p.policy],
    ["Refused by a built-in rule", (p) => codes.has(p.refuses)],
    ["Policy", (p) => Boolean(p.policy)],
  ];
  for (const [label, belongs] of groups) {
    const group = el("optgroup", { label });
    for (const preset of PRESETS.filter(belongs)) {
      const suffix = codes.has(preset.refuses) ? ` (${codes.get(preset.refuses)})` : "";
      group.append(el("option", { value: preset.id, text: preset.label + suffix }));
    }
    presetSelect.append(group);
  }
  const uncovered = rules.filter((rule) => !PRESETS.some((p) => p.refuses === rule.id)).map((rule) => rule.id);
  if (uncovered.length) {
    byId("preset-hint").append(el("span", { class: "warn", text: ` No preset yet for: ${uncovered.join(", ")}.` }));
  }
  // The presets' `now` (and the dates they schedule from it): say when it is not this browser's clock.
  if (fixedAt !== null) {
    byId("preset-hint").append(el("span", { id: "clock-note", text: ` Their clock is fixed at ${fixedAt.toISOString()} (?now=).` }));
  } else if (refused !== null) {
    byId("preset-hint").append(el("span", { id: "clock-note", class: "warn", text: ` ?now=${refused} is not an RFC 3339 instant; the presets use this browser's clock.` }));
  }

  function setRawMode(on) {
    rawOn.checked = on;
    rawBox.hidden = !on;
    target.disabled = on;
  }
  rawOn.addEventListener("change", () => {
    if (rawOn.checked && rawBody.value.trim() === "") rawBody.value = JSON.stringify({ targetAccount: target.value });
    setRawMode(rawOn.checked);
    if (rawOn.checked) rawBody.focus();
  });

  function loadPreset(id) {
    const preset = PRESETS.find((p) => p.id === id) ?? PRESETS[0];
    presetSelect.value = preset.id;
    const body = presetBody(preset);
    setRawMode(preset.body !== undefined);
    target.value = preset.body !== undefined ? "" : preset.target;
    rawBody.value = preset.body !== undefined ? JSON.stringify(body) : "";
    context.value = pretty(presetContext(preset, now()));
    policy.value = preset.policy ? pretty(preset.policy) : "";
    run();
  }
  byId("preset-load").addEventListener("click", () => {
    loadPreset(presetSelect.value);
    reveal();
  });

  byId("precheck-format").addEventListener("click", () => [rawBody, context, policy].forEach(formatField));
  submitOnCtrlEnter(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
    reveal();
  });

  /** On a narrow screen the result is below the form: bring the verdict into view. */
  function reveal() {
    const box = verdict.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) verdict.closest(".result").scrollIntoView({ block: "start" });
  }
  locale.addEventListener("change", run);

  // ------------------------------------------------------------------ running and showing

  const verdict = byId("verdict");
  const message = byId("message");
  const problems = byId("precheck-problems");

  function showVerdict(kind, text, detail, problemList = []) {
    verdict.className = `verdict ${kind}`;
    setText(verdict, text);
    setText(message, detail);
    message.hidden = !detail;
    clear(problems);
    for (const problem of problemList) problems.append(el("li", {}, el("code", { text: problem.path }), " ", problem.message));
  }

  function run() {
    for (const field of [rawBody, context, policy]) field.removeAttribute("aria-invalid");
    let body;
    if (rawOn.checked) {
      const parsed = readJson(rawBody);
      if (!parsed.ok) return inputError("The request body is not JSON", parsed.error, rawBody);
      body = parsed.value;
    } else {
      body = { targetAccount: target.value.trim() };
    }
    const ctx = readJson(context);
    if (!ctx.ok) return inputError("The context is not JSON", ctx.error, context);
    const pol = readJson(policy, {});
    if (!pol.ok) return inputError("The policy is not JSON", pol.error, policy);
    // The language select overrides the policy's locale (a policy that is not an object goes to
    // the module unchanged, which says what is wrong with it).
    const isObject = pol.value !== null && typeof pol.value === "object" && !Array.isArray(pol.value);
    const policyValue = isObject ? { ...pol.value, locale: locale.value } : pol.value;

    let result, report;
    try {
      result = api.migrationPreCheck(body, ctx.value, policyValue);
      report = api.explainPreCheck(body, ctx.value, policyValue);
    } catch (error) {
      return hostError(error);
    }
    if (result.canMigrate) showVerdict("allowed", "Migration allowed", "The subscription can be moved to the target account.");
    else showVerdict("refused", "Migration refused", result.message);
    setText(byId("answer"), pretty(result));
    showReport(report, isObject ? pol.value : {});
  }

  function inputError(title, detail, field) {
    showVerdict("error", title, detail);
    clearReport(`Fix the ${field === context ? "context" : field === policy ? "policy" : "request body"} to run the check.`);
    setText(byId("answer"), "");
  }

  /** A thrown error is the host's mistake (a bad context or policy), not a refusal. */
  function hostError(error) {
    const field = error?.name === "PolicyError" ? policy : error?.name === "ContextError" ? context : null;
    field?.setAttribute("aria-invalid", "true");
    const list = Array.isArray(error?.errors)
      ? error.errors.map((e) => ({ path: e.instancePath || "/", message: e.message }))
      : [];
    const name = error?.name ?? "Error";
    const code = error?.code ? ` (${error.code})` : "";
    showVerdict("error", `${name}${code}: the host's input is wrong, no answer is sent`, String(error?.message ?? error), list);
    clearReport("A thrown error means the host built a bad context or policy: the host answers with an APS error, not a refusal.");
    setText(byId("answer"), "");
  }

  function clearReport(note) {
    setText(byId("explain-meta"), note);
    for (const id of ["failed", "passed", "skipped", "disabled"]) {
      clear(byId(id));
      setText(byId(`${id}-count`), "");
    }
  }

  function showReport(report, policyValue) {
    const custom = new Map((Array.isArray(policyValue.customRules) ? policyValue.customRules : []).map((r) => [r.id, r.code]));
    const codeOf = (id) => codes.get(id) ?? custom.get(id) ?? "";
    setText(byId("explain-meta"), `Locale ${report.locale} · checked at ${report.checkedAt} · ${plural(report.failed.length, "reason")}`);

    const failed = clear(byId("failed"));
    for (const failure of report.failed) {
      const params = Object.entries(failure.params ?? {});
      failed.append(
        el(
          "li",
          { class: "rule", "data-rule": failure.rule },
          el("span", { class: "code-badge", text: failure.code }),
          " ",
          el("code", { class: "rule-id", text: failure.rule }),
          el("p", { class: "rule-message", text: failure.message }),
          params.length
            ? el(
                "dl",
                { class: "params" },
                params.map(([name, value]) => el("div", {}, el("dt", { text: name }), el("dd", { text: typeof value === "string" ? value : JSON.stringify(value) }))),
              )
            : null,
        ),
      );
    }
    if (!report.failed.length) failed.append(el("li", { class: "none", text: "None" }));
    setText(byId("failed-count"), `(${report.failed.length})`);

    for (const kind of ["passed", "skipped", "disabled"]) {
      const list = clear(byId(kind));
      for (const entry of report[kind]) {
        // skipped entries are {rule, data?}: data names what the context lacks.
        const id = typeof entry === "string" ? entry : entry.rule;
        const code = codeOf(id);
        list.append(
          el(
            "li",
            { class: "rule", "data-rule": id },
            el("code", { class: "rule-id", text: id }),
            code ? el("span", { class: "code-badge muted", text: code }) : null,
            entry.data ? el("span", { class: "missing-data", text: `no ${entry.data} in the context` }) : null,
          ),
        );
      }
      if (!report[kind].length) list.append(el("li", { class: "none", text: "None" }));
      setText(byId(`${kind}-count`), `(${report[kind].length})`);
    }
  }

  loadPreset("allowed");
  return { loadPreset, run };
}
