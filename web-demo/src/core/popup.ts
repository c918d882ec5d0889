import { ClientCodes, RestreamError } from './errors.js';
import type { Http } from './http.js';
import type { Connection } from './types.js';

/** What the service's OAuth callback page posts to its opener (API.md §3). */
export interface OAuthMessage {
  type: 'restream:oauth';
  ok: boolean;
  platform: string;
  confirmation?: string;
  error?: { code?: string; message?: string };
}

type Win = {
  open(url: string, target: string, features: string): WindowProxyLike | null;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
};

export interface WindowProxyLike {
  closed: boolean;
  location: { href: string } | Location;
  close(): void;
}

/**
 * Opens the popup synchronously, inside the user's click, on about:blank (popup blockers allow
 * only windows opened during the click); it is navigated to the authorize URL once that arrives.
 */
export function openBlankPopup(platform: string): WindowProxyLike {
  const w = (globalThis as { window?: Win }).window;
  const popup = w?.open('about:blank', 'restream-connect-' + platform, 'popup=yes,width=520,height=720');
  if (!popup) throw new RestreamError('The browser blocked the sign-in popup: allow popups for this site', 0, ClientCodes.popupBlocked);
  return popup;
}

/** How long after the popup closed a message may still arrive (the callback posts, then closes). */
const CLOSE_GRACE_MS = 1500;

/**
 * Resolves with the `restream:oauth` message for `platform` posted by a window on `origin` (the
 * service's), and only that; rejects when the popup is closed without one, or `signal` aborts.
 */
export function awaitOAuthMessage(popup: WindowProxyLike, origin: string, platform: string, signal: AbortSignal): Promise<OAuthMessage> {
  const w = (globalThis as { window?: Win }).window!;
  return new Promise((resolve, reject) => {
    let closedAt = 0;
    const finish = () => {
      clearInterval(poll);
      w.removeEventListener('message', onMessage);
      signal.removeEventListener('abort', onAbort);
    };
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== origin) return; // anyone can post to us: only the service's own page counts
      const d = e.data as Partial<OAuthMessage> | null;
      if (!d || typeof d !== 'object' || d.type !== 'restream:oauth' || d.platform !== platform) return;
      finish();
      resolve(d as OAuthMessage);
    };
    const onAbort = () => {
      finish();
      reject(new RestreamError('The studio was destroyed', 0, ClientCodes.destroyed));
    };
    const poll = setInterval(() => {
      let closed = false;
      try {
        closed = popup.closed;
      } catch {
        closed = false;
      }
      if (!closed) return;
      if (!closedAt) closedAt = Date.now();
      else if (Date.now() - closedAt >= CLOSE_GRACE_MS) {
        finish();
        reject(new RestreamError('The sign-in window was closed before the account was linked', 0, ClientCodes.popupClosed));
      }
    }, 300);
    w.addEventListener('message', onMessage);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * The whole OAuth link in an already opened popup: the authorize URL (this page's origin as the
 * opener), the consent in the popup, the service's answer, and the confirmation step of API.md §3
 * (a service that stores the grant at the callback sends no confirmation). Closes the popup.
 */
export async function linkAccount(http: Http, platform: string, w: WindowProxyLike, signal: AbortSignal): Promise<{ linked?: Connection; all: Connection[] }> {
  try {
    const p = encodeURIComponent(platform);
    const origin = (globalThis as { location?: Location }).location?.origin;
    const { authorizeUrl } = await http.request<{ authorizeUrl: string }>('POST', `/api/v1/connections/${p}/authorize`, origin ? { origin } : {});
    w.location.href = authorizeUrl;
    const msg = await awaitOAuthMessage(w, new URL(http.apiBase).origin, platform, signal);
    if (!msg.ok) {
      throw new RestreamError(msg.error?.message ?? 'The platform refused the connection', 0, msg.error?.code ?? 'oauth_failed');
    }
    let linked: Connection | undefined;
    if (msg.confirmation) {
      linked = await http.request<Connection>('POST', `/api/v1/connections/${p}/confirm`, { confirmation: msg.confirmation });
    }
    const all = await http.request<Connection[]>('GET', '/api/v1/connections');
    return linked ? { linked, all } : { all };
  } finally {
    try {
      if (!w.closed) w.close();
    } catch {
      // gone already
    }
  }
}
