// The documentation's examples, run as written against the package as npm users get it.
//
// Every ```js and ```ts block of README.md and docs/**/*.md is either a complete program or marked
// as a fragment in its info string (```js fragment). The complete ones are run: pkg/ is packed with
// `npm pack`, the tarball installed into a temporary project (`npm install --offline`; the package
// has no dependencies), and each block run there with node, or in headless Chromium for
// ```js browser blocks. Every `// → result` comment a block states is checked. The rules, as
// docs/testing.md ("Examples") states them for authors:
//
// - A `// → R` comment belongs to the statement that ends just before it: on the same line, or on
//   the lines above it with nothing but blank lines and comments in between. R continues on the
//   following lines that hold only a `//` comment starting in the same column (joined with a space).
// - That statement is an expression (R states its value), a declaration of one variable (R states
//   the value it is initialised with), or a call of console.log (R states the text it prints).
// - R is a JS literal (objects, arrays, strings, numbers, true, false, null, undefined): the value
//   must be deeply equal to it (key order aside). Anything else is text: the value must be a string
//   equal to it. Printed text is compared with R with runs of white space taken as one space.
// - The statement must run exactly once. The block must finish without an uncaught error.
// - A block that calls require() and has no import or export runs as CommonJS; every other block
//   runs as an ES module. ```ts blocks are type-checked with tsc --strict, then run. tsc also
//   reads the ```js blocks, so that a name used but never defined fails even where it never runs.
// - Fragments are not run, and state no `// →` results (nothing would check them).
//
// It also checks that relative links between these files point at files and headings that exist,
// and that the README the tarball ships is docs/npm-README.md.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inspect, promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const ts = require("typescript");
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PKG_DIR = join(ROOT, "pkg");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** One block's longest run: a block is a few calls; this only stops a hung one. */
const BLOCK_TIMEOUT_MS = 30_000;

// --- The documents and their code blocks ------------------------------------------------------

/** README.md and every Markdown file under docs/, as paths relative to the repository. */
function documents() {
  const found = ["README.md"];
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) found.push(path);
    }
  };
  if (existsSync(join(ROOT, "docs"))) walk("docs");
  return found;
}

const LANGUAGES = { js: "js", javascript: "js", ts: "ts", typescript: "ts" };
const FLAGS = new Set(["fragment", "browser"]);

/**
 * The fenced code blocks of a Markdown text: {lang, flags, info, line (of the first code line,
 * 1-based), code}. A fence may be indented (inside a list); its indentation is taken off the code.
 */
function codeBlocks(text) {
  const lines = text.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    const [word = "", ...flags] = info.trim().split(/\s+/);
    blocks.push({ lang: LANGUAGES[word.toLowerCase()] ?? null, word, flags, info: info.trim(), line: i + 2, code: `${body.join("\n")}\n` });
    i = j;
  }
  return blocks;
}

const BLOCKS = documents().flatMap((file) =>
  codeBlocks(readFileSync(join(ROOT, file), "utf8"))
    .filter((b) => b.lang !== null)
    .map((b) => ({ ...b, file, name: `${file.replaceAll("/", "_").replace(/\.md$/, "")}-${b.line}` })),
);

// --- `// →` comments: what a block states, and the program that checks it ---------------------

/** Every `//` comment of a parsed block: {pos, line, column, text} (line and column 0-based). */
function lineComments(sf) {
  const text = sf.text;
  const seen = new Map();
  const add = (ranges) => {
    for (const r of ranges ?? []) {
      if (r.kind !== ts.SyntaxKind.SingleLineCommentTrivia || seen.has(r.pos)) continue;
      const { line, character } = sf.getLineAndCharacterOfPosition(r.pos);
      seen.set(r.pos, { pos: r.pos, line, column: character, text: text.slice(r.pos + 2, r.end) });
    }
  };
  const visit = (node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(sf)) visit(child);
  };
  visit(sf);
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** Statements that stand in a list of statements (a file, a block, a case), each with its depth in the tree. */
function listedStatements(sf) {
  const out = [];
  const visit = (node, depth) => {
    if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      for (const s of node.statements) out.push({ node: s, depth });
    }
    ts.forEachChild(node, (child) => visit(child, depth + 1));
  };
  visit(sf, 0);
  return out;
}

const onlyTrivia = (text) => /^\s*$/.test(text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ""));

