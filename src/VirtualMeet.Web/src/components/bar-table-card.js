// One table of the Vernetz-BARs floor plan: its seats (taken by whom, or free), a badge where one sits, and the
// button that sits down there or stands up.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * @param {object} table the table's TableState
 * @param {{ key: string, mine: boolean, selfId: string, sitDown: () => void, standUp: () => void }} options
 *   `key` identifies the card on the floor plan; `mine` says one sits at this table.
 * @returns {HTMLElement}
 */
export function barTableCard(table, { key, mine, selfId, sitDown, standUp }) {
  const full = table.occupants.length >= table.seats;
  const titleId = `table-${table.barId}-${table.tableId}`;
  const seats = [];
  for (let i = 0; i < table.seats; i++) {
    const occupant = table.occupants[i];
    seats.push(occupant
      ? h('li', { class: ['seat', 'taken', occupant.participantId === selfId && 'me'] },
        h('span', { 'aria-hidden': 'true', text: '● ' }), occupant.displayName,
        occupant.participantId === selfId ? ` ${t('bars.you')}` : null)
      : h('li', { class: 'seat free' }, h('span', { 'aria-hidden': 'true', text: '○ ' }), t('bars.freeSeat')));
  }
  return h('article', { class: ['bar-table', mine && 'mine', full && 'full'], 'aria-labelledby': titleId, dataset: { tableKey: key } },
    h('div', { class: 'bar-table-head' },
      h('h3', { id: titleId, text: table.name }),
      mine ? h('span', { class: 'badge badge-ok', text: t('bars.youSitHere') }) : null),
    h('p', { class: 'muted small', text: t('bars.seatsTaken', { count: table.occupants.length, seats: table.seats }) }),
    h('ul', { class: 'seats' }, seats),
    mine
      ? h('button', { type: 'button', on: { click: standUp }, text: t('bars.standUp') })
      : h('button', {
        type: 'button', class: full ? null : 'primary', disabled: full,
        on: { click: sitDown },
        text: full ? t('bars.full') : t('bars.sitDown'),
      }));
}
