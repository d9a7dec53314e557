// The people of a breakout room: the participants with their roles and raised hands, a moderator's controls beside
// each, one's own hand button and the queue of raised hands.
import { clear, h } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * @param {{ selfId: string, moderation: { element: HTMLElement, controls: (p: object) => HTMLElement } | null,
 *           toggleHand: (handUp: boolean) => void }} options
 * @returns {{ element: HTMLElement, render(state: object): void }}
 */
export function createBreakoutPeople({ selfId, moderation, toggleHand }) {
  const element = h('section', { class: 'card', 'aria-labelledby': 'breakout-people' });

  function render(state) {
    const me = state.participants.find((p) => p.participantId === selfId);
    const handUp = state.raisedHands.includes(selfId);
    const nameOf = (id) => state.participants.find((p) => p.participantId === id)?.displayName ?? id;
    // The list is rebuilt on every push: whoever was operating a control in it keeps their place, or lands on the
    // heading when the control went with its participant (moved, removed, left).
    const focusKey = element.contains(document.activeElement) ? document.activeElement.dataset.focusKey ?? 'heading' : null;
    const heading = h('h2', { id: 'breakout-people', tabindex: '-1', text: t('breakouts.participants', { count: state.participants.length }) });
    clear(element).append(
      heading,
      state.capacity != null ? h('p', { class: 'muted small', text: t('breakouts.capacity', { count: state.participants.length, capacity: state.capacity }) }) : '',
      h('ul', { class: 'breakout-participants' }, state.participants.map((p) => h('li', { dataset: { participant: p.participantId } },
        h('span', { class: 'participant-name', text: p.displayName }),
        p.participantId === selfId ? h('span', { class: 'muted', text: ` ${t('breakouts.you')}` }) : null,
        p.role !== 'attendee' ? h('span', { class: 'badge badge-muted', text: t(`role.${p.role}`) }) : null,
        state.raisedHands.includes(p.participantId) ? h('span', { class: 'badge badge-warn', text: t('breakouts.handRaised') }) : null,
        moderation && p.participantId !== selfId ? moderation.controls(p) : null))),
      moderation?.element ?? '',
      me ? h('button', {
        type: 'button', class: 'hand-button', 'aria-pressed': String(handUp), dataset: { focusKey: 'hand' },
        on: { click: () => toggleHand(handUp) },
        text: handUp ? t('breakouts.lowerHand') : t('breakouts.raiseHand'),
      }) : '',
      h('h3', { class: 'hands-title', text: t('breakouts.handsQueue') }),
      state.raisedHands.length === 0
        ? h('p', { class: 'muted small', text: t('breakouts.noHands') })
        : h('ol', { class: 'hands-queue' }, state.raisedHands.map((id) => h('li', { text: nameOf(id) }))));
    if (focusKey) (element.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`) ?? heading).focus();
  }

  return { element, render };
}
