// The operator's page: plain DOM, no framework. The admin token lives in sessionStorage (this tab
// only) and travels in the Authorization header, never in a URL. Every value from the API is set
// with textContent, so nothing a client named can run as script here.
"use strict";

const TOKEN_KEY = "restream.adminToken";
const $ = (id) => document.getElementById(id);
let selectedClient = null;
let refreshTimer = null;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: Object.assign({ Authorization: "Bearer " + token() }, body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
    cache: "no-store",
  });
  if (res.status === 401) { signOut("The admin token was refused."); throw new Error("unauthorized"); }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new Error((data && data.error && data.error.message) || ("HTTP " + res.status));
  return data;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function when(ms) {
  if (!ms) return "—";
  const d = new Date(ms), ago = (Date.now() - ms) / 1000;
  if (ago < 60) return Math.max(0, Math.round(ago)) + " s ago";
  if (ago < 3600) return Math.round(ago / 60) + " min ago";
  return d.toLocaleString();
}

function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 3500);
}

function showSecret(label, value) {
  $("secret-label").textContent = label;
  $("secret-value").textContent = value;
  $("secret-box").hidden = false;
}

// ---- sign in / out -------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const value = $("token").value.trim();
  if (!value) return;
  const res = await fetch("/api/v1/admin/clients", { headers: { Authorization: "Bearer " + value }, cache: "no-store" });
  if (!res.ok) {
    $("login-error").textContent = res.status === 401 ? "That token was refused." : "The service answered " + res.status + ".";
    $("login-error").hidden = false;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, value);
  $("token").value = "";
  start();
}

function signOut(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(refreshTimer);
  $("app").hidden = true;
  $("signout").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = reason || "";
  $("login-error").hidden = !reason;
}

function start() {
  $("login").hidden = true;
  $("app").hidden = false;
  $("signout").hidden = false;
  loadClients();
  loadLive();
  loadWorkers();
  loadSigning();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => { loadLive(); loadWorkers(); }, 5000);
}

// ---- clients, keys, webhooks ---------------------------------------------------------------

async function loadClients() {
  const clients = await api("GET", "/api/v1/admin/clients");
  const list = $("clients");
  list.replaceChildren(...clients.map((c) => el("li", {
    class: selectedClient && selectedClient.id === c.id ? "active" : "", "data-client": c.id,
    onclick: () => selectClient(c),
  }, el("span", {}, c.name), el("small", {}, when(c.createdAt)))));
  if (!clients.length) list.append(el("li", { class: "muted" }, "No clients yet"));
}

async function selectClient(c) {
  selectedClient = c;
  document.querySelectorAll("#clients li").forEach((li) => li.classList.toggle("active", li.dataset.client === c.id));
  document.querySelector("#client-detail .empty").hidden = true;
  $("client-body").hidden = false;
  $("client-title").textContent = c.name;
  $("client-id").textContent = c.id;
  $("secret-box").hidden = true;
  $("deliveries").hidden = true;
  await Promise.all([loadKeys(), loadWebhooks()]);
}

async function loadKeys() {
  const keys = await api("GET", "/api/v1/admin/clients/" + encodeURIComponent(selectedClient.id) + "/keys");
  $("keys").replaceChildren(...keys.map((k) => el("tr", { class: k.revokedAt ? "revoked" : "" },
    el("td", {}, el("code", {}, k.prefix + "…")),
    el("td", {}, k.type),
    el("td", {}, ...k.scopes.map((s) => el("span", { class: "pill" }, s))),
    el("td", {}, ...(k.allowedOrigins.length ? k.allowedOrigins.map((o) => el("div", {}, el("code", {}, o))) : ["—"])),
    el("td", {}, when(k.createdAt)),
    el("td", {}, k.revokedAt ? "revoked " + when(k.revokedAt)
      : el("button", { class: "danger small", onclick: () => revokeKey(k) }, "Revoke")))));
}

async function revokeKey(k) {
  if (!confirm("Revoke " + k.prefix + "…? It stops working at once.")) return;
  await api("DELETE", "/api/v1/admin/keys/" + encodeURIComponent(k.id));
  toast("Key revoked");
  loadKeys();
}

async function createKey(event) {
  event.preventDefault();
  const type = $("key-type").value;
  const scopes = [...document.querySelectorAll(".scopes input:checked")].map((i) => i.value);
  const allowedOrigins = $("key-origins").value.split(/\s+/).filter(Boolean);
  try {
    const k = await api("POST", "/api/v1/admin/clients/" + encodeURIComponent(selectedClient.id) + "/keys",
      type === "publishable" ? { type, scopes, allowedOrigins } : { type, scopes });
    showSecret(type === "secret" ? "Secret key — copy it now, it is shown only once:" : "Publishable key:", k.key);
    loadKeys();
  } catch (e) { toast(e.message); }
}

async function loadWebhooks() {
  const hooks = await api("GET", "/api/v1/admin/clients/" + encodeURIComponent(selectedClient.id) + "/webhooks");
  $("webhooks").replaceChildren(...hooks.map((w) => el("tr", {},
    el("td", {}, el("code", {}, w.url)),
    el("td", {}, w.events.length === 9 ? "all" : w.events.join(", ")),
    el("td", {}, when(w.createdAt)),
    el("td", {},
      el("button", { class: "ghost small", onclick: () => loadDeliveries(w) }, "Deliveries"), " ",
      el("button", { class: "danger small", onclick: () => deleteWebhook(w) }, "Delete")))));
  if (!hooks.length) $("webhooks").append(el("tr", {}, el("td", { class: "muted", colspan: "4" }, "No webhooks")));
}

