import { RestreamError } from './errors.js';
import type { Job, RestreamOptions, StudioState } from './types.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

export function normalizeOptions(o: RestreamOptions): Required<Pick<RestreamOptions, 'apiBase' | 'timeoutMs'>> & RestreamOptions {
  if (!o || typeof o.apiBase !== 'string' || !/^https?:\/\//i.test(o.apiBase)) {
    throw new RestreamError('apiBase must be the service\'s http(s) origin', 0, 'invalid_options');
  }
  if (!o.tokenEndpoint && !(o.publishableKey && o.userId)) {
    throw new RestreamError('Give either publishableKey and userId, or tokenEndpoint', 0, 'invalid_options');
  }
  const timeoutMs = o.timeoutMs && o.timeoutMs > 0 ? o.timeoutMs : DEFAULT_TIMEOUT_MS;
  return { ...o, apiBase: o.apiBase.replace(/\/+$/, ''), timeoutMs };
}

/** The snapshot before anything is known; also what server-side rendering sees. */
export function initialState(): StudioState {
  return { connections: [], job: null, viewers: { total: 0, platforms: {} }, comments: [], error: null, streamOpen: false };
}

export const SERVER_STATE: StudioState = Object.freeze(initialState()) as StudioState;

export function isActive(job: Job | null): boolean {
  return !!job && (job.status === 'queued' || job.status === 'running' || job.status === 'stopping');
}

/**
 * Actions double as click handlers (`onClick={stopLive}`): a DOM or React event arriving as the
 * first argument is dropped.
 */
export function ignoreUiEvent(arg: unknown): unknown {
  if (arg && typeof arg === 'object') {
    const a = arg as Record<string, unknown>;
    if ('nativeEvent' in a || (typeof a['preventDefault'] === 'function' && 'target' in a)) return undefined;
  }
  return arg;
}
