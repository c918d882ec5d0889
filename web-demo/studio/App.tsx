import { useState } from 'react';
import { useRestream, type RestreamOptions } from '../src/react/index.js';
import { Banners, Chat, Connections, ErrorBar, GoLive, JobPanel, ViewersPanel } from './panels.js';

/** The Studio: everything a streamer does, on the SDK's hooks only. */
export function App({ options }: { options: RestreamOptions }) {
  const r = useRestream(options);
  const [session] = useState(() => 'demo-' + Math.random().toString(36).slice(2, 8));
  const who = options.userId ? `user ${options.userId}` : 'token mode';
  return (
    <main>
      <header>
        <h1>Restream Studio</h1>
        <span className={'dot ' + (r.streamOpen ? 'on' : 'off')} data-testid="stream" title="event stream">
          {r.streamOpen ? 'connected' : 'connecting…'}
        </span>
        <span className="muted">{who} · {options.apiBase}</span>
      </header>
      <ErrorBar error={r.error} onDismiss={r.clearError} />
      <div className="grid">
        <section>
          <h2>1 · Accounts</h2>
          <Connections connections={r.connections} connect={r.connect} disconnect={r.disconnect} />
        </section>
        <section>
          <h2>2 · Go live</h2>
          <GoLive r={r} session={session} />
          <JobPanel job={r.job} />
        </section>
        <section>
          <h2>Viewers</h2>
          <ViewersPanel studio={r.studio} />
          <h2>Banners</h2>
          <Banners r={r} apiBase={options.apiBase} />
        </section>
        <section className="chat">
          <h2>Chat</h2>
          <Chat studio={r.studio} />
        </section>
      </div>
    </main>
  );
}
