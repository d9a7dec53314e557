// Organiser console, polls: create, open, close, and every poll of the event with its live results. The list is
// the REST listing (drafts included); pushes of the polls hub only tell it to reload, so a lost push costs nothing
// but a moment of staleness until the next one or the refresh button.
import { announce, clear, h, showError } from '../core/dom.js';
import { api, download, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, t } from '../core/i18n.js';
import { createPollForm } from './organizer-poll-form.js';
import { pollStatusBadge } from './poll-panel.js';
import { pollText, renderResults } from './poll-results.js';

addStrings({
  de: {
    'org.polls.list': 'Alle Umfragen',
    'org.polls.none': 'Noch keine Umfragen.',
    'org.polls.refresh': 'Aktualisieren',
    'org.polls.open': 'Öffnen',
    'org.polls.close': 'Beenden',
    'org.polls.csv': 'Ergebnisse als CSV',
    'org.polls.opened': 'Umfrage geöffnet: {question}',
    'org.polls.closed': 'Umfrage beendet: {question}',
    'org.polls.created': 'Umfrage angelegt: {question}',
  },
  en: {
    'org.polls.list': 'All polls',
    'org.polls.none': 'No polls yet.',
    'org.polls.refresh': 'Refresh',
    'org.polls.open': 'Open',
    'org.polls.close': 'Close',
    'org.polls.csv': 'Results as CSV',
    'org.polls.opened': 'Poll opened: {question}',
    'org.polls.closed': 'Poll closed: {question}',
    'org.polls.created': 'Poll created: {question}',
  },
});

/** @returns {Promise<{ element: HTMLElement, dispose: () => Promise<void> }>} */
export async function createOrganizerPolls({ eventId, sessions }) {
  const titles = new Map(sessions.map((s) => [s.id, s.title]));
  const list = h('div', { class: 'org-poll-list' });
  const errorSlot = h('div');
  const form = createPollForm({ sessions, onSubmit: create });
  const element = h('div', { class: 'org-polls' },
    form,
    h('section', { class: 'org-poll-list-section', 'aria-labelledby': 'org-poll-list-heading' },
      h('div', { class: 'row org-section-head' },
        h('h3', { id: 'org-poll-list-heading', text: t('org.polls.list') }),
        h('button', { type: 'button', class: 'secondary', text: t('org.polls.refresh'), on: { click: () => reload() } })),
      errorSlot, list));

  let disposed = false;
  let reloadTimer = null;
  const watched = new Set();

  async function create(request, open) {
    let state = await api(eventPath('/polls'), { method: 'POST', body: request });
    if (open) state = await api(eventPath(`/polls/${encodeURIComponent(state.poll.id)}/open`), { method: 'POST' });
    announce(t(open ? 'org.polls.opened' : 'org.polls.created', { question: pollText(state.poll.question) }));
    await reload();
  }

  async function act(state, action) {
    try {
      await api(eventPath(`/polls/${encodeURIComponent(state.poll.id)}/${action}`), { method: 'POST' });
      announce(t(action === 'open' ? 'org.polls.opened' : 'org.polls.closed', { question: pollText(state.poll.question) }));
      await reload();
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  function card(state) {
    const { poll } = state;
    const headingId = `org-poll-${poll.id}`;
    return h('article', { class: 'card org-poll', 'aria-labelledby': headingId, dataset: { pollId: poll.id } },
      h('div', { class: 'poll-card-head' },
        h('h4', { id: headingId, class: 'poll-question', text: pollText(poll.question) }),
        pollStatusBadge(poll.status)),
      h('p', { class: 'muted small' },
        t(`org.poll.kind.${poll.kind}`), ' · ',
        poll.sessionId ? titles.get(poll.sessionId) ?? poll.sessionId : t('org.poll.wholeEvent'),
        poll.anonymous ? ` · ${t('org.poll.anonymous')}` : null),
      h('div', { class: 'row' },
        poll.status === 'draft'
          ? h('button', { type: 'button', class: 'primary', 'aria-label': `${t('org.polls.open')}: ${pollText(poll.question)}`, text: t('org.polls.open'), on: { click: () => act(state, 'open') } })
          : null,
        poll.status === 'open'
          ? h('button', { type: 'button', class: 'danger', 'aria-label': `${t('org.polls.close')}: ${pollText(poll.question)}`, text: t('org.polls.close'), on: { click: () => act(state, 'close') } })
          : null,
        poll.status !== 'draft'
          ? h('button', {
            type: 'button', class: 'link-button', text: t('org.polls.csv'),
            on: { click: () => download(eventPath(`/polls/${encodeURIComponent(poll.id)}/results`), `poll-${poll.id}.csv`).catch((e) => showError(errorSlot, e)) },
          })
          : null),
      poll.status !== 'draft' ? renderResults(state) : null);
  }

  async function reload() {
    try {
      const polls = await api(eventPath('/polls'));
      if (disposed) return;
      showError(errorSlot, null);
      const ordered = [...polls].reverse(); // newest first
      clear(list).append(...(ordered.length ? ordered.map(card) : [h('p', { class: 'muted', text: t('org.polls.none') })]));
      await watchScopes(polls);
    } catch (error) {
      if (!disposed) showError(errorSlot, error);
    }
  }

  // Pushes come in bursts (votes at up to four pushes per second per poll): one reload per burst is enough.
  function scheduleReload() {
    if (reloadTimer || disposed) return;
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      reload();
    }, 400);
  }

  let connection = null;
  async function watchScopes(polls) {
    if (!connection) return;
    const scopes = new Set([null, ...polls.map((state) => state.poll.sessionId ?? null)]);
    for (const scope of scopes) {
      if (watched.has(scope)) continue;
      watched.add(scope);
      await connection.invoke('Watch', eventId, scope).catch(() => watched.delete(scope));
    }
  }

  const handlers = { PollOpened: scheduleReload, PollResults: scheduleReload, PollClosed: scheduleReload };
  try {
    connection = await openHub('/hubs/polls', {
      handlers,
      onReconnected: async () => {
        watched.clear();
        await reload();
      },
    });
  } catch (error) {
    showError(errorSlot, error);
  }
  await reload();

  return {
    element,
    dispose: async () => {
      disposed = true;
      clearTimeout(reloadTimer);
      await closeHub(connection);
    },
  };
}
