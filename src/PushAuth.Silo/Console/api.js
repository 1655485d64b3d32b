// The console's calls to /console/api and /v1/admin: same-origin, with the session cookie, the CSRF token on every
// request that changes something, problem+json errors as ApiError. A high-assurance action whose passkey confirmation
// is too old (403 auth.high-assurance-required) asks for the passkey once and is retried: the step-up is transparent.
import { getPasskey } from './webauthn.js';

const state = { csrf: null, onSignedOut: null, onStepUp: null };

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The server answered ${status}.`);
    this.status = status;
    this.code = problem && problem.code;
    this.problem = problem;
  }
}

/** The CSRF token of the session (from GET /console/api/session), or null when signed out. */
export function setCsrf(token) { state.csrf = token; }

/** Called when a request finds the session gone (401 console.signed-out). */
export function onSignedOut(handler) { state.onSignedOut = handler; }

/** Called around a step-up: handler(true) before the prompt, handler(false) after. */
export function onStepUp(handler) { state.onStepUp = handler; }

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  if (method !== 'GET' && state.csrf) { headers['X-CSRF-Token'] = state.csrf; }
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) { throw new ApiError(response.status, data); }
  return data;
}

/** Confirms with one of the admin's own passkeys: high-assurance actions are open again for the window. */
export async function stepUp() {
  const options = await send('POST', '/console/api/step-up/options');
  const credential = await getPasskey(options.publicKey);
  return send('POST', '/console/api/step-up', { credential });
}

/** One call; a stale passkey confirmation is renewed (prompt) and the call retried once. */
export async function api(method, path, body) {
  try {
    return await send(method, path, body);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && e.code === 'console.signed-out' && state.onSignedOut && !path.startsWith('/console/api/session')) {
      state.onSignedOut();
    }
    if (!(e instanceof ApiError) || e.code !== 'auth.high-assurance-required') { throw e; }
    if (state.onStepUp) { state.onStepUp(true); }
    try { await stepUp(); } finally { if (state.onStepUp) { state.onStepUp(false); } }
    return send(method, path, body);
  }
}

/** A query string of the set values of <params>. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') { q.set(key, value); }
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Encodes one path segment. */
export const seg = encodeURIComponent;
