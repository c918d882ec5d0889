// Server-side rendering: no DOM, no window. The hooks must render their initial state and start nothing.
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { useLiveChat, useRestream, useViewers } from '../../src/react/index.js';

function Page() {
  const r = useRestream({ apiBase: 'https://restream.example.com', publishableKey: 'pk_live_x', userId: 'u1' });
  const { comments } = useLiveChat(r.studio);
  const { viewers } = useViewers(r.studio);
  return <p>{r.job?.status ?? 'offline'} {comments.length} {viewers.total} {r.connections.length}</p>;
}

describe('server-side rendering', () => {
  it('renderToString runs in Node without a DOM and makes no request', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const html = renderToString(<Page />);
    expect(html).toBe('<p>offline<!-- --> <!-- -->0<!-- --> <!-- -->0<!-- --> <!-- -->0</p>');
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
