// Over 300 lines for now: mounting, rendering and the pushes of this view share one module's state; splitting it into
// components of about 120 lines is due with the web client's layering work, with the browser tests as the proof.
// Vernetz-BARs (`#/bars`): a floor plan of the event's bars and tables on /hubs/bar, who sits where, sitting down
// with one click, "find me a table", the table chat and the camera mesh of one's table. The floor plan is the
// EnterBars snapshot kept current by TableChanged (coalesced per bar; a table's state is kept only when its version
// is higher) and by the ParticipantJoined/Left pushes of one's own table.
import { api, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, language, t } from '../core/i18n.js';
import { announce, clear, h, showError, useStyles } from '../core/dom.js';
import { createRoomChat } from '../components/room-chat.js';
import { createPeerVideo, participantIdOf } from '../components/peer-video.js';

addStrings({
  de: {
    'bars.title': 'Vernetz-BARs',
    'bars.intro': 'Setz dich an einen Tisch und komm ins Gespräch. Jeder Tisch hat einen eigenen Chat und auf Wunsch Video.',
    'bars.findTable': 'Finde einen Tisch für mich',
    'bars.standUp': 'Aufstehen',
    'bars.sitDown': 'Hinsetzen',
    'bars.full': 'voll',
    'bars.youSitHere': '★ Du sitzt hier',
    'bars.seatsTaken': '{count} von {seats} Plätzen belegt',
    'bars.freeSeat': 'freier Platz',
    'bars.you': '(du)',
    'bars.standing': 'Du sitzt gerade an keinem Tisch.',
    'bars.sittingAt': 'Du sitzt an {table} ({bar}).',
    'bars.tableChat': 'Tisch-Chat: {table}',
    'bars.meetings': 'Deine Meeting-Tische',
    'bars.privateHint': 'Nur für dich und dein Gegenüber sichtbar.',
    'bars.joined': '{name} hat sich an deinen Tisch gesetzt.',
    'bars.left': '{name} hat deinen Tisch verlassen.',
    'bars.none': 'Diese Veranstaltung hat keine Bars.',
  },
  en: {
    'bars.title': 'Vernetz-BARs',
    'bars.intro': 'Sit down at a table and start talking. Every table has its own chat and, if you like, video.',
    'bars.findTable': 'Find me a table',
    'bars.standUp': 'Stand up',
    'bars.sitDown': 'Sit down',
    'bars.full': 'full',
    'bars.youSitHere': '★ You sit here',
    'bars.seatsTaken': '{count} of {seats} seats taken',
    'bars.freeSeat': 'free seat',
    'bars.you': '(you)',
    'bars.standing': 'You are not sitting at a table.',
    'bars.sittingAt': 'You sit at {table} ({bar}).',
    'bars.tableChat': 'Table chat: {table}',
    'bars.meetings': 'Your meeting tables',
    'bars.privateHint': 'Visible only to you and the person you meet.',
    'bars.joined': '{name} sat down at your table.',
    'bars.left': '{name} left your table.',
    'bars.none': 'This event has no bars.',
  },
});

const keyOf = (barId, tableId) => `${barId}/${tableId}`;

