#!/usr/bin/env node
// ort-run.js — runs an .onnx file in ONNX Runtime (onnxruntime-node) on a CSV's columns.
//
// Usage: ort-run.js MODEL.onnx DATA.csv   prints {"OUTPUT": {"type", "dims", "data"}} as JSON
//        ort-run.js --check               exits 0 when ONNX Runtime loads, else 1 with why
//
// Each graph input is fed the CSV column of its name, as the input's declared type: text
// for string inputs, numbers for float and double ones, where a missing cell (empty, or a
// missing marker in any letter case: ? na n/a nan null #n/a) and anything that is no
// number are NaN — Fairway's ONNX contract (docs/file-formats.md).  Non-finite numbers in
// the output are written as the strings "NaN", "Infinity" and "-Infinity".
//
// ONNX Runtime comes from tools/ort/node_modules (tools/dev.sh installs it there), or from
// the folder FAIRWAY_ORT_MODULES names.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const fs = require('fs');
const path = require('path');

const MISSING = new Set(['', '?', 'na', 'n/a', 'nan', 'null', '#n/a']);

function loadOrt () {
  const modules = process.env.FAIRWAY_ORT_MODULES ||
                  path.join(__dirname, '..', '..', 'tools', 'ort', 'node_modules');
  return require(path.join(modules, 'onnxruntime-node'));
}

// RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.
function parseCsv (text) {
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;

  if (text.charCodeAt(0) === 0xfeff)
    i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n')
        i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toNumber (cell) {
  const t = cell.trim().toLowerCase();
  if (MISSING.has(t))
    return NaN;
  if (/^[+]?inf(inity)?$/.test(t))
    return Infinity;
  if (/^-inf(inity)?$/.test(t))
    return -Infinity;
  // Number() takes hexadecimal and empty text; a decimal number is what a CSV cell holds.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t))
    return NaN;
  return Number(t);
}

function plain (value) {
  if (typeof value === 'bigint')
    return Number(value);
  if (typeof value === 'number' && !Number.isFinite(value))
    return String(value);
  return value;
}

async function main (argv) {
  let ort;

  try {
    ort = loadOrt();
  } catch (error) {
    process.stderr.write(`ONNX Runtime (onnxruntime-node) does not load: ${error.message}\n`);
    return 1;
  }
  if (argv[0] === '--check')
    return 0;
  if (argv.length !== 2) {
    process.stderr.write('usage: ort-run.js MODEL.onnx DATA.csv\n');
    return 2;
  }
  const session = await ort.InferenceSession.create(argv[0]);
  const rows = parseCsv(fs.readFileSync(argv[1], 'utf8'));
  const header = rows[0], body = rows.slice(1);
  const feeds = {};

  for (const meta of session.inputMetadata) {
    const c = header.indexOf(meta.name);
    if (c < 0)
      throw new Error(`the CSV has no column “${meta.name}”`);
    const cells = body.map((row) => (c < row.length ? row[c] : ''));
    let data;
    if (meta.type === 'string')
      data = cells;
    else if (meta.type === 'float32')
      data = Float32Array.from(cells, toNumber);
    else if (meta.type === 'float64')
      data = Float64Array.from(cells, toNumber);
    else
      throw new Error(`input “${meta.name}” has the type ${meta.type}`);
    feeds[meta.name] = new ort.Tensor(meta.type, data, [body.length, 1]);
  }
  const results = await session.run(feeds);
  const out = {};
  for (const name of session.outputNames) {
    const tensor = results[name];
    out[name] = { type: tensor.type, dims: Array.from(tensor.dims),
                  data: Array.from(tensor.data, plain) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

// exitCode, not exit(): a piped stdout is written out before node ends.
main(process.argv.slice(2)).then((status) => { process.exitCode = status; }, (error) => {
  process.stderr.write(`ort-run.js: ${error.message}\n`);
  process.exitCode = 1;
});
