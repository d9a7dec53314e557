// A moderator's controls beside each participant of a breakout: move them to another breakout of the event, or take
// them out. The server frees the seat and sends the person `Moved`, which their page follows; both rooms' lists change
// through the usual ParticipantLeft/Joined pushes, so this component only asks and reports the outcome.
import { h, showError } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: {
    'breakouts.moveTo': 'Verschieben nach …',
    'breakouts.move': 'Verschieben',
    'breakouts.moveNamed': '{name} verschieben',
    'breakouts.remove': 'Entfernen',
    'breakouts.removeNamed': '{name} entfernen',
    'breakouts.movedOther': '{name} ist jetzt in „{room}“.',
    'breakouts.removedOther': '{name} wurde aus diesem Breakout genommen.',
  },
  en: {
    'breakouts.moveTo': 'Move to…',
    'breakouts.move': 'Move',
    'breakouts.moveNamed': 'Move {name}',
    'breakouts.remove': 'Remove',
    'breakouts.removeNamed': 'Remove {name}',
    'breakouts.movedOther': '{name} is now in “{room}”.',
    'breakouts.removedOther': '{name} was taken out of this breakout.',
  },
});

/**
 * @param {{ sessionId: string, targets: { id: string, title: string }[],
 *           invoke: (method: string, ...args: unknown[]) => Promise<unknown> }} options
 *   `targets`: the breakouts the moderator may move people to (the server refuses the others).
 * @returns {{ element: HTMLElement, controls: (participant: { participantId: string, displayName: string }) => HTMLElement }}
 *   `element` reports outcomes (a status line and errors); `controls` builds one participant's controls.
 */
export function createParticipantModeration({ sessionId, targets, invoke }) {
  const status = h('p', { class: 'moderation-status small', role: 'status' });
  const errorSlot = h('div');
  // The list is rebuilt by every push; a target picked but not yet sent survives that.
  const chosen = new Map();

  async function act(button, work, done) {
    status.textContent = '';
    showError(errorSlot, null);
    button.disabled = true;
    try {
      await work();
      status.textContent = done;
    } catch (error) {
      showError(errorSlot, error);
    } finally {
      button.disabled = false;
    }
  }

  function controls({ participantId: id, displayName: name }) {
    const select = h('select', {
      id: `move-target-${id}`, dataset: { focusKey: `move-target:${id}` },
      on: { change: () => chosen.set(id, select.value) },
    }, targets.map((target) => h('option', { value: target.id, selected: chosen.get(id) === target.id, text: target.title })));
    const move = h('button', {
      type: 'button', 'aria-label': t('breakouts.moveNamed', { name }), dataset: { focusKey: `move:${id}` }, text: t('breakouts.move'),
      on: {
        click: () => act(move, () => invoke('MoveParticipant', id, select.value),
          t('breakouts.movedOther', { name, room: select.selectedOptions[0]?.textContent ?? select.value })),
      },
    });
    const remove = h('button', {
      type: 'button', class: 'danger', 'aria-label': t('breakouts.removeNamed', { name }), dataset: { focusKey: `remove:${id}` },
      text: t('breakouts.remove'),
      on: { click: () => act(remove, () => invoke('RemoveParticipant', sessionId, id), t('breakouts.removedOther', { name })) },
    });
    // The visible label is short; the hidden name tells screen-reader users whose control it is.
    return h('div', { class: 'participant-actions' },
      targets.length > 0
        ? [h('label', { for: select.id }, t('breakouts.moveTo'), h('span', { class: 'visually-hidden', text: ` (${name})` })), select, move]
        : null,
      remove);
  }

  return { element: h('div', { class: 'moderation-outcome' }, status, errorSlot), controls };
}
