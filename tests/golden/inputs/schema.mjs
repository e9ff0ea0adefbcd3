// Inputs of schema.json: validate(schema, value) and new Validator(schema).validate(value) for
// every keyword the engine compiles (src/schema/compile.rs), with valid and invalid values;
// errorMessage; $ref and definitions; Validator.normalize; values that are not JSON; schemas that
// do not compile (SchemaError with code and schemaPath); and the APS type documents.

/** [what, schema, values]: each value is validated against the schema. */
const GROUPS = [
  ["boolean schema true", true, [1, null, { a: [] }]],
  ["boolean schema false", false, [1, null]],
  ["empty schema", {}, ["x", []]],
  ["type string", { type: "string" }, ["", "a", 1, null]],
  ["type integer (1.0 is an integer)", { type: "integer" }, [1, -1, 1.5, 1e21, 2 ** 64, 1e308, -0, "1"]],
  ["type number", { type: "number" }, [0, 5e-324, -1.7976931348623157e308, "0", true]],
  ["type null", { type: "null" }, [null, false, 0]],
  ["type boolean", { type: "boolean" }, [true, false, 0, "true"]],
  ["type array", { type: "array" }, [[], {}, "[]"]],
  ["type object", { type: "object" }, [{}, [], null]],
  ["type list", { type: ["string", "null"] }, ["a", null, 1]],
  ["type list of one", { type: ["integer"] }, [1, 1.5]],
  ["enum of mixed values", { enum: [1, "1", null, [1], { a: 1 }, true] }, [1, "1", null, [1], { a: 1 }, true, false, [1, 2], { a: 1, b: 2 }, 2]],
  ["enum of numbers", { enum: [0, 100, 1.5] }, [0, -0, 100, 1e2, 1.5, 1.50001]],
  ["const number", { const: 1 }, [1, 1.0, 2, "1", [1]]],
  ["const zero", { const: 0 }, [0, -0, 0.0]],
  ["const object (key order does not matter)", { const: { a: 1, b: [1, { c: null }] } }, [{ b: [1, { c: null }], a: 1 }, { a: 1, b: [1, { c: 0 }] }, { a: 1 }]],
  ["const null", { const: null }, [null, 0, ""]],
  ["required", { required: ["a", "b", "a b", "é"] }, [{ a: 1, b: 2, "a b": 3, é: 4 }, { a: 1 }, {}, [], "a"]],
  ["required own members only", { required: ["toString", "constructor"] }, [{}, { toString: 1, constructor: 2 }]],
  ["properties in the schema's order, value's order", { properties: { b: { type: "string" }, a: { type: "string" } } }, [{ a: 1, b: 2 }, { b: 2, a: 1 }, { c: 1 }]],
  ["property names that need percent-encoding", { properties: { "a b": { type: "string" }, "a/b": { type: "string" }, "a~b": { type: "string" }, "é%": { type: "string" }, "": { type: "string" } } }, [{ "a b": 1, "a/b": 1, "a~b": 1, "é%": 1, "": 1 }]],
  ["additionalProperties false", { properties: { a: {} }, additionalProperties: false }, [{ a: 1 }, { a: 1, b: 2, c: 3 }, { "x/y": 1 }]],
  ["additionalProperties schema", { properties: { a: {} }, additionalProperties: { type: "integer" } }, [{ a: "x", b: 1 }, { b: "x", c: 1.5 }]],
  ["propertyNames", { propertyNames: { maxLength: 2, enum: ["a", "bb", "ccc"] } }, [{ a: 1, bb: 2 }, { ccc: 1, dd: 2 }, {}]],
  ["minProperties and maxProperties", { minProperties: 1, maxProperties: 2 }, [{}, { a: 1 }, { a: 1, b: 2, c: 3 }, []]],
  ["dependencies (properties and schema)", { dependencies: { a: ["b", "c"], d: { required: ["e"], properties: { e: { type: "string" } } } } }, [{ a: 1 }, { a: 1, b: 1, c: 1 }, { d: 1 }, { d: 1, e: 2 }, { d: 1, e: "x" }, []]],
  ["items schema", { items: { type: "integer" } }, [[1, 2], [1, "2", 3.5], [], "x"]],
  ["items tuple and additionalItems false", { items: [{ type: "string" }, { type: "integer" }], additionalItems: false }, [["a", 1], ["a"], ["a", 1, 2], [1, "a"]]],
  ["items tuple and additionalItems schema", { items: [{}], additionalItems: { type: "boolean" } }, [[1, true, false], [1, true, 2, "x"]]],
  ["additionalItems without a tuple (ignored)", { additionalItems: false }, [[1, 2]]],
  ["contains", { contains: { type: "integer", minimum: 5 } }, [[1, 7], [1, 2], [], "x"]],
  ["minItems and maxItems", { minItems: 1, maxItems: 2 }, [[], [1], [1, 2, 3]]],
  ["uniqueItems", { uniqueItems: true }, [[1, 2, 3], [1, 2, 1], [1, "1"], [[1], [1]], [{ a: 1, b: 2 }, { b: 2, a: 1 }], [0, -0], [1, 1.0], [null, null, 1, 1], ["a", "b", "a", "b"], []]],
  ["uniqueItems false", { uniqueItems: false }, [[1, 1]]],
  ["minLength and maxLength in code points", { minLength: 2, maxLength: 3 }, ["a", "ab", "abcd", "😀", "😀😀", "😀😀😀😀", "e\u0301", "中文字", 5]],
  ["minimum and maximum", { minimum: 1, maximum: 10 }, [1, 10, 0.9999999999999999, 10.000000000000002, -0, "5"]],
  ["exclusiveMinimum and exclusiveMaximum", { exclusiveMinimum: 0, exclusiveMaximum: 1.5 }, [0, -0, 5e-324, 1.4999999999999998, 1.5]],
  ["bounds written as floats and big integers", { minimum: 1.0, maximum: 18446744073709551615 }, [1, 18446744073709551616, 1e20]],
  ["multipleOf", { multipleOf: 0.1 }, [0.3, 0.30000000000000004, 1, 0.15, 1e21, 0]],
  ["multipleOf integer", { multipleOf: 3 }, [9, 10, -3, 4.5]],
  ["format date", { format: "date" }, ["2020-05-10", "2024-02-29", "2021-02-29", "2020-13-01", "2020-5-10", "2020-05-10T00:00:00Z", "２０２０-05-10", 20200510]],
  ["format date-time", { format: "date-time" }, ["2020-05-10T10:00:00Z", "2020-05-10t10:00:00z", "2020-05-10 10:00:00Z", "2020-05-10T10:00:00.5+05:30", "2020-05-10T10:00:00+0530", "2020-05-10T10:00:00+05", "2020-05-10T23:59:60Z", "2020-05-10T24:00:00Z", "2020-05-10T10:60:00Z", "2020-05-10T10:00:00", "2020-02-30T10:00:00Z"]],
  ["format uuid", { format: "uuid" }, ["bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "BBBBBBBB-BBBB-4BBB-8BBB-BBBBBBBBBBBB", "bbbbbbbbbbbb4bbb8bbbbbbbbbbbbbbb", "{bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb}", "urn:uuid:bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "gggggggg-bbbb-4bbb-8bbb-bbbbbbbbbbbb"]],
  ["unknown format (an annotation)", { format: "made-up" }, ["anything", 1]],
  ["format email, hostname, ipv6, uri", { properties: { e: { format: "email" }, h: { format: "hostname" }, i: { format: "ipv6" }, u: { format: "uri" } } }, [{ e: "not an email", h: "example.", i: "::1", u: "urn:x" }, { e: "joe@example.com", h: "xn--bcher-kva.example", i: "1::2::3", u: "no scheme" }, 1]],
  ["allOf", { allOf: [{ type: "integer" }, { minimum: 2 }, { maximum: 3 }] }, [2, 1, 4.5]],
  ["anyOf keeps the branch errors", { anyOf: [{ type: "string", minLength: 3 }, { type: "integer" }] }, ["abc", 1, "a", 1.5]],
  ["oneOf: none, one, two", { oneOf: [{ type: "integer" }, { minimum: 2 }] }, [1, 2.5, 3, 0.5]],
  ["not", { not: { type: "string" } }, [1, "a"]],
  ["if then else", { if: { properties: { kind: { const: "a" } }, required: ["kind"] }, then: { required: ["a"] }, else: { required: ["b"] } }, [{ kind: "a", a: 1 }, { kind: "a" }, { kind: "b" }, { b: 1 }, 5]],
  ["if then only", { if: { type: "string" }, then: { minLength: 2 } }, ["ab", "a", 1]],
  ["if without then or else (ignored)", { if: false }, [1]],
  ["$ref to definitions", { definitions: { pos: { type: "integer", minimum: 1 } }, properties: { a: { $ref: "#/definitions/pos" }, b: { items: { $ref: "#/definitions/pos" } } } }, [{ a: 1, b: [1, 2] }, { a: 0, b: [1, -1, "x"] }]],
  ["$ref to the root (recursive)", { type: "object", properties: { child: { $ref: "#" }, n: { type: "integer" } }, additionalProperties: false }, [{ child: { child: { n: 1 } } }, { child: { child: { n: "x", o: 1 } } }]],
  ["$ref with percent-encoded and escaped pointer", { definitions: { "a b": { type: "string" }, "c/d": { type: "integer" }, "e~f": { const: 1 } }, items: [{ $ref: "#/definitions/a%20b" }, { $ref: "#/definitions/c~1d" }, { $ref: "#/definitions/e~0f" }] }, [["a", 1, 1], [1, "a", 2]]],
  ["keywords beside $ref are ignored", { definitions: { s: { type: "string" } }, properties: { a: { $ref: "#/definitions/s", minLength: 5 } } }, [{ a: "ab" }, { a: 1 }]],
  ["$ref into properties", { properties: { a: { type: "string" }, b: { $ref: "#/properties/a" } } }, [{ b: 1 }]],
  ["errorMessage as a string", { type: "object", required: ["a"], properties: { a: { type: "string", errorMessage: "a must be text" } }, errorMessage: "bad object" }, [{}, { a: 1 }, 5]],
  ["errorMessage by keyword", { type: "integer", minimum: 3, errorMessage: { type: "whole numbers only", minimum: "at least three" } }, ["x", 1, 1.5, 3]],
  ["errorMessage on anyOf and if", { anyOf: [{ format: "date" }, { format: "date-time" }], errorMessage: { anyOf: "date or date-time" } }, ["2020-05-10", "x"]],
  ["errorMessage for required inside then", { if: { required: ["a"] }, then: { required: ["b"], errorMessage: { required: "b goes with a" } }, errorMessage: { if: "a needs b" } }, [{ a: 1 }, { a: 1, b: 2 }]],
  ["nested errors in document order", { type: "object", required: ["z"], properties: { list: { type: "array", items: { type: "object", required: ["id"], properties: { id: { type: "string", maxLength: 2 } }, additionalProperties: false } } } }, [{ list: [{ id: "abc", x: 1 }, {}, { id: 5 }] }]],
  ["many errors at once", { type: "object", properties: { a: { type: "string" }, b: { type: "string" }, c: { type: "string" }, d: { minimum: 1 }, e: { enum: ["x"] }, f: { const: 2 }, g: { uniqueItems: true, maxItems: 1 } }, required: ["h"], minProperties: 9 }, [{ a: 1, b: 2, c: 3, d: 0, e: "y", f: 3, g: [1, 1] }]],
  ["an object's own keys only", { properties: { __proto__: { type: "string" }, constructor: { type: "string" } } }, [{ constructor: 1 }, JSON.parse('{"__proto__": 1}')]],
  ["schema keys with unknown keywords and $schema, $id, title", { $schema: "http://json-schema.org/draft-07/schema#", $id: "https://example.com/s", title: "t", examples: [1], unknownKeyword: { type: "string" }, type: "integer" }, [1, "x"]],
  ["deep values: 127 levels", { items: { items: {} } }, [JSON.parse(`${"[".repeat(127)}${"]".repeat(127)}`)]],
  ["a branching schema stops at the nesting limit", { anyOf: [{ $ref: "#" }, { $ref: "#" }] }, [1]],
  ["the same under not", { not: { anyOf: [{ $ref: "#" }, { $ref: "#" }] } }, [1]],
];

