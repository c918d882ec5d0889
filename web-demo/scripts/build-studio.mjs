// Builds the Studio page (studio/ → studio-dist/): one minified bundle with React and the hooks,
// the HTML and CSS, and two banner bars. `STUDIO_OUT` moves the output (Maven points it at
// target/classes/restream-demo so that the service serves the page at /demo/).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { png } from './png.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, process.env.STUDIO_OUT ?? 'studio-dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'banners'), { recursive: true });

await build({
  entryPoints: [join(root, 'studio/main.tsx')],
  outfile: join(out, 'studio.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(root, 'studio/index.html'), join(out, 'index.html'));
copyFileSync(join(root, 'studio/studio.css'), join(out, 'studio.css'));

// 1280×72 bars: a semi-transparent gradient with a bright edge, so they are visible over the picture.
const bar = (hue0, hue1, edgeAtTop) =>
  png(1280, 72, (x, y) => {
    const t = x / 1279;
    const r = Math.round(hue0[0] + (hue1[0] - hue0[0]) * t);
    const g = Math.round(hue0[1] + (hue1[1] - hue0[1]) * t);
    const b = Math.round(hue0[2] + (hue1[2] - hue0[2]) * t);
    const edge = edgeAtTop ? y < 4 : y > 67;
    return edge ? [255, 255, 255, 255] : [r, g, b, 200];
  });
writeFileSync(join(out, 'banners/top.png'), bar([224, 36, 94], [145, 70, 255], false));
writeFileSync(join(out, 'banners/bottom.png'), bar([24, 119, 242], [42, 157, 42], true));
console.log('Studio page built in ' + out);
