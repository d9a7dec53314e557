// Sign-in on another device with the personal sign-in code that registration gave. A sign-in link carries the code in
// its fragment (#/signin?event=…&code=…), which browsers never send to a server, so it is in no request log.
import { api } from '../core/api.js';
import { h } from '../core/dom.js';
import { setLanguage, t } from '../core/i18n.js';
import { setSession } from '../core/session.js';
import { onSignInSubmit, signinField as field, timeZoneOf } from './signin-fields.js';

/**
 * @param {HTMLSelectElement} eventSelect the page's event choice
 * @param {object[]} events the events to sign in to
 * @param {(hash: string) => void} navigate
 * @param {string|null} code a code from a sign-in link, filled in
 * @returns {HTMLFormElement}
 */
export function createCodeForm(eventSelect, events, navigate, code) {
  const errors = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', text: t('signin.withCode') });
  const form = h('form', { class: 'card', 'aria-labelledby': 'signin-code-heading' },
    h('h2', { id: 'signin-code-heading', text: t('signin.codeTitle') }),
    h('p', { class: 'muted', text: t('signin.codeIntro') }),
    field('signin-device-code', t('signin.deviceCode'), h('input', {
      id: 'signin-device-code', name: 'code', required: true, maxlength: 40, autocomplete: 'one-time-code',
      spellcheck: false, value: code ?? '',
    })),
    errors,
    submit);

  onSignInSubmit(form, submit, errors, async (data) => {
    const eventId = eventSelect.value;
    const path = `/api/events/${encodeURIComponent(eventId)}`;
    const tokens = await api(`${path}/devices`, { method: 'POST', body: { signInCode: String(data.get('code')) } });
    const session = {
      eventId, attendeeId: tokens.attendeeId, displayName: tokens.attendeeId, role: 'attendee', language: 'de',
      accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: tokens.expiresAt,
      deviceId: tokens.deviceId, timeZone: timeZoneOf(events, eventId),
    };
    setSession(session);
    // Name and language come with the registration; speakers and moderators signed in by an organizer have none.
    const me = await api(`${path}/registrations/me`).catch(() => null);
    if (me) {
      setSession({ ...session, displayName: me.displayName, language: me.language });
      setLanguage(me.language);
    }
    navigate('#/lobby');
  });
  return form;
}
