// A fake of the service's HTTP surface for the core's unit tests: every fetch is recorded, routes
// answer from a table, and each GET /api/v1/events becomes a controllable SSE channel.

export interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (call: Call) => Response | Promise<Response> | undefined;

export class SseChannel {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly body: ReadableStream<Uint8Array>;
  closed = false;
  private readonly enc = new TextEncoder();

  constructor(readonly call: Call, signal: AbortSignal | undefined) {
    this.body = new ReadableStream({ start: (c) => void (this.controller = c) });
    signal?.addEventListener('abort', () => {
      if (this.closed) return;
      this.closed = true;
      this.controller.error(new DOMException('aborted', 'AbortError'));
    });
  }

  send(event: string, data: unknown, id?: string): void {
    this.raw(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
  }

  raw(text: string): void {
    if (!this.closed) this.controller.enqueue(this.enc.encode(text));
  }

  /** The server ends the stream (a drop). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.controller.close();
  }
}

export const json = (status: number, body: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export const apiError = (status: number, code: string, message = code): Response =>
  json(status, { error: { code, message, status } });

export class FakeApi {
  readonly calls: Call[] = [];
  readonly streams: SseChannel[] = [];
  routes = new Map<string, Handler>();
  /** Answer for POST /api/v1/events/ticket; default: a fresh ticket each time. */
  tickets = true;
  private ticketSeq = 0;

  constructor() {
    this.on('GET /api/v1/connections', () => json(200, []));
    this.on('GET /api/v1/jobs/current', () => apiError(404, 'no_job'));
    this.on('POST /api/v1/events/ticket', () => (this.tickets ? json(200, { ticket: 'tkt_' + ++this.ticketSeq, expiresIn: 60 }) : apiError(404, 'not_found')));
  }

  on(route: string, h: Handler): this {
    this.routes.set(route, h);
    return this;
  }

  openStreams(): SseChannel[] {
    return this.streams.filter((s) => !s.closed);
  }

  calledWith(route: string): Call[] {
    const [m, p] = route.split(' ');
    return this.calls.filter((c) => c.method === m && c.url.pathname === p);
  }

  fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const call: Call = { method: init.method ?? 'GET', url, headers, body: init.body ? JSON.parse(String(init.body)) : undefined };
    this.calls.push(call);
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const h = this.routes.get(`${call.method} ${url.pathname}`);
    if (h) {
      const res = await h(call);
      if (res) return res;
    }
    if (call.method === 'GET' && url.pathname === '/api/v1/events') {
      const ch = new SseChannel(call, init.signal ?? undefined);
      this.streams.push(ch);
      return new Response(ch.body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    return apiError(404, 'not_found', `no fake for ${call.method} ${url.pathname}`);
  };
}

/** A fetch that never answers but honours its abort signal (a dead server). */
export const hangingFetch = (_: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
  new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

export const comment = (n: number, platform = 'twitch') => ({
  id: `${platform}:m${n}`,
  platform,
  author: 'viewer' + n,
  message: 'hello ' + n,
  timestamp: 1_700_000_000_000 + n,
});

export async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 5));
  }
}
