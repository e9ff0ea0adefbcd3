#!/usr/bin/env node
// Writes the fuzz targets' seed corpora to fuzz/corpus/<target>/ from what the project already
// holds: the JSON samples in the seeds (../shared/seeds/*.txt, or $SEEDS_DIR), the samples of
// tests/billing.rs, the context of tests/wasm.rs, the host's data set and policy, and the
// shipped schemas and type document. Idempotent: a file is named by its content's hash.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "fuzz", "corpus");
const read = (p) => readFileSync(join(root, p), "utf8");
const json = (p) => JSON.parse(read(p));
const counts = {};

function put(target, ...parts) {
  const body = Buffer.concat(
    parts.flatMap((p, i) => [
      ...(i ? [Buffer.from([0])] : []),
      Buffer.isBuffer(p) ? p : Buffer.from(typeof p === "string" ? p : JSON.stringify(p)),
    ]),
  );
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, createHash("sha1").update(body).digest("hex")), body);
  counts[target] = (counts[target] ?? 0) + 1;
}

/** Every balanced {...} block of a text that parses as JSON (the seeds' samples). */
function jsonBlocks(text) {
  const found = [];
  for (let start = text.indexOf("{"); start >= 0; start = text.indexOf("{", start + 1)) {
    let depth = 0, inString = false, escaped = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        try {
          const v = JSON.parse(text.slice(start, i + 1));
          if (Object.keys(v).length) found.push(v);
        } catch {}
        break;
      }
    }
  }
  return found;
}

// ---- samples: the seeds' JSON blocks and the json!({...}) samples of tests/billing.rs
const seedsDir = process.env.SEEDS_DIR ?? join(root, "..", "shared", "seeds");
const samples = [];
if (existsSync(seedsDir)) {
  for (const f of readdirSync(seedsDir).filter((f) => f.endsWith(".txt")).sort()) {
    samples.push(...jsonBlocks(readFileSync(join(seedsDir, f), "utf8")));
  }
}
const billingRs = read("tests/billing.rs");
for (const m of billingRs.matchAll(/json!\((\{[\s\S]*?\})\)\s*\n\}/g)) {
  try { samples.push(JSON.parse(m[1])); } catch {}
}

// ---- schemas and documents shipped in src/
const contracts = {
  "chargebee/resource_migration": "src/billing/chargebee/resource_migration.json",
  "chargebee/retrieve_latest": "src/billing/chargebee/retrieve_latest.json",
  "fusebill/subscription_migrate": "src/billing/fusebill/subscription_migrate.json",
  "billforward/migration_request": "src/billing/billforward/migration_request.json",
  "billforward/migration_amendment": "src/billing/billforward/migration_amendment.json",
  "pismo/customer_incoming/1": "src/billing/pismo/customer_incoming_1.json",
  "pismo/customer_outgoing/1": "src/billing/pismo/customer_outgoing_1.json",
};
const schemas = [
  ...Object.values(contracts).map(json),
  json("src/precheck/context.schema.json"),
  json("src/precheck/policy.schema.json"),
];
const typeDocument = json("src/aps/migratable.json");

