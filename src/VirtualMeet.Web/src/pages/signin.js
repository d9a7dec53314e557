// Sign-in: register for an event as an attendee, or enter as organiser with the organiser key.
import { api } from '../core/api.js';
import { addStrings, language, setLanguage, t } from '../core/i18n.js';
import { setSession } from '../core/session.js';
import { h, showError, useStyles } from '../core/dom.js';

addStrings({
  de: {
    'signin.title': 'Willkommen bei VirtualMeet',
    'signin.intro': 'Melden Sie sich für eine Veranstaltung an: Bühne, Breakouts, Umfragen und Vernetz-BARs an einem Ort.',
    'signin.event': 'Veranstaltung',
    'signin.attend': 'Teilnehmen',
    'signin.displayName': 'Anzeigename',
    'signin.displayNameHint': 'So sehen Sie die anderen, z. B. „Anna Schmidt“.',
    'signin.organization': 'Organisation (optional)',
    'signin.email': 'E-Mail (optional)',
    'signin.interests': 'Interessen (optional)',
    'signin.interestsHint': 'Durch Kommas getrennt, z. B. „Wasserstoff, Fachkräfte, Förderung“. Hilft beim Matchmaking.',
    'signin.language': 'Sprache der Inhalte',
    'signin.register': 'Anmelden und eintreten',
    'signin.organizer': 'Organisation',
    'signin.organizerIntro': 'Für das Veranstaltungsteam: Bühne steuern, Umfragen, Moderation und Exporte.',
    'signin.organizerKey': 'Organisationsschlüssel',
    'signin.enterOrganizer': 'Als Organisation eintreten',
    'signin.organizerName': 'Organisation',
    'signin.noEvents': 'Es gibt noch keine Veranstaltung.',
    'lang.de': 'Deutsch',
    'lang.en': 'Englisch',
  },
  en: {
    'signin.title': 'Welcome to VirtualMeet',
    'signin.intro': 'Register for an event: stage, breakouts, polls and Vernetz-BARs in one place.',
    'signin.event': 'Event',
    'signin.attend': 'Attend',
    'signin.displayName': 'Display name',
    'signin.displayNameHint': 'How others see you, e.g. “Anna Schmidt”.',
    'signin.organization': 'Organisation (optional)',
    'signin.email': 'Email (optional)',
    'signin.interests': 'Interests (optional)',
    'signin.interestsHint': 'Comma-separated, e.g. “hydrogen, skilled workers, funding”. Helps matchmaking.',
    'signin.language': 'Content language',
    'signin.register': 'Register and enter',
    'signin.organizer': 'Organiser',
    'signin.organizerIntro': 'For the event team: run the stage, polls, moderation and exports.',
    'signin.organizerKey': 'Organiser key',
    'signin.enterOrganizer': 'Enter as organiser',
    'signin.organizerName': 'Organiser',
    'signin.noEvents': 'There is no event yet.',
    'lang.de': 'German',
    'lang.en': 'English',
  },
});

export async function mount(root, { query, navigate }) {
  useStyles('pages/signin.css');
  const events = await api('/api/events');
  root.append(h('h1', { text: t('signin.title') }), h('p', { class: 'muted', text: t('signin.intro') }));
  if (events.length === 0) {
    root.append(h('p', { class: 'notice', text: t('signin.noEvents') }));
    return;
  }

  const wanted = query.get('event');
  const eventSelect = h('select', { id: 'signin-event', name: 'event' },
    events.map((e) => h('option', { value: e.id, selected: e.id === wanted, text: e.title })));
  root.append(h('div', { class: 'field signin-event' }, h('label', { for: 'signin-event', text: t('signin.event') }), eventSelect));

  root.append(h('div', { class: 'signin-forms' }, attendeeForm(eventSelect, events, navigate), organizerForm(eventSelect, events, navigate)));
  root.querySelector('#signin-name').focus();
}

function attendeeForm(eventSelect, events, navigate) {
  const errors = h('div', { 'aria-live': 'polite' });
  const languageSelect = h('select', { id: 'signin-language', name: 'language' });
  const fillLanguages = () => {
    const offered = events.find((e) => e.id === eventSelect.value)?.languages ?? ['de', 'en'];
    languageSelect.replaceChildren(...offered.map((lang) =>
      h('option', { value: lang, selected: lang === language(), text: t(`lang.${lang}`) })));
  };
  eventSelect.addEventListener('change', fillLanguages);
  fillLanguages();

  const submit = h('button', { type: 'submit', class: 'primary', text: t('signin.register') });
  const form = h('form', { class: 'card', 'aria-labelledby': 'signin-attend-heading' },
    h('h2', { id: 'signin-attend-heading', text: t('signin.attend') }),
    field('signin-name', t('signin.displayName'), h('input', {
      id: 'signin-name', name: 'displayName', required: true, maxlength: 100, autocomplete: 'name',
      'aria-describedby': 'signin-name-hint',
    }), t('signin.displayNameHint')),
    field('signin-organization', t('signin.organization'), h('input', { id: 'signin-organization', name: 'organization', maxlength: 200, autocomplete: 'organization' })),
    field('signin-email', t('signin.email'), h('input', { id: 'signin-email', name: 'email', type: 'email', autocomplete: 'email' })),
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
    };
    submit.disabled = true;
    try {
      const registration = await api(`/api/events/${encodeURIComponent(eventId)}/registrations`, { method: 'POST', body });
      setSession({
        eventId, attendeeId: registration.attendeeId, displayName, role: 'attendee',
        language: body.language, accessToken: registration.accessToken, timeZone: timeZoneOf(events, eventId),
      });
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

function organizerForm(eventSelect, events, navigate) {
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

function field(id, labelText, input, hint) {
  return h('div', { class: 'field' },
    h('label', { for: id, text: labelText }),
    hint && h('span', { class: 'hint', id: `${id}-hint`, text: hint }),
    input);
}

function timeZoneOf(events, eventId) {
  return events.find((e) => e.id === eventId)?.timeZone;
}

function blankToNull(value) {
  const text = String(value ?? '').trim();
  return text === '' ? null : text;
}
