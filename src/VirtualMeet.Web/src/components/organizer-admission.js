// Organiser console, registration: who may sign up (open, invitation codes, tickets), generating one-time codes
// (shown once, downloadable as CSV) and importing a ticket list (CSV or JSON, pasted or from a file).
import { announce, h, showError } from '../core/dom.js';
import { ApiError, api, eventPath } from '../core/api.js';
import { t } from '../core/i18n.js';
import { getSession } from '../core/session.js';
import './organizer-admission.strings.js';

const modes = ['open', 'invitation', 'tickets'];

export async function createOrganizerAdmission() {
  const errorSlot = h('div', { 'aria-live': 'polite' });
  const counts = h('p', { class: 'muted', role: 'status', id: 'org-admission-counts' });
  const showSummary = (summary) => {
    modeSelect.value = summary.mode;
    counts.textContent = t('org.admission.counts', {
      invitations: summary.invitations.issued, invitationsUsed: summary.invitations.used,
      tickets: summary.tickets.issued, ticketsUsed: summary.tickets.used,
    });
  };
  // Every action shows its failure (with the fields the server names) or clears the last one, then the counts.
  const act = async (button, action) => {
    button.disabled = true;
    try {
      await action();
      showError(errorSlot, null);
      showSummary(await api(eventPath('/admission')));
    } catch (error) {
      showError(errorSlot, error);
    } finally {
      button.disabled = false;
    }
  };

  const modeSelect = h('select', { id: 'org-admission-mode', 'aria-describedby': 'org-admission-mode-hint' },
    modes.map((mode) => h('option', { value: mode, text: t(`org.admission.mode.${mode}`) })));
  const saveMode = h('button', { type: 'button', text: t('org.admission.save'), on: { click: () => act(saveMode, async () => {
    await api(eventPath('/registration-mode'), { method: 'PUT', body: { mode: modeSelect.value } });
    announce(t('org.admission.saved'));
  }) } });

  const countInput = h('input', { id: 'org-admission-count', type: 'number', min: 1, max: 1000, value: '10' });
  const codesOut = h('div');
  const generate = h('button', { type: 'button', text: t('org.admission.generate'), on: { click: () => act(generate, async () => {
    const batch = await api(eventPath('/invitations'), { method: 'POST', body: { count: Number(countInput.value) } });
    const csv = `code\n${batch.codes.map((code) => `${code}\n`).join('')}`;
    codesOut.replaceChildren(
      h('p', { role: 'status', text: t('org.admission.generated', { count: batch.codes.length }) }),
      h('ul', { class: 'org-admission-codes', 'aria-label': t('org.admission.codes') }, batch.codes.map((code) => h('li', {}, h('code', { text: code })))),
      h('button', { type: 'button', text: t('org.admission.download'), on: { click: () => save(csv, `invitations-${getSession()?.eventId}.csv`) } }));
  }) } });

  const ticketText = h('textarea', { id: 'org-admission-tickets', rows: 6, spellcheck: 'false', 'aria-describedby': 'org-admission-tickets-hint' });
  const fileInput = h('input', { id: 'org-admission-file', type: 'file', accept: '.csv,.json,text/csv,application/json', on: {
    change: async () => { if (fileInput.files?.[0]) ticketText.value = await fileInput.files[0].text(); },
  } });
  const importResult = h('p', { role: 'status' });
  const importTickets = h('button', { type: 'button', text: t('org.admission.import'), on: { click: () => act(importTickets, async () => {
    const result = await postTickets(ticketText.value);
    importResult.textContent = t('org.admission.imported', result);
  }) } });

  const field = (id, label, input, hint) => h('div', { class: 'field' },
    h('label', { for: id, text: label }), hint && h('span', { class: 'hint', id: `${id}-hint`, text: hint }), input);
  const block = (id, title, ...content) => h('section', { class: 'card', 'aria-labelledby': id }, h('h3', { id, text: title }), ...content);

  const element = h('div', { class: 'org-admission' },
    errorSlot,
    field('org-admission-mode', t('org.admission.mode'), modeSelect, t('org.admission.modeHint')), saveMode, counts,
    h('div', { class: 'org-columns' },
      block('org-admission-invitations', t('org.admission.invitations'),
        h('p', { class: 'hint', text: t('org.admission.invitationsHint') }),
        field('org-admission-count', t('org.admission.count'), countInput), generate, codesOut),
      block('org-admission-import', t('org.admission.tickets'),
        field('org-admission-tickets', t('org.admission.ticketList'), ticketText, t('org.admission.ticketsHint')),
        field('org-admission-file', t('org.admission.file'), fileInput), importTickets, importResult)));
  showSummary(await api(eventPath('/admission')));
  return { element, dispose: async () => {} };
}

// A JSON array goes as JSON, anything else as CSV: the server reads both and names the faulty rows.
async function postTickets(text) {
  const json = text.trimStart().startsWith('[');
  const headers = { 'Content-Type': json ? 'application/json' : 'text/csv', Accept: 'application/json' };
  const token = getSession()?.accessToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(eventPath('/tickets'), { method: 'POST', headers, body: text });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function save(text, fileName) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
