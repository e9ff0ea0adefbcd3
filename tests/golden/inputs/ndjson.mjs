// Inputs of ndjson.json: validateMany(id, ndjson, options) on batches as a string and as UTF-8
// bytes. The NDJSON text is where numbers reach the module as written (1.0, 1e0, -0, large
// integers), where keys repeat, and where escapes, non-ASCII text, BOMs, CRLF, blank lines,
// broken lines and over-long lines come in.
import { GENERATOR_SEED, SAMPLES, generatedPayloads, inlineShipped } from "./contracts.mjs";

const FUSEBILL = "fusebill/subscription_migrate";
const LATEST = "chargebee/retrieve_latest";
const INCOMING = "pismo/customer_incoming/1";
const OUTGOING = "pismo/customer_outgoing/1";

const lines = (...list) => ({ text: `${list.join("\n")}\n` });
/** A Fusebill body whose customerId is written as `n` (text, exactly as it reaches the parser). */
const fusebillWith = (n) => `{"customerId":${n},"planFamilyRelationshipId":407766,"migrationTimingOption":"Now"}`;
/** A retrieve_latest body with from_site written as the JSON string text `s` (quotes included). */
const latestWith = (s) => `{"from_site":${s},"entity_type":"customer","entity_id":"x"}`;

const NUMBER_TEXTS = [
  "1", "1.0", "1e0", "1E0", "1e+0", "1E-0", "10e-1", "0.1e1", "1.00000000000000000001", "0", "-0", "0.0", "-0.0", "0e5", "0.5",
  "1.5", "100", "1E2", "1e2", "100.0", "12874295.0", "1.2874295e7", "9007199254740992", "9007199254740993",
  "18446744073709551615", "18446744073709551616", "1e19", "-1", "-9223372036854775808", "-9223372036854775809",
  "123456789012345678901234567890", "1.7976931348623157e308", "1e308", "1e309", "1E400", "-1e400", "5e-324", "1e-400",
  "01", "1.", ".5", "+1", "-", "1e", "0x10", "Infinity", "NaN", "1_000",
];

const ESCAPED_STRINGS = [
  String.raw`"\u0061bcd"`, String.raw`"ab\\c"`, String.raw`"a\"bc"`, String.raw`"\/abc"`, String.raw`"abc\n"`, String.raw`"\b\f\r\t"`,
  String.raw`"caf\u00e9"`, `"café"`, `"😀😀😀😀"`, `"😀😀😀"`, String.raw`"\ud83d\ude00abc"`, String.raw`"\uD83D\uDE00\uD83D\uDE00"`,
  String.raw`"\ud800abc"`, String.raw`"abc\udc00"`, String.raw`"\uD83D"`, String.raw`"\ude00\ud83d"`, String.raw`"ab\u0000c"`,
  `"ab\tc"`, `"ab\u0001c"`, String.raw`"\x41bcd"`, String.raw`"\u00G1bcd"`, String.raw`"\u00e"`, String.raw`"abc\"`, String.raw`"abcd\ "`,
  `"ab\u2028cd"`, `"ab\u0085cd"`, `"\uFEFFabc"`, `"中文字符"`, `"𝄞𝄞𝄞"`, `"ééé"`, `"e\u0301e\u0301e\u0301"`, String.raw`"e\u0301e\u0301e\u0301"`,
];

const NOT_JSON = [
  "{", "}", "[", "]", "{}}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]", "tru", "nul", "true false", "'x'", "{'a':1}",
  "{\"customerId\":1} {\"b\":2}", "{\"customerId\":1}x", "{a:1}", "\"abc", "\"abc\\", "{\"a\":\"b\"", "[[[", "/* c */ {}", "{} // c",
  "\u00a0{}", "{\u00a0}", "{\"a\":1}\u000b",
];

const deep = (n) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n) => `${"{\"a\":".repeat(n)}1${"}".repeat(n)}`;

