import { ClientCodes, RestreamError } from './errors.js';
import { timedFetch } from './http.js';

/** How requests prove who they are: publishable-key headers, or a bearer token from the integrator's backend. */
export interface Credentials {
  headers(): Promise<Record<string, string>>;
  /**
   * A request sent with `used` got `401 token_expired|invalid_token`: obtain a fresh credential.
   * Resolves true when the request may be retried once with new headers.
   */
  renew(used: Record<string, string>): Promise<boolean>;
}

export class PublishableKeyCredentials implements Credentials {
  private readonly h: Record<string, string>;

  constructor(publishableKey: string, userId: string) {
    this.h = { 'X-Publishable-Key': publishableKey, 'X-User-Id': userId };
  }

  async headers(): Promise<Record<string, string>> {
    return this.h;
  }

  async renew(): Promise<boolean> {
    return false; // a key does not expire: a 401 is final
  }
}

/**
 * Token mode. The token is fetched lazily on first use, cached, and re-minted when less than a
 * fifth of its life (at most 30 s) is left, or after a 401 for it. Only one fetch of the token
 * endpoint runs at a time: concurrent callers share it.
 */
export class TokenCredentials implements Credentials {
  private token: string | undefined;
  private expiresAt = 0;
  private renewAt = 0;
  private inflight: Promise<string> | undefined;
  /** How many times the endpoint was asked (tests and diagnostics). */
  mints = 0;

  constructor(
    private readonly endpoint: string,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
  ) {}

  async headers(): Promise<Record<string, string>> {
    return { Authorization: 'Bearer ' + (await this.get()) };
  }

  async get(): Promise<string> {
    if (this.token && Date.now() < this.renewAt) return this.token;
    return this.mint();
  }

  async renew(used: Record<string, string>): Promise<boolean> {
    const usedToken = (used['Authorization'] ?? '').replace(/^Bearer /, '');
    if (this.token && this.token !== usedToken && Date.now() < this.expiresAt) return true; // already re-minted
    this.token = undefined;
    await this.mint();
    return true;
  }

  private mint(): Promise<string> {
    if (!this.inflight) {
      this.inflight = this.fetchToken().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async fetchToken(): Promise<string> {
    this.mints++;
    const url = resolveUrl(this.endpoint);
    const body = await timedFetch(
      url,
      { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' },
      this.timeoutMs,
      async (res) => {
        if (!res.ok) {
          throw new RestreamError(`The token endpoint answered HTTP ${res.status}`, res.status, ClientCodes.tokenEndpoint);
        }
        return (await res.json()) as { token?: unknown; expiresIn?: unknown };
      },
      this.signal,
    );
    if (typeof body?.token !== 'string' || typeof body.expiresIn !== 'number') {
      throw new RestreamError('The token endpoint must answer { token, expiresIn }', 0, ClientCodes.tokenEndpoint);
    }
    const now = Date.now();
    const lifeMs = body.expiresIn * 1000;
    this.token = body.token;
    this.expiresAt = now + lifeMs;
    this.renewAt = now + lifeMs - Math.min(30_000, lifeMs / 5);
    return body.token;
  }
}

/** `tokenEndpoint` may be relative to the page. */
export function resolveUrl(url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  if (!base) throw new RestreamError('A relative tokenEndpoint needs a page to resolve against', 0, ClientCodes.tokenEndpoint);
  return new URL(url, base).toString();
}
