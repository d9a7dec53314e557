// Sign-in as an attendee: registers for the chosen event (name, organisation, email, interests, content language,
// and the invitation code or ticket number when the event asks for one) and enters the lobby in that language.
import { api } from '../core/api.js';
import { h, showError } from '../core/dom.js';
import { language, setLanguage, t } from '../core/i18n.js';
import { setSession } from '../core/session.js';
import { rememberNewSignInCode } from './lobby-devices.js';
import { signinField as field, timeZoneOf } from './signin-fields.js';

/**
 * @param {HTMLSelectElement} eventSelect the page's event choice; the content languages follow it
 * @param {object[]} events the events to sign in to
 * @param {(hash: string) => void} navigate
 * @returns {HTMLFormElement}
 */
export function createAttendeeForm(eventSelect, events, navigate) {
  const errors = h('div', { 'aria-live': 'polite' });
  const languageSelect = h('select', { id: 'signin-language', name: 'language' });
  const fillLanguages = () => {
    const offered = events.find((e) => e.id === eventSelect.value)?.languages ?? ['de', 'en'];
    languageSelect.replaceChildren(...offered.map((lang) =>
      h('option', { value: lang, selected: lang === language(), text: t(`lang.${lang}`) })));
  };
  eventSelect.addEventListener('change', fillLanguages);
  fillLanguages();

  // Events by invitation or ticket ask for the code (a ticket also for its email); open events hide the field.
  const codeLabel = h('label', { for: 'signin-code' });
  const codeHint = h('span', { class: 'hint', id: 'signin-code-hint' });
  const codeInput = h('input', { id: 'signin-code', name: 'code', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'signin-code-hint' });
  const codeField = h('div', { class: 'field' }, codeLabel, codeHint, codeInput);
  const emailInput = h('input', { id: 'signin-email', name: 'email', type: 'email', autocomplete: 'email' });
  const emailLabel = h('label', { for: 'signin-email' });
  const fillCode = () => {
    const mode = events.find((e) => e.id === eventSelect.value)?.registration ?? 'open';
    codeField.hidden = mode === 'open';
    codeInput.required = mode !== 'open';
    emailInput.required = mode === 'tickets';
    emailLabel.textContent = t(mode === 'tickets' ? 'signin.ticketEmail' : 'signin.email');
    if (mode !== 'open') {
      codeLabel.textContent = t(`signin.code.${mode}`);
      codeHint.textContent = t(`signin.codeHint.${mode}`);
    }
  };
  eventSelect.addEventListener('change', fillCode);
  fillCode();

  const submit = h('button', { type: 'submit', class: 'primary', text: t('signin.register') });
  const form = h('form', { class: 'card', 'aria-labelledby': 'signin-attend-heading' },
    h('h2', { id: 'signin-attend-heading', text: t('signin.attend') }),
    field('signin-name', t('signin.displayName'), h('input', {
      id: 'signin-name', name: 'displayName', required: true, maxlength: 100, autocomplete: 'name',
      'aria-describedby': 'signin-name-hint',
    }), t('signin.displayNameHint')),
    field('signin-organization', t('signin.organization'), h('input', { id: 'signin-organization', name: 'organization', maxlength: 200, autocomplete: 'organization' })),
    h('div', { class: 'field' }, emailLabel, emailInput),
    codeField,
    field('signin-interests', t('signin.interests'), h('input', { id: 'signin-interests', name: 'interests', 'aria-describedby': 'signin-interests-hint' }), t('signin.interestsHint')),
    field('signin-language', t('signin.language'), languageSelect),
    errors,
    submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const eventId = eventSelect.value;
    const displayName = String(data.get('displayName')).trim();
    const body = {
      displayName,
      organization: blankToNull(data.get('organization')),
      email: blankToNull(data.get('email')),
      language: String(data.get('language')),
      interests: String(data.get('interests')).split(',').map((s) => s.trim()).filter(Boolean),
      code: codeField.hidden ? null : blankToNull(data.get('code')),
    };
    submit.disabled = true;
    try {
      const registration = await api(`/api/events/${encodeURIComponent(eventId)}/registrations`, { method: 'POST', body });
      setSession({
        eventId, attendeeId: registration.attendeeId, displayName, role: 'attendee',
        language: body.language, accessToken: registration.accessToken, timeZone: timeZoneOf(events, eventId),
        refreshToken: registration.refreshToken, expiresAt: registration.expiresAt, deviceId: registration.deviceId,
      });
      // Shown once, on the lobby's devices card; never kept in localStorage.
      rememberNewSignInCode(registration.signInCode);
      setLanguage(body.language);
      navigate('#/lobby');
    } catch (error) {
      showError(errors, error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function blankToNull(value) {
  const text = String(value ?? '').trim();
  return text === '' ? null : text;
}
