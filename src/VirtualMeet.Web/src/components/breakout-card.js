// One breakout on the list page: its time, language, seats and speakers, the attendee's registration (or the button
// that registers), and the way into the room.
import { api, eventPath } from '../core/api.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';

/**
 * @param {object} session the agenda's session
 * @param {{ status: string, position?: number } | undefined} status the attendee's registration for it
 * @param {{ attendeeId: string|null }} options organisers (no attendee id) do not register
 * @returns {{ element: HTMLElement }} the card's list item
 */
export function createBreakoutCard(session, status, { attendeeId }) {
  const errorSlot = h('div');
  const statusSlot = h('p', { class: 'breakout-status' });
  const actions = h('div', { class: 'row' },
    h('a', { class: 'button primary', href: `#/breakouts/${encodeURIComponent(session.id)}`, text: t('breakouts.enter') }));

  const renderStatus = (current) => {
    clear(statusSlot);
    actions.querySelector('.register')?.remove();
    if (current?.status === 'confirmed') statusSlot.append(h('span', { class: 'badge badge-ok', text: t('breakouts.confirmed') }));
    else if (current?.status === 'waitlisted') statusSlot.append(h('span', { class: 'badge badge-warn', text: t('breakouts.waitlisted', { position: current.position }) }));
    else if (session.registrationRequired && attendeeId) {
      actions.append(h('button', { type: 'button', class: 'register', on: { click: register }, text: t('breakouts.register') }));
    }
  };
  async function register() {
    try {
      const answer = await api(eventPath(`/sessions/${encodeURIComponent(session.id)}/registrations`), { method: 'POST' });
      showError(errorSlot, null);
      renderStatus(answer);
      announce(answer.status === 'confirmed' ? t('breakouts.confirmed') : t('breakouts.waitlisted', { position: answer.position }));
    } catch (error) {
      showError(errorSlot, error);
    }
  }
  renderStatus(status);

  const element = h('li', { class: 'card breakout-card' },
    h('h2', { text: session.title }),
    h('p', { class: 'muted' }, `${formatTime(session.startsAt)}–${formatTime(session.endsAt)}`),
    h('p', { class: 'row' },
      h('span', { class: 'badge', text: t('breakouts.language', { language: session.language.toUpperCase() }) }),
      session.capacity != null ? h('span', { class: 'badge badge-muted', text: t('breakouts.seats', { capacity: session.capacity }) }) : null,
      session.registrationRequired ? h('span', { class: 'badge badge-muted', text: t('breakouts.registrationRequired') }) : null),
    session.speakers?.length ? h('p', { class: 'small', text: session.speakers.map((s) => s.name).join(', ') }) : null,
    statusSlot, actions, errorSlot);
  return { element };
}
