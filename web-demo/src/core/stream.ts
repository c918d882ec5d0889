import { ClientCodes, RestreamError } from './errors.js';
import { readSse, type SseEvent } from './sse.js';

export interface StreamHooks {
  /** Opens one connection (a fresh ticket or credential each time), resuming after `lastEventId`. */
  open(lastEventId: string | undefined, signal: AbortSignal): Promise<Response>;
  onEvent(e: SseEvent): void;
  onOpen(): void;
  onClose(): void;
  /** A connection could not be opened (HTTP status or network). A drop of an open stream is not an error. */
  onError(e: RestreamError): void;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 15_000;
/** The service pings every 15 s: this long without a byte means the connection is dead. */
const IDLE_MS = 45_000;

/**
 * The event-stream loop (instead of a plain EventSource, which gives up after an error status and
 * cannot re-authenticate):
 *
 * <pre>
 *   idle ──start()──▶ connecting ──2xx──▶ open ──body ends / idle 45 s / network──▶ waiting
 *                        │  ▲                                                        │
 *                        │  └──────────────── backoff 0.5 s … 15 s (×2, jitter) ◀───┘
 *                        └──error status / network──▶ waiting
 *   any ──stop()──▶ stopped (the fetch aborted, every timer cleared; final)
 * </pre>
 *
 * Each (re)connect resumes after the last comment id seen, so nothing is lost or repeated.
 */
export class EventStream {
  lastEventId: string | undefined;
  private stopped = false;
  private running = false;
  private ctl: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;
  private backoff = MIN_BACKOFF_MS;

  constructor(private readonly hooks: StreamHooks) {}

  start(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.ctl?.abort();
    this.clearTimer();
    this.wake?.();
  }

  /** Drops the current connection and reconnects at once (e.g. with a re-minted credential). */
  reconnectNow(): void {
    this.backoff = MIN_BACKOFF_MS;
    this.ctl?.abort();
    this.clearTimer();
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const ctl = new AbortController();
      this.ctl = ctl;
      let opened = false;
      try {
        const res = await this.hooks.open(this.lastEventId, ctl.signal);
        if (this.stopped || ctl.signal.aborted) {
          void res.body?.cancel().catch(() => undefined);
          continue;
        }
        if (!res.body) throw new RestreamError('The event stream has no body', res.status, ClientCodes.badResponse);
        opened = true;
        this.backoff = MIN_BACKOFF_MS;
        this.hooks.onOpen();
        this.armIdle(ctl);
        await readSse(
          res.body,
          (e) => {
            if (e.event === 'comment' && e.id) this.lastEventId = e.id;
            this.hooks.onEvent(e);
          },
          () => this.armIdle(ctl),
        );
      } catch (e) {
        if (this.stopped) break;
        if (!opened && !ctl.signal.aborted) {
          this.hooks.onError(e instanceof RestreamError ? e : new RestreamError(String(e), 0, ClientCodes.network));
        }
      } finally {
        this.clearTimer();
        ctl.abort();
        if (opened) this.hooks.onClose();
      }
      if (this.stopped) break;
      await this.sleep(this.backoff * (0.8 + Math.random() * 0.4));
      this.backoff = Math.min(MAX_BACKOFF_MS, this.backoff * 2);
    }
    this.running = false;
  }

  private armIdle(ctl: AbortController): void {
    this.clearTimer();
    this.timer = setTimeout(() => ctl.abort(), IDLE_MS);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.clearTimer();
        this.wake = undefined;
        resolve();
      };
      this.timer = setTimeout(() => this.wake?.(), ms);
    });
  }
}
