// Vernetz-BARs (`#/bars`): the floor plan of the event's bars and tables on /hubs/bar, who sits where, sitting down
// with one click, "find me a table", the table chat and the camera mesh of one's table. The floor plan is the
// EnterBars snapshot kept current by TableChanged (coalesced per bar; a table's state is kept only when its version
// is higher) and by the ParticipantJoined/Left pushes of one's own table.
import { api, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { language, t } from '../core/i18n.js';
import { announce, h, showError, useStyles } from '../core/dom.js';
import { createPushGate } from '../core/push-gate.js';
import { createBarFloorPlan, tableKey } from '../components/bar-floor-plan.js';
import { createBarMyTable } from '../components/bar-my-table.js';
import { barHandlers } from '../components/bar-pushes.js';
import { participantIdOf } from '../components/peer-video.js';
import './bars.strings.js';

export async function mount(root, ctx) {
  useStyles('pages/bars.css');
  const eventId = ctx.session.eventId;
  const selfId = participantIdOf(ctx.session);
  let myTable = null; // { barId, tableId }
  let disposed = false;
  let connection = null;
  const invoke = (method, ...args) => connection.invoke(method, ...args);
  const myKey = () => myTable && tableKey(myTable.barId, myTable.tableId);

  // Bar names are German and English in the event's data; EnterBars picks the language chosen at registration, the
  // agenda the one asked for. Asking in the UI's language makes the floor plan follow the language switch (which mounts
  // the page again). Table names are single-language data and stay as defined.
  const agenda = await api(eventPath(`?lang=${language()}`)).catch(() => null);
  const barNames = new Map((agenda?.bars ?? []).map((bar) => [bar.id, bar.name]));

  const errorSlot = h('div');
  const findButton = h('button', { type: 'button', class: 'primary', on: { click: findTable }, text: t('bars.findTable') });
  const floor = createBarFloorPlan({ selfId, myKey, sitDown, standUp, mineChanged: () => mine.syncVideo() });
  const mine = createBarMyTable({ selfId, selfName: ctx.session.displayName, floor, seat: () => myTable, invoke, standUp });

  root.append(
    h('h1', { text: t('bars.title') }),
    h('p', { class: 'muted', text: t('bars.intro') }),
    h('div', { class: 'row bars-toolbar' }, findButton, mine.standButton, mine.where),
    errorSlot,
    h('div', { class: 'bars-layout' }, floor.element, mine.element));

  async function act(work) {
    try {
      await work();
      showError(errorSlot, null);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  function findTable() {
    return act(() => gate.exclusive(async () => seated(await invoke('FindTable', eventId))));
  }

  function sitDown(barId, tableId) {
    return act(() => joinTable(barId, tableId));
  }

  function standUp() {
    return act(async () => {
      await invoke('LeaveTable');
      const was = myTable;
      myTable = null;
      if (was) floor.dropOccupant(was.barId, was.tableId, selfId);
      mine.render();
    });
  }

  /** Applies a JoinedTable answer: the table's state, and the chat of my new table. */
  function seated(joined) {
    const old = myTable;
    myTable = { barId: joined.table.barId, tableId: joined.table.tableId };
    if (old && tableKey(old.barId, old.tableId) !== myKey()) floor.dropOccupant(old.barId, old.tableId, selfId);
    floor.put(joined.table);
    mine.render(joined.chat);
    announce(mine.where.textContent);
  }

  // Pushes that arrive while EnterBars, JoinTable or FindTable is in flight may be newer than its answer: they wait
  // and are replayed on it (versions drop what the answer already holds).
  const gate = createPushGate();
  const joinTable = (barId, tableId) => gate.exclusive(async () => seated(await invoke('JoinTable', barId, tableId)));

  const enter = () => gate.exclusive(async () => {
    const snapshot = await invoke('EnterBars', eventId);
    if (disposed) return;
    myTable = snapshot.myTable ?? null;
    floor.load(snapshot, barNames);
    if (myTable) {
      // Sitting down again where one sits keeps the seat and brings the table chat's history.
      try {
        seated(await invoke('JoinTable', myTable.barId, myTable.tableId));
        return;
      } catch (error) {
        myTable = null;
        showError(errorSlot, error);
      }
    }
    mine.render();
  });

  const handlers = barHandlers({
    eventId, selfId, hold: gate.hold, floor, mine, seat: () => myTable, act, joinTable,
    leftElsewhere: (barId, tableId) => {
      myTable = null;
      floor.dropOccupant(barId, tableId, selfId);
      mine.render();
    },
  });
  connection = await openHub('/hubs/bar', { handlers, onReconnected: () => act(enter) });
  try {
    await enter();
  } catch (error) {
    showError(errorSlot, error);
  }

  return async () => {
    disposed = true;
    mine.video.dispose();
    await closeHub(connection);
  };
}
