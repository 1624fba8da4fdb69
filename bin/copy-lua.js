#!/usr/bin/env node
// Copies the Redis Lua scripts (src/store/redis/lua/*.lua) beside the compiled store: tsc copies only
// TypeScript. Usage: node bin/copy-lua.js <destination directory>
const { cpSync } = require('node:fs');
const path = require('node:path');

const destination = process.argv[2];
if (destination === undefined) {
  process.stderr.write('usage: node bin/copy-lua.js <destination directory>\n');
  process.exit(2);
}
cpSync(path.join(__dirname, '..', 'src', 'store', 'redis', 'lua'), destination, { recursive: true });
