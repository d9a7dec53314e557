// Where one sits in the Vernetz-BARs: the toolbar's "you sit at …" and stand-up button, and beside the floor plan
// the chat (a fresh one from each JoinTable answer's history) and the camera mesh of one's table.
import { clear, h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createPeerVideo } from './peer-video.js';
import { createRoomChat } from './room-chat.js';

/**
 * @param {{ selfId: string, selfName: string, floor: object, seat: () => ({ barId: string, tableId: string }|null),
 *           invoke: (method: string, ...args: unknown[]) => Promise<any>, standUp: () => void }} options
 *   `floor`: the floor plan (components/bar-floor-plan.js); `seat`: the table one sits at.
 */
export function createBarMyTable({ selfId, selfName, floor, seat, invoke, standUp }) {
  let chat = null;
  const where = h('p', { class: 'bars-where', role: 'status' });
  const standButton = h('button', { type: 'button', on: { click: standUp }, text: t('bars.standUp') });
  const element = h('div', { class: 'stack bars-my-table' });
  const video = createPeerVideo({ selfId, selfName, sendSignal: (to, payload) => invoke('Signal', to, payload) });

  /** Shows where one sits; `history` (a JoinTable answer's chat) starts the table's chat afresh. */
  function render(history) {
    const myTable = seat();
    standButton.disabled = !myTable;
    const table = myTable && floor.table(myTable.barId, myTable.tableId);
    const bar = myTable && floor.bar(myTable.barId);
    where.textContent = table
      ? t('bars.sittingAt', { table: table.name, bar: bar?.private ? t('bars.meetings') : bar?.name ?? myTable.barId })
      : t('bars.standing');
    floor.refresh();
    if (!table) {
      chat = null;
      clear(element);
      syncVideo();
      return;
    }
    if (history) {
      chat = createRoomChat({ title: t('bars.tableChat', { table: table.name }), selfId, send: (text) => invoke('SendChat', text) });
      chat.setHistory(history);
      clear(element).append(chat.element, video.element);
    }
    syncVideo();
  }

  /** The camera mesh follows who sits at one's table. */
  function syncVideo() {
    const myTable = seat();
    const table = myTable && floor.table(myTable.barId, myTable.tableId);
    video.setMembers((table?.occupants ?? []).map((o) => ({ id: o.participantId, name: o.displayName })));
  }

  /** A chat line of one's table: 'added', 'stale' or 'gap' (see room-chat), or undefined before the chat exists. */
  const received = (message) => chat?.add(message);

  /** A line of one's table became a tombstone: as `received`. */
  const deleted = (notice) => chat?.deleted(notice);

  return { element, where, standButton, video, render, syncVideo, received, deleted };
}
