// Sign-in: register for an event as an attendee, or enter as organiser with the organiser key or a personal account.
import { api } from '../core/api.js';
import { t } from '../core/i18n.js';
import { h, useStyles } from '../core/dom.js';
import { createAttendeeForm } from '../components/signin-attendee-form.js';
import { createOrganizerForm } from '../components/signin-organizer-form.js';
import { createCodeForm } from '../components/signin-code-form.js';
import './signin.strings.js';

export async function mount(root, { query, navigate }) {
  useStyles('pages/signin.css');
  const events = await api('/api/events');
  root.append(h('h1', { text: t('signin.title') }), h('p', { class: 'muted', text: t('signin.intro') }));
  if (query.get('ended')) root.append(h('p', { class: 'notice', role: 'status', text: t('signin.ended') }));
  if (events.length === 0) {
    root.append(h('p', { class: 'notice', text: t('signin.noEvents') }));
    return;
  }

  const wanted = query.get('event');
  const eventSelect = h('select', { id: 'signin-event', name: 'event' },
    events.map((e) => h('option', { value: e.id, selected: e.id === wanted, text: e.title })));
  root.append(h('div', { class: 'field signin-event' }, h('label', { for: 'signin-event', text: t('signin.event') }), eventSelect));

  const code = query.get('code');
  const codeForm = createCodeForm(eventSelect, events, navigate, code);
  root.append(h('div', { class: 'signin-forms' },
    createAttendeeForm(eventSelect, events, navigate), codeForm, createOrganizerForm(eventSelect, events, navigate)));
  if (code) {
    // Out of the address bar and the history once read, so the next person at this screen does not find it.
    history.replaceState(null, '', `#/signin?event=${encodeURIComponent(wanted ?? '')}`);
    codeForm.querySelector('button[type=submit]').focus();
  } else {
    root.querySelector('#signin-name').focus();
  }
}
