// The floor plan of the Vernetz-BARs: every bar with its tables, plus a private bar of one's matchmaking meeting
// tables once one of them is known. A table's state is kept only when its version is higher; a changed table's card
// is replaced alone, and a keyboard user on it keeps their place.
import { clear, h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { barTableCard } from './bar-table-card.js';

export const tableKey = (barId, tableId) => `${barId}/${tableId}`;

/**
 * @param {{ selfId: string, myKey: () => string|null, sitDown: (barId: string, tableId: string) => void,
 *           standUp: () => void, mineChanged: () => void }} options
 *   `myKey`: the key of the table one sits at; `mineChanged` is called when that table's state changed.
 */
export function createBarFloorPlan({ selfId, myKey, sitDown, standUp, mineChanged }) {
  const bars = new Map(); // bar id -> { id, name, private, tableKeys: [] }
  const tables = new Map(); // key -> TableState
  const element = h('div', { class: 'bars-floor' });

  /** Takes the bars and tables of an EnterBars snapshot (bar names in `barNames` where known) and renders them. */
  function load(snapshot, barNames) {
    bars.clear();
    tables.clear();
    for (const bar of snapshot.bars) {
      bars.set(bar.id, { id: bar.id, name: barNames.get(bar.id) ?? bar.name, private: bar.private, tableKeys: bar.tables.map((x) => tableKey(x.barId, x.tableId)) });
      for (const table of bar.tables) tables.set(tableKey(table.barId, table.tableId), table);
    }
    render();
  }

  function put(table) {
    const key = tableKey(table.barId, table.tableId);
    const held = tables.get(key);
    if (held && held.version >= table.version) return;
    tables.set(key, table);
    if (!bars.has(table.barId)) {
      bars.set(table.barId, { id: table.barId, name: t('bars.meetings'), private: true, tableKeys: [] });
      render();
    }
    const bar = bars.get(table.barId);
    if (!bar.tableKeys.includes(key)) {
      bar.tableKeys.push(key);
      render();
    } else {
      replace(key);
    }
    if (myKey() === key) mineChanged();
  }

  /** Locally stands someone up at a table without a version (a later TableChanged brings the version). */
  function dropOccupant(barId, tableId, participantId) {
    const key = tableKey(barId, tableId);
    const table = tables.get(key);
    if (!table) return;
    tables.set(key, { ...table, occupants: table.occupants.filter((o) => o.participantId !== participantId) });
    replace(key);
  }

  /**
   * Seats or stands up someone else when the change is the table's next version; after a gap the table's
   * TableChanged brings the whole state. Returns the table as it was before.
   */
  function occupantChanged(change, joined) {
    const table = tables.get(tableKey(change.barId, change.tableId));
    if (table && change.version === table.version + 1) {
      const occupants = table.occupants.filter((o) => o.participantId !== change.participantId);
      if (joined) occupants.push({ participantId: change.participantId, displayName: change.displayName ?? change.participantId });
      put({ ...table, occupants, version: change.version });
    }
    return table;
  }

  function render() {
    clear(element);
    if (bars.size === 0) element.append(h('p', { text: t('bars.none') }));
    for (const bar of bars.values()) {
      if (bar.private && bar.tableKeys.length === 0) continue;
      const titleId = `bar-${bar.id}`;
      element.append(h('section', { class: ['card', 'bar', bar.private && 'bar-private'], 'aria-labelledby': titleId, dataset: { bar: bar.id } },
        h('h2', { id: titleId, text: bar.private ? t('bars.meetings') : bar.name }),
        bar.private ? h('p', { class: 'muted small', text: t('bars.privateHint') }) : null,
        h('div', { class: 'bar-tables' }, bar.tableKeys.map((key) => card(tables.get(key))))));
    }
  }

  function replace(key) {
    const old = element.querySelector(`[data-table-key="${CSS.escape(key)}"]`);
    if (!old) return render();
    const hadFocus = old.contains(document.activeElement);
    const fresh = card(tables.get(key));
    old.replaceWith(fresh);
    // Keep a keyboard user's place: the table's action button takes the focus back.
    if (hadFocus) fresh.querySelector('button')?.focus();
  }

  function card(table) {
    const key = tableKey(table.barId, table.tableId);
    return barTableCard(table, { key, mine: myKey() === key, selfId, sitDown: () => sitDown(table.barId, table.tableId), standUp });
  }

  /** Renders every card again (one sat down or stood up). */
  function refresh() {
    for (const table of element.querySelectorAll('.bar-table')) replace(table.dataset.tableKey);
  }

  return {
    element, load, put, dropOccupant, occupantChanged, render, refresh,
    table: (barId, tableId) => tables.get(tableKey(barId, tableId)),
    bar: (barId) => bars.get(barId),
  };
}
