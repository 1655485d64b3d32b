// The identity-verification history: filters (kept in the address, so a filtered view can be shared), newest first a
// page at a time with the server's cursor, CSV/JSON export of the filtered entries, and the hash-chain check.
import { api, query } from './api.js';
import { h, fill, field, card, badge, clearFieldErrors, fieldError } from './dom.js';
import { activityTable } from './page-user.js';

const PAGE = 50;
const filters = ['userId', 'activity', 'method', 'status', 'from', 'to'];

export async function renderHistory(view, ctx) {
  const values = Object.fromEntries(filters.map((f) => [f, ctx.query.get(f) || '']));
  const controls = {
    userId: h('input', { name: 'userId', value: values.userId, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', maxlength: '128' }),
    activity: h('input', { name: 'activity', value: values.activity, list: 'history-activities', autocomplete: 'off', spellcheck: 'false', maxlength: '64' }),
    method: h('select', { name: 'method' }, ['', 'push', 'totp', 'temporary-code', 'backup', 'all', 'admin', 'device'].map((m) =>
      h('option', { value: m, text: m || 'Any method', selected: m === values.method }))),
    status: h('input', { name: 'status', value: values.status, list: 'history-statuses', autocomplete: 'off', spellcheck: 'false', maxlength: '64' }),
    from: h('input', { name: 'from', type: 'datetime-local', value: local(values.from) }),
    to: h('input', { name: 'to', type: 'datetime-local', value: local(values.to) }),
  };
  const form = h('form.filter-grid', { 'aria-label': 'History filters' },
    field('User id', controls.userId),
    field('Activity', controls.activity, 'For example challenge.answered'),
    field('Method', controls.method),
    field('Status', controls.status, 'For example approved, denied'),
    field('From', controls.from),
    field('To', controls.to),
    h('datalist', { id: 'history-activities' }, ['challenge.answered', 'challenge.expired', 'challenge.created', 'method.paired', 'method.revoked', 'mfa.revoked',
      'temporary-code.issued', 'temporary-code.verify', 'totp.verify', 'admin.sign-in'].map((a) => h('option', { value: a }))),
    h('datalist', { id: 'history-statuses' }, ['approved', 'denied', 'expired', 'accepted', 'rejected', 'revoked', 'failed'].map((s) => h('option', { value: s }))),
    h('div.actions', {}, h('button', { type: 'submit', text: 'Apply filters' }), h('a.button.secondary', { href: '#/history', text: 'Clear' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate('history', {
      userId: controls.userId.value.trim(), activity: controls.activity.value.trim(), method: controls.method.value, status: controls.status.value.trim(),
      from: iso(controls.from.value), to: iso(controls.to.value),
    });
  });

  const filterQuery = Object.fromEntries(filters.map((f) => [f, values[f]]));
  const exportLinks = h('div.actions', {},
    h('a.button.secondary', { href: `/v1/admin/history/export${query({ ...filterQuery, format: 'csv' })}`, download: '', text: 'Export CSV' }),
    h('a.button.secondary', { href: `/v1/admin/history/export${query({ ...filterQuery, format: 'json' })}`, download: '', text: 'Export JSON' }));

  const verifyResult = h('div', { 'aria-live': 'polite' });
  const verifyButton = h('button.secondary', { type: 'button', text: 'Check the chain' });
  verifyButton.addEventListener('click', async () => {
    verifyButton.disabled = true;
    fill(verifyResult, h('p.loading', { text: 'Checking every entry…' }));
    try {
      const r = await api('GET', '/v1/admin/history/verify');
      if (!ctx.current()) { return; }
      fill(verifyResult, r.intact
        ? h('p.result-ok', {}, badge('Intact', 'ok'), ` All ${r.checkedCount} entries check out, up to entry ${r.lastSequence ?? '—'}. Nobody changed or removed an entry.`)
        : h('p.result-bad', {}, badge('Broken', 'danger'),
          r.firstBadSequence ? ` Entry ${r.firstBadSequence} does not match the chain${r.problem ? `: ${r.problem}` : ''}. Entries from there on cannot be trusted.`
            : ` ${r.problem || 'The chain does not check out.'}`));
    } catch (e) {
      fill(verifyResult, h('p.error-state', { text: e.message }));
    } finally {
      verifyButton.disabled = false;
    }
  });

  const list = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  view.append(
    h('div.page-head', {}, h('h1', { text: 'History' })),
    h('p.lead', { text: 'Every sign-in, answer, code, change and admin action in this tenant, newest first. Entries are hash-chained: any change shows in the chain check.' }),
    h('div.card', {}, form),
    h('div.grid-2', {},
      card('Export', h('p', { text: 'Downloads the entries that match the filters (up to a million).' }), exportLinks),
      card('Chain check', h('p', { text: 'Recomputes the hash of every entry from the first kept one.' }), verifyButton, verifyResult)),
    list);

  const rows = [];
  async function load(cursor) {
    let page;
    try {
      page = await api('GET', `/v1/admin/history${query({ ...filterQuery, cursor, limit: PAGE })}`);
    } catch (e) {
      if (!ctx.current()) { return; }
      clearFieldErrors(form);
      const name = e.code && e.code.split('.')[0];
      if (!fieldError(form, name === 'range' ? 'to' : name, e.message)) { ctx.fail(e); }
      fill(list, h('p.error-state', { text: 'These filters cannot be applied; correct the marked field.' }));
      list.removeAttribute('aria-busy');
      return;
    }
    if (!ctx.current()) { return; }
    rows.push(...page.items);
    const more = page.nextCursor
      ? h('button.secondary', { type: 'button', text: 'Show older entries', onClick: () => load(page.nextCursor) })
      : null;
    const any = filters.some((f) => values[f]);
    fill(list, 
      activityTable(`Entries${any ? ' matching the filters' : ''}`, rows.map((e) => e), any ? 'No entry matches these filters.' : 'The history is empty.', true),
      rows.length ? h('p.hint', { text: `${rows.length} entr${rows.length === 1 ? 'y' : 'ies'} shown.` }) : null,
      more);
    list.removeAttribute('aria-busy');
  }
  await load('');
}

function local(isoText) {
  if (!isoText) { return ''; }
  const d = new Date(isoText);
  if (Number.isNaN(d.getTime())) { return ''; }
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function iso(localText) { return localText ? new Date(localText).toISOString() : ''; }