/** Five invalid lines (with 1, 2, 3, 1 and 4 errors) among valid and blank ones. */
const MANY_ERRORS = lines(
  fusebillWith(1),
  fusebillWith(0),
  `{"customerId":"x","planFamilyRelationshipId":0,"migrationTimingOption":"Now"}`,
  "",
  `{"customerId":1.5,"planFamilyRelationshipId":"y","migrationTimingOption":"never"}`,
  fusebillWith(2),
  "not json",
  `{"extra":1}`,
  fusebillWith(3),
);

export function ndjsonCases(m) {
  const cases = [];
  const add = (name, id, spec, ...options) => cases.push({ name, call: "validateMany", args: [id, spec, ...options] });

  add("numbers as written: customerId", FUSEBILL, lines(...NUMBER_TEXTS.map(fusebillWith)));
  add("numbers as written: planFamilyRelationshipId", FUSEBILL, lines(...NUMBER_TEXTS.map((n) => `{"customerId":1,"planFamilyRelationshipId":${n},"migrationTimingOption":"Now"}`)));
  add("numbers as written: Pismo entity ids (integer)", OUTGOING, lines(...NUMBER_TEXTS.map((n) => JSON.stringify({ ...SAMPLES[OUTGOING][0], entity: { account_id: 1, customer_id: 1 } }).replace(`"customer_id":1`, `"customer_id":${n}`))));
  add("numbers as written: BillForward mapping values", "billforward/migration_request", lines(...NUMBER_TEXTS.map((n) => `{"productRatePlan":"p","mappings":[{"pricingComponent":"seats","value":${n}}]}`)));
  add("numbers as written: Chargebee timestamps", "chargebee/resource_migration", lines(...NUMBER_TEXTS.map((n) => `{"from_site":"abcd","entity_type":"customer","entity_id":"x","status":"failed","created_at":${n},"updated_at":${n}}`)));
  add("numbers where strings are due", LATEST, lines(...["1", "1.0", "-0", "1e400", "18446744073709551616"].map((n) => `{"from_site":${n},"entity_type":"customer","entity_id":${n}}`)));

  add("repeated keys: the last value counts, in the first place", LATEST, lines(
    `{"from_site":"abcd","entity_type":"customer","entity_id":"c1","entity_id":5}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":5,"entity_id":"c1"}`,
    `{"from_site":"ab","from_site":"abcd","entity_type":"customer","entity_id":"x"}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","from_site":"ab"}`,
    `{"from_site":"abcd","from_site":"a","from_site":"abcde","entity_type":"customer","entity_id":"x"}`,
    `{"from_site":"abcd","from_site":"abcde","from_site":"a","entity_type":"customer","entity_id":"x"}`,
    `{"extra":1,"from_site":"abcd","entity_type":"customer","entity_id":"x","extra":2}`,
    `{"entity_id":"c1","from_site":"abcd","entity\\u005fid":5,"entity_type":"customer"}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","entity_type":"CUSTOMER"}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","entity_id":null}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":{"a":1,"a":2}}`,
  ));
  // More than 12 members: the parser's sorted-index path.
  const big = `"customerId":12874295,"planFamilyRelationshipId":407766,"migrationTimingOption":"SpecificDate","earningOption":"Full","nameOverrideOption":"Transfer","descriptionOverrideOption":"Transfer","referenceOption":"Transfer","expiryOption":"Transfer","customFieldsOption":"Transfer","contractStartOption":"DoNotTransfer","contractEndOption":"DoNotTransfer","scheduledMigrationDate":"2020-05-10"`;
  add("repeated keys in objects of more than 12 members", FUSEBILL, lines(
    `{${big},"customerId":"x"}`,
    `{"customerId":"x",${big}}`,
    `{${big},"migrationTimingOption":"Now"}`,
    `{${big},"scheduledMigrationDate":"soon","scheduledMigrationDate":"2020-05-11"}`,
    `{${big},"earningOption":"None","earningOption":"Partial","zz":1,"aa":2}`,
    `{${big},"customerId":1,"planFamilyRelationshipId":0,"customerId":0}`,
  ));
  add("repeated keys in nested objects", INCOMING, lines(
    `{"migration":{"id":"a","id":5,"account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{}}`,
    `{"migration":{"id":5,"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{}}`,
    `{"migration":{"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"migration":{},"entity":{}}`,
    `{"entity":1,"migration":{"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{}}`,
  ));

  add("escapes and non-ASCII text in strings", LATEST, lines(...ESCAPED_STRINGS.map(latestWith)));
  add("escapes and non-ASCII text in keys", LATEST, lines(
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","entité":1}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","😀":1}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","a/b~c":1}`,
    `{"\\u0066rom_site":"abcd","entity_type":"customer","entity_id":"x"}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","\\ud800":1}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","":1," ":2}`,
    `{"from_site":"abcd","entity_type":"customer","entity_id":"x","line\\nbreak":1}`,
  ));
  add("non-ASCII text and lengths in code points (Pismo)", OUTGOING, lines(
    JSON.stringify({ ...SAMPLES[OUTGOING][0], message: "Größe 😀 中文 𝄞" }),
    JSON.stringify({ ...SAMPLES[OUTGOING][0], code: "ÄÖÜ", status: "ÉCHEC" }),
    JSON.stringify({ ...SAMPLES[OUTGOING][0], migration: { ...SAMPLES[OUTGOING][0].migration, version_date: "２０２１-08-11T11:25:00Z" } }),
  ));

  const ok = JSON.stringify(SAMPLES[INCOMING][0]);
  const bad = JSON.stringify({ migration: { id: 1 }, entity: [] });
  add("framing: BOM at the start of the batch", INCOMING, { text: `\ufeff${ok}\n${ok}\n` });
  add("framing: BOM at the start of a later line", INCOMING, { text: `${ok}\n\ufeff${ok}\n${ok}\n` });
  add("framing: CRLF, CR alone, LF", INCOMING, { text: `${ok}\r\n${bad}\r\n${ok}\r${ok}\n${ok}\r\r\n${ok}\n` });
  add("framing: blank lines of spaces, tabs, CR, form feed and vertical tab", INCOMING, { text: `\n\n   \n\t\n\r\n${ok}\n \t \r\n\f\n\u000b\n${bad}\n\n` });
  add("framing: whitespace around a line's value", INCOMING, { text: `  ${ok}  \n\t${bad}\t\n${ok}\f\n` });
  add("framing: no newline after the last line", INCOMING, { text: `${ok}\n${bad}` });
  add("framing: empty batch", INCOMING, { text: "" });
  add("framing: only newlines", INCOMING, { text: "\n\n\r\n" });
  add("framing: one line, no newline", INCOMING, { text: bad });
  add("framing: every line a bare value", INCOMING, lines("null", "true", "1", "\"x\"", "[]", "{}"));

  add("not JSON: the parser's message with line and column", FUSEBILL, lines(...NOT_JSON));
  add("not JSON: nesting of 127 levels and of 128", INCOMING, lines(deep(127), deep(128), deepObject(127), deepObject(128), `{"migration":${deep(126)},"entity":{}}`));
  add("not JSON: a multi-line value is two broken lines", INCOMING, { text: `{\n"migration": {"id": "a", "account_id": "b", "version_date": "2023-10-03T17:25:45Z"},\n"entity": {}\n}\n` });

  // Bytes that are not UTF-8 (only as bytes; a JS string cannot hold them).
  const bytes = (name, ...parts) => add(`invalid UTF-8: ${name}`, INCOMING, { base64: Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p)))).toString("base64") });
  bytes("a lone continuation byte in a string", `${ok}\n{"entity":{"name":"a`, [0x80], `"},"migration":{"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"}}\n${ok}\n`);
  bytes("0xFF, an overlong slash, an encoded surrogate", `{"entity":{"name":"`, [0xff], `"}}\n{"entity":{"name":"`, [0xc0, 0xaf], `"}}\n{"entity":{"name":"`, [0xed, 0xa0, 0x80], `"}}\n`);
  bytes("a multi-byte sequence cut by the newline", `{"entity":{"name":"`, [0xe2, 0x82], `\n"}}\n${ok}\n`);
  bytes("the BOM bytes, and a BOM-like sequence inside a string", [0xef, 0xbb, 0xbf], `${ok}\n{"migration":{"id":"\uFEFF","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{}}\n`);
  bytes("invalid UTF-8 outside strings", [0xff], `\n`, `{"entity":{}`, [0xfe], `}\n`);

  // Lines at and over the 1 MiB line limit (written as repeated pieces to keep this file small).
  const MIB = 1024 * 1024;
  const head = `{"migration":{"id":"a","account_id":"b","version_date":"2023-10-03T17:25:45Z"},"entity":{"name":"`;
  const tail = `"}}`;
  add("a line of exactly 1 MiB, then one byte over, then a short one", INCOMING, { parts: [
    [head, 1], ["x", MIB - head.length - tail.length], [tail, 1], ["\n", 1],
    [head, 1], ["x", MIB - head.length - tail.length + 1], [tail, 1], ["\n", 1],
    [ok, 1], ["\n", 1],
  ] });
  add("a line over 1 MiB that is not JSON either, with CRLF", INCOMING, { parts: [["[", MIB + 1], ["\r\n", 1], [bad, 1], ["\r\n", 1]] });
  add("a string of exactly 1 MiB in a line of more (the line limit comes first)", INCOMING, { parts: [[head, 1], ["y", MIB], [tail, 1], ["\n", 1]] });

  // maxErrors and the options object.
  const OPTIONS = [
    ["no options", []], ["options undefined", [{ $js: "undefined" }]], ["options null", [null]], ["options {}", [{}]], ["an unknown option", [{ other: 1 }]],
    ["maxErrors 0", [{ maxErrors: 0 }]], ["maxErrors 1", [{ maxErrors: 1 }]], ["maxErrors 2", [{ maxErrors: 2 }]], ["maxErrors 3", [{ maxErrors: 3 }]],
    ["maxErrors 6", [{ maxErrors: 6 }]], ["maxErrors 11 (all)", [{ maxErrors: 11 }]], ["maxErrors 100000 (the cap)", [{ maxErrors: 100000 }]],
    ["maxErrors 100001 (over the cap)", [{ maxErrors: 100001 }]], ["maxErrors 2^53", [{ maxErrors: 2 ** 53 }]], ["maxErrors 1e21", [{ maxErrors: 1e21 }]],
    ["maxErrors 2.0", [{ maxErrors: 2.0 }]], ["maxErrors -0", [{ maxErrors: -0 }]],
    ["maxErrors -1", [{ maxErrors: -1 }]], ["maxErrors 1.5", [{ maxErrors: 1.5 }]], ["maxErrors \"2\"", [{ maxErrors: "2" }]], ["maxErrors null", [{ maxErrors: null }]],
    ["maxErrors true", [{ maxErrors: true }]], ["maxErrors NaN (null in JSON)", [{ $js: "objectWithNaN" }]], ["options a string", ["x"]], ["options an array", [[]]], ["options a number", [5]],
    ["options cyclic", [{ $js: "cyclic" }]], ["options with a throwing getter", [{ $js: "throwingGetter" }]], ["options a function", [{ $js: "function" }]],
  ];
  for (const [what, options] of OPTIONS) add(`maxErrors: ${what}`, FUSEBILL, MANY_ERRORS, ...options);

  // Misuse.
  add("unknown contract id", "nope", lines("{}"));
  add("contract id a number", 5, lines("{}"));
  add("unknown contract id with a bad batch", "nope", { value: 5 });
  for (const [what, value] of [["a number", 5], ["null", null], ["undefined", { $js: "undefined" }], ["an object", { text: "{}" }], ["an array of numbers", [123, 125]]]) {
    add(`ndjson ${what}`, FUSEBILL, { value });
  }

  // Every contract: the first generated variants as one batch, with blank lines between some.
  m.contractIds().forEach((id, n) => {
    const payloads = generatedPayloads(id, inlineShipped(m, m.contractSchema(id)), GENERATOR_SEED + n, 30);
    const text = payloads.map((p, i) => (i % 7 === 3 ? `${JSON.stringify(p)}\n` : JSON.stringify(p))).join(n % 2 ? "\r\n" : "\n");
    add(`${id}: 30 generated variants in one batch`, id, { text });
  });
  return cases;
}
