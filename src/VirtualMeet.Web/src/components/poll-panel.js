// The live polls of a scope (a session plus the event-wide ones, or the event only): vote with the ballot the poll's
// kind asks for, then watch the results. State is the Watch snapshot plus versioned pushes; a push that does not fit
// what is shown (an unknown poll) or a reconnect fetches the snapshot again, so a lost push never leaves stale results.
import { announce, clear, h, showError, useStyles } from '../core/dom.js';
import { closeHub, hubErrorCode, openHub } from '../core/hub.js';
import { addStrings, formatTime, t } from '../core/i18n.js';
import { getSession } from '../core/session.js';
import { renderBallot } from './poll-ballot.js';
import { pollText, renderResults, winnerText } from './poll-results.js';

addStrings({
  de: {
    'poll.heading': 'Umfragen',
    'poll.none': 'Gerade läuft keine Umfrage.',
    'poll.status.open': 'Läuft',
    'poll.status.closed': 'Beendet',
    'poll.status.draft': 'Entwurf',
    'poll.eventWide': 'Für die ganze Veranstaltung',
    'poll.opened': 'Neue Umfrage: {question}',
    'poll.closedNotice': 'Umfrage beendet: {question}',
    'poll.counted': 'Danke, Ihre Stimme wurde gezählt.',
    'poll.alreadyVoted': 'Sie haben bei dieser Umfrage schon abgestimmt.',
    'poll.closesAt': 'Endet um {time}',
  },
  en: {
    'poll.heading': 'Polls',
    'poll.none': 'No poll is running right now.',
    'poll.status.open': 'Open',
    'poll.status.closed': 'Closed',
    'poll.status.draft': 'Draft',
    'poll.eventWide': 'For the whole event',
    'poll.opened': 'New poll: {question}',
    'poll.closedNotice': 'Poll closed: {question}',
    'poll.counted': 'Thank you, your vote was counted.',
    'poll.alreadyVoted': 'You have already voted in this poll.',
    'poll.closesAt': 'Closes at {time}',
  },
});

const statusIcons = { open: '●', closed: '■', draft: '○' };
const statusClasses = { open: 'badge-ok', closed: 'badge-muted', draft: '' };

/** A status badge with text and an icon, so state never depends on colour. */
export function pollStatusBadge(status) {
  return h('span', { class: `badge poll-status ${statusClasses[status] ?? ''}` },
    h('span', { 'aria-hidden': 'true', text: `${statusIcons[status] ?? ''} ` }), t(`poll.status.${status}`));
}

/** Which polls this attendee voted in, remembered per attendee so the ballot stays away after a reload. */
function votedStore() {
  const session = getSession();
  const key = `vm.polls.voted.${session?.eventId}.${session?.attendeeId ?? 'organizer'}`;
  const read = () => new Set(JSON.parse(localStorage.getItem(key) ?? '[]'));
  return {
    has: (pollId) => read().has(pollId),
    add: (pollId) => localStorage.setItem(key, JSON.stringify([...read().add(pollId)])),
  };
}

/**
 * Mounts the poll panel into `container`. `sessionId: null` watches the event-wide polls only.
 * @returns {Promise<() => Promise<void>>} dispose
 */
