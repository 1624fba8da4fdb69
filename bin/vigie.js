#!/usr/bin/env node
'use strict';
// The compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script, or `npm run build`).
const path = require('node:path');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
let cli;
try {
  cli = require(entry);
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(entry)) {
    process.stderr.write('vigie: not built yet. Run `npm run build` (or `npm ci`) first.\n');
    process.exit(1);
  }
  throw error;
}
cli.runCli(process.argv.slice(2), process.stdout, process.stderr).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`vigie: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 1;
  },
);
