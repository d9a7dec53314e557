// The matchmaking profile: interests, offers and seeks as comma-separated tags. Before the first save the form
// starts from the interests given at registration; only people with a saved profile are suggested.
import { api } from '../core/api.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { matchmakingPath } from './matchmaking-meetings.js';

const tagsOf = (text) => text.split(',').map((tag) => tag.trim()).filter(Boolean);

/**
 * @param {{ saved: () => Promise<void> }} options `saved` runs after a save (the suggestions follow the profile)
 * @returns {{ element: HTMLElement, profile(): object|null, show(profile: object|null, registeredInterests: string[]): void }}
 */
export function createMatchmakingProfile({ saved }) {
  let profile = null;
  let registeredInterests = [];
  const element = h('section', { class: 'card', 'aria-labelledby': 'mm-profile' });

  function show(loaded, interests) {
    profile = loaded;
    registeredInterests = interests;
    render();
  }

  function render(message) {
    const field = (id, label, values) => h('div', { class: 'field' },
      h('label', { for: id }, label, h('span', { class: 'hint', text: t('matchmaking.tagsHint') })),
      h('input', { id, type: 'text', value: (values ?? []).join(', '), autocomplete: 'off' }));
    const errorSlot = h('div');
    const form = h('form', { on: { submit: save } },
      field('mm-interests', t('matchmaking.interests'), profile?.interests ?? registeredInterests),
      field('mm-offers', t('matchmaking.offers'), profile?.offers),
      field('mm-seeks', t('matchmaking.seeks'), profile?.seeks),
      h('button', { type: 'submit', class: 'primary', text: t('matchmaking.save') }),
      errorSlot,
      message ? h('p', { class: 'notice success', role: 'status', text: message }) : null);
    clear(element).append(h('h2', { id: 'mm-profile', text: t('matchmaking.profile') }));
    if (!profile) element.append(h('p', { class: 'muted', text: t('matchmaking.noProfile') }));
    element.append(form);

    async function save(event) {
      event.preventDefault();
      const value = (id) => tagsOf(form.querySelector(`#${id}`).value);
      try {
        profile = await api(matchmakingPath('/profile'), {
          method: 'PUT',
          body: { interests: value('mm-interests'), offers: value('mm-offers'), seeks: value('mm-seeks') },
        });
        render(t('matchmaking.saved'));
        announce(t('matchmaking.saved'));
        await saved();
      } catch (error) {
        showError(errorSlot, error);
      }
    }
  }

  return { element, profile: () => profile, show };
}
