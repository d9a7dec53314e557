// #/polls: the event-wide polls (session polls sit beside their stage).
import { h, useStyles } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';
import { mountPollPanel } from '../components/poll-panel.js';

addStrings({
  de: { 'polls.title': 'Umfragen der Veranstaltung', 'polls.intro': 'Stimmen Sie ab und verfolgen Sie die Ergebnisse live.' },
  en: { 'polls.title': 'Event polls', 'polls.intro': 'Vote and follow the results live.' },
});

export async function mount(root, ctx) {
  useStyles('pages/polls.css');
  const panel = h('div', { class: 'polls-page-panel' });
  root.append(h('h1', { text: t('polls.title') }), h('p', { class: 'muted', text: t('polls.intro') }), panel);
  return mountPollPanel(panel, { eventId: ctx.session.eventId, sessionId: null, headingLevel: 2, headingHidden: true });
}
