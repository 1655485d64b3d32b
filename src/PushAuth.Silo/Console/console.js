// The PushAuth admin console: a single page of ES modules served by the silo. The shell here holds the session, the
// navigation and the router (#/dashboard, #/users, #/users/<id>, #/history, #/api-keys, #/admins, #/passkeys,
// #/settings); each page is a module that renders into a fresh container, so nothing one page (or one user) showed can
// remain on the next. Without a session it shows the passkey sign-in, or the setup of a one-time link.
import { api, ApiError, setCsrf, onSignedOut, onStepUp } from './api.js';
import { h } from './dom.js';
import { renderSignIn, renderSetup, readSetupLink } from './page-sign-in.js';
import { renderDashboard } from './page-dashboard.js';
import { renderUsers } from './page-users.js';
import { renderUser } from './page-user.js';
import { renderHistory } from './page-history.js';
import { renderApiKeys } from './page-api-keys.js';
import { renderAdmins } from './page-admins.js';
import { renderPasskeys } from './page-passkeys.js';
import { renderSettings } from './page-settings.js';

const $ = (id) => document.getElementById(id);

// Each page: its path, title, the permission it needs (null: any signed-in admin) and its renderer.
const pages = [
  { path: 'dashboard', title: 'Dashboard', permission: 'ReadHistory', render: renderDashboard },
  { path: 'users', title: 'Users', permission: 'ReadUsers', render: renderUsers },
  { path: 'history', title: 'History', permission: 'ReadHistory', render: renderHistory },
  { path: 'api-keys', title: 'API keys', permission: 'ManageTenant', render: renderApiKeys },
  { path: 'admins', title: 'Admins', permission: 'ManageTenant', render: renderAdmins },
  { path: 'settings', title: 'Settings', permission: 'ManageTenant', render: renderSettings },
  { path: 'passkeys', title: 'My passkeys', permission: null, render: renderPasskeys },
];

const shell = { session: null, setup: null, rendering: 0 };

/** A status message (polite live region); clears the error. */
export function notify(text) { $('notice').textContent = text; $('alert').textContent = ''; }

/** An error message (alert live region). */
export function fail(error) {
  const text = typeof error === 'string' ? error : (error && error.message) || 'Something went wrong.';
  $('alert').textContent = text;
}

function clearMessages() { $('notice').textContent = ''; $('alert').textContent = ''; }

function can(permission) { return !permission || (shell.session && shell.session.permissions.includes(permission)); }

async function loadSession() {
  try {
    shell.session = await api('GET', '/console/api/session');
    setCsrf(shell.session.csrfToken);
  } catch (e) {
    if (!(e instanceof ApiError)) { throw e; }
    shell.session = null;
    setCsrf(null);
  }
  renderChrome();
}

function renderChrome() {
  const s = shell.session;
  $('who').hidden = !s;
  $('nav').hidden = !s;
  $('menu-toggle').hidden = !s;
  if (!s) { return; }
  $('who-name').textContent = s.displayName;
  $('who-role').textContent = s.role;
  $('who-tenant').textContent = s.tenantId;
  const list = $('nav-list');
  list.replaceChildren(...pages.filter((p) => can(p.permission)).map((p) =>
    h('li', {}, h('a', { href: `#/${p.path}`, 'data-page': p.path, text: p.title }))));
}

function parseRoute() {
  const hash = location.hash || '#/';
  const [path, search] = hash.slice(2).split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: new URLSearchParams(search || '') };
}

/** Goes to a console path such as 'users/alice' (with an optional query object). */
export function navigate(path, params) {
  const q = params ? new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';
  const target = `#/${path}${q ? `?${q}` : ''}`;
  if (location.hash === target) { route(); } else { location.hash = target; }
}

async function route() {
  const ticket = ++shell.rendering;
  const view = $('view');
  const fresh = h('div.page');
  view.replaceChildren(fresh);
  closeMenu();
  if (shell.setup) {
    renderSetup(fresh, setupContext());
    return;
  }
  if (!shell.session) {
    document.title = 'Sign in · PushAuth console';
    renderSignIn(fresh, { notify, fail, signedIn });
    return;
  }
  const { parts, query } = parseRoute();
  const first = parts[0] || pages.find((p) => can(p.permission)).path;
  const page = first === 'users' && parts.length > 1
    ? { path: 'users', title: 'User', permission: 'ReadUsers', render: renderUser }
    : pages.find((p) => p.path === first);
  for (const link of document.querySelectorAll('#nav-list a')) {
    if (link.dataset.page === (page && page.path)) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
  }
  if (!page) {
    document.title = 'Not found · PushAuth console';
    fresh.append(h('h1', { text: 'Page not found' }), h('p.empty', {}, 'There is no such page. ', h('a', { href: '#/dashboard', text: 'Go to the dashboard' })));
    return;
  }
  document.title = `${page.title} · PushAuth console`;
  if (!can(page.permission)) {
    fresh.append(h('h1', { text: page.title }), h('p.empty', { text: `Your role (${shell.session.role}) does not include this page.` }));
    return;
  }
  const ctx = {
    session: shell.session, can, notify, fail, navigate, params: parts.slice(1), query,
    current: () => ticket === shell.rendering,
    refreshSession: loadSession,
  };
  try {
    await page.render(fresh, ctx);
  } catch (e) {
    if (ticket === shell.rendering) { fail(e); }
  }
}

function setupContext() {
  return {
    notify, fail, link: shell.setup,
    done: async (welcome) => {
      shell.setup = null;
      await loadSession();
      location.hash = '#/dashboard';
      await route();
      notify(welcome);
      $('main').focus();
    },
  };
}

async function signedIn() {
  await loadSession();
  clearMessages();
  if (!location.hash.startsWith('#/')) { location.hash = '#/dashboard'; }
  await route();
  notify(`Signed in as ${shell.session.displayName}.`);
  $('main').focus();
}

async function signOut() {
  try { await api('POST', '/console/api/sign-out'); } catch (e) { fail(e); }
  shell.session = null;
  setCsrf(null);
  renderChrome();
  history.replaceState(null, '', location.pathname);
  await route();
  notify('Signed out.');
}

function closeMenu() {
  $('nav').classList.remove('open');
  $('menu-toggle').setAttribute('aria-expanded', 'false');
}

function toggleMenu() {
  const open = !$('nav').classList.contains('open');
  $('nav').classList.toggle('open', open);
  $('menu-toggle').setAttribute('aria-expanded', String(open));
  if (open) { const first = $('nav').querySelector('a'); if (first) { first.focus(); } }
}

document.addEventListener('DOMContentLoaded', async () => {
  $('sign-out').addEventListener('click', signOut);
  $('menu-toggle').addEventListener('click', toggleMenu);
  $('nav').addEventListener('keydown', (e) => { if (e.key === 'Escape') { closeMenu(); $('menu-toggle').focus(); } });
  // The skip link moves focus to the page without touching the hash (the hash is the router's).
  $('skip-link').addEventListener('click', (e) => { e.preventDefault(); $('main').focus(); });
  onSignedOut(async () => {
    shell.session = null;
    setCsrf(null);
    renderChrome();
    await route();
    fail('Your session ended: sign in again.');
  });
  onStepUp((prompting) => { if (prompting) { notify('Confirm with your passkey to continue.'); } });
  shell.setup = readSetupLink();
  if (!shell.setup) { await loadSession(); }
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/') || location.hash === '') { clearMessages(); route(); }
  });
  await route();
});
