// The `format` keyword in the wasm build, where the formats' regular expressions run on
// JavaScript's own RegExp (natively, tests/conformance.rs runs the same cases on `regress`):
//
// 1. every case of the official suite's optional/format directories (draft-07, 2019-09, 2020-12)
//    gets the suite's verdict, the IDNA2008 ones (idn-hostname, idn-email, hostname's A-labels)
//    included, whose Unicode properties come from JavaScript's RegExp here;
// 2. ajv-formats ("full" mode, the reference users compare with) differs from the suite on exactly
//    the cases listed in AJV_FORMATS_DIFFERS (docs/engine.md, "Formats", gives the same list with
//    the reasons), so the documentation of the differences cannot go stale;
// 3. generated strings (the suite's and other samples, mutated by a seeded generator) get ajv-formats'
//    verdict for every format ajv-formats has, except where a documented difference applies, and
//    each such value is matched by that difference's own test (DIFFERENCES below).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { mulberry32 } from "./support.mjs";
import * as m from "../../pkg/node/index.mjs";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const ajv = new Ajv({ strict: false, allErrors: true });
const ajv2020 = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
addFormats(ajv2020);

const SUITE = path.join(import.meta.dirname, "../data/json-schema-test-suite");
const DRAFTS = ["draft7", "draft2019-09", "draft2020-12"];

/** Every case of a draft's optional/format directory: { file, group, description, schema, data, valid }. */
function suiteCases(draft) {
  const dir = path.join(SUITE, draft, "optional/format");
  const cases = [];
  for (const file of fs.readdirSync(dir).sort()) {
    for (const group of JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"))) {
      for (const t of group.tests) cases.push({ file, group: group.description, description: t.description, schema: group.schema, data: t.data, valid: t.valid });
    }
  }
  return cases;
}

for (const draft of DRAFTS) {
  test(`${draft}/optional/format: every case gets the official suite's verdict in wasm`, () => {
    const cases = suiteCases(draft);
    assert.ok(cases.length > 600, `${cases.length} cases`);
    const wrong = cases.filter((c) => m.validate(c.schema, c.data).valid !== c.valid).map((c) => `${c.file}: ${c.description}`);
    assert.deepEqual(wrong, []);
    assert.ok(cases.some((c) => c.file === "idn-hostname.json" && !c.valid), "idn-hostname's invalid cases are among them");
  });
}

// Where ajv-formats (full) and the suite disagree, the engine follows the suite. By file, the suite
// case descriptions (draft 2020-12's directory, the superset; idn-email, idn-hostname, iri and
// iri-reference are not formats of ajv-formats, which ignores them).
const AJV_FORMATS_DIFFERS = {
  "date-time.json": [
    "a second fraction of fifteen nines is valid",
    "a numeric offset without minutes is invalid",
    "hour 24 is invalid even with a leap second",
  ],
  "duration.json": ["years and days cannot appear without months", "hours and seconds cannot appear without minutes"],
  "ecmascript-regex.json": ["when used as a pattern"],
  "email.json": [
    "a quoted string with a space in the local part is valid",
    "a quoted string with a double dot in the local part is valid",
    "a quoted string with a @ in the local part is valid",
    "an IPv4-address-literal after the @ is valid",
    "an IPv6-address-literal after the @ is valid",
  ],
  "hostname.json": "trailing dot, and every xn-- label whose Punycode or IDNA rules fail",
  "uri-reference.json": [
    "a leading zero in the IPv4 part of an IPv6 literal",
    "more than one at-sign in the authority",
    "a non-numeric port in a network-path reference",
    "square brackets outside an authority",
    "a double quote in a path",
    "a colon in the first segment of a relative-path reference",
  ],
  "uri-template.json": ["a dotted variable name is valid", "a delete character in a literal is invalid", "an apostrophe in a literal is valid"],
  "uri.json": ["non-numeric port is invalid", "leading zero in an embedded IPv4 address is invalid", "square brackets are not allowed in a path segment"],
  "uuid.json": ["URN prefixed UUID is invalid"],
};
const UNSUPPORTED_BY_AJV_FORMATS = new Set(["idn-email.json", "idn-hostname.json", "iri.json", "iri-reference.json", "unknown.json"]);

