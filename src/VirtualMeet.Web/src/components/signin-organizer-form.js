// Sign-in as organiser: the organiser key for the chosen event, then the organiser console.
import { api } from '../core/api.js';
import { h, showError } from '../core/dom.js';
import { language, t } from '../core/i18n.js';
import { setSession } from '../core/session.js';
import { signinField as field, timeZoneOf } from './signin-fields.js';

/**
 * @param {HTMLSelectElement} eventSelect the page's event choice
 * @param {object[]} events the events to sign in to
 * @param {(hash: string) => void} navigate
 * @returns {HTMLFormElement}
 */
export function createOrganizerForm(eventSelect, events, navigate) {
  const errors = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', text: t('signin.enterOrganizer') });
  const form = h('form', { class: 'card', 'aria-labelledby': 'signin-organizer-heading' },
    h('h2', { id: 'signin-organizer-heading', text: t('signin.organizer') }),
    h('p', { class: 'muted small', text: t('signin.organizerIntro') }),
    field('signin-key', t('signin.organizerKey'), h('input', { id: 'signin-key', name: 'key', type: 'password', required: true, autocomplete: 'current-password' })),
    errors,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const eventId = eventSelect.value;
    submit.disabled = true;
    try {
      const { accessToken } = await api('/api/auth/organizer', { method: 'POST', body: { key: new FormData(form).get('key'), eventId } });
      setSession({
        eventId, attendeeId: null, displayName: t('signin.organizerName'), role: 'organizer', language: language(),
        accessToken, timeZone: timeZoneOf(events, eventId),
      });
      navigate('#/organizer');
    } catch (error) {
      showError(errors, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
