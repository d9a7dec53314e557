// The time slots of the matchmaking window: free, over, or booked with whom.
import { clear, h } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { otherName } from './matchmaking-meetings.js';

/** @returns {{ element: HTMLElement, render(slots: object|null, meetings: Map<string, object>): void }} */
export function createMatchmakingSlots({ selfId }) {
  const element = h('section', { class: 'card', 'aria-labelledby': 'mm-slots' });

  function render(slots, meetings) {
    clear(element).append(h('h2', { id: 'mm-slots', text: t('matchmaking.slots') }));
    if (!slots) return;
    element.append(
      h('p', { class: 'muted small', text: t('matchmaking.window', { start: formatTime(slots.windowStartsAt), end: formatTime(slots.windowEndsAt), minutes: slots.slotMinutes }) }),
      h('ul', { class: 'mm-slots' }, slots.slots.map((s) => {
        const meeting = s.meetingId ? meetings.get(s.meetingId) : null;
        const over = new Date(s.endsAt) <= Date.now();
        const badge = s.meetingId ? h('span', { class: 'badge badge-warn', text: t('matchmaking.booked', { name: meeting ? otherName(meeting, selfId) : '…' }) })
          : over ? h('span', { class: 'badge badge-muted', text: t('matchmaking.over') })
            : h('span', { class: 'badge badge-ok', text: t('matchmaking.free') });
        return h('li', { class: s.meetingId ? 'booked' : over ? 'over' : 'free' },
          h('span', { class: 'mm-slot-time', text: `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}` }), badge);
      })));
  }

  return { element, render };
}
