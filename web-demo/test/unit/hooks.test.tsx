// @vitest-environment jsdom
import { StrictMode, useEffect } from 'react';
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLiveChat, useRestream, useViewers, type RestreamOptions } from '../../src/react/index.js';
import { FakeApi, comment, until } from './fakes.js';

const options: RestreamOptions = { apiBase: 'http://api.test', publishableKey: 'pk_live_x', userId: 'u1' };
let api: FakeApi;

beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal('fetch', api.fetch);
});
afterEach(() => vi.unstubAllGlobals());

function Studio({ onRender }: { onRender?: (n: number) => void }) {
  const r = useRestream(options);
  const chat = useLiveChat(r.studio);
  const { viewers } = useViewers(r.studio);
  useEffect(() => onRender?.(chat.comments.length));
  return (
    <div>
      <span data-testid="status">{r.job?.status ?? 'none'}</span>
      <span data-testid="viewers">{viewers.total}</span>
      <ul>{chat.comments.map((c) => <li key={c.id}>{c.message}</li>)}</ul>
    </div>
  );
}

describe('hooks', () => {
  it('StrictMode (mount, unmount, mount) leaves exactly one event stream; unmount closes it', async () => {
    const view = render(<StrictMode><Studio /></StrictMode>);
    await until('a stream', () => api.openStreams().length >= 1);
    // let any stray second open happen before counting
    await act(async () => { await new Promise((r) => setTimeout(r, 200)); });
    expect(api.openStreams()).toHaveLength(1);

    const ch = api.openStreams()[0]!;
    await act(async () => {
      ch.send('job', { id: 'job_1', status: 'running' });
      ch.send('viewers', { total: 17, platforms: { twitch: 12, kick: 5 } });
      ch.send('comment', comment(1), '1');
      ch.send('comment', comment(1), '1');
      await until('render', () => view.getByTestId('status').textContent === 'running');
    });
    expect(view.getByTestId('viewers').textContent).toBe('17');
    expect(view.getAllByRole('listitem')).toHaveLength(1);

    view.unmount();
    await until('stream closed', () => api.openStreams().length === 0);
    await new Promise((r) => setTimeout(r, 700)); // longer than the first reconnect backoff
    expect(api.openStreams()).toHaveLength(0);
  });

  it('two components with the same options each own one stream and close only their own', async () => {
    const a = render(<Studio />);
    const b = render(<Studio />);
    await until('two streams', () => api.openStreams().length === 2);
    a.unmount();
    await until('one left', () => api.openStreams().length === 1);
    b.unmount();
    await until('none left', () => api.openStreams().length === 0);
  });
});
