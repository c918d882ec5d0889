import type { RestreamOptions } from '../src/core/types.js';

/**
 * Where the page gets its options: `config.json` beside it (the sandbox service answers
 * `/demo/config.json` with its demo client's publishable key), `?user=` picks another user id.
 */
export async function loadOptions(): Promise<RestreamOptions> {
  const res = await fetch('config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status} (the Studio page needs a sandbox service, or a config.json beside it)`);
  const cfg = (await res.json()) as RestreamOptions;
  const user = new URLSearchParams(location.search).get('user');
  if (user) cfg.userId = user;
  return cfg;
}

/** Banner images shipped with the page, and the service's sample HTML banner. */
export function bannerDefaults(apiBase: string) {
  const here = new URL('.', location.href).toString();
  return {
    topBanner: here + 'banners/top.png',
    bottomBanner: here + 'banners/bottom.png',
    htmlBanner: apiBase.replace(/\/+$/, '') + '/samples/scoreboard.html',
  };
}
