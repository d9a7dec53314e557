// One poll of the live panel: question, status, scope and closing time, the ballot (until one voted, or beside the
// counted vote where the poll allows a change) and the results. Which polls one voted in is kept in localStorage.
import { clear, h } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { getSession } from '../core/session.js';
import { renderBallot } from './poll-ballot.js';
import { pollText, renderResults } from './poll-results.js';
import './poll-panel.strings.js';

const statusIcons = { open: '●', closed: '■', draft: '○' };
const statusClasses = { open: 'badge-ok', closed: 'badge-muted', draft: '' };

/** A status badge with text and an icon, so state never depends on colour. */
export function pollStatusBadge(status) {
  return h('span', { class: `badge poll-status ${statusClasses[status] ?? ''}` },
    h('span', { 'aria-hidden': 'true', text: `${statusIcons[status] ?? ''} ` }), t(`poll.status.${status}`));
}

/** Which polls this attendee voted in, remembered per attendee so the ballot stays away after a reload. */
export function votedStore() {
  const session = getSession();
  const key = `vm.polls.voted.${session?.eventId}.${session?.attendeeId ?? 'organizer'}`;
  const read = () => new Set(JSON.parse(localStorage.getItem(key) ?? '[]'));
  return {
    has: (pollId) => read().has(pollId),
    add: (pollId) => localStorage.setItem(key, JSON.stringify([...read().add(pollId)])),
  };
}

/**
 * @param {{ state: object }} entry the poll's entry in the panel; its `state` is read again by each ballot render
 * @param {{ headingLevel: number, sessionId: string|null, canVote: boolean, voted: ReturnType<typeof votedStore>,
 *           vote: (entry: object, card: object, ballot: object) => Promise<void> }} options
 * @returns {{ el: HTMLElement, cardError: HTMLElement, renderBallot(): void, showResults(state: object): void }}
 */
export function createPollCard(entry, { headingLevel, sessionId, canVote, voted, vote }) {
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

  function renderBallotSlot() {
    const { poll: current } = entry.state;
    clear(ballotSlot);
    if (current.status !== 'open' || !canVote) return;
    const hasVoted = voted.has(current.id);
    if (hasVoted) {
      ballotSlot.append(h('p', { class: 'poll-voted', role: 'status' },
        h('span', { 'aria-hidden': 'true', text: '✓ ' }), t('poll.counted')));
    }
    // A poll that allows changes keeps its ballot: a new one replaces the counted one.
    if (!hasVoted || current.allowChange) {
      ballotSlot.append(renderBallot(current, (ballot) => vote(entry, card, ballot), { changing: hasVoted }));
    }
  }

  function showResults(state) {
    clear(resultsSlot).append(renderResults(state));
  }

  const card = { el, cardError, renderBallot: renderBallotSlot, showResults };
  renderBallotSlot();
  resultsSlot.append(renderResults(entry.state));
  return card;
}
