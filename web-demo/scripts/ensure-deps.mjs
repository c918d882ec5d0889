// `npm ci` only when package-lock.json changed since the last install (a Maven build runs this
// every time; a full `npm ci` would cost a minute each build), then the library build.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'node_modules', '.restream-lock-sha256');
const want = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
const npm = (...args) => execFileSync('npm', args, { cwd: root, stdio: 'inherit' });
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== want) {
  npm('ci', '--no-audit', '--no-fund', '--prefer-offline'); // runs `prepare` (the library build) too
  writeFileSync(stamp, want);
} else {
  npm('run', 'build');
}
