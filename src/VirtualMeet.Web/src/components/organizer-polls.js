// Organiser console, polls: create, open, close, and every poll of the event with its live results. The list is
// the REST listing (drafts included); pushes of the polls hub only tell it to reload, so a lost push costs nothing
// but a moment of staleness until the next one or the refresh button.
import { announce, clear, h, showError } from '../core/dom.js';
import { api, download, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { t } from '../core/i18n.js';
import { createPollForm } from './organizer-poll-form.js';
import { organizerPollCard } from './organizer-poll-card.js';
import { pollText } from './poll-results.js';
import './organizer-polls.strings.js';

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

  const card = (state) => organizerPollCard(state, {
    sessionTitle: (sessionId) => titles.get(sessionId),
    act,
    downloadResults: (poll) => download(eventPath(`/polls/${encodeURIComponent(poll.id)}/results`), `poll-${poll.id}.csv`).catch((e) => showError(errorSlot, e)),
  });

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
