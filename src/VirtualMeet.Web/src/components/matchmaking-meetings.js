// One's matchmaking meetings, requests to one and one's own requests, each with what can be done with it now:
// accept or decline a request to one, cancel an open meeting, go to the meeting table of an accepted one.
import { api, eventPath } from '../core/api.js';
import { clear, h, showError } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';

/** `/api/events/<event>/matchmaking<suffix>` */
export const matchmakingPath = (suffix = '') => eventPath(`/matchmaking${suffix}`);

/** The name of the other person of a meeting; a person who erased their registration comes without one. */
export const otherName = (meeting, selfId) =>
  (meeting.requesterId === selfId ? meeting.inviteeName : meeting.requesterName) || t('matchmaking.erasedPerson');

// expired: a request nobody answered in time (or before its slot began); it holds no slot and takes no action.
const statusBadge = { requested: 'badge-warn', accepted: 'badge-ok', declined: 'badge-muted', cancelled: 'badge-muted', expired: 'badge-muted' };

/**
 * @param {{ selfId: string, changed: (meeting: object) => void, reloadSlots: () => Promise<void> }} options
 *   `changed` takes the meeting an action answered with; the slots are read again after it.
 * @returns {{ element: HTMLElement, render(meetings: Iterable<object>): void }}
 */
export function createMatchmakingMeetings({ selfId, changed, reloadSlots }) {
  const element = h('section', { class: 'card', 'aria-labelledby': 'mm-meetings' });

  function render(meetings) {
    const all = [...meetings].sort((a, b) => new Date(a.slotStartsAt) - new Date(b.slotStartsAt));
    const incoming = all.filter((m) => m.inviteeId === selfId);
    const outgoing = all.filter((m) => m.requesterId === selfId);
    const list = (items) => items.length === 0
      ? h('p', { class: 'muted', text: t('matchmaking.noMeetings') })
      : h('ul', { class: 'mm-meetings' }, items.map(item));
    clear(element).append(
      h('h2', { id: 'mm-meetings', text: t('matchmaking.meetings') }),
      h('h3', { text: t('matchmaking.incoming') }), list(incoming),
      h('h3', { text: t('matchmaking.outgoing') }), list(outgoing));
  }

  function item(meeting) {
    const incoming = meeting.inviteeId === selfId;
    const errorSlot = h('div');
    const action = (name, label, style) => h('button', {
      type: 'button', class: style,
      on: {
        click: async () => {
          try {
            changed(await api(matchmakingPath(`/meetings/${encodeURIComponent(meeting.id)}/${name}`), { method: 'POST' }));
            await reloadSlots();
          } catch (error) {
            showError(errorSlot, error);
          }
        },
      },
      text: label,
    });
    const open = meeting.status === 'requested' || meeting.status === 'accepted';
    return h('li', { class: 'mm-meeting', dataset: { meetingId: meeting.id } },
      h('div', { class: 'row' },
        h('strong', { text: `${formatTime(meeting.slotStartsAt)}–${formatTime(meeting.slotEndsAt)}` }),
        h('span', { text: t(incoming ? 'matchmaking.from' : 'matchmaking.with', { name: otherName(meeting, selfId) }) }),
        h('span', { class: ['badge', statusBadge[meeting.status]], text: t(`matchmaking.status.${meeting.status}`) })),
      meeting.message ? h('p', { class: 'small mm-message', text: `“${meeting.message}”` }) : null,
      h('div', { class: 'row' },
        incoming && meeting.status === 'requested' ? action('accept', t('matchmaking.accept'), 'primary') : null,
        incoming && meeting.status === 'requested' ? action('decline', t('matchmaking.decline'), 'danger') : null,
        open && !(incoming && meeting.status === 'requested') ? action('cancel', t('matchmaking.cancel'), null) : null,
        meeting.status === 'accepted' ? h('a', { class: 'button', href: '#/bars', text: t('matchmaking.toTable') }) : null),
      errorSlot);
  }

  return { element, render };
}
