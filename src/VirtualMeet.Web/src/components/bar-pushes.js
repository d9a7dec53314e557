// How the Vernetz-BARs page follows the pushes of /hubs/bar: tables changed (coalesced per bar), people sitting down
// at or leaving a table (one's own other tabs included, which the page follows), table chat lines (and lines removed
// because their author was erased) and the signals of the camera mesh.
import { announce } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { tableKey } from './bar-floor-plan.js';

/**
 * @param {{ eventId: string, selfId: string, hold: (handler: Function) => Function, floor: object, mine: object,
 *           seat: () => ({ barId: string, tableId: string }|null), act: (work: () => Promise<unknown>) => Promise<void>,
 *           joinTable: (barId: string, tableId: string) => Promise<void>, leftElsewhere: (barId: string, tableId: string) => void }} options
 *   `floor` and `mine`: components/bar-floor-plan.js and bar-my-table.js; `seat`: the table one sits at;
 *   `leftElsewhere`: one stood up in another tab.
 * @returns {Record<string, (e: any) => void>} the hub's handlers
 */
export function barHandlers({ eventId, selfId, hold, floor, mine, seat, act, joinTable, leftElsewhere }) {
  const myKey = () => seat() && tableKey(seat().barId, seat().tableId);

  function participantChange(change, joined) {
    const key = tableKey(change.barId, change.tableId);
    if (change.participantId === selfId) {
      // Another tab of mine sat down or stood up: follow it.
      const here = myKey() === key;
      if (joined && !here) return act(() => joinTable(change.barId, change.tableId));
      if (!joined && here) leftElsewhere(change.barId, change.tableId);
      return;
    }
    const table = floor.occupantChanged(change, joined);
    if (myKey() === key) {
      const name = change.displayName ?? table?.occupants.find((o) => o.participantId === change.participantId)?.displayName ?? '';
      announce(t(joined ? 'bars.joined' : 'bars.left', { name }));
    }
  }

  return {
    TableChanged: hold((update) => {
      if (update.eventId !== eventId) return;
      for (const table of update.tables) floor.put(table);
    }),
    ParticipantJoined: hold((change) => participantChange(change, true)),
    ParticipantLeft: hold((change) => participantChange(change, false)),
    ChatReceived: hold((line) => {
      const myTable = seat();
      if (!myTable || tableKey(line.barId, line.tableId) !== myKey()) return;
      if (mine.received(line.message) === 'gap') {
        act(() => joinTable(myTable.barId, myTable.tableId));
      }
    }),
    ChatDeleted: hold((notice) => {
      const myTable = seat();
      if (!myTable || tableKey(notice.barId, notice.tableId) !== myKey()) return;
      if (mine.deleted(notice) === 'gap') {
        act(() => joinTable(myTable.barId, myTable.tableId));
      }
    }),
    Signal: (signal) => {
      mine.video.handleSignal(signal.fromParticipantId, signal.payload);
    },
  };
}
