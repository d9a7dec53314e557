// The live polls of a scope (a session plus the event-wide ones, or the event only): vote with the ballot the poll's
// kind asks for, then watch the results. State is the Watch snapshot plus versioned pushes; a push that does not fit
// what is shown (an unknown poll) or a reconnect fetches the snapshot again, so a lost push never leaves stale results.
import { announce, clear, h, showError, useStyles } from '../core/dom.js';
import { closeHub, hubErrorCode, openHub } from '../core/hub.js';
import { t } from '../core/i18n.js';
import { getSession } from '../core/session.js';
import { createPollCard, votedStore } from './poll-card.js';
import { pollPanelHandlers } from './poll-panel-pushes.js';
import './poll-panel.strings.js';

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
    for (const entry of entries) entry.card ??= createPollCard(entry, { headingLevel, sessionId, canVote, voted, vote });
    list.replaceChildren(...entries.map((entry) => entry.card.el));
  }

  async function vote(entry, card, ballot) {
    const pollId = entry.state.poll.id;
    showError(card.cardError, null);
    try {
      await connection.invoke('Vote', pollId, ballot);
      voted.add(pollId);
      announce(t('poll.counted'));
      card.renderBallot();
    } catch (error) {
      const code = hubErrorCode(error)?.code;
      if (code === 'already_voted') {
        voted.add(pollId);
        card.renderBallot();
        announce(t('poll.alreadyVoted'));
      }
      showError(card.cardError, error);
      // The poll may have closed meanwhile: the snapshot tells.
      if (code === 'poll_closed' || code === 'not_found') await watch();
    }
  }

  const handlers = pollPanelHandlers({ eventId, sessionId, polls, renderAll, watch });

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
