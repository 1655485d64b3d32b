// The PushAuth admin console: talks to /console/api (passkey sign-in, setup links, step-up) and /v1/admin (the
// recovery API) with the session cookie, sending the CSRF token on every request that changes something. Everything
// shown is set with textContent.
'use strict';

const state = { csrf: null, session: null, userId: null };
const $ = (id) => document.getElementById(id);

function say(text) { $('message').textContent = text; $('error').textContent = ''; }
function fail(text) { $('error').textContent = text; }

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (method !== 'GET' && state.csrf) { headers['X-CSRF-Token'] = state.csrf; }
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
    error.status = response.status;
    error.code = data && data.code;
    throw error;
  }
  return { status: response.status, data };
}

function when(value) { return value ? new Date(value).toLocaleString() : '—'; }

function cell(row, text) { const td = document.createElement('td'); td.textContent = text ?? ''; row.appendChild(td); return td; }

function fillActivity(tbody, entries) {
  tbody.replaceChildren();
  for (const e of entries || []) {
    const row = document.createElement('tr');
    cell(row, when(e.at)); cell(row, e.activity); cell(row, e.method); cell(row, e.status); cell(row, e.sourceIp); cell(row, e.actor);
    tbody.appendChild(row);
  }
}

async function loadSession() {
  try {
    const { data } = await api('GET', '/console/api/session');
    state.session = data;
    state.csrf = data.csrfToken;
    $('session-text').textContent = `Signed in as ${data.displayName} (${data.role}) to ${data.tenantId}. Passkey confirmed until ${when(data.highAssuranceUntil)}.`;
    $('session-bar').hidden = false;
    $('sign-in').hidden = true;
    $('workspace').hidden = false;
  } catch {
    state.session = null;
    state.csrf = null;
    $('session-text').textContent = '';
    $('session-bar').hidden = true;
    $('sign-in').hidden = !$('setup').hidden;
    $('workspace').hidden = true;
  }
}

// WebAuthn's options and answers travel as JSON with base64url strings; the browser API wants ArrayBuffers.
function fromB64u(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer;
}
function toB64u(buffer) {
  let text = '';
  for (const b of new Uint8Array(buffer)) { text += String.fromCharCode(b); }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function creationOptions(o) {
  return {
    ...o, challenge: fromB64u(o.challenge), user: { ...o.user, id: fromB64u(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })),
  };
}
function requestOptions(o) {
  return { ...o, challenge: fromB64u(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: fromB64u(c.id) })) };
}
function credentialJson(c) {
  const r = c.response;
  const response = r.attestationObject
    ? { attestationObject: toB64u(r.attestationObject), clientDataJSON: toB64u(r.clientDataJSON), transports: r.getTransports ? r.getTransports() : [] }
    : { authenticatorData: toB64u(r.authenticatorData), clientDataJSON: toB64u(r.clientDataJSON), signature: toB64u(r.signature),
        userHandle: r.userHandle ? toB64u(r.userHandle) : null };
  return { id: c.id, rawId: toB64u(c.rawId), type: c.type, response, clientExtensionResults: c.getClientExtensionResults() };
}

async function signIn(event) {
  event.preventDefault();
  const tenantId = new FormData($('sign-in-form')).get('tenantId');
  try {
    const { data } = await api('POST', '/console/api/sign-in/options', { tenantId });
    const credential = await navigator.credentials.get({ publicKey: requestOptions(data.publicKey) });
    await api('POST', '/console/api/sign-in', { credential: credentialJson(credential) });
    await loadSession();
    say('Signed in.');
    $('find-user-id').focus();
  } catch (e) {
    fail(e.name === 'NotAllowedError' ? 'The passkey prompt was cancelled or timed out.' : e.message);
  }
}

// A setup link (from bootstrap-tenant, recover-admin or an Admin's invitation) carries its one-time token in the
// fragment, which browsers never send: it is read once, then removed from the address bar and history.
const setupLink = { tenantId: null, token: null };
function readSetupLink() {
  if (!location.hash.startsWith('#setup&')) { return false; }
  const params = new URLSearchParams(location.hash.slice('#setup&'.length));
  setupLink.tenantId = params.get('tenant');
  setupLink.token = params.get('token');
  history.replaceState(null, '', location.pathname);
  $('setup-intro').textContent = `You were invited to administer ${setupLink.tenantId}. Give your name and create a passkey on this device.`;
  $('setup').hidden = false;
  $('sign-in').hidden = true;
  return true;
}