/** A JS literal's value ({value}), or null when `text` is not one (then it is text). */
function literal(text) {
  const sf = ts.createSourceFile("r.ts", `(${text})`, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  if (sf.parseDiagnostics.length || sf.statements.length !== 1 || !ts.isExpressionStatement(sf.statements[0])) return null;
  const key = (n) => ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n);
  const isLiteral = (n) => {
    if (ts.isParenthesizedExpression(n)) return isLiteral(n.expression);
    if (ts.isObjectLiteralExpression(n)) return n.properties.every((p) => ts.isPropertyAssignment(p) && key(p.name) && isLiteral(p.initializer));
    if (ts.isArrayLiteralExpression(n)) return n.elements.every(isLiteral);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isNumericLiteral(n)) return true;
    if (ts.isPrefixUnaryExpression(n)) return n.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(n.operand);
    if (ts.isIdentifier(n)) return ["undefined", "NaN", "Infinity"].includes(n.text);
    return [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(n.kind);
  };
  if (!isLiteral(sf.statements[0].expression)) return null;
  return { value: new Function(`"use strict"; return (${text});`)() };
}

const isConsoleLog = (e) =>
  ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === "log" &&
  ts.isIdentifier(e.expression.expression) && e.expression.expression.text === "console";

/**
 * Reads a block's `// →` comments and instruments it: each stated statement reports to the
 * runtime (`__example`, see RUNTIME) what it gave. Returns {code, checks, esm, problems}; the
 * code keeps the block's lines where they were.
 */
