// How the live poll panel follows the pushes of /hubs/polls. A poll's state is replaced only by a newer version; a
// push that does not fit what is shown (an unknown poll, a status the panel did not see) fetches the snapshot again.
import { announce } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pollText, winnerText } from './poll-results.js';
import './poll-panel.strings.js';

/**
 * @param {{ eventId: string, sessionId: string|null, polls: Map<string, { state: object, card: object|null }>,
 *           renderAll: () => void, watch: () => Promise<void> }} options
 *   `polls`: the panel's entries by poll id; `renderAll` shows them again; `watch` fetches the snapshot.
 * @returns {Record<string, (e: any) => void>} the hub's handlers
 */
export function pollPanelHandlers({ eventId, sessionId, polls, renderAll, watch }) {
  function upsert(state) {
    const entry = polls.get(state.poll.id);
    if (entry && state.version <= entry.state.version) return;
    const statusChanged = !entry || entry.state.poll.status !== state.poll.status;
    if (statusChanged) {
      polls.set(state.poll.id, { state, card: null });
      renderAll();
    } else {
      entry.state = state;
      entry.card.showResults(state);
    }
  }

  // One connection may watch several scopes; show only this panel's.
  function inScope(poll) {
    return poll.eventId === eventId && (!poll.sessionId || poll.sessionId === sessionId);
  }

  return {
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
      entry.card.showResults(entry.state);
    },
  };
}
