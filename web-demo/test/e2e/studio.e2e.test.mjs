// End to end: the Studio page (this package's hooks) in Debian's Chromium against the real service
// in sandbox mode (launcher jar: API, worker, chat aggregator, platform simulator).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { admin, startService, waitFor } from './service.mjs';
import { startHelper } from './helper-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = join(root, 'docs/studio-live.png');
const FIGURES = join(root, 'test-results/e2e-figures.json');
const LONG = 120_000;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let svc, helper, browser, demoPage, tokenPage, tokenLiveAt, tokenClient;
const streamUrls = []; // every event-stream URL the token page opened
const helperConfigs = {};
const figures = {};

const sim = async (method, path, body) => {
  const res = await fetch(svc.sim + path, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  assert.ok(res.ok, `${method} ${path} → ${res.status}`);
  return res.json();
};
const sel = (id, extra = '') => `[data-testid="${id}"]${extra}`;
const countComments = (page, text) => page.locator(sel('comment'), { hasText: text }).count();

async function connect(page, platform, login) {
  const popupOpened = page.waitForEvent('popup', { timeout: LONG });
  await page.click(sel('connect-' + platform));
  const popup = await popupOpened;
  await popup.waitForSelector('#approve', { timeout: LONG });
  await popup.fill('input[name=login]', login);
  await popup.click('#approve');
  await page.waitForSelector(sel('account-' + platform, '[data-connected="yes"]'), { timeout: LONG });
}

async function goLive(page) {
  await page.waitForSelector(sel('stream', '.on'), { timeout: LONG });
  const t0 = Date.now();
  await page.click(sel('go-live'));
  await page.waitForSelector(sel('job-status', '[data-status="running"]'), { timeout: LONG });
  return Date.now() - t0;
}

before(async () => {
  svc = await startService();
  const studioDir = join(root, 'studio-dist');
  helper = await startHelper({
    studioDir,
    configs: helperConfigs,
    mint: async () => {
      const res = await fetch(svc.api + '/api/v1/auth/session', {
        method: 'POST',
        headers: { 'X-API-Key': tokenClient.secretKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: 'token-user', ttlSeconds: 60 }),
      });
      assert.equal(res.status, 200);
      return res.json();
    },
  });
  // A second client whose publishable key allows the helper's origin (so CORS answers it) and
  // whose secret key mints the 60-second tokens.
  tokenClient = await admin(svc).client('e2e-token', [helper.origin]);
  const demo = await (await fetch(svc.api + '/demo/config.json')).json();
  assert.match(demo.publishableKey, /^pk_live_/);
  assert.equal(demo.apiBase, svc.api);
  Object.assign(helperConfigs, {
    '/forbidden/': { apiBase: svc.api, publishableKey: demo.publishableKey, userId: 'demo-user' },
    '/token/': { apiBase: svc.api, tokenEndpoint: 'token' },
  });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  await helper?.close();
  await svc?.stop();
  mkdirSync(dirname(FIGURES), { recursive: true });
  writeFileSync(FIGURES, JSON.stringify(figures, null, 2));
  console.log('E2E figures:', JSON.stringify(figures));
});

test('token mode (tokens from a relative tokenEndpoint, 60 s): connect through the popup and go live', { timeout: 4 * LONG }, async () => {
  tokenPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  tokenPage.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/events') streamUrls.push(new URL(r.url())); });
  await tokenPage.goto(helper.origin + '/token/');
  await connect(tokenPage, 'twitch', 'tokenstreamer');
  await connect(tokenPage, 'kick', 'tokenstreamer');
  await goLive(tokenPage);
  tokenLiveAt = helper.mints[0];
  assert.ok(helper.mints.length >= 1);
});