/** Values that are not JSON, judged as data. */
const NOT_JSON_VALUES = ["undefined", "cyclic", "bigint", "function", "symbol", "NaN", "Infinity", "objectWithNaN", "objectWithUndefined", "arrayWithUndefined", "throwingGetter", "date", "map"];

/** [what, schema]: schemas that do not compile. */
const BAD_SCHEMAS = [
  ["unknown type name", { type: "nope" }],
  ["type list with a bad name", { type: ["string", "nope"] }],
  ["type a number", { type: 5 }],
  ["type an empty list", { type: [] }],
  ["pattern", { pattern: "^a" }],
  ["patternProperties", { patternProperties: { "^a": {} } }],
  ["pattern deep inside", { properties: { a: { items: [{}, { pattern: "x" }] } } }],
  ["$ref to another document", { $ref: "other.json#/a" }],
  ["$ref to a URL", { properties: { a: { $ref: "https://example.com/s.json" } } }],
  ["$ref that does not resolve", { properties: { a: { $ref: "#/definitions/missing" } } }],
  ["$ref with a bad percent-encoding", { $ref: "#/definitions/%zz" }],
  ["$ref a number", { $ref: 5 }],
  ["$ref loop", { $ref: "#" }],
  ["$ref loop through definitions", { definitions: { a: { $ref: "#/definitions/b" }, b: { $ref: "#/definitions/a" } }, $ref: "#/definitions/a" }],
  ["broken unused definition", { definitions: { a: { type: 1 } } }],
  ["definitions not an object", { definitions: [] }],
  ["minLength negative", { minLength: -1 }],
  ["minLength fractional", { minLength: 1.5 }],
  ["maxItems a string", { maxItems: "3" }],
  ["minimum a string", { minimum: "1" }],
  ["multipleOf 0", { multipleOf: 0 }],
  ["multipleOf negative", { multipleOf: -2 }],
  ["enum not an array", { enum: 5 }],
  ["required with a number", { required: ["a", 1] }],
  ["allOf empty", { allOf: [] }],
  ["anyOf not an array", { anyOf: {} }],
  ["properties an array", { properties: [] }],
  ["a subschema a number", { properties: { a: 5 } }],
  ["items a string", { items: "x" }],
  ["dependencies a number", { dependencies: 5 }],
  ["dependencies with a bad list", { dependencies: { a: [1] } }],
  ["uniqueItems a string", { uniqueItems: "yes" }],
  ["format a number", { format: 5 }],
  ["errorMessage a number", { errorMessage: 5 }],
  ["errorMessage with a number", { errorMessage: { type: 5 } }],
  ["schema a number", 5],
  ["schema null", null],
  ["schema a string", "{}"],
  ["schema an array", [{}]],
  ["nesting beyond 256 levels", JSON.parse(`${'{"not":'.repeat(257)}{}${"}".repeat(257)}`)],
];

