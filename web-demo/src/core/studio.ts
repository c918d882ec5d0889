import { CommentLog } from './comments.js';
import { PublishableKeyCredentials, TokenCredentials, type Credentials } from './credentials.js';
import { Emitter } from './emitter.js';
import { ClientCodes, RestreamError } from './errors.js';
import { Http } from './http.js';
import { StreamOpener } from './opener.js';
import { linkAccount, openBlankPopup } from './popup.js';
import { EventStream } from './stream.js';
import type { Comment, Connection, GoLiveParams, Job, Overlay, RestreamOptions, SendResult, StudioEvents, StudioState, Viewers } from './types.js';
import { ignoreUiEvent, initialState, isActive, normalizeOptions } from './util.js';

const POLL_MS = 5000;

/**
 * The framework-agnostic controller: state (connections, job, viewers, chat, error), the actions,
 * and the event stream that keeps the state current.
 *
 * <pre>
 *   new ──on()/action──▶ running ──destroy()──▶ destroyed (final: stream closed, every timer cleared)
 *   new ──hold()───────▶ running ──last release──▶ suspended ──hold()──▶ running
 * </pre>
 *
 * Constructing starts nothing and touches no browser global (safe during server-side rendering).
 * `hold()` is what the React hooks use: React StrictMode mounts, unmounts and mounts again, and
 * the studio must come back with exactly one stream. Actions are bound and ignore a click event
 * passed as their first argument, so `onClick={studio.stopLive}` works.
 */
export class RestreamStudio {
  private readonly emitter = new Emitter<StudioEvents>();
  private readonly changes = new Set<() => void>();
  private readonly life = new AbortController();
  private readonly http: Http;
  private readonly credentials: Credentials;
  private readonly opener: StreamOpener;
  private readonly log = new CommentLog();
  private snapshot: StudioState = initialState();
  private stream: EventStream | undefined;
  private lastEventId: string | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private armed: string[] = [];
  private holds = 0;
  private heldMode = false;
  private autoStarted = false;
  private destroyed = false;

  constructor(options: RestreamOptions) {
    const o = normalizeOptions(options);
    this.credentials = o.tokenEndpoint
      ? new TokenCredentials(o.tokenEndpoint, o.timeoutMs, this.life.signal)
      : new PublishableKeyCredentials(o.publishableKey!, o.userId!);
    this.http = new Http(o.apiBase, o.timeoutMs, this.credentials, this.life.signal);
    this.opener = new StreamOpener(this.http, this.credentials, o.timeoutMs);
  }

  // ---- state ---------------------------------------------------------------------------------

  get connections(): Connection[] { return this.snapshot.connections; }
  get job(): Job | null { return this.snapshot.job; }
  get viewers(): Viewers { return this.snapshot.viewers; }
  get comments(): Comment[] { return this.snapshot.comments; }
  get error(): RestreamError | null { return this.snapshot.error as RestreamError | null; }

  /** The whole state as one immutable object (a new one on every change). */
  getSnapshot = (): StudioState => this.snapshot;

  /** Listens for any change of the snapshot without starting anything (for `useSyncExternalStore`). */
  subscribe = (fn: () => void): (() => void) => {
    this.changes.add(fn);
    return () => void this.changes.delete(fn);
  };

  /** Listens for one event; starts the studio if it has not started yet. */
  on<K extends keyof StudioEvents>(event: K, fn: (value: StudioEvents[K]) => void): () => void {
    const off = this.emitter.on(event, fn);
    this.ensureStarted();
    return off;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Keeps the studio running until the returned release is called (the React hooks' effect). */
  hold = (): (() => void) => {
    this.heldMode = true;
    this.holds++;
    this.ensureStarted();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holds === 0 && !this.autoStarted) this.suspend();
    };
  };

  /** Ends the event stream, every timer and every pending request. Final. */
  destroy = (): void => {
    if (this.destroyed) return;
    this.suspend();
    this.destroyed = true;
    this.life.abort();
    this.emitter.clear();
    this.changes.clear();
  };

  /** Forgets the latest error (the hook's `error` becomes null). */
  clearError = (): void => this.set({ error: null });

  private ensureStarted(): void {
    if (this.destroyed || this.stream) return;
    if (this.heldMode && this.holds === 0) return;
    if (!this.heldMode) this.autoStarted = true;
    const stream = new EventStream({
      open: (last, signal) => this.opener.open(last, signal),
      onEvent: (e) => this.onStreamEvent(e.event, e.data),
      onOpen: () => { this.stopPolling(); this.set({ streamOpen: true }); },
      onClose: () => { this.set({ streamOpen: false }); this.startPolling(); },
      onError: (e) => { this.fail(e); this.startPolling(); },
    });
    stream.lastEventId = this.lastEventId;
    this.stream = stream;
    stream.start();
    // Restore what the server knows (a reload mid-stream shows `running` at once).
    void this.listConnections().catch(() => undefined);
    void this.refreshJob().catch(() => undefined);
  }

  private suspend(): void {
    if (this.stream) {
      this.lastEventId = this.stream.lastEventId;
      this.stream.stop();
      this.stream = undefined;
    }
    this.stopPolling();
    if (this.snapshot.streamOpen) this.set({ streamOpen: false });
  }

  /** Polling is the fallback while the stream is down and a job is active. */
  private startPolling(): void {
    if (this.poll !== undefined || !this.stream) return;
    this.poll = setInterval(() => {
      if (isActive(this.snapshot.job)) void this.refreshJob().catch(() => undefined);
    }, POLL_MS);
  }