test('Studio at /demo/: connect twitch and kick, go live, running with watch links', { timeout: 4 * LONG }, async () => {
  demoPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await demoPage.goto(svc.api + '/demo/');
  await connect(demoPage, 'twitch', 'demostreamer');
  await connect(demoPage, 'kick', 'demostreamer');
  figures.goLiveClickToRunningMs = await goLive(demoPage);
  for (const d of ['twitch', 'kick']) {
    const href = await demoPage.getAttribute(sel('watch-' + d), 'href', { timeout: LONG });
    assert.match(href, /^https?:\/\//, `${d} has a watch link`);
  }
});

test('chat in (exactly once, even when the platform delivers twice), viewers summed, chat out to both', { timeout: 4 * LONG }, async () => {
  // The aggregator subscribes to the channel's chat a moment after the job starts; as on Twitch, a
  // message written before that is not delivered. So write until one comes through, then check it.
  let text;
  await waitFor('a simulator chat message in the Studio page', async () => {
    text = 'hello from the simulator ' + Date.now();
    await sim('POST', '/sim/twitch/chat', { author: 'alice', message: text, redeliver: true });
    return demoPage.waitForSelector(sel('comment') + `:has-text("${text}")`, { timeout: 3000 }).then(() => true, () => false);
  }, LONG, 0);
  await waitFor('kick and twitch viewers', async () => {
    await sim('PUT', '/sim/twitch/viewers', { count: 12 });
    await sim('PUT', '/sim/kick/viewers', { count: 5 });
    return (await demoPage.textContent(sel('viewers-total'))) === '17';
  }, LONG, 2000);
  assert.equal(await countComments(demoPage, text), 1);

  const out = 'gg from the Studio ' + Date.now();
  await demoPage.fill(sel('chat-input'), out);
  await demoPage.click(sel('chat-send'));
  await demoPage.waitForSelector(sel('send-results') + ':has-text("sent")', { timeout: LONG });
  for (const p of ['twitch', 'kick']) {
    await waitFor(`${p} received the message`, async () => (await sim('GET', `/sim/${p}/chat/sent`)).some((m) => m.message === out), 30_000);
  }
  await sim('POST', '/sim/kick/chat', { author: 'kick_fan', message: 'kick says hi ' + Date.now() });
  await demoPage.waitForSelector(sel('comment') + ':has-text("kick says hi")', { timeout: LONG });
  // Banners edited live: the PNG bars served beside the page, then the HTML banner choice.
  await demoPage.click(sel('apply-banners'));
  await demoPage.waitForSelector(sel('banner-note') + ':has-text("Applied")', { timeout: LONG });
  await demoPage.click(sel('use-html'));
  assert.equal(await demoPage.inputValue(sel('html-banner')), svc.api + '/samples/scoreboard.html');
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await demoPage.screenshot({ path: SCREENSHOT });
  assert.equal(await countComments(demoPage, text), 1);

  // A reload restores the connections, the running job and the chat history, once.
  await demoPage.reload();
  await demoPage.waitForSelector(sel('job-status', '[data-status="running"]'), { timeout: LONG });
  await demoPage.waitForSelector(sel('comment') + `:has-text("${text}")`, { timeout: LONG });
  assert.equal(await demoPage.getAttribute(sel('account-twitch'), 'data-connected'), 'yes');
  assert.equal(await demoPage.getAttribute(sel('account-kick'), 'data-connected'), 'yes');
  await demoPage.waitForSelector(sel('stream', '.on'), { timeout: LONG });
  assert.equal(await countComments(demoPage, text), 1);
});

test('a page on an origin not on the key gets error.status 403', { timeout: LONG }, async () => {
  const page = await browser.newPage();
  await page.goto(helper.origin + '/forbidden/');
  const err = await page.waitForSelector(sel('error', '[data-status="403"]'), { timeout: LONG });
  assert.equal(await err.getAttribute('data-code'), 'origin_not_allowed');
  await page.close();
});

test('token mode still receives and sends chat 70 s after its first token', { timeout: 4 * LONG }, async () => {
  const wait = tokenLiveAt + 70_000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const text = 'late hello ' + Date.now();
  await sim('POST', '/sim/kick/chat', { author: 'bob', message: text });
  await tokenPage.waitForSelector(sel('comment') + `:has-text("${text}")`, { timeout: LONG });
  const out = 'token gg ' + Date.now();
  await tokenPage.fill(sel('chat-input'), out);
  await tokenPage.click(sel('chat-send'));
  for (const p of ['twitch', 'kick']) {
    await waitFor(`${p} received the token page's message`, async () => (await sim('GET', `/sim/${p}/chat/sent`)).some((m) => m.message === out), 30_000);
  }
  assert.ok(helper.mints.length >= 2, `the token was re-minted (${helper.mints.length} mints)`);
  assert.ok(streamUrls.length >= 1);
  for (const u of streamUrls) {
    assert.ok(u.searchParams.has('ticket'), 'the stream opens with a single-use ticket');
    assert.ok(!u.searchParams.has('token') && !u.searchParams.has('publishableKey'), 'no bearer credential in the URL');
  }
  assert.equal(await countComments(tokenPage, text), 1);
});