/** [what, schema, values] for Validator.normalize. */
const NORMALIZE = [
  ["defaults of absent properties", { properties: { a: { default: 1 }, b: { default: { c: [] } }, c: { type: "string" } } }, [{}, { a: 2 }, { c: "x" }, [], "x", null]],
  ["nested defaults", { properties: { o: { type: "object", default: {}, properties: { x: { default: "d" } } } } }, [{}, { o: {} }, { o: { x: null } }]],
  ["defaults through items and $ref", { definitions: { item: { properties: { n: { default: 0 } } } }, type: "array", items: { $ref: "#/definitions/item" } }, [[{}, { n: 5 }, 3]]],
  ["a default that breaks the schema is applied as written", { properties: { a: { type: "integer", default: "x" } } }, [{}]],
  ["a value that is invalid anyway", { required: ["z"], properties: { a: { default: true } } }, [{ b: 1 }]],
  ["key order: present members first, defaults after", { properties: { z: { default: 26 }, a: { default: 1 }, m: {} } }, [{ m: 13 }]],
  ["no default in a boolean schema", true, [{}]],
];

// A type document beside the Migratable one: structures referring to each other, APS-style
// "required": true, typeId#Structure, and items.
const TYPE_ID = "http://example.com/types/shop/1.0";
const SHOP_TYPE = {
  apsVersion: "2.0", name: "Shop", id: TYPE_ID,
  structures: {
    Address: { type: "object", properties: { city: { type: "string", required: true }, zip: { type: "string", minLength: 4, maxLength: 8 } } },
    Order: {
      type: "object",
      properties: {
        id: { type: "integer", required: true, minimum: 1 },
        ship: { type: "Address" },
        bill: { type: `${TYPE_ID}#Address`, description: "billing address" },
        lines: { type: "array", items: { type: "object", properties: { sku: { type: "string", required: true }, qty: { type: "integer", default: 1 } } }, maxItems: 2 },
        state: { type: "string", enum: ["open", "closed"], default: "open" },
      },
      required: ["state"],
    },
  },
};

