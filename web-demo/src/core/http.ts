import { ClientCodes, RestreamError, errorFromResponse, errorFromThrown } from './errors.js';
import type { Credentials } from './credentials.js';

/**
 * One fetch with a deadline: an AbortController fires after `timeoutMs` (the body is read within
 * the same deadline), and `outer` (the studio's own signal) aborts it on destroy.
 */
export async function timedFetch<T>(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  read: (res: Response) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const ctl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, timeoutMs);
  const onOuter = () => ctl.abort();
  outer?.addEventListener('abort', onOuter);
  try {
    if (outer?.aborted) throw new RestreamError('The studio was destroyed', 0, ClientCodes.destroyed);
    const res = await globalThis.fetch(url, { ...init, signal: ctl.signal });
    return await read(res);
  } catch (e) {
    if (outer?.aborted && !timedOut) throw new RestreamError('The studio was destroyed', 0, ClientCodes.destroyed);
    throw errorFromThrown(e, timedOut);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuter);
  }
}

/** Reads a 2xx body as JSON (204 and empty bodies are `undefined`), anything else as a RestreamError. */
export async function readJson<T>(res: Response): Promise<T> {
  if (!res.ok) throw await errorFromResponse(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new RestreamError('The service answered with something that is not JSON', res.status, ClientCodes.badResponse);
  }
}

const RENEWABLE = new Set(['token_expired', 'invalid_token']);

/** The API client: credentials on every request, the timeout, and one retry after a renewed token. */
export class Http {
  constructor(
    readonly apiBase: string,
    private readonly timeoutMs: number,
    private readonly credentials: Credentials,
    private readonly signal: AbortSignal,
  ) {}

  url(path: string): string {
    return this.apiBase + path;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const auth = await this.credentials.headers();
      const headers: Record<string, string> = { Accept: 'application/json', ...auth };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'omit' };
      if (body !== undefined) init.body = JSON.stringify(body);
      try {
        return await timedFetch(this.url(path), init, this.timeoutMs, readJson<T>, this.signal);
      } catch (e) {
        const retry =
          attempt === 0 &&
          e instanceof RestreamError &&
          e.status === 401 &&
          RENEWABLE.has(e.code) &&
          (await this.credentials.renew(auth));
        if (!retry) throw e;
      }
    }
  }
}
