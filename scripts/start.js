#!/usr/bin/env node
/**
 * `npm start`: run the bot from dist/, compiling first only when a source is newer than the
 * last build (`npm ci` builds once through `prepare`). Checking ~300 file times takes a few
 * milliseconds, where even an up-to-date `tsc -b` takes a second or two.
 */
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const BUILD_INFO = join(ROOT, 'dist', 'tsconfig.tsbuildinfo');
const SOURCES = ['src', 'commands', 'adapters', 'exercises', 'tsconfig.json', 'package.json'];

/** The newest modification time under PATH (a file or a folder), 0 if it is missing. */
function newest(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = statSync(BUILD_INFO, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (SOURCES.some((source) => newest(join(ROOT, source)) > built)) {
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
require(join(ROOT, 'dist', 'adapters', 'main.js'));
