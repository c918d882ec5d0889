import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RestreamError, RestreamStudio } from '../../src/core/index.js';
import { FakeApi, json, until } from './fakes.js';

/** A window with a popup the test drives: which URL it was sent to, messages, closing. */
function fakeWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const popup = { closed: false, location: { href: 'about:blank' }, close() { this.closed = true; } };
  const opened: string[] = [];
  const win = {
    open: vi.fn((url: string) => { opened.push(url); return popup; }),
    addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.delete(fn),
  };
  const post = (origin: string, data: unknown) => listeners.forEach((fn) => fn({ origin, data } as MessageEvent));
  return { win, popup, opened, post, listeners };
}

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal('fetch', api.fetch);
  vi.stubGlobal('location', { href: 'https://app.test/studio', origin: 'https://app.test' });
});
afterEach(() => vi.unstubAllGlobals());

describe('connect()', () => {
  it('opens the popup synchronously, accepts only the service origin\'s restream:oauth message, and confirms', async () => {
    const w = fakeWindow();
    vi.stubGlobal('window', w.win);
    api.on('POST /api/v1/connections/twitch/authorize', () => json(200, { authorizeUrl: 'https://api.test/oauth/twitch/start?s=1', expiresAt: 0 }));
    api.on('POST /api/v1/connections/twitch/confirm', () => json(200, { id: 'twitch', platform: 'twitch', platformUsername: 'me', needsReconnect: false }));
    api.on('GET /api/v1/connections', () => json(200, api.calledWith('POST /api/v1/connections/twitch/confirm').length ? [{ id: 'twitch', platform: 'twitch', platformUsername: 'me', needsReconnect: false }] : []));
    const s = new RestreamStudio({ apiBase: 'https://api.test', publishableKey: 'pk', userId: 'u' });
    const done = s.connect('twitch');
    expect(w.opened).toEqual(['about:blank']); // before any await: inside the click
    await until('navigated', () => w.popup.location.href.startsWith('https://api.test/oauth/'));
    expect(api.calledWith('POST /api/v1/connections/twitch/authorize')[0]!.body).toEqual({ origin: 'https://app.test' });
    w.post('https://evil.test', { type: 'restream:oauth', ok: true, platform: 'twitch', confirmation: 'stolen' });
    w.post('https://api.test', { type: 'other', ok: true, platform: 'twitch' });
    w.post('https://api.test', { type: 'restream:oauth', ok: true, platform: 'kick', confirmation: 'c-kick' });
    w.post('https://api.test', { type: 'restream:oauth', ok: true, platform: 'twitch', confirmation: 'c-1' });
    const linked = await done;
    expect(linked?.id).toBe('twitch');
    expect(api.calledWith('POST /api/v1/connections/twitch/confirm').map((c) => c.body)).toEqual([{ confirmation: 'c-1' }]);
    expect(s.connections.map((c) => c.id)).toEqual(['twitch']);
    expect(w.popup.closed).toBe(true);
    s.destroy();
  });

  it('rejects (status 0, popup_closed) when the user closes the popup, and emits the error', async () => {
    const w = fakeWindow();
    vi.stubGlobal('window', w.win);
    api.on('POST /api/v1/connections/kick/authorize', () => json(200, { authorizeUrl: 'https://api.test/oauth/kick/start', expiresAt: 0 }));
    const s = new RestreamStudio({ apiBase: 'https://api.test', publishableKey: 'pk', userId: 'u' });
    const errors: string[] = [];
    s.on('error', (e) => errors.push(e.code));
    const done = s.connect('kick');
    await until('navigated', () => w.popup.location.href !== 'about:blank');
    w.popup.closed = true;
    const err = (await done.catch((e) => e)) as RestreamError;
    expect([err.status, err.code]).toEqual([0, 'popup_closed']);
    expect(errors).toContain('popup_closed');
    expect(w.listeners.size).toBe(0);
    s.destroy();
  });

  it('a refused consent rejects with the page\'s error code', async () => {
    const w = fakeWindow();
    vi.stubGlobal('window', w.win);
    api.on('POST /api/v1/connections/kick/authorize', () => json(200, { authorizeUrl: 'https://api.test/oauth/kick/start', expiresAt: 0 }));
    const s = new RestreamStudio({ apiBase: 'https://api.test/', publishableKey: 'pk', userId: 'u' });
    const done = s.connect('kick');
    await until('navigated', () => w.popup.location.href !== 'about:blank');
    w.post('https://api.test', { type: 'restream:oauth', ok: false, platform: 'kick', error: { code: 'access_denied', message: 'denied' } });
    const err = (await done.catch((e) => e)) as RestreamError;
    expect([err.status, err.code]).toEqual([0, 'access_denied']);
    s.destroy();
  });
});