const BAD_TYPE_DOCUMENTS = [
  ["type document an array", [], "Order"],
  ["structures an array", { structures: [] }, "Order"],
  ["unknown structure", SHOP_TYPE, "Nope"],
  ["structure name in another case", SHOP_TYPE, "order"],
  ["type of another document", { id: TYPE_ID, structures: { A: { type: "object", properties: { b: { type: "http://other.example/x/1.0#B" } } } } }, "A"],
  ["unknown type name", { structures: { A: { type: "object", properties: { b: { type: "Nope" } } } } }, "A"],
  ["type a number", { structures: { A: { type: 5 } } }, "A"],
  ["property declaration a string", { structures: { A: { type: "object", properties: { b: "string" } } } }, "A"],
  ["required a string", { structures: { A: { type: "object", properties: { b: { type: "string", required: "yes" } } } } }, "A"],
  ["properties an array", { structures: { A: { type: "object", properties: [] } } }, "A"],
  ["pattern in a structure", { structures: { A: { type: "object", properties: { b: { type: "string", pattern: "^x" } } } } }, "A"],
  ["a broken structure not asked for", { structures: { A: { type: "object" }, B: { type: 5 } } }, "A"],
  ["structure name not a string", SHOP_TYPE, { $js: "undefined" }],
  ["type document undefined", { $js: "undefined" }, "Order"],
];