function instrument(block) {
  const kind = block.lang === "ts" ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(`${block.name}.${block.lang}`, block.code, ts.ScriptTarget.Latest, true, kind);
  const problems = sf.parseDiagnostics.map((d) => `line ${sf.getLineAndCharacterOfPosition(d.start).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  const lines = block.code.split("\n");
  const comments = lineComments(sf);
  const statements = listedStatements(sf);
  const inserts = []; // [position, text]
  const checks = [];
  const taken = new Set();
  const byLine = new Map(comments.map((c) => [c.line, c]));
  for (const c of comments) {
    if (!c.text.trimStart().startsWith("→")) continue;
    const docLine = block.line + c.line;
    // The result, and the aligned comment lines that continue it.
    const parts = [c.text.trimStart().slice(1).trim()];
    for (let l = c.line + 1; ; l++) {
      const next = byLine.get(l);
      if (!next || next.column !== c.column || lines[l].slice(0, c.column).trim() !== "" || next.text.trimStart().startsWith("→")) break;
      parts.push(next.text.trim());
    }
    const stated = parts.join(" ").trim();
    // The statement it follows: the one ending last before the comment, with only trivia between.
    let target = null;
    for (const s of statements) {
      if (s.node.end > c.pos || !onlyTrivia(block.code.slice(s.node.end, c.pos))) continue;
      if (!target || s.node.end > target.node.end || (s.node.end === target.node.end && s.depth > target.depth)) target = s;
    }
    const where = `${block.file}:${docLine}`;
    if (!target) {
      problems.push(`${where}: a "// →" comment must follow a statement`);
      continue;
    }
    if (taken.has(target.node)) {
      problems.push(`${where}: a second "// →" comment for the same statement`);
      continue;
    }
    taken.add(target.node);
    const id = checks.length;
    const s = target.node;
    let expression = null;
    let printed = false;
    if (ts.isExpressionStatement(s) && isConsoleLog(s.expression)) printed = true;
    else if (ts.isExpressionStatement(s)) expression = s.expression;
    else if (ts.isVariableStatement(s) && s.declarationList.declarations.length === 1 && s.declarationList.declarations[0].initializer) {
      expression = s.declarationList.declarations[0].initializer;
    } else {
      problems.push(`${where}: a "// →" comment must follow an expression, a declaration of one variable, or console.log(...)`);
      continue;
    }
    if (printed) {
      inserts.push([s.getStart(sf), `__example.begin(${id}); `], [s.end, `; __example.end(${id});`]);
    } else {
      inserts.push([expression.getStart(sf), `__example.value(${id}, (`], [expression.end, `))`]);
    }
    checks.push({ id, where, stated, printed, literal: literal(stated) });
  }
  let code = block.code;
  for (const [pos, text] of inserts.sort((a, b) => b[0] - a[0])) code = code.slice(0, pos) + text + code.slice(pos);
  const esm = Boolean(sf.externalModuleIndicator) || !/\brequire\s*\(/.test(block.code);
  return { code, checks, esm, problems };
}

// --- The runtime inside an example's process or page ------------------------------------------

/** encode(value): the value as JSON, with what JSON lacks tagged ($undefined, $error, ...). */
const ENCODE = String.raw`
function encode(v, seen = new Set()) {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : { $number: Object.is(v, -0) ? "-0" : String(v) };
  if (typeof v !== "object") return { ["$" + typeof v]: String(v) };
  if (seen.has(v)) return { $cycle: true };
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => encode(x, seen));
    if (v instanceof Error) return { $error: { name: v.name, code: v.code, message: v.message } };
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return { $instance: v.constructor?.name ?? "unknown" };
    return Object.fromEntries(Object.keys(v).map((k) => [k, encode(v[k], seen)]));
  } finally {
    seen.delete(v);
  }
}
`;

/** __example.value(id, v) records and returns v; begin(id)/end(id) record what console.log printed. */
const RUNTIME = String.raw`
const open = new Map();
const log = console.log;
console.log = (...args) => {
  for (const lines of open.values()) lines.push(format(args));
  return log.apply(console, args);
};
globalThis.__example = {
  value(id, v) {
    record({ id, value: encode(v) });
    return v;
  },
  begin(id) {
    open.set(id, []);
  },
  end(id) {
    record({ id, printed: open.get(id).join("\n") });
    open.delete(id);
  },
};
`;

const NODE_PRELUDE = `import { appendFileSync } from "node:fs";
import { format as nodeFormat } from "node:util";
const format = (args) => nodeFormat(...args);
const record = (r) => appendFileSync(process.env.EXAMPLE_RECORDS, JSON.stringify(r) + "\\n");
${ENCODE}${RUNTIME}`;

/** In a page, console.log's text is its arguments joined by spaces: strings as they are, other values as JSON. */
const BROWSER_PRELUDE = `const format = (args) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
globalThis.__exampleRecords = [];
const record = (r) => globalThis.__exampleRecords.push(JSON.stringify(r));
${ENCODE}${RUNTIME}`;

/** Back from encode(): $undefined becomes undefined and -0 itself; other tags stay (and differ from any literal). */
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== "object") return v;
  if (v.$undefined === true) return undefined;
  if (v.$number !== undefined) return Number(v.$number);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
}

const squash = (text) => text.replace(/\s+/g, " ").trim();

/** Checks each stated result against the records (JSON lines) of one run. */
function checkResults(checks, records) {
  const got = new Map();
  for (const r of records) got.set(r.id, [...(got.get(r.id) ?? []), r]);
  for (const c of checks) {
    const runs = got.get(c.id) ?? [];
    assert.equal(runs.length, 1, `${c.where}: the statement before "// → ${c.stated}" ran ${runs.length} times (once expected)`);
    const [r] = runs;
    if (c.printed) {
      assert.equal(squash(r.printed), squash(c.stated), `${c.where}: console.log printed ${JSON.stringify(r.printed)}`);
    } else if (c.literal) {
      assert.deepStrictEqual(decode(r.value), c.literal.value, `${c.where}: the value is ${inspect(decode(r.value), { depth: 8 })}, the comment states ${c.stated}`);
    } else {
      assert.equal(decode(r.value), c.stated, `${c.where}: the value is ${inspect(decode(r.value), { depth: 8 })}, the comment states the text ${JSON.stringify(c.stated)}`);
    }
  }
}

// --- The package as installed from its tarball -------------------------------------------------

let project; // the temporary project with the package installed
let tarballReadme;

before(async () => {
  assert.ok(existsSync(join(PKG_DIR, "package.json")), "pkg/ is not built: run make build");
  project = mkdtempSync(join(tmpdir(), "aps-migratable-examples-"));
  const { stdout } = await run("npm", ["pack", PKG_DIR, "--pack-destination", project, "--ignore-scripts", "--json"], { cwd: project });
  const tarball = join(project, JSON.parse(stdout)[0].filename);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "examples", private: true }));
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", tarball], { cwd: project });
  tarballReadme = readFileSync(join(project, "node_modules/aps-migratable/README.md"), "utf8");
  mkdirSync(join(project, "blocks"));
  writeFileSync(join(project, "prelude.mjs"), NODE_PRELUDE);
  writeFileSync(join(project, "browser-prelude.mjs"), BROWSER_PRELUDE);
});

after(async () => {
  await browser?.close();
  server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** The runnable program of a block (TypeScript transpiled, with a source map back to the block). */
function program(block, code) {
  if (block.lang !== "ts") return code;
  return ts.transpileModule(code, {
    fileName: `${block.name}.mts`,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
  }).outputText;
}

async function runInNode(block, { code, checks, esm }) {
  const file = join(project, "blocks", `${block.name}.${esm ? "mjs" : "cjs"}`);
  const records = join(project, "blocks", `${block.name}.records`);
  writeFileSync(file, program(block, code));
  writeFileSync(records, "");
  try {
    await run(process.execPath, ["--enable-source-maps", "--import", pathToFileURL(join(project, "prelude.mjs")).href, file], {
      cwd: project,
      env: { ...process.env, EXAMPLE_RECORDS: records },
      timeout: BLOCK_TIMEOUT_MS,
    });
  } catch (e) {
    assert.fail(`${block.file}:${block.line}: the block failed (${e.code ?? e.signal}); its lines are numbered from ${block.line}:\n${e.stderr || e.message}`);
  }
  const lines = readFileSync(records, "utf8").split("\n").filter(Boolean);
  checkResults(checks, lines.map((l) => JSON.parse(l)));
}

// Browser blocks: a static server over the project and one Chromium for all of them.
let server;
let origin;
let browser;
const MIME = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

async function startBrowser() {
  if (browser) return;
  server = createServer((req, res) => {
    const path = resolve(project, `.${decodeURIComponent(new URL(req.url, "http://localhost").pathname)}`);
    if (relative(project, path).startsWith("..") || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": MIME[extname(path)] ?? "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = require("playwright-core");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The page a browser block runs in: the package found through an import map, as a page without a bundler finds it. */
const page = (name) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"aps-migratable": "/node_modules/aps-migratable/web/index.js"}}</script>
<script type="module">
  await import("/browser-prelude.mjs");
  try {
    await import("/blocks/${name}.mjs");
    globalThis.__exampleDone = { ok: true };
  } catch (e) {
    globalThis.__exampleDone = { ok: false, error: String(e?.stack ?? e) };
  }
</script></head><body></body></html>`;

