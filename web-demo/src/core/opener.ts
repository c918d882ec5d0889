import { ClientCodes, RestreamError, errorFromResponse, errorFromThrown } from './errors.js';
import type { Credentials } from './credentials.js';
import type { Http } from './http.js';

/**
 * Opens one connection of the event stream. Preferred: a single-use ticket from
 * `POST /api/v1/events/ticket`, so that no bearer token travels in a URL (API.md §1). A service
 * without that route (404) is remembered, and the stream then carries the credential as request
 * headers instead (fetch can send headers, unlike EventSource).
 */
export class StreamOpener {
  private ticketsUnsupported = false;

  constructor(
    private readonly http: Http,
    private readonly credentials: Credentials,
    private readonly timeoutMs: number,
  ) {}

  async open(lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
    const query = new URLSearchParams();
    let headers: Record<string, string> = { Accept: 'text/event-stream' };
    const ticket = await this.ticket();
    if (ticket) query.set('ticket', ticket);
    else headers = { ...headers, ...(await this.credentials.headers()) };
    if (lastEventId) query.set('lastEventId', lastEventId);
    const qs = query.toString();
    const url = this.http.url('/api/v1/events' + (qs ? '?' + qs : ''));

    // The deadline covers the response head only: the body is a stream that stays open.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctl.abort();
    }, this.timeoutMs);
    const ctl = new AbortController();
    const onOuter = () => ctl.abort();
    if (signal.aborted) ctl.abort(); // stopped while the ticket was on its way
    signal.addEventListener('abort', onOuter);
    let res: Response;
    try {
      res = await globalThis.fetch(url, { headers, signal: ctl.signal, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      signal.removeEventListener('abort', onOuter);
      throw errorFromThrown(e, timedOut);
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) {
      signal.removeEventListener('abort', onOuter);
      const err = await errorFromResponse(res);
      if (err.status === 401 && (err.code === 'token_expired' || err.code === 'invalid_token')) {
        await this.credentials.renew(headers).catch(() => false);
      }
      throw err;
    }
    if (!res.body) throw new RestreamError('The event stream has no body', res.status, ClientCodes.badResponse);
    return res;
  }

  private async ticket(): Promise<string | undefined> {
    if (this.ticketsUnsupported) return undefined;
    try {
      const r = await this.http.request<{ ticket?: string }>('POST', '/api/v1/events/ticket', {});
      if (r && typeof r.ticket === 'string') return r.ticket;
      this.ticketsUnsupported = true;
      return undefined;
    } catch (e) {
      if (e instanceof RestreamError && (e.status === 404 || e.status === 405)) {
        this.ticketsUnsupported = true;
        return undefined;
      }
      throw e;
    }
  }
}