export async function mountPollPanel(container, { eventId, sessionId = null, headingLevel = 2, headingHidden = false }) {
  useStyles('components/poll-panel.css');
  const session = getSession();
  const canVote = session?.role !== 'organizer';
  const voted = votedStore();
  const polls = new Map(); // pollId -> { state, card }
  const list = h('div', { class: 'poll-list' });
  const empty = h('p', { class: 'muted poll-empty', text: t('poll.none') });
  const errorSlot = h('div');
  clear(container).append(h('section', { class: 'poll-panel', 'aria-labelledby': 'poll-panel-heading' },
    h(`h${headingLevel}`, { id: 'poll-panel-heading', class: headingHidden ? 'visually-hidden' : null, text: t('poll.heading') }), errorSlot, empty, list));

  let connection = null;
  let disposed = false;

  async function watch() {
    try {
      const snapshot = await connection.invoke('Watch', eventId, sessionId);
      if (disposed) return;
      showError(errorSlot, null);
      polls.clear();
      for (const state of snapshot.polls) polls.set(state.poll.id, { state, card: null });
      renderAll();
    } catch (error) {
      if (!disposed) showError(errorSlot, error);
    }
  }

  function order() {
    return [...polls.values()].sort((a, b) => {
      const rank = (entry) => (entry.state.poll.status === 'open' ? 0 : 1);
      const time = (entry) => Date.parse(entry.state.poll.openedAt ?? entry.state.poll.createdAt);
      return rank(a) - rank(b) || time(b) - time(a);
    });
  }

  function renderAll() {
    const entries = order();
    empty.hidden = entries.length > 0;
    for (const entry of entries) entry.card ??= renderCard(entry);
    list.replaceChildren(...entries.map((entry) => entry.card.el));
  }

  function renderCard(entry) {
    const { poll } = entry.state;
    const headingId = `poll-q-${poll.id}`;
    const ballotSlot = h('div', { class: 'poll-ballot-slot' });
    const resultsSlot = h('div', { class: 'poll-results-slot', 'aria-live': 'off' });
    const cardError = h('div');
    const el = h('article', { class: 'card poll-card', 'aria-labelledby': headingId, dataset: { pollId: poll.id } },
      h('div', { class: 'poll-card-head' },
        h(`h${headingLevel + 1}`, { id: headingId, class: 'poll-question', text: pollText(poll.question) }),
        pollStatusBadge(poll.status)),
      sessionId && !poll.sessionId ? h('p', { class: 'muted poll-scope', text: t('poll.eventWide') }) : null,
      poll.status === 'open' && poll.closesAt
        ? h('p', { class: 'muted', text: t('poll.closesAt', { time: formatTime(poll.closesAt) }) })
        : null,
      ballotSlot, cardError, resultsSlot);
    const card = { el, ballotSlot, resultsSlot, cardError };
    renderBallotSlot(entry, card);
    resultsSlot.append(renderResults(entry.state));
    return card;
  }

  function renderBallotSlot(entry, card) {
    const { poll } = entry.state;
    clear(card.ballotSlot);
    if (poll.status !== 'open' || !canVote) return;
    const hasVoted = voted.has(poll.id);
    if (hasVoted) {
      card.ballotSlot.append(h('p', { class: 'poll-voted', role: 'status' },
        h('span', { 'aria-hidden': 'true', text: '✓ ' }), t('poll.counted')));
    }
    // A poll that allows changes keeps its ballot: a new one replaces the counted one.
    if (!hasVoted || poll.allowChange) {
      card.ballotSlot.append(renderBallot(poll, (ballot) => vote(entry, card, ballot), { changing: hasVoted }));
    }
  }

  async function vote(entry, card, ballot) {
    const pollId = entry.state.poll.id;
    showError(card.cardError, null);
    try {
      await connection.invoke('Vote', pollId, ballot);
      voted.add(pollId);
      announce(t('poll.counted'));
      renderBallotSlot(entry, card);
    } catch (error) {
      const code = hubErrorCode(error)?.code;
      if (code === 'already_voted') {
        voted.add(pollId);
        renderBallotSlot(entry, card);
        announce(t('poll.alreadyVoted'));
      }
      showError(card.cardError, error);
      // The poll may have closed meanwhile: the snapshot tells.
      if (code === 'poll_closed' || code === 'not_found') await watch();
    }
  }

  function upsert(state) {
    const entry = polls.get(state.poll.id);
    if (entry && state.version <= entry.state.version) return;
    const statusChanged = !entry || entry.state.poll.status !== state.poll.status;
    if (statusChanged) {
      polls.set(state.poll.id, { state, card: null });
      renderAll();
    } else {
      entry.state = state;
      clear(entry.card.resultsSlot).append(renderResults(state));
    }
  }

  const handlers = {
    PollOpened: (state) => {
      if (!inScope(state.poll)) return;
      upsert(state);
      announce(t('poll.opened', { question: pollText(state.poll.question) }));
    },
    PollClosed: (state) => {
      if (!inScope(state.poll)) return;
      upsert(state);
      const winners = state.results?.winners;
      announce(state.poll.kind === 'pitch' && winners?.length
        ? winnerText(state.poll, winners)
        : t('poll.closedNotice', { question: pollText(state.poll.question) }));
    },
    PollResults: (results) => {
      const entry = polls.get(results.pollId);
      // Results of a poll not shown: its PollOpened was lost (or raced the snapshot); the snapshot repairs both.
      if (!entry) return void watch();
      if (results.version <= entry.state.version) return;
      // Results are whole aggregates, so skipped versions (coalesced votes) need no snapshot; only a status this
      // panel did not see (a lost PollClosed) does.
      if (results.status !== entry.state.poll.status) return void watch();
      entry.state = { ...entry.state, results, version: results.version };
      clear(entry.card.resultsSlot).append(renderResults(entry.state));
    },
  };

  // One connection may watch several scopes; show only this panel's.
  function inScope(poll) {
    return poll.eventId === eventId && (!poll.sessionId || poll.sessionId === sessionId);
  }

  try {
    connection = await openHub('/hubs/polls', { handlers, onReconnected: watch });
  } catch (error) {
    showError(errorSlot, error);
    return async () => {};
  }
  await watch();

  return async () => {
    disposed = true;
    await closeHub(connection);
  };
}