async function createWebhook(event) {
  event.preventDefault();
  try {
    const w = await api("POST", "/api/v1/admin/clients/" + encodeURIComponent(selectedClient.id) + "/webhooks", { url: $("webhook-url").value.trim() });
    showSecret("Webhook signing secret — shown only once:", w.secret);
    $("webhook-url").value = "";
    loadWebhooks();
  } catch (e) { toast(e.message); }
}

async function deleteWebhook(w) {
  if (!confirm("Delete the webhook to " + w.url + "?")) return;
  await api("DELETE", "/api/v1/admin/webhooks/" + encodeURIComponent(w.id));
  $("deliveries").hidden = true;
  loadWebhooks();
}

async function loadDeliveries(w) {
  const rows = await api("GET", "/api/v1/admin/webhooks/" + encodeURIComponent(w.id) + "/deliveries");
  $("deliveries-of").textContent = w.url;
  $("delivery-rows").replaceChildren(...rows.map((d) => el("tr", {},
    el("td", {}, el("code", {}, d.eventId)), el("td", {}, d.type),
    el("td", {}, el("span", { class: "pill state-" + ({ delivered: "live", pending: "pending", failed: "failed" }[d.state] || "stopped") }, d.state)),
    el("td", {}, d.attempts), el("td", {}, d.lastStatus ? String(d.lastStatus) : (d.lastError || "—")),
    el("td", {}, when(d.lastAttemptAt || d.createdAt)))));
  if (!rows.length) $("delivery-rows").append(el("tr", {}, el("td", { class: "muted", colspan: "6" }, "Nothing delivered yet")));
  $("deliveries").hidden = false;
}

// ---- live jobs, workers, signing keys ------------------------------------------------------

async function loadLive() {
  const [running, queued] = await Promise.all([api("GET", "/api/v1/admin/jobs?status=running"), api("GET", "/api/v1/admin/jobs?status=queued")]);
  const jobs = running.concat(queued);
  $("jobs").replaceChildren(...jobs.map((j) => el("div", { class: "job" },
    el("div", { class: "title" }, j.title || j.id, " ", el("span", { class: "pill state-" + (j.status === "running" ? "live" : "pending") }, j.status)),
    el("div", { class: "meta" }, "client ", j.clientId, " · user ", j.userId, " · ", j.id,
      j.startedAt ? " · up " + Math.round((Date.now() - j.startedAt) / 60000) + " min" : "",
      j.stats ? " · " + j.stats.bitrateKbps + " kbps · " + j.stats.fps + " fps" : ""),
    el("div", {}, ...j.broadcasts.map((b) => el("span", { class: "pill state-" + b.state, title: b.error ? b.error.message : b.state },
      b.destination, " · ", b.state, b.reconnects ? " · " + b.reconnects + " reconnects" : ""))))));
  if (!jobs.length) $("jobs").append(el("p", { class: "muted" }, "Nothing is live right now."));
  $("live-updated").textContent = "updated " + new Date().toLocaleTimeString();
}

async function loadWorkers() {
  const workers = await api("GET", "/api/v1/admin/workers");
  $("workers").replaceChildren(...workers.map((w) => el("tr", {},
    el("td", {}, el("code", {}, w.id)), el("td", {}, w.host), el("td", {}, when(w.startedAt)),
    el("td", {}, when(w.lastHeartbeatAt)), el("td", {}, String((w.jobs || []).length)))));
  if (!workers.length) $("workers").append(el("tr", {}, el("td", { class: "muted", colspan: "5" }, "No worker is running")));
}

async function loadSigning() {
  const keys = await api("GET", "/api/v1/admin/signing-keys");
  $("signing").replaceChildren(...keys.map((k) => el("tr", {},
    el("td", {}, el("code", {}, k.id)), el("td", {}, k.alg),
    el("td", {}, el("span", { class: "pill state-" + (k.status === "active" ? "live" : "stopped") }, k.status)),
    el("td", {}, when(k.createdAt)),
    el("td", {}, k.status === "active" ? el("button", { class: "danger small", onclick: () => deactivate(k) }, "Deactivate") : ""))));
}

async function deactivate(k) {
  if (!confirm("Deactivate " + k.id + "? Session tokens it signed stop working.")) return;
  try { await api("POST", "/api/v1/admin/signing-keys/" + encodeURIComponent(k.id) + "/deactivate"); } catch (e) { toast(e.message); }
  loadSigning();
}

// ---- wiring --------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", signIn);
  $("signout").addEventListener("click", () => signOut());
  $("client-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const c = await api("POST", "/api/v1/admin/clients", { name: $("client-name").value.trim() });
      $("client-name").value = "";
      await loadClients();
      selectClient(c);
    } catch (err) { toast(err.message); }
  });
  $("key-form").addEventListener("submit", createKey);
  $("key-type").addEventListener("change", () => { $("origins-label").hidden = $("key-type").value !== "publishable"; });
  $("webhook-form").addEventListener("submit", createWebhook);
  $("secret-copy").addEventListener("click", () => navigator.clipboard && navigator.clipboard.writeText($("secret-value").textContent).then(() => toast("Copied")));
  $("secret-dismiss").addEventListener("click", () => { $("secret-box").hidden = true; $("secret-value").textContent = ""; });
  $("signing-create").addEventListener("click", async () => { await api("POST", "/api/v1/admin/signing-keys", {}); loadSigning(); });
  document.querySelectorAll(".tabs button").forEach((b) => b.addEventListener("click", () => {
    document.querySelectorAll(".tabs button").forEach((x) => x.setAttribute("aria-selected", String(x === b)));
    document.querySelectorAll("[data-panel]").forEach((p) => { p.hidden = p.dataset.panel !== b.dataset.tab; });
  }));
  if (token()) start();
});
