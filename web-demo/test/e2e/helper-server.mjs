// The integrator's side for the E2E: a second origin that serves the built Studio page with its own
// config.json, and a token endpoint (like the README's Express route) minting 60-second tokens.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

/** `configs`: { '/forbidden/': {...}, '/token/': {...} } — each prefix serves the page with that config.json. */
export async function startHelper({ studioDir, configs, mint }) {
  const mints = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (req.method === 'POST' && url.pathname.endsWith('/token')) {
        const body = await mint();
        mints.push(Date.now());
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
        return;
      }
      const prefix = Object.keys(configs).find((p) => url.pathname.startsWith(p));
      if (!prefix) return void res.writeHead(404).end();
      const rest = url.pathname.slice(prefix.length) || 'index.html';
      if (rest === 'config.json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(configs[prefix]));
        return;
      }
      const file = normalize(join(studioDir, rest));
      if (!file.startsWith(studioDir)) return void res.writeHead(403).end();
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(data);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' ? 404 : 500).end(String(e.message));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, mints, close: () => new Promise((r) => server.close(r)) };
}
