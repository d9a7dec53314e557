// Ranked matchmaking suggestions: who, how well they match and why (shared interests, what they offer and seek),
// and a form that requests a meeting with them in one of one's free slots.
import { api } from '../core/api.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { matchmakingPath } from './matchmaking-meetings.js';

/**
 * @param {{ freeSlots: () => object[], requested: (meeting: object) => void, reloadSlots: () => Promise<void> }} options
 *   `requested` takes the meeting a request answered with; the slots are read again after it.
 * @returns {{ element: HTMLElement, render(profile: object|null, suggestions: object[]): void }}
 */
export function createMatchmakingSuggestions({ freeSlots, requested, reloadSlots }) {
  const element = h('section', { class: 'card', 'aria-labelledby': 'mm-suggestions' });

  function render(profile, suggestions) {
    clear(element).append(h('h2', { id: 'mm-suggestions', text: t('matchmaking.suggestions') }));
    if (!profile) return element.append(h('p', { class: 'muted', text: t('matchmaking.suggestionsNeedProfile') }));
    if (suggestions.length === 0) return element.append(h('p', { class: 'muted', text: t('matchmaking.noSuggestions') }));
    element.append(h('ol', { class: 'mm-suggestions' }, suggestions.map(card)));
  }

  function tagList(label, tags) {
    return tags.length ? h('p', { class: 'small' }, h('strong', { text: `${label}: ` }), tags.join(', ')) : null;
  }

  function card(suggestion, index) {
    const person = suggestion.profile;
    const id = `mm-s-${index}`;
    const errorSlot = h('div');
    const free = freeSlots();
    const select = h('select', { id: `${id}-slot` }, free.map((s) => h('option', { value: s.startsAt, text: `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}` })));
    const message = h('input', { id: `${id}-message`, type: 'text', maxlength: '500', autocomplete: 'off' });
    const form = h('form', { class: 'mm-request', on: { submit: request } },
      h('div', { class: 'field' }, h('label', { for: select.id, text: t('matchmaking.slot') }), select),
      h('div', { class: 'field' }, h('label', { for: message.id, text: t('matchmaking.message') }), message),
      h('button', { type: 'submit', class: 'primary', disabled: free.length === 0, text: t('matchmaking.request') }),
      free.length === 0 ? h('p', { class: 'muted small', text: t('matchmaking.noFreeSlot') }) : null,
      errorSlot);

    async function request(event) {
      event.preventDefault();
      try {
        const meeting = await api(matchmakingPath('/meetings'), {
          method: 'POST',
          body: { inviteeId: person.attendeeId, slotStartsAt: select.value, message: message.value.trim() || null },
        });
        requested(meeting);
        announce(t('matchmaking.requested', { name: person.displayName }));
        await reloadSlots();
      } catch (error) {
        showError(errorSlot, error);
      }
    }

    return h('li', { class: 'mm-suggestion', 'aria-labelledby': `${id}-name` },
      h('div', { class: 'row' },
        h('h3', { id: `${id}-name`, text: person.displayName }),
        suggestion.mutual ? h('span', { class: 'badge badge-ok', text: t('matchmaking.mutual') }) : null,
        h('span', { class: 'badge badge-muted', text: t('matchmaking.score', { score: suggestion.score }) })),
      person.organization ? h('p', { class: 'muted small', text: person.organization }) : null,
      tagList(t('matchmaking.shared'), suggestion.sharedInterests),
      tagList(t('matchmaking.theyOffer'), suggestion.theyOffer),
      tagList(t('matchmaking.theySeek'), suggestion.theySeek),
      form);
  }

  return { element, render };
}
