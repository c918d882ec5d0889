/**
 * The one error type of the SDK. `status` is the HTTP status, or 0 when no HTTP answer was
 * received (network failure, timeout, popup closed or blocked); `code` is the API's error code
 * (API.md §6) or one of the client-side codes below.
 */
export class RestreamError extends Error implements RestreamErrorShape {
  readonly status: number;
  readonly code: string;
  /** Per-field reasons of a `400 validation_failed`. */
  readonly fields?: Record<string, string>;

  constructor(message: string, status: number, code: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'RestreamError';
    this.status = status;
    this.code = code;
    if (fields) this.fields = fields;
  }
}

interface RestreamErrorShape {
  status: number;
  code: string;
}

/** Client-side codes (status 0). */
export const ClientCodes = {
  network: 'network_error',
  timeout: 'timeout',
  popupBlocked: 'popup_blocked',
  popupClosed: 'popup_closed',
  destroyed: 'destroyed',
  badResponse: 'bad_response',
  tokenEndpoint: 'token_endpoint_failed',
} as const;

/** Maps a non-2xx response to a RestreamError, reading the API's `{ error: { code, message } }` body. */
export async function errorFromResponse(res: Response): Promise<RestreamError> {
  let code = 'http_' + res.status;
  let message = `HTTP ${res.status}`;
  let fields: Record<string, string> | undefined;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const e = body && typeof body === 'object' ? body.error : undefined;
    if (e && typeof e.code === 'string') code = e.code;
    if (e && typeof e.message === 'string') message = e.message;
    if (e && e.fields && typeof e.fields === 'object') fields = e.fields as Record<string, string>;
  } catch {
    // not JSON: keep the generic message
  }
  return new RestreamError(message, res.status, code, fields);
}

/** Wraps whatever a fetch threw: an abort by our timer is a timeout, anything else a network error. */
export function errorFromThrown(e: unknown, timedOut: boolean): RestreamError {
  if (e instanceof RestreamError) return e;
  if (timedOut) return new RestreamError('The request timed out', 0, ClientCodes.timeout);
  const msg = e instanceof Error ? e.message : String(e);
  return new RestreamError('Network error: ' + msg, 0, ClientCodes.network);
}

export function isRestreamError(e: unknown): e is RestreamError {
  return e instanceof RestreamError;
}
