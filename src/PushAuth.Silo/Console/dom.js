// DOM helpers of the console. Everything shown is built with createElement and textContent: no HTML string is ever
// parsed, so nothing an API returns (a user id, a remark, a user agent) can become markup. No inline style either
// (the Content-Security-Policy has no 'unsafe-inline'): classes from console.css only.

/** h('tag.class', { attr: value, onClick: fn }, ...children): an element; children are nodes, strings or arrays. */
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) { el.className = classes.join(' '); }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) { continue; }
    if (key.startsWith('on') && typeof value === 'function') { el.addEventListener(key.slice(2).toLowerCase(), value); }
    else if (key === 'text') { el.textContent = value; }
    else if (key === 'class') { el.className = [el.className, value].filter(Boolean).join(' '); }
    else if (value === true) { el.setAttribute(key, ''); }
    else { el.setAttribute(key, String(value)); }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) { continue; }
    if (Array.isArray(child)) { append(el, child); }
    else { el.appendChild(child instanceof Node ? child : document.createTextNode(String(child))); }
  }
}

/** Replaces the children of <el> with the given nodes, leaving out null and false (replaceChildren would print "null"). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix) { ids += 1; return `${prefix}-${ids}`; }

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** A time for people, or a dash. */
export function when(value) { return value ? dateTime.format(new Date(value)) : '—'; }

/** A time element: readable text, machine-readable datetime. */
export function time(value) { return value ? h('time', { datetime: value, text: when(value) }) : '—'; }

/** A card: a titled section of a page. */
export function card(title, ...children) {
  const id = uid('card');
  return h('section.card', { 'aria-labelledby': id }, h('h2', { id, text: title }), ...children);
}

/**
 * A table in a focusable, labelled scroll region (keyboard users can scroll it at 390 px), or an empty state.
 * columns: [{ label, value: row => node|string, class? }]
 */
export function table(caption, columns, rows, empty) {
  if (!rows || rows.length === 0) { return h('p.empty', { text: empty }); }
  const id = uid('caption');
  return h('div.table-wrap', { role: 'region', 'aria-labelledby': id, tabindex: '0' },
    h('table', {},
      h('caption', { id, text: caption }),
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class, text: c.label })))),
      h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.value(r) ?? '—')))))));
}

/** A labelled field: label, control, optional hint, and a slot for its validation message. */
export function field(label, control, hint) {
  const id = control.id || uid('field');
  control.id = id;
  const hintEl = hint ? h('p.hint', { id: `${id}-hint`, text: hint }) : null;
  const error = h('p.field-error', { id: `${id}-error`, hidden: true });
  const describedBy = [hintEl ? hintEl.id : null].filter(Boolean).join(' ');
  if (describedBy) { control.setAttribute('aria-describedby', describedBy); }
  return h('div.field', { 'data-field': control.name || '' }, h('label', { for: id, text: label }), control, hintEl, error);
}

/** Shows a validation message under the control named <name> inside <form>; returns whether one was found. */
export function fieldError(form, name, message) {
  const control = form.elements.namedItem(name);
  if (!control || !control.id) { return false; }
  const error = document.getElementById(`${control.id}-error`);
  error.textContent = message;
  error.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  const described = new Set((control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
  described.add(error.id);
  control.setAttribute('aria-describedby', [...described].join(' '));
  control.focus();
  return true;
}

/** Clears every validation message of <form>. */
export function clearFieldErrors(form) {
  for (const error of form.querySelectorAll('.field-error')) { error.hidden = true; error.textContent = ''; }
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    const described = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => !x.endsWith('-error'));
    if (described.length) { control.setAttribute('aria-describedby', described.join(' ')); } else { control.removeAttribute('aria-describedby'); }
  }
}

/** A badge: a short state word with a tone (ok, warn, danger, neutral). */
export function badge(text, tone) { return h(`span.badge.badge-${tone || 'neutral'}`, { text }); }

/** A secret shown once: the value, a copy button, and the warning that it is not shown again. */
export function shownOnce(label, value) {
  const id = uid('secret');
  const copy = h('button.secondary', { type: 'button', text: 'Copy' });
  copy.addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(value); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select and copy'; }
  });
  return h('div.shown-once', { role: 'group', 'aria-labelledby': id },
    h('p.shown-once-label', { id, text: `${label} (shown once: it is not shown again)` }),
    h('output.secret', { text: value }),
    copy);
}

/**
 * A confirmation dialog (native <dialog>: focus is trapped, Escape cancels). body: nodes; resolves with the form's
 * data when confirmed, or null.
 */
export function confirmDialog({ title, body, confirm, danger }) {
  return new Promise((resolve) => {
    const titleId = uid('dialog');
    const form = h('form', { method: 'dialog' },
      h('h2', { id: titleId, text: title }),
      body,
      h('div.actions',
        {},
        h('button.secondary', { type: 'submit', value: 'cancel', formnovalidate: true, text: 'Cancel' }),
        h(danger ? 'button.danger' : 'button', { type: 'submit', value: 'confirm', text: confirm })));
    const dialog = h('dialog', { 'aria-labelledby': titleId }, form);
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'confirm';
      const data = ok ? new FormData(form) : null;
      dialog.remove();
      resolve(data);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** Whether <el> is still in the document (a page that was left must not be written to by a late answer). */
export function attached(el) { return el.isConnected; }
