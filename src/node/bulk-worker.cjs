"use strict";
// A piscina worker of validateStream / validateFile (bulk.cjs): one validateMany call per chunk.
// The chunk's buffer is moved back with the result, for the reading thread to read later chunks
// into (bulk.cjs, Chunker.recycle).
// Copied into pkg/node/ by scripts/package.mjs.
const { move, transferableSymbol, valueSymbol } = require("piscina");
const { validateMany } = require("./index.cjs");

module.exports = ({ id, bytes, maxErrors }) => {
  const result = validateMany(id, bytes, { maxErrors });
  return move({ [transferableSymbol]: [bytes.buffer], [valueSymbol]: { result, buffer: bytes.buffer } });
};
