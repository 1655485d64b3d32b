// Users: the tenant's user index by id prefix, in id order, a page at a time (cursor paging: the cursors of the pages
// already seen are kept in the address, so Back and Previous work). Opening an exact id goes to the user's page.
import { api, query } from './api.js';
import { h, fill, field, table, time } from './dom.js';

const PAGE = 25;

export async function renderUsers(view, ctx) {
  const q = ctx.query.get('q') || '';
  const trail = (ctx.query.get('trail') || '').split(',').filter(Boolean);
  const cursor = trail.length ? trail[trail.length - 1] : '';

  const search = h('input', { name: 'q', type: 'search', value: q, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', maxlength: '128' });
  const searchForm = h('form.inline-form', { role: 'search', 'aria-label': 'Users' },
    field('Search by user id', search, 'The start of a user id; upper and lower case differ.'),
    h('button', { type: 'submit', text: 'Search' }));
  searchForm.addEventListener('submit', (e) => { e.preventDefault(); ctx.navigate('users', { q: search.value.trim() }); });

  const exact = h('input', { name: 'userId', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', required: true, maxlength: '128' });
  const openForm = h('form.inline-form', {},
    field('Open a user by exact id', exact),
    h('button.secondary', { type: 'submit', text: 'Open' }));
  openForm.addEventListener('submit', (e) => { e.preventDefault(); if (exact.value.trim()) { ctx.navigate(`users/${encodeURIComponent(exact.value.trim())}`); } });

  const results = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  view.append(
    h('div.page-head', {}, h('h1', { text: 'Users' })),
    h('p.lead', { text: 'Everyone with at least one phone or authenticator code in this tenant.' }),
    h('div.card.filters', {}, searchForm, openForm),
    results);
  if (!q) { search.focus(); }

  let page;
  try {
    page = await api('GET', `/v1/admin/users${query({ q, cursor, limit: PAGE })}`);
  } catch (e) {
    if (!ctx.current()) { return; }
    fill(results, h('p.error-state', { text: e.code === 'q.invalid' ? 'A user id has only letters, digits and . _ - @ +: nothing can match this search.' : e.message }));
    results.removeAttribute('aria-busy');
    return;
  }
  if (!ctx.current()) { return; }
  const empty = q ? `No user id starts with "${q}".` : 'No users yet: users appear here when their first phone is paired or authenticator code enrolled.';
  const list = table(q ? `Users whose id starts with "${q}"` : 'Users', [
    { label: 'User id', value: (u) => h('a', { href: `#/users/${encodeURIComponent(u.userId)}`, text: u.userId }) },
    { label: 'First method added', value: (u) => time(u.firstSeenAt) },
  ], page.items, empty);

  const pager = h('nav.pager', { 'aria-label': 'Pages of users' });
  if (trail.length) {
    pager.append(h('a.button.secondary', { href: `#/users${query({ q, trail: trail.slice(0, -1).join(',') })}`, text: 'Previous page' }));
  }
  if (page.nextCursor) {
    pager.append(h('a.button.secondary', { href: `#/users${query({ q, trail: [...trail, page.nextCursor].join(',') })}`, text: 'Next page' }));
  }
  const summary = h('p.hint', { text: page.items.length ? `Page ${trail.length + 1}: ${page.items.length} user${page.items.length === 1 ? '' : 's'}.` : '' });
  fill(results, list, page.items.length ? summary : null, pager.childElementCount ? pager : null);
  results.removeAttribute('aria-busy');
}
