import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMENT_CAP, RestreamError, RestreamStudio } from '../../src/core/index.js';
import { CommentLog } from '../../src/core/comments.js';
import { FakeApi, apiError, comment, hangingFetch, json, until } from './fakes.js';

const API = 'http://api.test';
const pkOptions = { apiBase: API, publishableKey: 'pk_live_x', userId: 'u1' };

let api: FakeApi;
let studios: RestreamStudio[] = [];
const make = (o: ConstructorParameters<typeof RestreamStudio>[0] = pkOptions) => {
  const s = new RestreamStudio(o);
  studios.push(s);
  return s;
};

beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal('fetch', api.fetch);
});
afterEach(() => {
  studios.forEach((s) => s.destroy());
  studios = [];
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('comments', () => {
  it('are deduplicated by id and capped at the latest 200, oldest first', () => {
    const log = new CommentLog();
    expect(log.add([comment(1), comment(2), comment(1)]).map((c) => c.id)).toEqual(['twitch:m1', 'twitch:m2']);
    expect(log.add([comment(2)])).toEqual([]);
    log.add(Array.from({ length: 300 }, (_, i) => comment(i + 3)));
    expect(log.all).toHaveLength(COMMENT_CAP);
    expect(log.all[0]!.id).toBe('twitch:m103');
    expect(log.all[COMMENT_CAP - 1]!.id).toBe('twitch:m302');
    expect(log.add([comment(150)])).toEqual([]); // seen before, still remembered
  });

  it('from the stream: each new one emitted once, replays repeat nothing', async () => {
    const s = make();
    const each: string[] = [];
    s.on('comment', (c) => each.push(c.id));
    await until('stream', () => api.openStreams().length === 1);
    const ch = api.openStreams()[0]!;
    ch.send('comment', comment(1), '1');
    ch.send('comment', comment(2), '2');
    ch.send('comment', comment(1), '1');
    await until('two comments', () => s.comments.length === 2);
    expect(each).toEqual(['twitch:m1', 'twitch:m2']);
  });
});

describe('event stream', () => {
  it('resumes after the last comment id with a fresh ticket after a drop', async () => {
    const s = make();
    s.on('comments', () => undefined);
    await until('stream', () => api.openStreams().length === 1);
    const first = api.openStreams()[0]!;
    expect(first.call.url.searchParams.get('ticket')).toBe('tkt_1');
    expect(first.call.url.searchParams.has('lastEventId')).toBe(false);
    first.send('comment', comment(7), '41');
    first.send('job', { id: 'job_1', status: 'running' });
    await until('comment', () => s.comments.length === 1);
    first.end();
    await until('reconnect', () => api.openStreams().length === 1 && api.openStreams()[0] !== first);
    const second = api.openStreams()[0]!;
    expect(second.call.url.searchParams.get('lastEventId')).toBe('41');
    expect(second.call.url.searchParams.get('ticket')).toBe('tkt_2');
    second.send('comment', comment(7), '41'); // a replay of the same id: nothing twice
    second.send('comment', comment(8), '42');
    await until('second comment', () => s.comments.length === 2);
  });

  it('survives error statuses: reports them and keeps reconnecting', async () => {
    let fail = 2;
    api.on('POST /api/v1/events/ticket', () => (fail-- > 0 ? apiError(503, 'unavailable') : json(200, { ticket: 't', expiresIn: 60 })));
    const s = make();
    const errors: number[] = [];
    s.on('error', (e) => errors.push(e.status));
    await until('stream after errors', () => api.openStreams().length === 1, 30_000);
    expect(errors.filter((x) => x === 503).length).toBe(2);
  });

  it('falls back to header credentials when the service has no ticket route', async () => {
    api.tickets = false;
    const s = make();
    s.on('job', () => undefined);
    await until('stream', () => api.openStreams().length === 1);
    const call = api.openStreams()[0]!.call;
    expect(call.url.searchParams.has('ticket')).toBe(false);
    expect(call.headers['x-publishable-key']).toBe('pk_live_x');
    expect(call.url.search).not.toContain('pk_live_x');
  });

  it('keeps the job current from events; a user with no job yet is not an error', async () => {
    const s = make();
    const errors: unknown[] = [];
    s.on('error', (e) => errors.push(e));
    await until('stream', () => api.openStreams().length === 1);
    await until('job restored', () => api.calledWith('GET /api/v1/jobs/current').length === 1);
    expect(s.job).toBeNull();
    api.openStreams()[0]!.send('job', { id: 'job_1', status: 'running', broadcasts: [] });
    await until('job', () => s.job?.status === 'running');
    expect(errors).toEqual([]);
  });
});

describe('token mode', () => {
  const tokenOptions = { apiBase: API, tokenEndpoint: 'https://app.test/restream-token' };

  it('fetches the token once for concurrent requests, and re-mints before it expires', async () => {
    let n = 0;
    api.on('POST /restream-token', async () => {
      await new Promise((r) => setTimeout(r, 20));
      return json(200, { token: 'tok' + ++n, expiresIn: 60 });
    });
    const now = vi.spyOn(Date, 'now');
    const s = make(tokenOptions);
    await Promise.all([s.listConnections(), s.refreshJob(), s.sendChat('hi').catch(() => undefined)]);
    expect(api.calledWith('POST /restream-token')).toHaveLength(1);
    expect(api.calledWith('GET /api/v1/connections')[0]!.headers['authorization']).toBe('Bearer tok1');
    const t0 = Date.now();
    now.mockReturnValue(t0 + 50_000); // 10 s left of 60: inside the re-mint margin
    await Promise.all([s.listConnections(), s.listConnections()]);
    expect(api.calledWith('POST /restream-token')).toHaveLength(2);
    expect(api.calledWith('GET /api/v1/connections').at(-1)!.headers['authorization']).toBe('Bearer tok2');
  });

  it('re-mints once on 401 token_expired and retries the request once', async () => {
    let n = 0;
    api.on('POST /restream-token', () => json(200, { token: 'tok' + ++n, expiresIn: 900 }));
    api.on('GET /api/v1/connections', (c) =>
      c.headers['authorization'] === 'Bearer tok1' ? apiError(401, 'token_expired') : json(200, [{ id: 'kick', platform: 'kick', platformUsername: 'k', needsReconnect: false }]),
    );
    const s = make(tokenOptions);
    const list = await s.listConnections();
    expect(list.map((c) => c.id)).toEqual(['kick']);
    expect(api.calledWith('POST /restream-token')).toHaveLength(2);

    api.on('GET /api/v1/viewers', () => apiError(401, 'invalid_token'));
    api.on('POST /api/v1/chat/messages', () => apiError(401, 'invalid_token'));
    const err = await s.sendChat('hi').catch((e: RestreamError) => e);
    expect(err).toBeInstanceOf(RestreamError);
    expect((err as RestreamError).status).toBe(401);
    expect(api.calledWith('POST /api/v1/chat/messages')).toHaveLength(2); // retried once, not more
  });

  it('resolves a relative token endpoint against the page', async () => {
    vi.stubGlobal('location', { href: 'https://app.test/studio/page.html', origin: 'https://app.test' });
    api.on('POST /studio/token', () => json(200, { token: 'rel', expiresIn: 900 }));
    const s = make({ apiBase: API, tokenEndpoint: 'token' });
    await s.listConnections();
    expect(api.calledWith('GET /api/v1/connections')[0]!.headers['authorization']).toBe('Bearer rel');
  });
});

describe('errors', () => {
  it('map the API error body to status and code, and are emitted as events too', async () => {
    api.on('GET /api/v1/connections', () => apiError(403, 'origin_not_allowed', 'Origin http://evil.test is not allowed'));
    const s = make();
    const seen: RestreamError[] = [];
    s.on('error', (e) => seen.push(e as RestreamError));
    const err = (await s.listConnections().catch((e) => e)) as RestreamError;
    expect(err).toBeInstanceOf(RestreamError);
    expect([err.status, err.code, err.message]).toEqual([403, 'origin_not_allowed', 'Origin http://evil.test is not allowed']);
    expect(seen.some((e) => e.status === 403 && e.code === 'origin_not_allowed')).toBe(true);
    expect(s.error?.status).toBe(403);

    api.on('POST /api/v1/jobs', () => new Response('<html>bad gateway</html>', { status: 502 }));
    const bad = (await s.goLive({ publisherSessionId: 'demo-1', destinations: ['twitch'] }).catch((e) => e)) as RestreamError;
    expect([bad.status, bad.code]).toEqual([502, 'http_502']);
  });

  it('a network failure is status 0', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const err = (await make().listConnections().catch((e) => e)) as RestreamError;
    expect([err.status, err.code]).toEqual([0, 'network_error']);
  });

  it('a timeout is status 0 (AbortController after timeoutMs)', async () => {
    vi.stubGlobal('fetch', hangingFetch);
    const s = make({ ...pkOptions, timeoutMs: 80 });
    const started = Date.now();
    const err = (await s.refreshJob().catch((e) => e)) as RestreamError;
    expect([err.status, err.code]).toEqual([0, 'timeout']);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('actions', () => {
  it('work unbound and ignore a click event passed as the first argument', async () => {
    api.on('POST /api/v1/jobs/current/stop', (c) => json(202, { id: 'job_1', status: 'stopping', body: c.body }));
    api.on('POST /api/v1/jobs', (c) => json(201, { id: 'job_2', status: 'queued', destinations: (c.body as { destinations: string[] }).destinations }));
    const s = make();
    const { stopLive, arm, goLive } = s;
    const click = { nativeEvent: {}, target: {}, preventDefault() {} };
    const job = await stopLive(click);
    expect(job.status).toBe('stopping');
    expect(api.calledWith('POST /api/v1/jobs/current/stop')[0]!.body).toEqual({});
    arm({ destinations: ['twitch', 'kick'] });
    const live = await goLive({ publisherSessionId: 'demo-x' });
    expect(live.destinations).toEqual(['twitch', 'kick']);
    expect(s.job?.id).toBe('job_2');
  });
});

describe('lifecycle', () => {
  it('constructing starts nothing; destroy() closes the stream and leaves no timer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const s = make();
    expect(api.calls).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    s.on('job', () => undefined);
    for (let i = 0; i < 20 && api.openStreams().length === 0; i++) await vi.advanceTimersByTimeAsync(10);
    expect(api.openStreams()).toHaveLength(1);
    api.openStreams()[0]!.end(); // a drop: backoff timer and the polling fallback start
    await vi.advanceTimersByTimeAsync(5);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    s.destroy();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(api.openStreams()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.streams).toHaveLength(1); // nothing reopened
  });
});
