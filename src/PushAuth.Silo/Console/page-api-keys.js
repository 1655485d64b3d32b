// API keys: issue (the key is shown once), list and revoke. Issuing and revoking need a fresh passkey confirmation,
// asked for transparently.
import { api, seg } from './api.js';
import { h, fill, field, table, card, badge, shownOnce, confirmDialog } from './dom.js';

const roles = [
  { value: 'LoginService', text: 'LoginService: sign-in challenges, pairing, TOTP for your login service' },
  { value: 'Auditor', text: 'Auditor: reads users and the history' },
  { value: 'ManageMfa', text: 'ManageMfa: helpdesk recovery (codes, disconnect, revoke)' },
  { value: 'Admin', text: 'Admin: everything, including keys and settings' },
];

export async function renderApiKeys(view, ctx) {
  const issued = h('div', { 'aria-live': 'polite' });
  const list = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  const name = h('input', { name: 'name', required: true, maxlength: '100', autocomplete: 'off' });
  const role = h('select', { name: 'role' }, roles.map((r) => h('option', { value: r.value, text: r.text })));
  const form = h('form.stack', {}, field('Name', name, 'What uses the key, for example "Mail login service".'), field('Role', role),
    h('div.actions', {}, h('button', { type: 'submit', text: 'Issue key' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const key = await api('POST', '/v1/admin/api-keys', { name: name.value.trim(), role: role.value });
      if (!ctx.current()) { return; }
      fill(issued, h('div.result.card', {}, h('h2', { text: `Key ${key.keyId} (${key.role})` }), shownOnce('API key', key.key),
        h('p.hint', { text: 'Store it in your service\'s secret store now. Only its hash is kept here.' })));
      form.reset();
      ctx.notify(`Key ${key.keyId} issued.`);
      await load();
    } catch (err) { ctx.fail(err); }
  });

  view.append(
    h('div.page-head', {}, h('h1', { text: 'API keys' })),
    h('p.lead', { text: 'Keys your services use to call PushAuth. Each has one role; give each service its own key.' }),
    issued,
    h('div.grid-2', {}, card('Issue a key', form), card('Keys', list)));

  async function load() {
    const keys = await api('GET', '/v1/admin/api-keys');
    if (!ctx.current()) { return; }
    fill(list, table('API keys of this tenant', [
      { label: 'Name', value: (k) => k.name },
      { label: 'Key id', value: (k) => h('code', { text: k.keyId }) },
      { label: 'Role', value: (k) => k.role },
      { label: 'Created', value: (k) => new Date(k.createdAt).toLocaleDateString() },
      { label: 'State', value: (k) => k.revoked ? badge('Revoked', 'neutral') : badge('Active', 'ok') },
      {
        label: 'Action',
        value: (k) => k.revoked ? '—' : h('button.secondary.small', {
          type: 'button', text: 'Revoke', 'aria-label': `Revoke key ${k.name}`,
          onClick: async () => {
            const ok = await confirmDialog({
              title: `Revoke key "${k.name}"?`, confirm: 'Revoke key', danger: true,
              body: h('p', { text: `Every service using key ${k.keyId} is refused from now on. This cannot be undone.` }),
            });
            if (!ok) { return; }
            try {
              await api('DELETE', `/v1/admin/api-keys/${seg(k.keyId)}`);
              ctx.notify(`Key ${k.keyId} revoked.`);
              await load();
            } catch (err) { ctx.fail(err); }
          },
        }),
      },
    ], keys, 'No API key yet.'));
    list.removeAttribute('aria-busy');
  }
  await load();
}
