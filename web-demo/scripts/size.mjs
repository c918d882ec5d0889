// Bundle size of each entry point as an app would ship it: bundled with esbuild, minified,
// React left external (the app has it), then gzip -9.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rows = [];
for (const [name, file] of [['restream-sdk/core', 'dist/core/index.js'], ['restream-sdk', 'dist/react/index.js']]) {
  const r = await build({ entryPoints: [join(root, file)], bundle: true, minify: true, format: 'esm', write: false, external: ['react'], target: 'es2020' });
  const code = r.outputFiles[0].contents;
  rows.push({ entry: name, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
}
console.table(rows);
