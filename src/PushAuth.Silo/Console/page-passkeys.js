// My passkeys: the signed-in admin's own passkeys: add one (another device, a security key), remove one. The last
// passkey of the last Admin cannot be removed (409 passkey.last-of-last-admin).
import { api, seg } from './api.js';
import { h, fill, field, table, card, time, confirmDialog } from './dom.js';
import { createPasskey, passkeyMessage } from './webauthn.js';

export async function renderPasskeys(view, ctx) {
  const list = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  const name = h('input', { name: 'name', maxlength: '64', required: true, value: 'Security key', autocomplete: 'off' });
  const form = h('form.stack', {}, field('Name of the new passkey', name, 'Your browser asks which authenticator to use.'),
    h('div.actions', {}, h('button', { type: 'submit', text: 'Add passkey' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const options = await api('POST', '/console/api/me/passkeys/options');
      const credential = await createPasskey(options.publicKey);
      await api('POST', '/console/api/me/passkeys', { credential, passkeyName: name.value.trim() });
      ctx.notify(`Passkey "${name.value.trim()}" added.`);
      await load();
    } catch (err) { ctx.fail(passkeyMessage(err)); }
  });
  view.append(
    h('div.page-head', {}, h('h1', { text: 'My passkeys' })),
    h('p.lead', { text: `Passkeys that sign you (${ctx.session.displayName}) in to this console. Keep at least two, on different devices.` }),
    h('div.grid-2', {}, card('Your passkeys', list), card('Add a passkey', form)));

  async function load() {
    const { passkeys } = await api('GET', '/console/api/me/passkeys');
    if (!ctx.current()) { return; }
    fill(list, table('Passkeys that sign you in', [
      { label: 'Name', value: (p) => p.name },
      { label: 'Added', value: (p) => time(p.createdAt) },
      { label: 'Last used', value: (p) => time(p.lastUsedAt) },
      {
        label: 'Action',
        value: (p) => h('button.secondary.small', {
          type: 'button', text: 'Remove', 'aria-label': `Remove passkey ${p.name}`,
          onClick: async () => {
            const ok = await confirmDialog({
              title: `Remove passkey "${p.name}"?`, confirm: 'Remove passkey', danger: true,
              body: h('p', { text: 'It can no longer sign you in to this console.' }),
            });
            if (!ok) { return; }
            try {
              await api('DELETE', `/console/api/me/passkeys/${seg(p.credentialId)}`);
              ctx.notify(`Passkey "${p.name}" removed.`);
              await ctx.refreshSession();
              await load();
            } catch (err) {
              ctx.fail(err.code === 'passkey.last-of-last-admin' ? 'This is the last passkey of the last Admin: add another passkey or another Admin first.' : passkeyMessage(err));
            }
          },
        }),
      },
    ], passkeys, 'No passkey.'));
    list.removeAttribute('aria-busy');
  }
  await load();
}