async function runInBrowser(block, { code, checks }) {
  await startBrowser();
  writeFileSync(join(project, "blocks", `${block.name}.mjs`), code);
  writeFileSync(join(project, "blocks", `${block.name}.html`), page(block.name));
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    tab.on("console", (m) => m.type() === "error" && errors.push(`console.error: ${m.text()}`));
    await tab.goto(`${origin}/blocks/${block.name}.html`);
    const done = await (await tab.waitForFunction(() => globalThis.__exampleDone, null, { timeout: BLOCK_TIMEOUT_MS })).jsonValue();
    assert.ok(done.ok, `${block.file}:${block.line}: the block failed in Chromium; its lines are numbered from ${block.line}:\n${done.error}`);
    assert.deepEqual(errors, [], `${block.file}:${block.line}: errors in the page`);
    const records = await tab.evaluate(() => globalThis.__exampleRecords);
    checkResults(checks, records.map((r) => JSON.parse(r)));
  } finally {
    await context.close();
  }
}

// --- The tests -------------------------------------------------------------------------------

test("every js/ts block is runnable or marked as a fragment, with known flags, and fragments state no results", () => {
  const problems = [];
  for (const b of BLOCKS) {
    const where = `${b.file}:${b.line}`;
    for (const f of b.flags) if (!FLAGS.has(f)) problems.push(`${where}: unknown flag "${f}" in \`\`\`${b.info} (known: ${[...FLAGS].join(", ")})`);
    if (b.flags.includes("browser") && b.lang !== "js") problems.push(`${where}: browser blocks are js`);
    if (b.flags.includes("fragment") && /\/\/\s*→/.test(b.code)) problems.push(`${where}: a fragment states a "// →" result, which nothing checks`);
  }
  assert.deepEqual(problems, []);
  assert.ok(BLOCKS.some((b) => !b.flags.includes("fragment")), "no runnable block found");
});

