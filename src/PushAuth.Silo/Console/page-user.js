// One user's page (#/users/<id>): phones, authenticator codes, the temporary code, a QR pairing offer for a new phone,
// backups, auto-approve rules, recent activity, per-method disconnect with a reason, and revoke-all after a loss or
// theft. Everything lives in this render's own elements: opening another user builds a new page from nothing, so a QR
// code, a code shown once or a revocation result can never be shown under the next user (issue 15, reproduction 6).
import { api, seg } from './api.js';
import { h, fill, field, table, time, card, badge, shownOnce, confirmDialog, uid, when } from './dom.js';
import { passkeyMessage } from './webauthn.js';

const reasons = [
  { value: 'lost', label: 'Lost', text: 'The phone is missing.' },
  { value: 'stolen', label: 'Stolen', text: 'Someone else may hold it: consider revoking everything below as well.' },
  { value: 'broken', label: 'Broken', text: 'It no longer works.' },
  { value: 'replaced', label: 'Replaced', text: 'The user moved to a new phone.' },
];

export async function renderUser(view, ctx) {
  const userId = ctx.params[0];
  const base = `/v1/admin/users/${seg(userId)}`;
  const heading = h('h1', {}, h('span.eyebrow', { text: 'User' }), h('span', { text: userId }));
  const status = h('div.status-line');
  const sections = h('div.sections', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  // What this user was just handed (a code, a QR offer, a revocation's result): shown until the page is left.
  const results = h('div.results', { 'aria-live': 'polite' });
  view.append(
    h('p.breadcrumb', {}, h('a', { href: '#/users', text: 'Users' })),
    h('div.page-head', {}, heading, status),
    results,
    sections);

  let profile;
  try {
    profile = await api('GET', `${base}/profile`);
  } catch (e) {
    if (!ctx.current()) { return; }
    if (e.code === 'user.not-found' || e.code === 'userId.invalid') {
      fill(sections, h('div.error-state', {},
        h('h2', { text: 'No such user' }),
        h('p', { text: `This tenant has no user "${userId}". User ids are exact: upper and lower case differ.` }),
        h('p', {}, h('a', { href: `#/users?q=${encodeURIComponent(userId.slice(0, 3))}`, text: 'Search for similar ids' }))));
      sections.removeAttribute('aria-busy');
      return;
    }
    throw e;
  }
  if (!ctx.current()) { return; }

  async function refresh() {
    const next = await api('GET', `${base}/profile`);
    if (ctx.current()) { profile = next; draw(); }
  }

  function show(...nodes) { fill(results, ...nodes); }

  async function act(work) {
    try { await work(); } catch (e) { if (ctx.current()) { ctx.fail(passkeyMessage(e)); } }
  }

  function disconnectButton(method, label) {
    if (!ctx.can('ManageMethods')) { return null; }
    return h('button.secondary.small', {
      type: 'button', text: 'Disconnect', 'aria-label': `Disconnect ${label}`,
      onClick: () => act(async () => {
        const groupId = uid('reason');
        const data = await confirmDialog({
          title: `Disconnect ${label}?`,
          confirm: 'Disconnect',
          danger: true,
          body: h('fieldset.reasons', { 'aria-describedby': `${groupId}-note` },
            h('legend', { text: 'Why?' }),
            reasons.map((r, i) => {
              const id = `${groupId}-${r.value}`;
              return h('div.radio', {},
                h('input', { type: 'radio', name: 'reason', value: r.value, id, required: true, checked: i === 0 }),
                h('label', { for: id }, h('strong', { text: r.label }), h('span.hint', { text: ` ${r.text}` })));
            }),
            h('p.hint', { id: `${groupId}-note`, text: `${userId} can no longer use it to sign in; its pending sign-in requests and the auto-approve rules it made end now. This is recorded in the history with your name.` })),
        });
        if (!data) { return; }
        await api('DELETE', `${base}/methods/${seg(method.methodId)}?reason=${seg(data.get('reason'))}`);
        ctx.notify(`Disconnected ${label} (${data.get('reason')}).`);
        await refresh();
      }),
    });
  }

  function draw() {
    const p = profile;
    const push = p.pushStatus;
    fill(status, 
      p.pushRevokedAt ? badge(`Methods revoked ${when(p.pushRevokedAt)}`, 'danger') : null,
      push.blocked ? badge(`Push blocked (${push.reason}) until ${when(push.until)}`, 'danger') : badge('Push not blocked', 'ok'),
      badge(`${push.outstanding} pending sign-in request${push.outstanding === 1 ? '' : 's'}`, push.outstanding ? 'warn' : 'neutral'));

    const phones = card('Phones', table('Paired phones', [
      { label: 'Phone', value: (d) => d.displayName },
      { label: 'Platform', value: (d) => platform(d.platform) },
      { label: 'App', value: (d) => d.appVersion || '—' },
      { label: 'Push', value: (d) => d.pushTokenValid === false ? badge('No valid push token', 'warn') : badge('Reachable', 'ok') },
      { label: 'Paired', value: (d) => time(d.createdAt) },
      { label: 'Last used', value: (d) => time(d.lastUsedAt) },
      { label: 'Last seen from', value: (d) => source(d.lastSource) },
      { label: 'Action', value: (d) => disconnectButton(d, d.displayName) || '—' },
    ], p.devices, 'No phone is paired. Create a QR pairing offer below for a new phone.'));

    const totp = card('Authenticator codes', table('TOTP credentials', [
      { label: 'Credential', value: (t) => t.displayName },
      { label: 'Enrolled', value: (t) => time(t.createdAt) },
      { label: 'Last used', value: (t) => time(t.lastUsedAt) },
      { label: 'Action', value: (t) => disconnectButton(t, t.displayName) || '—' },
    ], p.totp, 'No authenticator code (TOTP) is enrolled.'));

    fill(sections,
      phones,
      h('div.grid-2', {}, totp, temporaryCodeCard(p)),
      h('div.grid-2', {}, pairingCard(), revokeCard(p)),
      adminCard(p),
      h('div.grid-2', {}, backupsCard(p), rulesCard(p)),
      activityCard(p));
    sections.removeAttribute('aria-busy');
  }

  function temporaryCodeCard(p) {
    const code = p.temporaryCode;
    const state = code
      ? h('p', {}, badge('Active', 'warn'), ` Code ${code.codeId}, valid until ${when(code.expiresAt)}${code.reusable ? ', reusable' : ', one-time'}${code.loginServiceKeyId ? `, only for key ${code.loginServiceKeyId}` : ''}.`)
      : h('p', {}, badge('None', 'neutral'), ' No active temporary code.');
    const parts = [state, h('p.hint', { text: `${p.codesIssuedInLastHour} issued in the last hour.` })];
    if (ctx.can('IssueTemporaryCodes')) {
      const hours = h('input', { name: 'validityHours', type: 'number', min: '1', max: '24', value: '8', required: true, inputmode: 'numeric' });
      const key = h('input', { name: 'loginServiceKeyId', maxlength: '8', autocomplete: 'off', spellcheck: 'false' });
      const form = h('form.stack', {},
        field('Valid for (hours, 1 to 24)', hours),
        field('Only for login service key id (optional)', key, 'Leave empty to accept the code at every login service of this tenant.'),
        h('div.actions', {}, h('button', { type: 'submit', text: 'Generate temporary code' }),
          code ? h('button.secondary', { type: 'button', text: 'Expire codes', onClick: () => act(expire) }) : null));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        act(async () => {
          const issued = await api('POST', `${base}/temporary-codes`, { validityHours: Number(hours.value), loginServiceKeyId: key.value.trim() || null });
          if (!ctx.current()) { return; }
          show(h('div.result.card', {}, h('h2', { text: `Temporary code for ${userId}` }), shownOnce('Temporary code', issued.code),
            h('p.hint', { text: `Valid until ${when(issued.expiresAt)}. Read it to the user over a channel you trust.` })));
          ctx.notify('Temporary code generated: give it to the user now, it is not shown again.');
          await refresh();
        });
      });
      parts.push(form);
    }
    return card('Temporary code', ...parts);
  }

  async function expire() {
    const answer = await api('DELETE', `${base}/temporary-codes`);
    show();
    ctx.notify(answer.expired ? 'Temporary codes expired.' : 'There was no active temporary code.');
    await refresh();
  }

  function pairingCard() {
    if (!ctx.can('ManageMethods')) {
      return card('New phone', h('p.empty', { text: 'Your role cannot create pairing offers.' }));
    }
    return card('New phone',
      h('p', { text: 'A QR code the user scans with the authenticator app on the new phone. It pairs the phone to this user only, and expires soon.' }),
      h('button', {
        type: 'button', text: 'Create QR pairing offer',
        onClick: () => act(async () => {
          const offer = await api('POST', `${base}/pairing-offers`, { serviceName: 'New phone' });
          if (!ctx.current()) { return; }
          show(h('div.result.card', {}, h('h2', { text: `Pairing offer for ${userId}` }),
            h('figure.qr', {},
              h('img', { src: offer.qrCode, alt: `QR code pairing a new phone to ${userId}: scan it with the authenticator app`, width: '256', height: '256' }),
              h('figcaption', { text: `For ${userId} only. Scan before ${when(offer.expiresAt)}.` }))));
          ctx.notify('Pairing offer ready.');
        }),
      }));
  }

  function revokeCard(p) {
    if (!ctx.can('RevokeMethods')) { return null; }
    const reason = h('select', { name: 'reason' }, h('option', { value: 'lost', text: 'Lost' }), h('option', { value: 'stolen', text: 'Stolen' }));
    const confirmId = uid('confirm');
    const confirmBox = h('input', { type: 'checkbox', id: confirmId, required: true });
    const form = h('form.stack', {},
      field('Reason', reason),
      h('div.checkbox', {}, confirmBox, h('label', { for: confirmId, text: `I understand every method of ${userId} is revoked` })),
      h('div.actions', {}, h('button.danger', { type: 'submit', text: 'Revoke all' })));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      act(async () => {
        const r = await api('POST', `${base}/revoke-all`, { reason: reason.value });
        if (!ctx.current()) { return; }
        const last = r.lastKnownGood ? `Last known-good verification: ${r.lastKnownGood.activity} at ${when(r.lastKnownGood.at)}.` : 'No earlier successful verification.';
        show(h('div.result.card', {}, h('h2', { text: `Revoked for ${userId}` }),
          h('p', { id: 'revoke-summary', text: `Revoked ${r.revokedMethods.length} method(s), cancelled ${r.cancelledChallenges} pending challenge(s), removed ${r.removedAutoApproveRules} auto-approve rule(s). ${last}` }),
          activityTable('Activity since the last known-good verification', r.activitySinceLastKnownGood, 'Nothing happened since.')));
        ctx.notify('All methods revoked; push is blocked until a new pairing.');
        await refresh();
      });
    });
    return card('Lost or stolen phone',
      h('p', { text: `Revokes every phone and authenticator code of ${p.userId}, ends pending sign-in requests and auto-approve rules, and blocks push until a new pairing. Temporary codes issued before it stop working.` }),
      form);
  }

  function backupsCard(p) {
    return card('Backups', table('Encrypted backups holding this account', [
      { label: 'Backup', value: (b) => h('code', { text: `${b.backupId}…` }) },
      { label: 'State', value: (b) => b.active ? badge('Kept', 'ok') : badge('Gone', 'neutral') },
      { label: 'Last change', value: (b) => `${b.lastActivity} · ${when(b.at)}` },
      { label: 'Phone', value: (b) => b.deviceId || '—' },
    ], p.backups, 'No backup holds this user\'s account.'));
  }

  function rulesCard(p) {
    return card('Auto-approve rules', table('Rules made on the user\'s phones', [
      { label: 'Service', value: (r) => r.service },
      { label: 'Action', value: (r) => r.action },
      { label: 'Network', value: (r) => h('code', { text: r.network }) },
      { label: 'Made by phone', value: (r) => r.createdByDeviceId },
      { label: 'Created', value: (r) => time(r.createdAt) },
    ], p.autoApproveRules, 'No auto-approve rule: every sign-in asks the phone.'));
  }

  function activityCard(p) {
    if (!p.recentActivity) { return null; }
    return card('Recent activity',
      activityTable('The newest entries of the history for this user', p.recentActivity, 'Nothing recorded yet.'),
      h('p', {}, h('a', { href: `#/history?userId=${encodeURIComponent(userId)}`, text: `All history of ${userId}` })));
  }

  function adminCard(p) {
    if (!ctx.can('ManageTenant') || !p.pushStatus.blocked) { return null; }
    return card('Push block',
      h('p', { text: 'Push is blocked after a fraud report or repeated denials. Lift it once you have confirmed with the user that the sign-ins were theirs.' }),
      h('button.secondary', {
        type: 'button', text: 'Lift push block',
        onClick: () => act(async () => { await api('DELETE', `${base}/push-block`); ctx.notify('Push block lifted.'); await refresh(); }),
      }));
  }

  draw();
}

/** A table of history entries. */
export function activityTable(caption, entries, empty, withUser) {
  return table(caption, [
    { label: 'Time', value: (e) => time(e.at) },
    withUser ? { label: 'User', value: (e) => e.userId ? h('a', { href: `#/users/${encodeURIComponent(e.userId)}`, text: e.userId }) : '—' } : null,
    { label: 'Activity', value: (e) => e.activity },
    { label: 'Method', value: (e) => e.method || '—' },
    { label: 'Status', value: (e) => e.status },
    { label: 'Source', value: (e) => [e.sourceIp, [e.city, e.country].filter(Boolean).join(', ')].filter(Boolean).join(' · ') || '—' },
    { label: 'Actor', value: (e) => e.actor },
  ].filter(Boolean), entries, empty);
}

function platform(value) {
  if (value === 'ios') { return 'iOS'; }
  if (value === 'android') { return 'Android'; }
  return value || '—';
}

function source(s) {
  if (!s) { return '—'; }
  const place = [s.city, s.country].filter(Boolean).join(', ');
  return h('span', {}, [s.sourceIp, place].filter(Boolean).join(' · '), h('br'), h('span.hint', { text: when(s.at) }));
}