// ---- contexts: tests/wasm.rs's, and every resource × target of the host's data set
const wasmContext = (status, brand) => ({
  now: "2026-11-21T10:00:00Z",
  subscription: { id: "11111111-1111-4111-8111-111111111111", ownerAccountId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", state: "active", name: "Mail 25" },
  sourceAccount: { id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", kind: "customer", vendorId: 1, brandId: "b1", status: "active" },
  targetAccount: { id: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", kind: "customer", vendorId: 1, brandId: brand, status },
});
const moves = [
  [{ targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" }, wasmContext("active", "b1")],
  [{ targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" }, wasmContext("suspended", "b2")],
];
const data = json("host/data/dataset.json");
const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o?.[k] !== undefined).map((k) => [k, o[k]]));
const account = (id) => (data.accounts[id] ? { id, ...pick(data.accounts[id], ["name", "kind", "vendorId", "brandId", "status"]) } : null);
const targets = [...Object.keys(data.accounts), "aaaaaaaa-0000-4000-8000-000000000099"];
for (const entry of Object.values(data.subscriptions)) {
  const subscription = pick(entry, ["id", "ownerAccountId", "name", "state", "trial", "disabled"]);
  for (const target of targets.slice(0, entry === Object.values(data.subscriptions)[0] ? undefined : 2)) {
    const context = { now: "2026-11-21T10:00:00Z", subscription, sourceAccount: account(entry.ownerAccountId), targetAccount: account(target) };
    for (const part of ["orders", "dependents", "billing"]) {
      const v = data[part]?.[subscription.id];
      if (v !== undefined) context[part === "dependents" ? "dependentSubscriptions" : part] = v;
    }
    moves.push([{ targetAccount: target }, context]);
  }
}
const policies = [
  null,
  json("host/data/policy.json"),
  { locale: "de-AT", rules: { "same-brand": { enabled: false } } },
  { locale: "de", rules: { "target-account-active": { messages: { en: "Account {targetAccount} is {status}. Ask billing to reactivate it first." } } } },
  { rules: { "no-such-rule": {} } },
];

// ---- schema_validate: schema NUL value
for (const schema of schemas) {
  put("schema_validate", schema);
  for (const sample of samples) put("schema_validate", schema, sample);
}
for (const [ms, ctx] of moves.slice(0, 4)) put("schema_validate", json("src/precheck/context.schema.json"), ctx);
for (const p of policies.filter(Boolean)) put("schema_validate", json("src/precheck/policy.schema.json"), p);
put("schema_validate", { type: "object", required: ["a"], properties: { b: { type: "integer", minimum: 3, default: 4 } }, additionalProperties: false }, { b: 1.5, c: 1 });
put("schema_validate", { definitions: { n: { anyOf: [{ type: "null" }, { $ref: "#/definitions/n" }, { type: "array", items: { $ref: "#" } }] } }, $ref: "#/definitions/n" }, [[null]]);
put("schema_validate", { if: { const: 1 }, then: { not: { enum: [1] } }, else: { oneOf: [{ contains: { format: "date-time" } }, { uniqueItems: true, minItems: 2 }] } }, ["2021-08-11T11:25:00.000Z", 1]);
put("schema_validate", { errorMessage: { type: "nope" }, type: "string", minLength: 2, maxLength: 3, format: "uuid" }, "😀😀😀😀");
// Every format, with a value of each (the fuzzer mutates them), and the later drafts' keywords.
const FORMAT_SAMPLES = {
  "date-time": "1963-06-19T08:30:06.283185Z", date: "2020-02-29", time: "23:59:60Z", duration: "P1Y2M3DT4H5M6S",
  email: "\"joe bloggs\"@[IPv6:::1]", "idn-email": "실례@실례.테스트", hostname: "xn--bcher-kva.example",
  "idn-hostname": "ب٠ب.l·l.α͵β", ipv4: "192.168.0.1", ipv6: "::ffff:192.168.0.1", uri: "http://[v1.x]:80/a?b#c",
  "uri-reference": "./this:that", iri: "http://ƒøø.ßår/?∂éœ", "iri-reference": "#ƒrägmênt", "uri-template": "{/p*}{?q,r:3}",
  "json-pointer": "/a~0b/~1", "relative-json-pointer": "0#", regex: "(?<n>a)\\k<n>", uuid: "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
};
put("schema_validate", { properties: Object.fromEntries(Object.keys(FORMAT_SAMPLES).map((f) => [f, { format: f }])) }, FORMAT_SAMPLES);
for (const [format, sample] of Object.entries(FORMAT_SAMPLES)) put("schema_validate", { format }, sample);
put("schema_validate", { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { p: { $anchor: "p", type: "number" } }, prefixItems: [{ $ref: "#p" }], items: { pattern: "^x" }, unevaluatedItems: false, minContains: 1, contains: { type: "string" } }, [1, "xa"]);
put("schema_validate", { $schema: "https://json-schema.org/draft/2019-09/schema", dependentRequired: { a: ["b"] }, dependentSchemas: { c: { required: ["d"] } }, patternProperties: { "^\\p{L}+$": { type: "integer" } }, unevaluatedProperties: false }, { a: 1, b: 2, é: 3 });

// ---- precheck: migrationSet NUL context NUL policy
for (const [ms, ctx] of moves) {
  put("precheck", ms, ctx);
  for (const p of policies.slice(1)) put("precheck", ms, ctx, p);
}
put("precheck", {});
put("precheck", { targetAccount: "not-an-id" });
put("precheck", { targetAccount: 7 }, "", policies[1]);
put("precheck", "{", { now: 1 });

// ---- validate_many: maxErrors byte, then NDJSON of the samples (valid and not)
// (first byte: contract index in its low 3 bits, maxErrors above them, 31 = the default)
const ndjson = samples.map((s) => JSON.stringify(s)).join("\n");
for (let contract = 0; contract < 8; contract++) {
  put("validate_many", Buffer.concat([Buffer.from([0xf8 | contract]), Buffer.from(ndjson)]));
  put("validate_many", Buffer.concat([Buffer.from([(3 << 3) | contract]), Buffer.from(ndjson.slice(0, 2000) + "\r\n\n{not json\n\uFEFF{}\n1E400\n[]\n\xff")]));
  for (const sample of samples) put("validate_many", Buffer.concat([Buffer.from([(1 << 3) | contract]), Buffer.from(JSON.stringify(sample))]));
}

// ---- aps_translation: type document [NUL structure name [NUL value]]
put("aps_translation", typeDocument);
put("aps_translation", typeDocument, "MigrationSet", { targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" });
put("aps_translation", typeDocument, "MigrationPreCheckResult", { canMigrate: false, message: "no" });
put("aps_translation", {
  id: "http://example.com/t/1.0", structures: {
    A: { type: "object", properties: { b: { type: "B", required: true }, c: { type: "array", items: { type: "http://example.com/t/1.0#B" } } } },
    B: { type: "object", required: ["x"], properties: { x: { type: "integer", minimum: 0, default: 1 }, s: { type: "string", enum: ["a"] } } },
  },
}, "A", { b: { x: -1 }, c: [{}] });
put("aps_translation", { structures: { S: { type: "Other", properties: 1 } } }, "S");
for (const block of samples.filter((s) => s.structures)) put("aps_translation", block);
// The shipped schemas as structures: JSON Schema attributes that APS shares, and those it lacks.
schemas.forEach((schema, i) => {
  const { definitions = {}, ...rest } = schema;
  const doc = { apsVersion: "2.0", id: `http://example.com/s${i}/1.0`, structures: { S: rest, ...definitions } };
  put("aps_translation", doc);
  for (const sample of samples.slice(0, 12)) put("aps_translation", doc, "S", sample);
});

for (const [t, n] of Object.entries(counts)) console.log(`seed corpus ${t}: ${n} files`);