test("ajv-formats differs from the official suite on exactly the documented cases", () => {
  const differs = {};
  for (const c of suiteCases("draft2020-12")) {
    if (UNSUPPORTED_BY_AJV_FORMATS.has(c.file)) continue;
    if (ajv2020.validate(c.schema, c.data) === c.valid) continue;
    (differs[c.file] ??= []).push(c.description);
  }
  const hostname = differs["hostname.json"] ?? [];
  assert.ok(hostname.includes("trailing dot") && hostname.includes("invalid Punycode"), hostname.join("; "));
  assert.ok(hostname.every((d) => d === "trailing dot" || suiteCases("draft2020-12").some((c) => c.description === d && /xn--/i.test(String(c.data)))), hostname.join("; "));
  differs["hostname.json"] = AJV_FORMATS_DIFFERS["hostname.json"];
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort().map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
  assert.deepEqual(sorted(differs), sorted(AJV_FORMATS_DIFFERS));
});

// --- Generated values against ajv-formats -------------------------------------------------------

/** Each documented difference: the format, and a test a value must pass to be one of them. */
const DIFFERENCES = {
  "date-time": (v) => timeDifference(v.replace(/^.*?[Tt ]/, "")) || longFraction(v),
  time: (v) => timeDifference(v) || longFraction(v),
  duration: (v) => /Y\d+D|H\d+S/.test(v),
  uuid: (v) => /^urn:uuid:/i.test(v),
  email: (v) => /^".*"@|@\[.*\]$/.test(v) || hostnameDifference(v.slice(v.lastIndexOf("@") + 1)) || v.lastIndexOf("@") > 64,
  hostname: (v) => hostnameDifference(v),
  uri: (v) => uriDifference(v) || /^[A-Za-z][A-Za-z0-9+.-]*:(?:[?#].*)?$/s.test(v),
  "uri-reference": (v) => uriDifference(v) || /^[^/?#]*:/.test(v) || v.includes('"'),
  "uri-template": (v) => /['\u007f.]|[^\x00-\x7f]/.test(v),
  regex: (v) => compiles(v, "") && !compiles(v, "u"),
};
/** RFC 3339 strictness: an offset without its colon or minutes, hour 24, minute 60. */
function timeDifference(t) {
  const match = /^(\d\d):(\d\d):\d\d(?:\.\d+)?(?:z|[+-](\d\d)(:?)(\d\d)?)$/i.exec(t);
  return match !== null && (Number(match[1]) > 23 || Number(match[2]) > 59 || (match[3] !== undefined && (match[4] !== ":" || match[5] === undefined || Number(match[3]) > 23 || Number(match[5]) > 59)));
}
/** Whether JavaScript's RegExp takes `source` with `flags`. */
function compiles(source, flags) {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    return false;
  }
}
const longFraction = (v) => /\.\d{10,}/.test(v);
const hostnameDifference = (h) => h.endsWith(".") || /(^|\.)xn--/i.test(h);
/** Authorities and paths the RFC reads more strictly than ajv-formats' expression. */
const uriDifference = (v) => /@[^/?#]*@|\[|\]|:[^/?#\d][^/?#]*$|:\d*[^\d/?#][^/?#]*(?=[/?#]|$)/.test(v);

const SAMPLES = {
  "date-time": ["1963-06-19T08:30:06.283185Z", "2020-01-01T12:00:00+05:30", "1990-12-31T23:59:60Z", "2024-02-29t00:00:00-00:00"],
  time: ["08:30:06Z", "23:59:60Z", "12:00:00.5+01:00", "00:00:00-23:59"],
  date: ["1963-06-19", "2020-02-29", "2021-12-31"],
  duration: ["P4DT12H30M5S", "P1Y2M", "PT36H", "P2W", "P0D"],
  email: ["joe.bloggs@example.com", "te~st@example.com", "a.b@c.d.example"],
  hostname: ["www.example.com", "a-b.c", "xn--bcher-kva.example", "h0st"],
  ipv4: ["192.168.0.1", "0.0.0.0", "255.255.255.255"],
  ipv6: ["::1", "1:2:3:4:5:6:7:8", "::ffff:192.168.0.1", "fe80::a", "1::"],
  uri: ["http://foo.bar/?baz=qux#quux", "urn:isbn:0451450523", "mailto:a@b.c", "ldap://[2001:db8::7]/c=GB?objectClass?one", "http://a:80/%41"],
  "uri-reference": ["//foo.bar/?baz=qux#quux", "/abc", "#frag", "../a/b?c", ""],
  "uri-template": ["http://example.com/dictionary/{term:1}/{term}", "{/p*}{?q,r}", "a%41b"],
  "json-pointer": ["/foo/bar~0/baz~1/%a", "", "/", "/0"],
  "relative-json-pointer": ["1", "0/foo/bar", "2/0/baz/1/zip", "0#"],
  regex: ["([abc])+\\s+$", "^a{2,3}$", "(?<n>x)\\k<n>", "[\\p{L}]"],
  uuid: ["2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380"],
};
const ALPHABET = ["a", "Z", "0", "9", ".", "-", ":", "/", "@", "%", "[", "]", "#", "?", "~", "{", "}", " ", "é", "😀", "\n", '"', "'", ",", "+", "T", "x", "n", "\\", "*", "(", ")", "ff", "::", "25", "xn--"];

function mutate(rnd, s) {
  const chars = [...s];
  const at = Math.floor(rnd() * (chars.length + 1));
  const pick = ALPHABET[Math.floor(rnd() * ALPHABET.length)];
  switch (Math.floor(rnd() * 5)) {
    case 0: chars.splice(at, 0, pick); break;
    case 1: chars.splice(at, 1); break;
    case 2: chars.splice(at, 1, pick); break;
    case 3: chars.splice(at, 0, ...chars.slice(at, at + 3)); break;
    default: chars.length = Math.min(chars.length, at);
  }
  return chars.join("");
}

const PER_FORMAT = 3000;
let seed = 0xf0f0;
for (const [format, samples] of Object.entries(SAMPLES)) {
  const s = seed++;
  test(`format ${format}: ${PER_FORMAT} generated strings get ajv-formats' verdict but for the documented differences`, (t) => {
    const rnd = mulberry32(s);
    const fromSuite = suiteCases("draft2020-12").filter((c) => c.schema.format === format && typeof c.data === "string").map((c) => c.data);
    const pool = [...samples, ...fromSuite];
    const check = ajv2020.compile({ format });
    const differs = DIFFERENCES[format] ?? (() => false);
    let agree = 0;
    let explained = 0;
    let valid = 0;
    const unexplained = [];
    for (let i = 0; i < PER_FORMAT; i++) {
      let value = pool[Math.floor(rnd() * pool.length)];
      for (let k = Math.floor(rnd() * 3); k > 0; k--) value = mutate(rnd, value);
      const ours = m.validate({ format }, value).valid;
      if (ours) valid++;
      if (ours === check(value)) agree++;
      else if (differs(value)) explained++;
      else unexplained.push(value);
    }
    t.diagnostic(`${format}: ${agree} agree (${valid} valid for the engine), ${explained} documented differences`);
    assert.deepEqual(unexplained.slice(0, 10), []);
    assert.ok(agree > PER_FORMAT * 0.7, `${agree} agree`);
    assert.ok(valid > PER_FORMAT * 0.05 && valid < PER_FORMAT * 0.95, `${valid} valid: the generator must give both verdicts`);
  });
}

test("format regex: a string is a regex when RegExp takes it with the u flag (ajv-formats: without it)", () => {
  for (const [s, ok] of [["^a+$", true], ["\\p{L}", true], ["(", false], ["\\a", false], ["a\\Z", false], ["[]", true]]) {
    assert.equal(m.validate({ format: "regex" }, s).valid, ok, s);
  }
});

test("formats ignore what is not a string; unknown formats are annotations", () => {
  for (const format of Object.keys(SAMPLES)) {
    for (const v of [1, null, true, [], {}]) assert.equal(m.validate({ format }, v).valid, true, `${format} ${JSON.stringify(v)}`);
  }
  assert.equal(m.validate({ format: "made-up" }, "anything").valid, true);
  assert.deepEqual(m.validate({ format: "email" }, "nope").errors, [
    { instancePath: "", schemaPath: "#/format", keyword: "format", params: { format: "email" }, message: 'must match format "email"' },
  ]);
});

test("the APS dialect passes format and pattern through: an APS type's email and pattern are checked", () => {
  const type = {
    apsVersion: "2.0",
    name: "Contact",
    id: "http://example.com/contact/1.0",
    structures: { Person: { type: "object", properties: { email: { type: "string", format: "email" }, code: { type: "string", pattern: "^[A-Z]{2}$" } } } },
  };
  const v = m.apsStructureValidator(type, "Person");
  assert.equal(v.validate({ email: "a@example.com", code: "DE" }).valid, true);
  const errors = v.validate({ email: "not an e-mail", code: "de" }).errors.map((e) => [e.instancePath, e.keyword]);
  assert.deepEqual(errors, [["/email", "format"], ["/code", "pattern"]]);
});