async function setUp(event) {
  event.preventDefault();
  const form = new FormData($('setup-form'));
  try {
    const { data } = await api('POST', '/console/api/setup/options', { tenantId: setupLink.tenantId, token: setupLink.token, displayName: form.get('displayName') });
    const credential = await navigator.credentials.create({ publicKey: creationOptions(data.publicKey) });
    await api('POST', '/console/api/setup', { credential: credentialJson(credential), passkeyName: form.get('passkeyName') || null });
    setupLink.token = null;
    $('setup').hidden = true;
    await loadSession();
    say(`Welcome: you administer ${data.tenantId} with the ${data.role} role.`);
  } catch (e) {
    fail(e.name === 'NotAllowedError' ? 'The passkey prompt was cancelled or timed out.' : e.message);
  }
}

// High-assurance actions need a passkey confirmation from the last few minutes: confirm once, then the action is retried.
async function stepUp() {
  const { data } = await api('POST', '/console/api/step-up/options');
  const credential = await navigator.credentials.get({ publicKey: requestOptions(data.publicKey) });
  await api('POST', '/console/api/step-up', { credential: credentialJson(credential) });
  await loadSession();
}

async function withStepUp(action) {
  try {
    return await action();
  } catch (e) {
    if (e.code !== 'auth.high-assurance-required') { throw e; }
    say('Confirm with your passkey to continue.');
    await stepUp();
    return await action();
  }
}

async function signOut() {
  try { await api('POST', '/console/api/sign-out'); } catch (e) { fail(e.message); }
  clearUserPanel();
  await loadSession();
  say('Signed out.');
}

// Everything shown for one user (a QR pairing offer, a code shown once, a revocation result) belongs to that user only:
// opening another user starts from an empty panel, so nothing of the last one can be handed to the next.
function clearUserPanel() {
  state.userId = null;
  $('user-panel').hidden = true;
  $('user-title').textContent = '';
  $('user-status').textContent = '';
  $('methods-table').querySelector('tbody').replaceChildren();
  $('code-status').textContent = '';
  $('new-code').textContent = '';
  $('revoke-result').hidden = true;
  $('revoke-summary').textContent = '';
  $('since-table').querySelector('tbody').replaceChildren();
  $('revoke-confirm').checked = false;
  $('qr-figure').hidden = true;
  $('qr-image').removeAttribute('src');
  $('qr-caption').textContent = '';
  $('activity-table').querySelector('tbody').replaceChildren();
}

async function findUser(event) {
  if (event) { event.preventDefault(); }
  const userId = (event ? new FormData($('find-form')).get('userId') : state.userId) || '';
  if (event) { clearUserPanel(); }
  try {
    const { data } = await api('GET', '/v1/admin/users/' + encodeURIComponent(userId));
    if (state.userId !== null && state.userId !== userId) { clearUserPanel(); }
    state.userId = userId;
    $('user-panel').hidden = false;
    $('user-title').textContent = `User ${userId}`;
    const push = data.pushStatus;
    $('user-status').textContent = (data.exists ? '' : 'This user has no stored state yet. ')
      + (data.pushRevokedAt ? `Push revoked at ${when(data.pushRevokedAt)} until a new pairing. ` : '')
      + (push.blocked ? `Push blocked (${push.reason}) until ${when(push.until)}. ` : 'Push not blocked. ')
      + `${push.outstanding} pending challenge(s).`;
    const tbody = $('methods-table').querySelector('tbody');
    tbody.replaceChildren();
    for (const m of data.methods) {
      const row = document.createElement('tr');
      cell(row, m.displayName); cell(row, m.kind); cell(row, when(m.createdAt)); cell(row, when(m.lastUsedAt));
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Disconnect';
      button.setAttribute('aria-label', `Disconnect ${m.displayName}`);
      button.addEventListener('click', () => disconnect(m.methodId, m.displayName));
      cell(row, '').appendChild(button);
      tbody.appendChild(row);
    }
    const code = data.temporaryCode;
    $('code-status').textContent = code
      ? `Active code ${code.codeId}, valid until ${when(code.expiresAt)}${code.reusable ? ' (reusable)' : ' (one-time)'}${code.loginServiceKeyId ? ', only for key ' + code.loginServiceKeyId : ''}. ${data.codesIssuedInLastHour} issued in the last hour.`
      : `No active temporary code. ${data.codesIssuedInLastHour} issued in the last hour.`;
    fillActivity($('activity-table').querySelector('tbody'), data.recentActivity);
    if (event) { say(`Showing ${userId}.`); }
  } catch (e) { fail(e.message); }
}

