/** Shapes as the service returns them (API.md, CLIENTS.md §1). */

export type Platform = 'twitch' | 'kick' | 'youtube' | 'facebook' | 'instagram' | 'custom' | (string & {});

export interface Connection {
  id: string;
  platform: Platform;
  platformUsername: string;
  platformUserId?: string;
  connectedAt?: number;
  needsReconnect: boolean;
}

export type JobStatus = 'queued' | 'running' | 'stopping' | 'stopped' | 'failed' | 'ended';
export type BroadcastState = 'pending' | 'connecting' | 'live' | 'reconnecting' | 'failed' | 'stopped';

export interface Broadcast {
  platform: Platform;
  destination: string;
  state: BroadcastState;
  watchUrl?: string;
  broadcastId?: string;
  error?: { code: string; message: string };
  reconnects?: number;
  bitrateKbps?: number;
}

export interface Overlay {
  htmlBanner?: string;
  topBanner?: string;
  bottomBanner?: string;
  hideTop?: boolean;
  hideBottom?: boolean;
  enabled?: boolean;
}

export interface Job {
  id: string;
  status: JobStatus;
  userId?: string;
  publisherSessionId?: string;
  destinations?: string[];
  trackNames?: string[];
  overlay?: Overlay | null;
  recording?: boolean;
  broadcasts?: Broadcast[];
  stats?: { fps: number; bitrateKbps: number; droppedFrames: number; speed: number; uptimeMs: number };
  source?: { state: 'live' | 'lost'; lostAt?: number };
  error?: { code: string; message: string };
  supersededBy?: string;
  createdAt?: number;
  startedAt?: number;
  endedAt?: number;
}

export interface Comment {
  id: string;
  platform: Platform;
  author: string;
  authorAvatar?: string | null;
  message: string;
  timestamp: number;
}

export interface Viewers {
  total: number;
  platforms: Record<string, number>;
  updatedAt?: number;
}

export interface SendResult {
  platform: Platform;
  ok: boolean;
  error?: { code: string; message: string } | string;
}

export interface GoLiveParams {
  publisherSessionId: string;
  /** Connection ids; defaults to the ones given to `arm()`. */
  destinations?: string[];
  overlay?: Overlay;
  recording?: boolean;
  trackNames?: Array<'audio' | 'video'>;
  title?: string;
  description?: string;
}

export interface RestreamOptions {
  /** The service's origin (equal to its `RESTREAM_PUBLIC_URL`), e.g. `https://restream.example.com`. */
  apiBase: string;
  /** Zero-backend mode: a `pk_live_…` key whose allowlist holds this page's origin, with `userId`. */
  publishableKey?: string;
  userId?: string;
  /** Hardened mode: your backend's URL (absolute or relative to the page) answering `{ token, expiresIn }`. */
  tokenEndpoint?: string;
  /** Per-request timeout in milliseconds (default 15000). */
  timeoutMs?: number;
}

/** Everything the studio knows, as one immutable snapshot (a new object on every change). */
export interface StudioState {
  connections: Connection[];
  job: Job | null;
  viewers: Viewers;
  comments: Comment[];
  error: RestreamErrorLike | null;
  /** Whether the event stream is open right now. */
  streamOpen: boolean;
}

export interface RestreamErrorLike extends Error {
  status: number;
  code: string;
}

/** The events of `studio.on(event, fn)` and what each listener receives. */
export interface StudioEvents {
  connections: Connection[];
  job: Job | null;
  viewers: Viewers;
  comments: Comment[];
  comment: Comment;
  error: RestreamErrorLike;
}
