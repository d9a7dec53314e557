// Organiser console, audit log: every moderation action of the event with who did it, when and to what; a CSV download.
import { api, download, eventPath } from '../core/api.js';
import { clear, h, showError } from '../core/dom.js';
import { formatDateTime, t } from '../core/i18n.js';
import './organizer-audit.strings.js';

const columns = ['at', 'actor', 'action', 'target', 'details'];

/** @returns {Promise<{ element: HTMLElement, dispose: () => Promise<void> }>} */
export async function createOrganizerAudit() {
  const errors = h('div', { 'aria-live': 'polite' });
  const body = h('tbody');
  const more = h('button', { type: 'button', hidden: true, text: t('org.audit.more'), on: { click: () => load(next) } });
  let next = 0;

  const row = (entry) => h('tr', {},
    h('td', {}, h('time', { datetime: entry.at, text: formatDateTime(entry.at) })),
    h('td', { text: entry.actorName ? `${entry.actorName} (${entry.actorId})` : entry.actorId }),
    h('td', { text: entry.action }),
    h('td', { text: entry.target }),
    h('td', { text: entry.details ?? '' }));

  async function load(after) {
    try {
      const page = await api(eventPath(`/audit?after=${after}`));
      if (after === 0) clear(body);
      body.append(...page.entries.map(row));
      if (after === 0 && page.entries.length === 0) {
        body.append(h('tr', {}, h('td', { colspan: String(columns.length), class: 'muted', text: t('org.audit.empty') })));
      }
      next = page.next ?? next;
      more.hidden = page.next === null;
      showError(errors, null);
    } catch (error) {
      showError(errors, error);
    }
  }

  const table = h('table', { class: 'org-audit-table', 'aria-labelledby': 'org-audit-heading' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', text: t(`org.audit.${c}`) })))),
    body);
  const element = h('section', { class: 'card org-audit', 'aria-labelledby': 'org-audit-heading' },
    h('h3', { id: 'org-audit-heading', text: t('org.audit.title') }),
    h('p', { class: 'hint', text: t('org.audit.hint') }),
    h('div', { class: 'org-audit-actions' },
      h('button', { type: 'button', text: t('org.audit.refresh'), on: { click: () => load(0) } }), ' ',
      h('button', { type: 'button', text: t('org.audit.download'),
        on: { click: () => download(eventPath('/audit?format=csv'), 'audit.csv').catch((error) => showError(errors, error)) } })),
    errors, h('div', { class: 'org-audit-scroll' }, table), more);
  await load(0);
  return { element, dispose: async () => {} };
}
