// Sign-in with a passkey, and the setup of a one-time link (bootstrap-tenant, recover-admin or an Admin's invitation).
import { api } from './api.js';
import { h, field } from './dom.js';
import { createPasskey, getPasskey, passkeyMessage } from './webauthn.js';

/**
 * A setup link carries its one-time token in the fragment (#setup&tenant=…&token=…), which browsers never send: it is
 * read once, then removed from the address bar and the history.
 */
export function readSetupLink() {
  if (!location.hash.startsWith('#setup&')) { return null; }
  const params = new URLSearchParams(location.hash.slice('#setup&'.length));
  history.replaceState(null, '', location.pathname);
  return { tenantId: params.get('tenant'), token: params.get('token') };
}

export function renderSignIn(view, { fail, signedIn }) {
  const tenant = h('input', { name: 'tenantId', autocomplete: 'organization', required: true, spellcheck: 'false', autocapitalize: 'none' });
  tenant.value = localStorage.getItem('pushauth.console.tenant') || '';
  const button = h('button', { type: 'submit', text: 'Sign in with a passkey' });
  const form = h('form.stack', {},
    field('Tenant', tenant, 'The tenant id you administer, for example acme.'),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const options = await api('POST', '/console/api/sign-in/options', { tenantId: tenant.value.trim() });
      const credential = await getPasskey(options.publicKey);
      await api('POST', '/console/api/sign-in', { credential });
      localStorage.setItem('pushauth.console.tenant', tenant.value.trim());
      await signedIn();
    } catch (e) {
      fail(passkeyMessage(e));
    } finally {
      button.disabled = false;
    }
  });
  view.append(h('div.auth-panel', {},
    h('h1', { text: 'Sign in' }),
    h('p.lead', { text: 'Admins sign in with a passkey on this device or a security key. There are no passwords.' }),
    form,
    h('p.hint', { text: 'Locked out? Another Admin can invite you again; if you are the last Admin, your operator runs the recover-admin command.' })));
  if (!tenant.value) { tenant.focus(); }
}

export function renderSetup(view, { fail, link, done }) {
  const name = h('input', { name: 'displayName', autocomplete: 'name', maxlength: '100', required: true });
  const passkeyName = h('input', { name: 'passkeyName', maxlength: '64', value: 'Passkey' });
  const button = h('button', { type: 'submit', text: 'Create passkey' });
  const form = h('form.stack', {},
    field('Your name', name, 'Shown to the other admins and in the history.'),
    field('Name of this passkey', passkeyName, 'For example "Work laptop", so you can tell your passkeys apart.'),
    button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const options = await api('POST', '/console/api/setup/options', { tenantId: link.tenantId, token: link.token, displayName: name.value.trim() });
      const credential = await createPasskey(options.publicKey);
      await api('POST', '/console/api/setup', { credential, passkeyName: passkeyName.value.trim() || null });
      link.token = null;
      await done(`Welcome: you administer ${options.tenantId} with the ${options.role} role.`);
    } catch (e) {
      fail(e.code === 'invitation.invalid' ? 'This setup link is not valid: it was used already, revoked or has expired. Ask an Admin for a new one.' : passkeyMessage(e));
      button.disabled = false;
    }
  });
  view.append(h('div.auth-panel', {},
    h('h1', { text: 'Set up your admin access' }),
    h('p.lead', { id: 'setup-intro', text: `You were invited to administer ${link.tenantId}. Give your name and create a passkey on this device.` }),
    form));
  name.focus();
}
