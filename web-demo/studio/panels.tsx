import { useEffect, useState, type FormEvent } from 'react';
import { useLiveChat, useViewers, type Connection, type Job, type RestreamErrorLike, type RestreamStudio, type SendResult, type UseRestreamResult } from '../src/react/index.js';
import { bannerDefaults } from './config.js';

const PLATFORMS = ['twitch', 'kick', 'youtube', 'facebook'] as const;

export function ErrorBar({ error, onDismiss }: { error: RestreamErrorLike | null; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <div className="error" role="alert" data-testid="error" data-status={error.status} data-code={error.code}>
      <b>{error.status === 0 ? 'network' : error.status}</b> <code>{error.code}</code> {error.message}
      <button onClick={onDismiss} aria-label="dismiss">×</button>
    </div>
  );
}

export function Connections(props: { connections: Connection[]; connect: (p: string) => Promise<unknown>; disconnect: (p: string) => Promise<unknown> }) {
  const [busy, setBusy] = useState<string | null>(null);
  const run = (p: string, fn: (p: string) => Promise<unknown>) => {
    setBusy(p);
    fn(p).catch(() => undefined).finally(() => setBusy(null));
  };
  return (
    <ul className="accounts">
      {PLATFORMS.map((p) => {
        const c = props.connections.find((x) => x.platform === p);
        return (
          <li key={p} data-testid={'account-' + p} data-connected={c ? 'yes' : 'no'}>
            <span className={'badge ' + p}>{p}</span>
            {c ? (
              <>
                <span>{c.platformUsername}{c.needsReconnect ? ' (reconnect needed)' : ''}</span>
                <button disabled={busy === p} onClick={() => run(p, props.disconnect)}>Disconnect</button>
              </>
            ) : (
              <button disabled={busy === p} data-testid={'connect-' + p} onClick={() => run(p, props.connect)}>
                {busy === p ? 'Waiting for the popup…' : 'Connect'}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const ACTIVE = new Set(['queued', 'running', 'stopping']);

export function GoLive({ r, session }: { r: UseRestreamResult; session: string }) {
  const connected = r.connections.map((c) => c.id);
  const [picked, setPicked] = useState<string[] | null>(null);
  const chosen = (picked ?? connected).filter((d) => connected.includes(d));
  useEffect(() => r.arm({ destinations: chosen }), [r.arm, chosen.join(',')]);
  const live = !!r.job && ACTIVE.has(r.job.status);
  const toggle = (id: string) => setPicked(chosen.includes(id) ? chosen.filter((d) => d !== id) : [...chosen, id]);
  return (
    <div>
      <p className="muted">Source: <code>{session}</code> (a generated test picture with a clock)</p>
      <div className="destinations">
        {connected.length === 0 && <span className="muted">Connect an account first.</span>}
        {connected.map((id) => (
          <label key={id}><input type="checkbox" checked={chosen.includes(id)} onChange={() => toggle(id)} /> {id}</label>
        ))}
      </div>
      <button className="primary" data-testid="go-live" disabled={chosen.length === 0}
        onClick={() => r.goLive({ publisherSessionId: session }).catch(() => undefined)}>
        {live ? 'Restart live' : 'Go live'}
      </button>{' '}
      <button data-testid="stop" disabled={!live} onClick={() => r.stopLive().catch(() => undefined)}>Stop</button>
    </div>
  );
}

export function JobPanel({ job }: { job: Job | null }) {
  if (!job) return <p className="muted" data-testid="job-status" data-status="none">Not live.</p>;
  return (
    <div className="job">
      <p>Status: <b data-testid="job-status" data-status={job.status}>{job.status}</b>{job.error ? ` — ${job.error.message}` : ''}</p>
      <table>
        <tbody>
          {(job.broadcasts ?? []).map((b) => (
            <tr key={b.destination} data-testid={'broadcast-' + b.destination} data-state={b.state}>
              <td><span className={'badge ' + b.platform}>{b.destination}</span></td>
              <td>{b.state}</td>
              <td>{b.watchUrl ? <a href={b.watchUrl} target="_blank" rel="noreferrer" data-testid={'watch-' + b.destination}>watch</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ViewersPanel({ studio }: { studio: RestreamStudio }) {
  const { viewers } = useViewers(studio);
  return (
    <p className="viewers">
      <b data-testid="viewers-total">{viewers.total}</b> watching
      {Object.entries(viewers.platforms).map(([p, n]) => (
        <span key={p} className={'badge ' + p} data-testid={'viewers-' + p}>{p} {n}</span>
      ))}
    </p>
  );
}

export function Banners({ r, apiBase }: { r: UseRestreamResult; apiBase: string }) {
  const d = bannerDefaults(apiBase);
  const [top, setTop] = useState(d.topBanner);
  const [bottom, setBottom] = useState(d.bottomBanner);
  const [html, setHtml] = useState(d.htmlBanner);
  const [useHtml, setUseHtml] = useState(false);
  const [hideTop, setHideTop] = useState(false);
  const [hideBottom, setHideBottom] = useState(false);
  const [note, setNote] = useState('');
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const opts = useHtml ? { htmlBanner: html, enabled: true } : { topBanner: top, bottomBanner: bottom, hideTop, hideBottom, enabled: true };
    r.updateOverlay(opts).then(() => setNote('Applied to the live output.'), () => setNote(''));
  };
  return (
    <form className="banners" onSubmit={apply}>
      <label><input type="radio" checked={!useHtml} onChange={() => setUseHtml(false)} /> PNG bars</label>
      <label><input type="radio" checked={useHtml} onChange={() => setUseHtml(true)} data-testid="use-html" /> HTML banner</label>
      {useHtml ? (
        <input value={html} onChange={(e) => setHtml(e.target.value)} data-testid="html-banner" aria-label="HTML banner URL" />
      ) : (
        <>
          <input value={top} onChange={(e) => setTop(e.target.value)} aria-label="top banner URL" />
          <label><input type="checkbox" checked={hideTop} onChange={(e) => setHideTop(e.target.checked)} /> hide top</label>
          <input value={bottom} onChange={(e) => setBottom(e.target.value)} aria-label="bottom banner URL" />
          <label><input type="checkbox" checked={hideBottom} onChange={(e) => setHideBottom(e.target.checked)} /> hide bottom</label>
        </>
      )}
      <button disabled={!r.job || !ACTIVE.has(r.job.status)} data-testid="apply-banners">Apply live</button>
      <span className="muted" data-testid="banner-note">{note}</span>
    </form>
  );
}

export function Chat({ studio }: { studio: RestreamStudio }) {
  const { comments, send } = useLiveChat(studio);
  const [text, setText] = useState('');
  const [results, setResults] = useState<SendResult[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    send(text).then((r) => { setResults(r); setText(''); }, () => setResults([]));
  };
  return (
    <>
      <ol className="comments" data-testid="comments">
        {comments.map((c) => (
          <li key={c.id} data-testid="comment" data-id={c.id}>
            <span className={'badge ' + c.platform}>{c.platform}</span> <b>{c.author}</b> {c.message}
          </li>
        ))}
        {comments.length === 0 && <li className="muted">Chat from every platform shows here.</li>}
      </ol>
      <form onSubmit={submit} className="send">
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Say something on every platform" data-testid="chat-input" maxLength={500} />
        <button data-testid="chat-send">Send</button>
      </form>
      <p className="muted" data-testid="send-results">
        {results.map((r) => `${r.platform}: ${r.ok ? 'sent' : 'failed'}`).join(' · ')}
      </p>
    </>
  );
}
