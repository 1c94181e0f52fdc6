#!/usr/bin/env node
// `npm start` serves the built web app. Build it when there is no build yet or a source file is
// newer than the last build, so the first start (and a start after `git pull`) just works.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const builtIndex = path.join(web, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Why the build in web/dist is out of date, or undefined when it is current. */
function staleBecause() {
  if (!fs.existsSync(builtIndex)) return 'first start';
  const sources = [path.join(web, 'src'), path.join(web, 'public'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(web, 'package.json')];
  const builtAt = fs.statSync(builtIndex).mtimeMs;
  const changedAt = Math.max(...sources.filter((p) => fs.existsSync(p)).map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));
  if (changedAt > builtAt) return 'changed sources';
  // Builds from before precompression and build-info.json (the server's CSP reads the tile host there).
  const infoFile = path.join(web, 'dist', 'build-info.json');
  if (!fs.existsSync(infoFile) || !fs.existsSync(`${builtIndex}.br`)) return 'an older build without precompressed files';
  // Built for other map tiles than the environment now asks for (only when it says).
  const info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
  for (const [name, key] of [['VITE_TILE_URL', 'tileUrl'], ['VITE_TILE_CRS', 'tileCrs']]) {
    if (process.env[name] !== undefined && (process.env[name] || null) !== (info[key] ?? null)) return `${name} changed`;
  }
  return undefined;
}

const reason = staleBecause();
if (!reason) process.exit(0);

console.log(`wangge: building the web app (${reason})…`);
const result = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
