// Over 300 lines for now: mounting, rendering and the pushes of this view share one module's state; splitting it into
// components of about 120 lines is due with the web client's layering work, with the browser tests as the proof.
// Matchmaking (`#/matchmaking`): one's profile (interests, offers, seeks), ranked suggestions, the slots of the
// matchmaking window, meeting requests and the incoming/outgoing meetings. REST for reads and actions; the
// MeetingRequested/MeetingUpdated pushes of /hubs/bar keep the meetings live (newest version wins), and a
// reconnect reloads the meetings, as pushes sent meanwhile are gone.
import { api, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, formatTime, t } from '../core/i18n.js';
import { announce, clear, h, showError, useStyles } from '../core/dom.js';

addStrings({
  de: {
    'matchmaking.title': 'Matchmaking',
    'matchmaking.intro': 'Sag, was dich interessiert, was du anbietest und was du suchst – wir schlagen dir passende Gesprächspartner vor.',
    'matchmaking.profile': 'Dein Profil',
    'matchmaking.interests': 'Interessen',
    'matchmaking.offers': 'Ich biete',
    'matchmaking.seeks': 'Ich suche',
    'matchmaking.tagsHint': 'Mehrere Einträge mit Komma trennen.',
    'matchmaking.save': 'Profil speichern',
    'matchmaking.saved': 'Profil gespeichert.',
    'matchmaking.noProfile': 'Speichere dein Profil, um mitzumachen: nur Menschen mit Profil werden vorgeschlagen.',
    'matchmaking.suggestions': 'Vorschläge',
    'matchmaking.suggestionsNeedProfile': 'Vorschläge erscheinen, sobald dein Profil gespeichert ist.',
    'matchmaking.noSuggestions': 'Noch keine Vorschläge. Ergänze dein Profil oder schau später wieder vorbei.',
    'matchmaking.mutual': '⇄ Beidseitiger Treffer',
    'matchmaking.score': 'Übereinstimmung: {score}',
    'matchmaking.shared': 'Gemeinsame Interessen',
    'matchmaking.theyOffer': 'Bietet dir',
    'matchmaking.theySeek': 'Sucht bei dir',
    'matchmaking.slot': 'Zeitfenster',
    'matchmaking.message': 'Nachricht (optional)',
    'matchmaking.request': 'Treffen anfragen',
    'matchmaking.requested': 'Anfrage an {name} gesendet.',
    'matchmaking.noFreeSlot': 'Du hast kein freies Zeitfenster mehr.',
    'matchmaking.slots': 'Zeitfenster',
    'matchmaking.window': '{start}–{end}, je {minutes} Minuten',
    'matchmaking.free': 'frei',
    'matchmaking.over': 'vorbei',
    'matchmaking.booked': 'belegt: {name}',
    'matchmaking.meetings': 'Deine Treffen',
    'matchmaking.incoming': 'Anfragen an dich',
    'matchmaking.outgoing': 'Deine Anfragen',
    'matchmaking.noMeetings': 'Keine.',
    'matchmaking.with': 'mit {name}',
    'matchmaking.from': 'von {name}',
    'matchmaking.accept': 'Annehmen',
    'matchmaking.decline': 'Ablehnen',
    'matchmaking.cancel': 'Absagen',
    'matchmaking.toTable': 'Zum Meeting-Tisch',
    'matchmaking.status.requested': '… angefragt',
    'matchmaking.status.accepted': '✓ angenommen',
    'matchmaking.status.declined': '✕ abgelehnt',
    'matchmaking.status.cancelled': '✕ abgesagt',
    'matchmaking.newRequest': 'Neue Anfrage von {name} für {time}.',
    'matchmaking.updated': 'Treffen mit {name} um {time}: {status}.',
  },
  en: {
    'matchmaking.title': 'Matchmaking',
    'matchmaking.intro': 'Say what interests you, what you offer and what you seek – we suggest people worth meeting.',
    'matchmaking.profile': 'Your profile',
    'matchmaking.interests': 'Interests',
    'matchmaking.offers': 'I offer',
    'matchmaking.seeks': 'I seek',
    'matchmaking.tagsHint': 'Separate several entries with commas.',
    'matchmaking.save': 'Save profile',
    'matchmaking.saved': 'Profile saved.',
    'matchmaking.noProfile': 'Save your profile to take part: only people with a profile are suggested.',
    'matchmaking.suggestions': 'Suggestions',
    'matchmaking.suggestionsNeedProfile': 'Suggestions appear once your profile is saved.',
    'matchmaking.noSuggestions': 'No suggestions yet. Add to your profile or look again later.',
    'matchmaking.mutual': '⇄ Mutual match',
    'matchmaking.score': 'Match score: {score}',
    'matchmaking.shared': 'Shared interests',
    'matchmaking.theyOffer': 'Offers you',
    'matchmaking.theySeek': 'Seeks from you',
    'matchmaking.slot': 'Time slot',
    'matchmaking.message': 'Message (optional)',
    'matchmaking.request': 'Request a meeting',
    'matchmaking.requested': 'Request sent to {name}.',
    'matchmaking.noFreeSlot': 'You have no free slot left.',
    'matchmaking.slots': 'Time slots',
    'matchmaking.window': '{start}–{end}, {minutes} minutes each',
    'matchmaking.free': 'free',
    'matchmaking.over': 'over',
    'matchmaking.booked': 'booked: {name}',
    'matchmaking.meetings': 'Your meetings',
    'matchmaking.incoming': 'Requests to you',
    'matchmaking.outgoing': 'Your requests',
    'matchmaking.noMeetings': 'None.',
    'matchmaking.with': 'with {name}',
    'matchmaking.from': 'from {name}',
    'matchmaking.accept': 'Accept',
    'matchmaking.decline': 'Decline',
    'matchmaking.cancel': 'Cancel',
    'matchmaking.toTable': 'Go to the meeting table',
    'matchmaking.status.requested': '… requested',
    'matchmaking.status.accepted': '✓ accepted',
    'matchmaking.status.declined': '✕ declined',
    'matchmaking.status.cancelled': '✕ cancelled',
    'matchmaking.newRequest': 'New request from {name} for {time}.',
    'matchmaking.updated': 'Meeting with {name} at {time}: {status}.',
  },
});

