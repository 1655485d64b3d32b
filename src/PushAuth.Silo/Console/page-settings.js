// Tenant settings, with the server's validation shown under the field it names (the problem code names the field),
// and the rotation of the webhook signing secret (shown once). Saving and rotating need a fresh passkey confirmation,
// asked for transparently.
import { api } from './api.js';
import { h, fill, field, card, shownOnce, confirmDialog, clearFieldErrors, fieldError, uid } from './dom.js';

// Problem code (or its first segment) -> the form control it is about.
const fieldOfCode = {
  'settings.number-matching-digits': 'numberMatchingDigits',
  'settings.totp-window': 'totpWindow',
  'settings.max-outstanding': 'maxOutstandingChallenges',
  'settings.push-rate': 'pushesPerUserPerMinute',
  'settings.challenge-ttl': 'challengeTtlSeconds',
  'settings.recovery.history-retention-days': 'historyRetentionDays',
  'settings.recovery.events-webhook-url': 'eventsWebhookUrl',
  'settings.webhook-allowed-hosts': 'webhookAllowedHosts',
};

function fieldFor(code) {
  if (!code) { return null; }
  if (fieldOfCode[code]) { return fieldOfCode[code]; }
  const first = code.split('.')[0];
  return first === 'displayName' ? 'displayName' : null;
}

function number(name, value, min, max) {
  return h('input', { name, type: 'number', min: String(min), max: String(max), value: String(value), required: true, inputmode: 'numeric' });
}

function checkbox(name, label, checked, hint) {
  const id = uid('check');
  return h('div.checkbox', {}, h('input', { type: 'checkbox', id, name, checked }), h('label', { for: id }, label, hint ? h('span.hint', { text: ` ${hint}` }) : null));
}

function seconds(ttl) {
  if (!ttl) { return 120; }
  const [hh, mm, ss] = ttl.split(':').map(Number);
  return (hh * 3600) + (mm * 60) + Math.round(ss);
}

function timeSpan(totalSeconds) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`;
}

export async function renderSettings(view, ctx) {
  const s = await api('GET', '/v1/admin/settings');
  if (!ctx.current()) { return; }
  const recovery = s.recovery || { temporaryCodesReusable: false, historyRetentionDays: 180, eventsWebhookUrl: null };
  const form = h('form.settings', { novalidate: true },
    h('fieldset', {}, h('legend', { text: 'Tenant' }),
      field('Display name', h('input', { name: 'displayName', value: s.displayName, maxlength: '100', required: true }), 'Shown on users\' phones with each sign-in request.')),
    h('fieldset', {}, h('legend', { text: 'Push sign-in' }),
      field('Number-matching digits', number('numberMatchingDigits', s.numberMatchingDigits, 0, 6), '0 turns number matching off; otherwise 2 to 6.'),
      field('Challenge lifetime (seconds)', number('challengeTtlSeconds', seconds(s.defaultChallengeTtl), 10, 600), '10 to 600 seconds.'),
      field('Pending requests per user', number('maxOutstandingChallenges', s.maxOutstandingChallenges, 1, 20), '1 to 20.'),
      field('Pushes per user per minute', number('pushesPerUserPerMinute', s.pushesPerUserPerMinute, 1, 60), '1 to 60.'),
      checkbox('locationAutoApproveEnabled', 'Allow auto-approve rules', s.locationAutoApproveEnabled, '(users may approve a service from a trusted network once and for all)')),
    h('fieldset', {}, h('legend', { text: 'Codes' }),
      field('TOTP window (steps either side)', number('totpWindow', s.totpWindow, 0, 2), '0 to 2 steps of 30 seconds.'),
      checkbox('temporaryCodesReusable', 'Temporary codes can be used more than once', recovery.temporaryCodesReusable, '(until they expire)')),
    h('fieldset', {}, h('legend', { text: 'History and events' }),
      field('Keep history for (days)', number('historyRetentionDays', recovery.historyRetentionDays, 1, 3650), '1 to 3650 days.'),
      field('Events webhook URL', h('input', { name: 'eventsWebhookUrl', type: 'url', value: recovery.eventsWebhookUrl || '', maxlength: '2048', placeholder: 'https://' }),
        'Receives user.mfa-revoked and similar events. https only.'),
      field('Webhook hosts allowed', h('textarea', { name: 'webhookAllowedHosts', rows: '3', text: (s.webhookAllowedHosts || []).join('\n') }),
        'One host name or IP address per line; challenge webhooks may only go to these.')),
    h('div.actions', {}, h('button', { type: 'submit', text: 'Save settings' })));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(form);
    const v = (name) => form.elements.namedItem(name);
    const body = {
      displayName: v('displayName').value.trim(),
      numberMatchingDigits: Number(v('numberMatchingDigits').value),
      totpWindow: Number(v('totpWindow').value),
      locationAutoApproveEnabled: v('locationAutoApproveEnabled').checked,
      maxOutstandingChallenges: Number(v('maxOutstandingChallenges').value),
      pushesPerUserPerMinute: Number(v('pushesPerUserPerMinute').value),
      defaultChallengeTtl: timeSpan(Math.max(0, Math.round(Number(v('challengeTtlSeconds').value) || 0))),
      recovery: {
        temporaryCodesReusable: v('temporaryCodesReusable').checked,
        historyRetentionDays: Number(v('historyRetentionDays').value),
        eventsWebhookUrl: v('eventsWebhookUrl').value.trim() || null,
      },
      webhookAllowedHosts: v('webhookAllowedHosts').value.split(/\s+/).filter(Boolean),
    };
    try {
      await api('PUT', '/v1/admin/settings', body);
      ctx.notify('Settings saved.');
    } catch (err) {
      if (!ctx.current()) { return; }
      if (!(err.status === 400 && fieldError(form, fieldFor(err.code), err.message))) { ctx.fail(err); } else { ctx.fail('Settings not saved: correct the marked field.'); }
    }
  });

  const secret = h('div', { 'aria-live': 'polite' });
  const rotate = h('button.secondary', { type: 'button', text: 'Rotate webhook secret' });
  rotate.addEventListener('click', async () => {
    const ok = await confirmDialog({
      title: 'Rotate the webhook secret?', confirm: 'Rotate secret', danger: true,
      body: h('p', { text: 'Webhooks are signed with the new secret from now on. Update your receiver with it right away.' }),
    });
    if (!ok) { return; }
    try {
      const r = await api('POST', '/v1/admin/webhook-secret');
      if (!ctx.current()) { return; }
      fill(secret, shownOnce('New webhook secret', r.secret));
      ctx.notify('Webhook secret rotated.');
    } catch (err) { ctx.fail(err); }
  });

  view.append(
    h('div.page-head', {}, h('h1', { text: 'Settings' })),
    h('p.lead', { text: 'How push sign-in, codes and the history behave for every user of this tenant.' }),
    h('div.grid-settings', {}, card('Tenant settings', form),
      card('Webhook signing secret', h('p', { text: 'PushAuth signs every webhook it sends with this secret (HMAC-SHA256), so your receiver can tell it is genuine.' }), rotate, secret)));
}
