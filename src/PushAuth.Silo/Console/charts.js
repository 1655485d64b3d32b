// Bar charts as SVG, drawn with createElementNS (no chart library). Colours are presentation attributes set from
// classes in console.css, never inline style. Each chart has a text summary for screen readers and its numbers as a
// table behind a disclosure, so nothing is only in the picture.
import { h, uid } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) { el.setAttribute(key, String(value)); }
  for (const child of children) { if (child) { el.appendChild(child); } }
  return el;
}

function niceMax(value) {
  if (value <= 4) { return 4; }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) { return step * magnitude; }
  }
  return 10 * magnitude;
}

/**
 * A bar chart of one series. labels: the bucket start times; values: counts; tone: the series' colour class;
 * format: bucket label text. Returns a figure with the chart, a caption with the total, and the data table.
 */
export function barChart({ title, labels, values, tone, format, description }) {
  const width = 640;
  const height = 200;
  const left = 48;
  const bottom = 24;
  const top = 16;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...values));
  const total = values.reduce((a, b) => a + b, 0);
  const peak = Math.max(0, ...values);
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const band = plotW / Math.max(1, values.length);
  const gap = Math.min(4, band * 0.2);

  const grid = [0, 0.5, 1].map((f) => {
    const y = top + plotH - f * plotH;
    return svg('g', {},
      svg('line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'chart-grid' }),
      svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'chart-axis' }, document.createTextNode(String(Math.round(max * f)))));
  });
  const bars = values.map((v, i) => {
    const barH = max === 0 ? 0 : (v / max) * plotH;
    const rect = svg('rect', {
      x: left + i * band + gap / 2, y: top + plotH - barH, width: Math.max(1, band - gap), height: Math.max(0, barH), class: `chart-bar ${tone}`,
    });
    rect.appendChild(svg('title', {}, document.createTextNode(`${format(labels[i])}: ${v}`)));
    return rect;
  });
  // A few bucket labels along the axis: the first, the middle and the last.
  const ticks = [...new Set([0, Math.floor((labels.length - 1) / 2), labels.length - 1])].filter((i) => i >= 0 && labels.length > 0).map((i) =>
    svg('text', {
      x: left + i * band + band / 2, y: height - 6, 'text-anchor': i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle', class: 'chart-axis',
    }, document.createTextNode(format(labels[i]))));

  const picture = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart',
  },
  svg('title', { id: titleId }, document.createTextNode(title)),
  svg('desc', { id: descId }, document.createTextNode(description || `${total} in total, at most ${peak} in one interval.`)),
  ...grid, ...bars,
  svg('line', { x1: left, x2: width - 8, y1: top + plotH, y2: top + plotH, class: 'chart-baseline' }),
  ...ticks);

  const rows = labels.map((l, i) => h('tr', {}, h('th', { scope: 'row', text: format(l) }), h('td', { text: String(values[i]) })));
  const data = h('details.chart-data', {},
    h('summary', { text: `${title}: the numbers` }),
    h('div.table-wrap', { role: 'region', 'aria-label': `${title} by interval`, tabindex: '0' },
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Interval starting' }), h('th', { scope: 'col', text: 'Count' }))),
        h('tbody', {}, rows))));
  return h('figure.chart-card', {},
    h('figcaption', {}, h('span.chart-title', { text: title }), h('span.chart-total', { text: String(total) })),
    picture,
    data);
}