export async function mount(root, ctx) {
  useStyles('pages/bars.css');
  const eventId = ctx.session.eventId;
  const selfId = participantIdOf(ctx.session);
  const bars = new Map(); // bar id -> { id, name, private, tableKeys: [] }
  const tables = new Map(); // key -> TableState
  let myTable = null; // { barId, tableId }
  let chat = null;
  let disposed = false;
  let connection = null;

  // Bar names are German and English in the event's data; EnterBars picks the language chosen at registration, the
  // agenda the one asked for. Asking in the UI's language makes the floor plan follow the language switch (which mounts
  // the page again). Table names are single-language data and stay as defined.
  const agenda = await api(eventPath(`?lang=${language()}`)).catch(() => null);
  const barNames = new Map((agenda?.bars ?? []).map((bar) => [bar.id, bar.name]));

  const errorSlot = h('div');
  const whereSlot = h('p', { class: 'bars-where', role: 'status' });
  const findButton = h('button', { type: 'button', class: 'primary', on: { click: findTable }, text: t('bars.findTable') });
  const standButton = h('button', { type: 'button', on: { click: standUp }, text: t('bars.standUp') });
  const floor = h('div', { class: 'bars-floor' });
  const myTableSlot = h('div', { class: 'stack bars-my-table' });
  const video = createPeerVideo({
    selfId, selfName: ctx.session.displayName,
    sendSignal: (to, payload) => connection.invoke('Signal', to, payload),
  });

  root.append(
    h('h1', { text: t('bars.title') }),
    h('p', { class: 'muted', text: t('bars.intro') }),
    h('div', { class: 'row bars-toolbar' }, findButton, standButton, whereSlot),
    errorSlot,
    h('div', { class: 'bars-layout' }, floor, myTableSlot));

  async function act(work) {
    try {
      await work();
      showError(errorSlot, null);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  function findTable() {
    return act(() => exclusive(async () => seated(await connection.invoke('FindTable', eventId))));
  }

  function sitDown(barId, tableId) {
    return act(() => joinTable(barId, tableId));
  }

  function standUp() {
    return act(async () => {
      await connection.invoke('LeaveTable');
      const was = myTable;
      myTable = null;
      if (was) dropOccupant(was.barId, was.tableId, selfId);
      renderMine();
    });
  }

  /** Applies a JoinedTable answer: the table's state, and the chat of my new table. */
  function seated(joined) {
    const old = myTable;
    myTable = { barId: joined.table.barId, tableId: joined.table.tableId };
    if (old && keyOf(old.barId, old.tableId) !== keyOf(myTable.barId, myTable.tableId)) dropOccupant(old.barId, old.tableId, selfId);
    putTable(joined.table);
    renderMine(joined.chat);
    announce(whereSlot.textContent);
  }

  function putTable(table) {
    const key = keyOf(table.barId, table.tableId);
    const held = tables.get(key);
    if (held && held.version >= table.version) return;
    tables.set(key, table);
    if (!bars.has(table.barId)) {
      bars.set(table.barId, { id: table.barId, name: t('bars.meetings'), private: true, tableKeys: [] });
      renderFloor();
    }
    const bar = bars.get(table.barId);
    if (!bar.tableKeys.includes(key)) {
      bar.tableKeys.push(key);
      renderFloor();
    } else {
      replaceTable(key);
    }
    if (myTable && keyOf(myTable.barId, myTable.tableId) === key) syncVideo();
  }

  /** Locally stands someone up at a table without a version (a later TableChanged brings the version). */
  function dropOccupant(barId, tableId, participantId) {
    const key = keyOf(barId, tableId);
    const table = tables.get(key);
    if (!table) return;
    tables.set(key, { ...table, occupants: table.occupants.filter((o) => o.participantId !== participantId) });
    replaceTable(key);
  }

  function renderFloor() {
    clear(floor);
    if (bars.size === 0) floor.append(h('p', { text: t('bars.none') }));
    for (const bar of bars.values()) {
      if (bar.private && bar.tableKeys.length === 0) continue;
      const titleId = `bar-${bar.id}`;
      floor.append(h('section', { class: ['card', 'bar', bar.private && 'bar-private'], 'aria-labelledby': titleId, dataset: { bar: bar.id } },
        h('h2', { id: titleId, text: bar.private ? t('bars.meetings') : bar.name }),
        bar.private ? h('p', { class: 'muted small', text: t('bars.privateHint') }) : null,
        h('div', { class: 'bar-tables' }, bar.tableKeys.map((key) => tableCard(tables.get(key))))));
    }
  }

  function replaceTable(key) {
    const old = floor.querySelector(`[data-table-key="${CSS.escape(key)}"]`);
    if (!old) return renderFloor();
    const hadFocus = old.contains(document.activeElement);
    const fresh = tableCard(tables.get(key));
    old.replaceWith(fresh);
    // Keep a keyboard user's place: the table's action button takes the focus back.
    if (hadFocus) fresh.querySelector('button')?.focus();
  }

  function tableCard(table) {
    const key = keyOf(table.barId, table.tableId);
    const mine = myTable && keyOf(myTable.barId, myTable.tableId) === key;
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
          on: { click: () => sitDown(table.barId, table.tableId) },
          text: full ? t('bars.full') : t('bars.sitDown'),
        }));
  }

  function renderMine(history) {
    standButton.disabled = !myTable;
    const table = myTable && tables.get(keyOf(myTable.barId, myTable.tableId));
    const bar = myTable && bars.get(myTable.barId);
    whereSlot.textContent = table
      ? t('bars.sittingAt', { table: table.name, bar: bar?.private ? t('bars.meetings') : bar?.name ?? myTable.barId })
      : t('bars.standing');
    for (const card of floor.querySelectorAll('.bar-table')) replaceTable(card.dataset.tableKey);
    if (!table) {
      chat = null;
      clear(myTableSlot);
      syncVideo();
      return;
    }
    if (history) {
      chat = createRoomChat({ title: t('bars.tableChat', { table: table.name }), selfId, send: (text) => connection.invoke('SendChat', text) });
      chat.setHistory(history);
      clear(myTableSlot).append(chat.element, video.element);
    }
    syncVideo();
  }

  function syncVideo() {
    const table = myTable && tables.get(keyOf(myTable.barId, myTable.tableId));
    video.setMembers((table?.occupants ?? []).map((o) => ({ id: o.participantId, name: o.displayName })));
  }

  // Pushes that arrive while EnterBars, JoinTable or FindTable is in flight may be newer than its answer: they wait
  // and are replayed on it (versions drop what the answer already holds).
  let busy = 0;
  const held = [];
  // Handlers return nothing: a value returned to the SignalR client would be taken for a client result.
  const afterCalls = (handler) => (e) => {
    if (busy > 0) held.push(() => handler(e));
    else handler(e);
  };
  async function exclusive(work) {
    busy++;
    try {
      return await work();
    } finally {
      if (--busy === 0) for (const replay of held.splice(0)) replay();
    }
  }

  const joinTable = (barId, tableId) => exclusive(async () => seated(await connection.invoke('JoinTable', barId, tableId)));

  const enter = () => exclusive(async () => {
    const snapshot = await connection.invoke('EnterBars', eventId);
    if (disposed) return;
    bars.clear();
    tables.clear();
    for (const bar of snapshot.bars) {
      bars.set(bar.id, { id: bar.id, name: barNames.get(bar.id) ?? bar.name, private: bar.private, tableKeys: bar.tables.map((x) => keyOf(x.barId, x.tableId)) });
      for (const table of bar.tables) tables.set(keyOf(table.barId, table.tableId), table);
    }
    myTable = snapshot.myTable ?? null;
    renderFloor();
    if (myTable) {
      // Sitting down again where one sits keeps the seat and brings the table chat's history.
      try {
        seated(await connection.invoke('JoinTable', myTable.barId, myTable.tableId));
        return;
      } catch (error) {
        myTable = null;
        showError(errorSlot, error);
      }
    }
    renderMine();
  });

  function participantChange(change, joined) {
    const key = keyOf(change.barId, change.tableId);
    if (change.participantId === selfId) {
      // Another tab of mine sat down or stood up: follow it.
      const here = myTable && keyOf(myTable.barId, myTable.tableId) === key;
      if (joined && !here) return act(() => joinTable(change.barId, change.tableId));
      if (!joined && here) {
        myTable = null;
        dropOccupant(change.barId, change.tableId, selfId);
        renderMine();
      }
      return;
    }
    const table = tables.get(key);
    // Only the next version is applied here; after a gap the table's TableChanged brings the whole state.
    if (table && change.version === table.version + 1) {
      const occupants = table.occupants.filter((o) => o.participantId !== change.participantId);
      if (joined) occupants.push({ participantId: change.participantId, displayName: change.displayName ?? change.participantId });
      putTable({ ...table, occupants, version: change.version });
    }
    if (myTable && keyOf(myTable.barId, myTable.tableId) === key) {
      const name = change.displayName ?? table?.occupants.find((o) => o.participantId === change.participantId)?.displayName ?? '';
      announce(t(joined ? 'bars.joined' : 'bars.left', { name }));
    }
  }

  const handlers = {
    TableChanged: afterCalls((update) => {
      if (update.eventId !== eventId) return;
      for (const table of update.tables) putTable(table);
    }),
    ParticipantJoined: afterCalls((change) => participantChange(change, true)),
    ParticipantLeft: afterCalls((change) => participantChange(change, false)),
    ChatReceived: afterCalls((line) => {
      if (!chat || !myTable || keyOf(line.barId, line.tableId) !== keyOf(myTable.barId, myTable.tableId)) return;
      if (chat.add(line.message) === 'gap') {
        act(() => joinTable(myTable.barId, myTable.tableId));
      }
    }),
    Signal: (signal) => {
      video.handleSignal(signal.fromParticipantId, signal.payload);
    },
  };

  connection = await openHub('/hubs/bar', { handlers, onReconnected: () => act(enter) });
  try {
    await enter();
  } catch (error) {
    showError(errorSlot, error);
  }

  return async () => {
    disposed = true;
    video.dispose();
    await closeHub(connection);
  };
}

