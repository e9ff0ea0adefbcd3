// DOM helpers. Every text from input, a policy or the module goes through textContent or a Text
// node (append with a string), never through innerHTML: a message like `<img src=x onerror=…>`
// is shown literally and runs nothing.

/**
 * Creates an element. `attrs`: `class`, `text` (its textContent), and plain attributes (set with
 * setAttribute; event-handler attributes are refused). Children: nodes or strings (as text).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = String(value);
    else if (/^on/i.test(name)) throw new Error(`el(): no event-handler attributes (${name})`);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** Removes every child of `node`. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Sets a node's text (the only way text reaches the page). */
export function setText(node, text) {
  node.textContent = text === undefined || text === null ? "" : String(text);
  return node;
}

/** Pretty JSON (two spaces); `undefined` shows as "undefined". */
export function pretty(value) {
  const text = JSON.stringify(value, null, 2);
  return text === undefined ? "undefined" : text;
}

/** Shorthand for document.getElementById that fails loudly when the page and script disagree. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node;
}

const numberFormat = new Intl.NumberFormat("en-US");
/** 10000 -> "10,000". */
export function count(n) {
  return numberFormat.format(n);
}

/** "1 error" / "2 errors". */
export function plural(n, one, many = `${one}s`) {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/**
 * Parses the JSON in a textarea. Returns {ok: true, value} or {ok: false, error}; marks the
 * field with aria-invalid. An empty field gives `empty` when one is passed.
 */
export function readJson(field, empty) {
  const text = field.value.trim();
  if (text === "" && empty !== undefined) {
    field.removeAttribute("aria-invalid");
    return { ok: true, value: empty };
  }
  try {
    const value = JSON.parse(text);
    field.removeAttribute("aria-invalid");
    return { ok: true, value };
  } catch (error) {
    field.setAttribute("aria-invalid", "true");
    return { ok: false, error: error.message };
  }
}

/** Reformats a textarea's JSON in place when it parses; leaves it alone otherwise. */
export function formatField(field) {
  const text = field.value.trim();
  if (text === "") return;
  try {
    field.value = pretty(JSON.parse(text));
  } catch {
    /* not JSON: the next run says so */
  }
}

/** Runs `submit` on Ctrl+Enter (Cmd+Enter on a Mac) inside `form`. */
export function submitOnCtrlEnter(form) {
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