for (const block of BLOCKS.filter((b) => !b.flags.includes("fragment"))) {
  const where = `${block.file}:${block.line}`;
  test(`${where} (${block.info}) runs and gives every "// →" result it states`, async () => {
    const made = instrument(block);
    assert.deepEqual(made.problems, [], `${where}: the block cannot be checked`);
    if (block.flags.includes("browser")) await runInBrowser(block, made);
    else await runInNode(block, made);
  });
}

const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const TSC_OPTIONS = ["--noEmit", "--target", "esnext", "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "esnext,dom"];
/** Node's globals, for the check of js blocks (the project has no @types/node). */
const NODE_GLOBALS = "declare var process: any, Buffer: any, require: any, module: any, exports: any, __dirname: string, __filename: string;\n";

/** Writes the blocks into <project>/<dir>/ and runs tsc over them: its messages, each with the document's line. */
async function typeCheck(dir, blocks, extension, options) {
  mkdirSync(join(project, dir), { recursive: true });
  const files = new Map(blocks.map((b) => [`${dir}/${b.name}.${extension(b)}`, b]));
  for (const [file, b] of files) writeFileSync(join(project, file), b.code);
  let output = "";
  try {
    await run(process.execPath, [TSC, ...TSC_OPTIONS, ...options, ...files.keys()], { cwd: project });
  } catch (e) {
    output = `${e.stdout ?? ""}${e.stderr ?? ""}`;
  }
  return output.split("\n").filter(Boolean).map((line) =>
    line.replace(/^(\S+?)\((\d+),(\d+)\)/, (all, file, l, c) => {
      const b = files.get(file);
      return b ? `${b.file}:${b.line + Number(l) - 1}:${c}` : all;
    }),
  );
}

const runnable = (lang) => BLOCKS.filter((b) => b.lang === lang && !b.flags.includes("fragment"));

test("```ts blocks compile with tsc --strict against the installed package's declarations", async () => {
  assert.deepEqual(await typeCheck("ts", runnable("ts"), () => "mts", ["--strict"]), []);
});

test("```js blocks name nothing they do not define or import (checked by tsc, also in code that does not run)", async () => {
  writeFileSync(join(project, "node-globals.d.ts"), NODE_GLOBALS);
  const blocks = runnable("js");
  const extension = (b) => (instrument(b).esm ? "mjs" : "cjs");
  const messages = await typeCheck("js", blocks, extension, ["--allowJs", "--checkJs", "node-globals.d.ts"]);
  assert.deepEqual(messages.filter((m) => /error TS\d+: Cannot find name/.test(m)), []);
});

test("the README in the tarball is docs/npm-README.md", () => {
  assert.ok(existsSync(join(ROOT, "docs/npm-README.md")), "docs/npm-README.md is missing");
  assert.ok(tarballReadme === readFileSync(join(ROOT, "docs/npm-README.md"), "utf8"), "pkg/README.md (as packed) is not docs/npm-README.md: scripts/package.mjs copies it at build time (run make build)");
});

// --- Links --------------------------------------------------------------------------------------

/** GitHub's anchors for a Markdown text's headings. */
function anchors(text) {
  const out = new Set();
  const count = new Map();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const h = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const slug = h[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
    const n = count.get(slug) ?? 0;
    count.set(slug, n + 1);
    out.add(n ? `${slug}-${n}` : slug);
  }
  return out;
}

/** [target, line] of each inline Markdown link of a text, outside code. */
function links(text) {
  const out = [];
  let fenced = false;
  text.split("\n").forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) return;
    for (const m of line.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)) out.push([m[1], i + 1]);
  });
  return out;
}

test("relative links in README.md and docs/ point at files and headings that exist; the npm README has none", () => {
  const problems = [];
  for (const file of documents()) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const [target, line] of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue; // https:, mailto:
      if (file === "docs/npm-README.md") {
        problems.push(`${file}:${line}: relative link ${target} (it breaks on npm; name the repository path in plain text)`);
        continue;
      }
      const [path, anchor] = target.split("#");
      const to = path ? join(dirname(join(ROOT, file)), decodeURIComponent(path)) : join(ROOT, file);
      if (!existsSync(to)) problems.push(`${file}:${line}: ${target}: no such file`);
      else if (anchor && to.endsWith(".md") && !anchors(readFileSync(to, "utf8")).has(anchor)) problems.push(`${file}:${line}: ${target}: no such heading`);
    }
  }
  assert.deepEqual(problems, []);
});
