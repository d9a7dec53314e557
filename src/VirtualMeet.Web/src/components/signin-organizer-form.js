// Sign-in as organiser: the administrator's key, or a named organiser's id and secret, for the chosen event; then the
// organiser console. A named organiser's token is exchanged for one of the event, with the role the event's team gives.
import { ApiError, api } from '../core/api.js';
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
    field('signin-organizer-id', t('signin.organizerId'),
      h('input', { id: 'signin-organizer-id', name: 'organizerId', autocomplete: 'username', 'aria-describedby': 'signin-organizer-id-hint' }),
      t('signin.organizerIdHint')),
    field('signin-key', t('signin.organizerKey'), h('input', { id: 'signin-key', name: 'key', type: 'password', required: true, autocomplete: 'current-password' })),
    errors,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const eventId = eventSelect.value;
    const data = new FormData(form);
    const organizerId = String(data.get('organizerId') ?? '').trim();
    submit.disabled = true;
    try {
      const accessToken = organizerId
        ? await namedOrganizerToken(organizerId, data.get('key'), eventId)
        : (await api('/api/auth/organizer', { method: 'POST', body: { key: data.get('key'), eventId } })).accessToken;
      // A named organiser is shown by their account's name; the key's holder as the role.
      const displayName = (organizerId && nameIn(accessToken)) || t('signin.organizerName');
      setSession({
        eventId, attendeeId: null, displayName, role: 'organizer', language: language(),
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

/** Signs the named organiser in, then exchanges their token for one of the event (403 when they are not on its team). */
async function namedOrganizerToken(organizerId, secret, eventId) {
  const { accessToken } = await api('/api/auth/organizer', { method: 'POST', body: { organizerId, secret } });
  const response = await fetch(`/api/events/${encodeURIComponent(eventId)}/organizer-token`, {
    method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
  });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return (await response.json()).accessToken;
}

/** The `name` claim of an organiser token (organiser tokens carry one; it is only shown, never trusted). */
function nameIn(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))).name ?? null;
  } catch {
    return null;
  }
}