const base = (suffix = '') => eventPath(`/matchmaking${suffix}`);
const tagsOf = (text) => text.split(',').map((tag) => tag.trim()).filter(Boolean);
const statusBadge = { requested: 'badge-warn', accepted: 'badge-ok', declined: 'badge-muted', cancelled: 'badge-muted' };

export async function mount(root, ctx) {
  useStyles('pages/matchmaking.css');
  const selfId = ctx.session.attendeeId;
  let profile = null;
  let slots = null;
  let suggestions = [];
  const meetings = new Map(); // id -> MeetingView
  let connection = null;
  let disposed = false;

  const profileSlot = h('section', { class: 'card', 'aria-labelledby': 'mm-profile' });
  const suggestionsSlot = h('section', { class: 'card', 'aria-labelledby': 'mm-suggestions' });
  const meetingsSlot = h('section', { class: 'card', 'aria-labelledby': 'mm-meetings' });
  const slotsSlot = h('section', { class: 'card', 'aria-labelledby': 'mm-slots' });
  root.append(
    h('h1', { text: t('matchmaking.title') }),
    h('p', { class: 'muted', text: t('matchmaking.intro') }),
    h('div', { class: 'split matchmaking' },
      h('div', { class: 'stack' }, suggestionsSlot, meetingsSlot),
      h('div', { class: 'stack' }, profileSlot, slotsSlot)));

  const otherName = (m) => (m.requesterId === selfId ? m.inviteeName : m.requesterName);

  function renderProfile(message) {
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
    clear(profileSlot).append(h('h2', { id: 'mm-profile', text: t('matchmaking.profile') }));
    if (!profile) profileSlot.append(h('p', { class: 'muted', text: t('matchmaking.noProfile') }));
    profileSlot.append(form);

    async function save(event) {
      event.preventDefault();
      const value = (id) => tagsOf(form.querySelector(`#${id}`).value);
      try {
        profile = await api(base('/profile'), {
          method: 'PUT',
          body: { interests: value('mm-interests'), offers: value('mm-offers'), seeks: value('mm-seeks') },
        });
        renderProfile(t('matchmaking.saved'));
        announce(t('matchmaking.saved'));
        await loadSuggestions();
      } catch (error) {
        showError(errorSlot, error);
      }
    }
  }

  const freeSlots = () => (slots?.slots ?? []).filter((s) => !s.meetingId && new Date(s.endsAt) > Date.now());

  function renderSuggestions() {
    clear(suggestionsSlot).append(h('h2', { id: 'mm-suggestions', text: t('matchmaking.suggestions') }));
    if (!profile) return suggestionsSlot.append(h('p', { class: 'muted', text: t('matchmaking.suggestionsNeedProfile') }));
    if (suggestions.length === 0) return suggestionsSlot.append(h('p', { class: 'muted', text: t('matchmaking.noSuggestions') }));
    suggestionsSlot.append(h('ol', { class: 'mm-suggestions' }, suggestions.map(suggestionCard)));
  }

  function tagList(label, tags) {
    return tags.length ? h('p', { class: 'small' }, h('strong', { text: `${label}: ` }), tags.join(', ')) : null;
  }

  function suggestionCard(suggestion, index) {
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
        const meeting = await api(base('/meetings'), {
          method: 'POST',
          body: { inviteeId: person.attendeeId, slotStartsAt: select.value, message: message.value.trim() || null },
        });
        upsert(meeting);
        announce(t('matchmaking.requested', { name: person.displayName }));
        await loadSlots();
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

  function renderMeetings() {
    const all = [...meetings.values()].sort((a, b) => new Date(a.slotStartsAt) - new Date(b.slotStartsAt));
    const incoming = all.filter((m) => m.inviteeId === selfId);
    const outgoing = all.filter((m) => m.requesterId === selfId);
    const list = (items) => items.length === 0
      ? h('p', { class: 'muted', text: t('matchmaking.noMeetings') })
      : h('ul', { class: 'mm-meetings' }, items.map(meetingItem));
    clear(meetingsSlot).append(
      h('h2', { id: 'mm-meetings', text: t('matchmaking.meetings') }),
      h('h3', { text: t('matchmaking.incoming') }), list(incoming),
      h('h3', { text: t('matchmaking.outgoing') }), list(outgoing));
  }

  function meetingItem(meeting) {
    const incoming = meeting.inviteeId === selfId;
    const errorSlot = h('div');
    const action = (name, label, style) => h('button', {
      type: 'button', class: style,
      on: {
        click: async () => {
          try {
            upsert(await api(base(`/meetings/${encodeURIComponent(meeting.id)}/${name}`), { method: 'POST' }));
            await loadSlots();
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
        h('span', { text: t(incoming ? 'matchmaking.from' : 'matchmaking.with', { name: otherName(meeting) }) }),
        h('span', { class: ['badge', statusBadge[meeting.status]], text: t(`matchmaking.status.${meeting.status}`) })),
      meeting.message ? h('p', { class: 'small mm-message', text: `“${meeting.message}”` }) : null,
      h('div', { class: 'row' },
        incoming && meeting.status === 'requested' ? action('accept', t('matchmaking.accept'), 'primary') : null,
        incoming && meeting.status === 'requested' ? action('decline', t('matchmaking.decline'), 'danger') : null,
        open && !(incoming && meeting.status === 'requested') ? action('cancel', t('matchmaking.cancel'), null) : null,
        meeting.status === 'accepted' ? h('a', { class: 'button', href: '#/bars', text: t('matchmaking.toTable') }) : null),
      errorSlot);
  }

  function renderSlots() {
    clear(slotsSlot).append(h('h2', { id: 'mm-slots', text: t('matchmaking.slots') }));
    if (!slots) return;
    slotsSlot.append(
      h('p', { class: 'muted small', text: t('matchmaking.window', { start: formatTime(slots.windowStartsAt), end: formatTime(slots.windowEndsAt), minutes: slots.slotMinutes }) }),
      h('ul', { class: 'mm-slots' }, slots.slots.map((s) => {
        const meeting = s.meetingId ? meetings.get(s.meetingId) : null;
        const over = new Date(s.endsAt) <= Date.now();
        const badge = s.meetingId ? h('span', { class: 'badge badge-warn', text: t('matchmaking.booked', { name: meeting ? otherName(meeting) : '…' }) })
          : over ? h('span', { class: 'badge badge-muted', text: t('matchmaking.over') })
            : h('span', { class: 'badge badge-ok', text: t('matchmaking.free') });
        return h('li', { class: s.meetingId ? 'booked' : over ? 'over' : 'free' },
          h('span', { class: 'mm-slot-time', text: `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}` }), badge);
      })));
  }

  /** Keeps the newest version of a meeting (pushes and answers may arrive in either order). */
  function upsert(meeting) {
    const held = meetings.get(meeting.id);
    if (held && held.version >= meeting.version) return false;
    meetings.set(meeting.id, meeting);
    renderMeetings();
    renderSlots();
    return true;
  }

  async function loadMeetings() {
    const list = await api(base('/meetings'));
    if (disposed) return;
    meetings.clear();
    for (const meeting of list) meetings.set(meeting.id, meeting);
    renderMeetings();
  }

  async function loadSlots() {
    slots = await api(base('/slots')).catch(() => null);
    if (disposed) return;
    renderSlots();
    renderSuggestions();
  }

  async function loadSuggestions() {
    suggestions = profile ? await api(base('/suggestions')).catch(() => []) : [];
    if (!disposed) renderSuggestions();
  }

  function onMeetingPush(meeting, isNew) {
    if (!upsert(meeting)) return;
    const time = formatTime(meeting.slotStartsAt);
    if (isNew && meeting.inviteeId === selfId) announce(t('matchmaking.newRequest', { name: meeting.requesterName, time }));
    else if (!isNew) announce(t('matchmaking.updated', { name: otherName(meeting), time, status: t(`matchmaking.status.${meeting.status}`) }));
    loadSlots();
  }

  profile = await api(base('/profile')).catch((error) => {
    if (error?.status === 404) return null;
    throw error;
  });
  // Before the first save the form starts from the interests given at registration.
  const registeredInterests = profile ? [] : (await api(eventPath('/registrations/me')).catch(() => null))?.interests ?? [];
  renderProfile();
  await Promise.all([loadMeetings(), loadSlots(), loadSuggestions()]);
  renderSlots();

  connection = await openHub('/hubs/bar', {
    handlers: {
      MeetingRequested: (meeting) => {
        onMeetingPush(meeting, true);
      },
      MeetingUpdated: (meeting) => {
        onMeetingPush(meeting, false);
      },
    },
    onReconnected: () => Promise.all([loadMeetings(), loadSlots()]),
  });
  // A request that arrived while the hub was connecting is not lost: read the list once more.
  await loadMeetings();

  return async () => {
    disposed = true;
    await closeHub(connection);
  };
}