export function schemaCases() {
  const cases = [];
  for (const [what, schema, values] of GROUPS) {
    values.forEach((value, i) => cases.push({ name: `validate ${what} #${i}`, call: "validate", args: [schema, value] }));
  }
  for (const kind of NOT_JSON_VALUES) cases.push({ name: `validate: a value that is not JSON (${kind})`, call: "validate", args: [{ type: "object" }, { $js: kind }] });
  cases.push({ name: "validate: lone surrogate in a string", call: "validate", args: [{ type: "string" }, "a\ud800"] });
  cases.push({ name: "validate: lone surrogate in a key", call: "validate", args: [{}, { "\udc00": 1 }] });
  cases.push({ name: "validate: nesting of 128 levels", call: "validate", args: [true, JSON.parse(`${"[".repeat(128)}${"]".repeat(128)}`)] });
  for (const [what, schema] of BAD_SCHEMAS) cases.push({ name: `SchemaError: ${what}`, call: "validate", args: [schema, 1] });
  for (const kind of ["undefined", "cyclic", "bigint", "function", "symbol"]) cases.push({ name: `schema that is not JSON (${kind})`, call: "validate", args: [{ $js: kind }, 1] });
  for (const [what, schema, values] of NORMALIZE) {
    values.forEach((value, i) => cases.push({ name: `normalize ${what} #${i}`, call: "normalize", args: [schema, value] }));
  }
  for (const kind of ["undefined", "cyclic", "objectWithNaN", "date"]) cases.push({ name: `normalize a value that is not JSON (${kind})`, call: "normalize", args: [{ properties: { a: { default: 1 } } }, { $js: kind }] });
  cases.push({ name: "normalize with a bad schema", call: "normalize", args: [{ type: "nope" }, {}] });
  return cases;
}

/** Cases on APS type documents; `migratableType` is the document the package ships. */
export function apsCases(migratableType) {
  const cases = [];
  for (const name of ["MigrationSet", "MigrationPreCheckResult"]) cases.push({ name: `apsStructureSchema Migratable ${name}`, call: "apsStructureSchema", args: [migratableType, name] });
  cases.push({ name: "apsStructureValidator Migratable MigrationSet", call: "apsStructureValidator", args: [migratableType, "MigrationSet",
    { targetAccount: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb" }, { targetAccount: "x" }, {}, { targetAccount: 5 }, { targetAccount: null }, null, [], "x", { targetAccount: "b", extra: 1 }, { $js: "undefined" }, { $js: "cyclic" }] });
  cases.push({ name: "apsStructureValidator Migratable MigrationPreCheckResult", call: "apsStructureValidator", args: [migratableType, "MigrationPreCheckResult",
    { canMigrate: true }, { canMigrate: false, message: "m" }, { canMigrate: "yes" }, { message: 1 }, {}] });
  for (const name of ["Address", "Order"]) cases.push({ name: `apsStructureSchema Shop ${name}`, call: "apsStructureSchema", args: [SHOP_TYPE, name] });
  cases.push({ name: "apsStructureValidator Shop Order", call: "apsStructureValidator", args: [SHOP_TYPE, "Order",
    { id: 1, state: "open" }, { id: 0, ship: { zip: "12" }, bill: { city: 5 }, lines: [{ qty: 1.5 }, {}, { sku: "a" }], state: "OPEN" }, {}, { id: 1, state: "closed", ship: { city: "Graz", zip: "801000000" } }] });
  for (const [what, doc, name] of BAD_TYPE_DOCUMENTS) {
    cases.push({ name: `apsStructureSchema: ${what}`, call: "apsStructureSchema", args: [doc, name] });
    cases.push({ name: `apsStructureValidator: ${what}`, call: "apsStructureValidator", args: [doc, name, {}] });
  }
  return cases;
}
