// Starts the real launcher jar in sandbox mode on free ports with a fresh data dir, and stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = process.env.RESTREAM_JAR ?? resolve(here, '../../../app/target/restream.jar');

export async function waitFor(what, fn, timeoutMs = 60_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}` + (last ? `: ${last.message}` : ''));
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Starts `java -jar restream.jar` (sandbox, ports 0) and resolves once /readyz answers 200. */
export async function startService(extraEnv = {}) {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build it with mvn -B -o -q -DskipTests package -pl app -am`);
  const dataDir = mkdtempSync(join(tmpdir(), 'restream-e2e-'));
  let out = '';
  const env = { ...process.env, RESTREAM_SANDBOX: 'true', RESTREAM_HTTP_PORT: '0', RESTREAM_SIM_PORT: '0', RESTREAM_DATA_DIR: dataDir, ...extraEnv };
  delete env.REDIS_URL; // the launcher's embedded Redis, in the data dir: nothing shared with other tests
  const proc = spawn('java', ['-jar', JAR], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((r) => proc.once('exit', r));
  try {
    const httpPort = await waitFor('http.port', () => readPort(dataDir, 'http.port'), 120_000);
    const simPort = await waitFor('sim.port', () => readPort(dataDir, 'sim.port'), 30_000);
    const api = `http://localhost:${httpPort}`;
    await waitFor('/readyz', async () => (await fetch(api + '/readyz')).ok, 60_000);
    const adminToken = readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
    return {
      api,
      sim: `http://127.0.0.1:${simPort}`,
      httpPort,
      adminToken,
      dataDir,
      output: () => out,
      async stop() {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    proc.kill('SIGKILL');
    await exited;
    throw new Error(e.message + '\n--- launcher output ---\n' + out);
  }
}

function readPort(dir, name) {
  const f = join(dir, name);
  if (!existsSync(f)) return 0;
  const n = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Admin helpers against the running service. */
export function admin(svc) {
  const call = async (method, path, body) => {
    const res = await fetch(svc.api + path, {
      method,
      headers: { Authorization: 'Bearer ' + svc.adminToken, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    call,
    async client(name, origins) {
      const c = await call('POST', '/api/v1/admin/clients', { name });
      const all = ['connect', 'restream', 'read', 'chat:write'];
      const pk = await call('POST', `/api/v1/admin/clients/${c.id}/keys`, { type: 'publishable', scopes: all, allowedOrigins: origins });
      const sk = await call('POST', `/api/v1/admin/clients/${c.id}/keys`, { type: 'secret', scopes: all, allowedOrigins: [] });
      return { id: c.id, publishableKey: pk.key, secretKey: sk.key };
    },
  };
}
