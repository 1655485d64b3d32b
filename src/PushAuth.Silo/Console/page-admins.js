// Admins and invitations: who administers this tenant, with which role; change a role, remove an admin (never the
// last Admin: 409 admins.last-admin); invite someone with a role (the one-time setup link is shown once), revoke an
// invitation. Every change needs a fresh passkey confirmation, asked for transparently.
import { api, seg } from './api.js';
import { h, fill, field, table, card, time, shownOnce, confirmDialog, uid } from './dom.js';

const roleNames = ['Admin', 'ManageMfa', 'Auditor'];
const roleText = {
  Admin: 'Admin: everything, including keys, admins and settings',
  ManageMfa: 'ManageMfa: helpdesk (codes, disconnect, revoke, pairing)',
  Auditor: 'Auditor: reads users and the history',
};

export async function renderAdmins(view, ctx) {
  const result = h('div', { 'aria-live': 'polite' });
  const admins = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  const invitations = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));

  const role = h('select', { name: 'role' }, roleNames.map((r) => h('option', { value: r, text: roleText[r], selected: r === 'ManageMfa' })));
  const hours = h('input', { name: 'validityHours', type: 'number', min: '1', max: '168', value: '72', required: true, inputmode: 'numeric' });
  const form = h('form.stack', {}, field('Role', role), field('Valid for (hours, 1 to 168)', hours, 'The link works once, until it expires.'),
    h('div.actions', {}, h('button', { type: 'submit', text: 'Create invitation' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const inv = await api('POST', '/console/api/invitations', { role: role.value, validityHours: Number(hours.value) });
      if (!ctx.current()) { return; }
      fill(result, h('div.result.card', {}, h('h2', { text: `Invitation for a new ${inv.role}` }), shownOnce('Setup link', inv.setupLink),
        h('p.hint', { text: `Send it to the person over a channel you trust; it expires ${new Date(inv.expiresAt).toLocaleString()}. They create their own passkey on it.` })));
      ctx.notify('Invitation created.');
      await load();
    } catch (err) { ctx.fail(err); }
  });

  view.append(
    h('div.page-head', {}, h('h1', { text: 'Admins' })),
    h('p.lead', { text: 'People who sign in to this console with a passkey. Admins are their own identity: no API key or end-user method can add or use one.' }),
    result,
    card('Admins', admins),
    h('div.grid-2', {}, card('Pending invitations', invitations), card('Invite an admin', form)));

  async function load() {
    const [a, i] = await Promise.all([api('GET', '/console/api/admins'), api('GET', '/console/api/invitations')]);
    if (!ctx.current()) { return; }
    fill(admins, table('Admins of this tenant', [
      { label: 'Name', value: (x) => x.adminId === ctx.session.adminId ? `${x.displayName} (you)` : x.displayName },
      { label: 'Role', value: (x) => roleControl(x) },
      { label: 'Passkeys', value: (x) => String(x.passkeys.length) },
      { label: 'Since', value: (x) => time(x.createdAt) },
      { label: 'Action', value: (x) => removeButton(x) },
    ], a.admins, 'No admin.'));
    admins.removeAttribute('aria-busy');
    fill(invitations, table('Invitations not used yet', [
      { label: 'Role', value: (x) => x.role },
      { label: 'Created', value: (x) => time(x.createdAt) },
      { label: 'Expires', value: (x) => time(x.expiresAt) },
      { label: 'By', value: (x) => x.createdBy },
      {
        label: 'Action',
        value: (x) => h('button.secondary.small', {
          type: 'button', text: 'Revoke', 'aria-label': `Revoke the ${x.role} invitation created ${new Date(x.createdAt).toLocaleString()}`,
          onClick: async () => {
            try { await api('DELETE', `/console/api/invitations/${seg(x.invitationId)}`); ctx.notify('Invitation revoked.'); await load(); } catch (err) { ctx.fail(err); }
          },
        }),
      },
    ], i.invitations, 'No pending invitation.'));
    invitations.removeAttribute('aria-busy');
  }

  function roleControl(admin) {
    const id = uid('role');
    const select = h('select', { id, name: 'role' }, roleNames.map((r) => h('option', { value: r, text: r, selected: r === admin.role })));
    const save = h('button.secondary.small', { type: 'button', text: 'Change', 'aria-label': `Change the role of ${admin.displayName}` });
    save.addEventListener('click', async () => {
      if (select.value === admin.role) { return; }
      try {
        await api('PATCH', `/console/api/admins/${seg(admin.adminId)}`, { role: select.value });
        ctx.notify(`${admin.displayName} is now ${select.value}.`);
        if (admin.adminId === ctx.session.adminId) { await ctx.refreshSession(); }
        await load();
      } catch (err) {
        ctx.fail(err.code === 'admins.last-admin' ? 'This is the last Admin: make someone else Admin first.' : err);
      }
    });
    return h('div.inline-control', {}, h('label.visually-hidden', { for: id, text: `Role of ${admin.displayName}` }), select, save);
  }

  function removeButton(admin) {
    return h('button.secondary.small', {
      type: 'button', text: 'Remove', 'aria-label': `Remove ${admin.displayName}`,
      onClick: async () => {
        const ok = await confirmDialog({
          title: `Remove ${admin.displayName}?`, confirm: 'Remove admin', danger: true,
          body: h('p', { text: 'Their passkeys stop working for this tenant and their sessions end.' }),
        });
        if (!ok) { return; }
        try {
          await api('DELETE', `/console/api/admins/${seg(admin.adminId)}`);
          ctx.notify(`${admin.displayName} removed.`);
          await load();
        } catch (err) {
          ctx.fail(err.code === 'admins.last-admin' ? 'This is the last Admin and cannot be removed.' : err);
        }
      },
    });
  }
  await load();
}