async function disconnect(methodId, name) {
  try {
    await api('DELETE', `/v1/admin/users/${encodeURIComponent(state.userId)}/methods/${encodeURIComponent(methodId)}?reason=other`);
    say(`Disconnected ${name}.`);
    await findUser();
  } catch (e) { fail(e.message); }
}

async function generateCode(event) {
  event.preventDefault();
  const form = new FormData($('code-form'));
  const body = { validityHours: Number(form.get('validityHours')), loginServiceKeyId: form.get('loginServiceKeyId') || null };
  try {
    const userId = state.userId;
    const { data } = await withStepUp(() => api('POST', `/v1/admin/users/${encodeURIComponent(userId)}/temporary-codes`, body));
    $('new-code').textContent = data.code;
    say(`Temporary code generated, valid until ${when(data.expiresAt)}. Give it to the user now: it is not shown again.`);
    await findUser();
  } catch (e) { fail(e.name === 'NotAllowedError' ? 'The passkey confirmation was cancelled.' : e.message); }
}

async function expireCodes() {
  try {
    const { data } = await api('DELETE', `/v1/admin/users/${encodeURIComponent(state.userId)}/temporary-codes`);
    $('new-code').textContent = '';
    say(data.expired ? 'Temporary codes expired.' : 'There was no active temporary code.');
    await findUser();
  } catch (e) { fail(e.message); }
}

async function revokeAll(event) {
  event.preventDefault();
  const reason = new FormData($('revoke-form')).get('reason');
  try {
    const userId = state.userId;
    const { data } = await withStepUp(() => api('POST', `/v1/admin/users/${encodeURIComponent(userId)}/revoke-all`, { reason }));
    $('revoke-result').hidden = false;
    $('revoke-summary').textContent = `Revoked ${data.revokedMethods.length} method(s), cancelled ${data.cancelledChallenges} pending challenge(s). `
      + (data.lastKnownGood ? `Last known-good verification: ${data.lastKnownGood.activity} at ${when(data.lastKnownGood.at)}.` : 'No earlier successful verification.');
    fillActivity($('since-table').querySelector('tbody'), data.activitySinceLastKnownGood);
    $('revoke-confirm').checked = false;
    say('All methods revoked; push is blocked until a new pairing.');
    await findUser();
  } catch (e) { fail(e.name === 'NotAllowedError' ? 'The passkey confirmation was cancelled.' : e.message); }
}

async function pairingOffer() {
  try {
    const { data } = await api('POST', `/v1/admin/users/${encodeURIComponent(state.userId)}/pairing-offers`, { serviceName: 'New phone' });
    $('qr-image').src = data.qrCode;
    $('qr-caption').textContent = `Scan with the authenticator app before ${when(data.expiresAt)}.`;
    $('qr-figure').hidden = false;
    say('Pairing offer ready.');
  } catch (e) { fail(e.message); }
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('setup-form').addEventListener('submit', setUp);
  $('sign-out').addEventListener('click', signOut);
  $('find-form').addEventListener('submit', findUser);
  $('code-form').addEventListener('submit', generateCode);
  $('expire-codes').addEventListener('click', expireCodes);
  $('revoke-form').addEventListener('submit', revokeAll);
  $('pairing-offer').addEventListener('click', pairingOffer);
  readSetupLink();
  loadSession();
});
