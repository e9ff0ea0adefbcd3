"use strict";
// A piscina worker of validateStream / validateFile (bulk.cjs): one validateMany call per chunk.
// Copied into pkg/node/ by scripts/package.mjs.
const { validateMany } = require("./index.cjs");

module.exports = ({ id, bytes, maxErrors }) => validateMany(id, bytes, { maxErrors });