  private stopPolling(): void {
    if (this.poll !== undefined) clearInterval(this.poll);
    this.poll = undefined;
  }

  // ---- actions -------------------------------------------------------------------------------

  listConnections = (_e?: unknown): Promise<Connection[]> =>
    this.act(async () => this.setConnections(await this.http.request<Connection[]>('GET', '/api/v1/connections')));

  connect = (platformArg: string): Promise<Connection | undefined> => {
    const platform = ignoreUiEvent(platformArg) as string | undefined;
    let popup: ReturnType<typeof openBlankPopup> | undefined;
    try {
      if (!platform) throw new RestreamError('connect(platform) needs a platform name', 0, 'invalid_argument');
      popup = openBlankPopup(platform); // synchronously, inside the click
    } catch (e) {
      return this.act(() => Promise.reject(e));
    }
    const w = popup;
    return this.act(async () => {
      const { linked, all } = await linkAccount(this.http, platform, w, this.life.signal);
      this.setConnections(all);
      return linked ?? all.find((c) => c.platform === platform);
    });
  };

  disconnect = (platformOrId: string): Promise<void> => {
    const id = ignoreUiEvent(platformOrId) as string;
    return this.act(async () => {
      await this.http.request<void>('DELETE', '/api/v1/connections/' + encodeURIComponent(id));
      this.setConnections(this.snapshot.connections.filter((c) => c.id !== id));
      await this.listConnections();
    });
  };

  arm = (opts: { destinations: string[] }): void => {
    const o = ignoreUiEvent(opts) as { destinations?: string[] } | undefined;
    this.armed = Array.isArray(o?.destinations) ? [...o!.destinations] : [];
  };

  goLive = (params: GoLiveParams): Promise<Job> => {
    const p = ignoreUiEvent(params) as GoLiveParams | undefined;
    return this.act(async () => {
      const body = { ...(p ?? {}), destinations: p?.destinations ?? this.armed };
      return this.setJob(await this.http.request<Job>('POST', '/api/v1/jobs', body))!;
    });
  };

  stopLive = (_e?: unknown): Promise<Job> =>
    this.act(async () => this.setJob(await this.http.request<Job>('POST', '/api/v1/jobs/current/stop', {}))!);

  refreshJob = (_e?: unknown): Promise<Job | null> =>
    this.act(async () => {
      try {
        return this.setJob(await this.http.request<Job>('GET', '/api/v1/jobs/current'));
      } catch (e) {
        if (e instanceof RestreamError && e.status === 404 && e.code === 'no_job') return this.setJob(null);
        throw e;
      }
    });

  sendChat = (message: string, platforms?: string[]): Promise<SendResult[]> => {
    const m = ignoreUiEvent(message) as string | undefined;
    return this.act(async () => {
      const body: { message: string | undefined; platforms?: string[] } = { message: m };
      if (platforms) body.platforms = platforms;
      const r = await this.http.request<{ results: SendResult[] }>('POST', '/api/v1/chat/messages', body);
      return r?.results ?? [];
    });
  };

  updateOverlay = (opts: Overlay): Promise<Job> => {
    const o = (ignoreUiEvent(opts) as Overlay | undefined) ?? {};
    return this.act(async () => this.setJob(await this.http.request<Job>('PATCH', '/api/v1/jobs/current/overlay', o))!);
  };

  /** Starts lazily, runs `fn`, and reports a failure as an `error` event before rejecting with it. */
  private async act<T>(fn: () => Promise<T>): Promise<T> {
    if (this.destroyed) throw new RestreamError('The studio was destroyed', 0, ClientCodes.destroyed);
    this.ensureStarted();
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof RestreamError ? e : new RestreamError(String((e as Error)?.message ?? e), 0, ClientCodes.network);
      if (err.code !== ClientCodes.destroyed) this.fail(err);
      throw err;
    }
  }

  // ---- state updates -------------------------------------------------------------------------

  private onStreamEvent(event: string, data: string): void {
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return; // not ours: ignore
    }
    if (event === 'comment') this.addComments([value as Comment]);
    else if (event === 'job') this.setJob(value as Job);
    else if (event === 'viewers') this.setViewers(value as Viewers);
    else if (event === 'connections' && Array.isArray(value)) this.setConnections(value as Connection[]);
  }

  private addComments(list: Comment[]): void {
    const fresh = this.log.add(list);
    if (fresh.length === 0) return;
    this.set({ comments: this.log.all });
    for (const c of fresh) this.emitter.emit('comment', c);
    this.emitter.emit('comments', this.log.all);
  }

  private setConnections(list: Connection[]): Connection[] {
    this.set({ connections: list });
    this.emitter.emit('connections', list);
    return list;
  }

  private setJob(job: Job | null): Job | null {
    this.set({ job });
    this.emitter.emit('job', job);
    return job;
  }

  private setViewers(v: Viewers): void {
    const viewers = { total: Number(v?.total) || 0, platforms: v?.platforms ?? {}, ...(v?.updatedAt ? { updatedAt: v.updatedAt } : {}) };
    this.set({ viewers });
    this.emitter.emit('viewers', viewers);
  }

  private fail(e: RestreamError): void {
    if (this.destroyed) return;
    this.set({ error: e });
    this.emitter.emit('error', e);
  }

  private set(patch: Partial<StudioState>): void {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const fn of [...this.changes]) fn();
  }
}
