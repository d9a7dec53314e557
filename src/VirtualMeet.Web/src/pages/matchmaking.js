// Matchmaking (`#/matchmaking`): one's profile (interests, offers, seeks), ranked suggestions, the slots of the
// matchmaking window, meeting requests and the incoming/outgoing meetings. REST for reads and actions; the
// MeetingRequested/MeetingUpdated pushes of /hubs/bar keep the meetings live (newest version wins), and a
// reconnect reloads the meetings, as pushes sent meanwhile are gone.
import { api, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { formatTime, t } from '../core/i18n.js';
import { announce, h, useStyles } from '../core/dom.js';
import { createMatchmakingMeetings, matchmakingPath, otherName } from '../components/matchmaking-meetings.js';
import { createMatchmakingProfile } from '../components/matchmaking-profile.js';
import { createMatchmakingSlots } from '../components/matchmaking-slots.js';
import { createMatchmakingSuggestions } from '../components/matchmaking-suggestions.js';
import './matchmaking.strings.js';

export async function mount(root, ctx) {
  useStyles('pages/matchmaking.css');
  const selfId = ctx.session.attendeeId;
  let slots = null;
  let suggestions = [];
  const meetings = new Map(); // id -> MeetingView
  let connection = null;
  let disposed = false;

  const freeSlots = () => (slots?.slots ?? []).filter((s) => !s.meetingId && new Date(s.endsAt) > Date.now());
  const profileCard = createMatchmakingProfile({ saved: () => loadSuggestions() });
  const suggestionsCard = createMatchmakingSuggestions({ freeSlots, requested: upsert, reloadSlots: () => loadSlots() });
  const meetingsCard = createMatchmakingMeetings({ selfId, changed: upsert, reloadSlots: () => loadSlots() });
  const slotsCard = createMatchmakingSlots({ selfId });
  root.append(
    h('h1', { text: t('matchmaking.title') }),
    h('p', { class: 'muted', text: t('matchmaking.intro') }),
    h('div', { class: 'split matchmaking' },
      h('div', { class: 'stack' }, suggestionsCard.element, meetingsCard.element),
      h('div', { class: 'stack' }, profileCard.element, slotsCard.element)));

  const renderSuggestions = () => suggestionsCard.render(profileCard.profile(), suggestions);
  const renderMeetings = () => meetingsCard.render(meetings.values());
  const renderSlots = () => slotsCard.render(slots, meetings);

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
    const list = await api(matchmakingPath('/meetings'));
    if (disposed) return;
    meetings.clear();
    for (const meeting of list) meetings.set(meeting.id, meeting);
    renderMeetings();
  }

  async function loadSlots() {
    slots = await api(matchmakingPath('/slots')).catch(() => null);
    if (disposed) return;
    renderSlots();
    renderSuggestions();
  }

  async function loadSuggestions() {
    suggestions = profileCard.profile() ? await api(matchmakingPath('/suggestions')).catch(() => []) : [];
    if (!disposed) renderSuggestions();
  }

  function onMeetingPush(meeting, isNew) {
    if (!upsert(meeting)) return;
    const time = formatTime(meeting.slotStartsAt);
    if (isNew && meeting.inviteeId === selfId) announce(t('matchmaking.newRequest', { name: meeting.requesterName, time }));
    else if (!isNew) announce(t('matchmaking.updated', { name: otherName(meeting, selfId), time, status: t(`matchmaking.status.${meeting.status}`) }));
    loadSlots();
  }

  const profile = await api(matchmakingPath('/profile')).catch((error) => {
    if (error?.status === 404) return null;
    throw error;
  });
  // Before the first save the form starts from the interests given at registration.
  const registeredInterests = profile ? [] : (await api(eventPath('/registrations/me')).catch(() => null))?.interests ?? [];
  profileCard.show(profile, registeredInterests);
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
