// The dashboard: approvals, denials, fraud reports, expiries and push-delivery failures over time, counted by the
// server from the history (GET /v1/admin/history/stats), drawn as SVG bar charts.
import { api, query } from './api.js';
import { h, fill, field } from './dom.js';
import { barChart } from './charts.js';

const ranges = {
  '24h': { label: 'Last 24 hours, by the hour', bucket: 'hour', hours: 24 },
  '7d': { label: 'Last 7 days, by the hour', bucket: 'hour', hours: 168 },
  '30d': { label: 'Last 30 days, by the day', bucket: 'day', hours: 720 },
  '90d': { label: 'Last 90 days, by the day', bucket: 'day', hours: 2160 },
};

const series = [
  { key: 'approvals', title: 'Approvals', tone: 'tone-ok', text: 'Sign-ins approved on a phone or by an auto-approve rule.' },
  { key: 'denials', title: 'Denials', tone: 'tone-neutral', text: 'Sign-ins the user denied (not reported as fraud).' },
  { key: 'fraudReports', title: 'Fraud reports', tone: 'tone-danger', text: '"This wasn\'t me": each one blocks push for the user for a while.' },
  { key: 'expiries', title: 'Expiries', tone: 'tone-warn', text: 'Sign-in requests nobody answered in time.' },
  { key: 'pushFailures', title: 'Push-delivery failures', tone: 'tone-info', text: 'Pushes the provider refused for good (a dead token, a permanent error).' },
];

export async function renderDashboard(view, ctx) {
  const chosen = ranges[ctx.query.get('range')] ? ctx.query.get('range') : '24h';
  const select = h('select', { name: 'range' }, Object.entries(ranges).map(([key, r]) => h('option', { value: key, text: r.label, selected: key === chosen })));
  select.addEventListener('change', () => ctx.navigate('dashboard', { range: select.value }));
  const body = h('div', { 'aria-busy': 'true' }, h('p.loading', { text: 'Loading…' }));
  view.append(
    h('div.page-head', {}, h('h1', { text: 'Dashboard' }), h('div.toolbar', {}, field('Period', select))),
    h('p.lead', { text: 'What happened to sign-ins in this tenant, from the identity-verification history.' }),
    body);

  const range = ranges[chosen];
  const stats = await api('GET', `/v1/admin/history/stats${query({ bucket: range.bucket, from: from(range) })}`);
  if (!ctx.current()) { return; }
  const format = range.bucket === 'hour'
    ? (t) => new Intl.DateTimeFormat(undefined, range.hours > 24 ? { weekday: 'short', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' }).format(new Date(t))
    : (t) => new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(new Date(t));
  const totals = h('ul.tiles', {}, series.map((s) => {
    const total = stats.series[s.key].reduce((a, b) => a + b, 0);
    return h(`li.tile.${s.tone}`, {}, h('span.tile-value', { text: String(total) }), h('span.tile-label', { text: s.title }));
  }));
  const charts = h('div.charts', {}, series.map((s) => barChart({
    title: s.title, labels: stats.buckets, values: stats.series[s.key], tone: s.tone, format,
    description: `${s.text} ${stats.series[s.key].reduce((a, b) => a + b, 0)} in ${range.label.toLowerCase()}.`,
  })));
  const note = stats.truncated
    ? h('p.warning', { text: `This period holds more entries than one view counts: the charts cover ${new Date(stats.countedFrom).toLocaleString()} onwards.` })
    : null;
  fill(body, h('h2.visually-hidden', { text: 'Totals' }), totals, note, h('h2.visually-hidden', { text: 'Over time' }), charts);
  body.removeAttribute('aria-busy');
}

function from(range) {
  const step = range.bucket === 'hour' ? 3600e3 : 86400e3;
  const end = Math.ceil(Date.now() / step) * step;
  return new Date(end - range.hours * 3600e3).toISOString();
}
