// Checks the tarball `npm pack` makes, as an integrator would meet it: installs it in a fresh
// folder (with React, the optional peer the hooks need), imports both entry points in plain Node
// (no window), and type-checks a strict consumer file against it with `tsc --noEmit`.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'restream-sdk-pack-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'restream-sdk');
  assert.equal(pkg.sideEffects, false);
  assert.ok(!pkg.dependencies?.react, 'react must not be a dependency');
  assert.equal(pkg.peerDependencies.react, '>=17');
  assert.equal(pkg.peerDependenciesMeta.react.optional, true);
  for (const entry of ['.', './core']) assert.equal(Object.keys(pkg.exports[entry])[0], 'types', `types first in exports["${entry}"]`);

  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root))[0];
  const files = packed.files.map((f) => f.path);
  for (const f of ['dist/core/index.js', 'dist/core/index.d.ts', 'dist/react/index.js', 'dist/react/index.d.ts', 'README.md', 'package.json']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('studio')), 'only built files are packed');
  for (const f of files.filter((f) => f.startsWith('dist/core/') && f.endsWith('.js'))) {
    assert.doesNotMatch(readFileSync(join(root, f), 'utf8'), /from ['"]react/, `${f} does not import React`);
  }

  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const reactVersion = JSON.parse(readFileSync(join(root, 'node_modules/react/package.json'), 'utf8')).version;
  const typesVersion = JSON.parse(readFileSync(join(root, 'node_modules/@types/react/package.json'), 'utf8')).version;
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename), `react@${reactVersion}`, `@types/react@${typesVersion}`], app);

  writeFileSync(join(app, 'import.mjs'), `
    const core = await import('restream-sdk/core');
    const hooks = await import('restream-sdk');
    if (typeof globalThis.window !== 'undefined') throw new Error('window exists');
    if (core.RestreamStudio !== hooks.RestreamStudio) throw new Error('two RestreamStudio classes');
    for (const h of ['useRestream', 'useConnections', 'useLiveChat', 'useViewers']) if (typeof hooks[h] !== 'function') throw new Error(h);
    const s = new core.RestreamStudio({ apiBase: 'https://restream.example.com', publishableKey: 'pk_live_x', userId: 'u' });
    s.destroy();
    console.log('imports ok');
  `);
  assert.match(run('node', ['import.mjs'], app), /imports ok/);

  writeFileSync(join(app, 'consumer.ts'), `
    import { RestreamStudio as CoreStudio, type Comment, type RestreamErrorLike } from 'restream-sdk/core';
    import { RestreamStudio, useRestream, useLiveChat, useViewers, useConnections } from 'restream-sdk';

    const studio: CoreStudio = new RestreamStudio({ apiBase: 'https://r.example.com', tokenEndpoint: '/api/restream-token' });
    const off: () => void = studio.on('comment', (c: Comment) => console.log(c.author, c.message.toUpperCase()));
    studio.on('error', (e: RestreamErrorLike) => { const s: number = e.status; const code: string = e.code; console.log(s, code); });
    studio.on('viewers', (v) => { const n: number = v.total + (v.platforms['twitch'] ?? 0); console.log(n); });
    studio.on('job', (j) => console.log(j?.broadcasts?.map((b) => b.watchUrl)));
    // @ts-expect-error: no such event
    studio.on('nope', () => undefined);
    off();

    export function Studio() {
      const r = useRestream({ apiBase: 'https://r.example.com', publishableKey: 'pk_live_x', userId: 'u1' });
      const { comments, send } = useLiveChat(r.studio);
      const { viewers } = useViewers(r.studio);
      const { connections, connect } = useConnections({ apiBase: 'https://r.example.com', publishableKey: 'pk_live_x', userId: 'u1' });
      const status: number | undefined = r.error?.status;
      const click = r.stopLive; // usable as onClick
      void click; void send('gg'); void connect('twitch'); r.arm({ destinations: connections.map((c) => c.id) });
      void r.goLive({ publisherSessionId: 'demo-1' }).then((job) => job.status);
      return [comments.length, viewers.total, status];
    }
  `);
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2020', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2020', 'DOM'], skipLibCheck: false, types: [] },
    files: ['consumer.ts'],
  }));
  run('node', [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
  console.log(`pack check ok: ${packed.filename} (${files.length} files, ${packed.size} bytes); consumer type-checks under strict`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
