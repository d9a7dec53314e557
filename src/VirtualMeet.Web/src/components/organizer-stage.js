// Organiser console, stage: pick a stage session, set its status, planned start, streams per language, speaker, title
// and replay, and moderate its chat and questions with the same components the stage page shows moderators.
import { announce, clear, h, showError } from '../core/dom.js';
import { download, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, formatDateTime, t } from '../core/i18n.js';
import { eventZone, fromZonedInput, toZonedInput } from '../core/zoned-time.js';
import { createStageChat } from './stage-chat.js';
import { createStageQuestions } from './stage-questions.js';
import { stageStatusBadge } from './stage-status.js';

addStrings({
  de: {
    'org.stage.session': 'Bühnenprogramm',
    'org.stage.settings': 'Bühne steuern',
    'org.stage.status': 'Status',
    'org.stage.startsAt': 'Geplanter Beginn (Datum und Uhrzeit)',
    'org.stage.startsAtHint': 'In der Zeitzone der Veranstaltung: {zone}. Solange die Bühne „Geplant“ ist, zählt sie bis dahin herunter.',
    'org.stage.startShifted': 'Diese Uhrzeit gibt es in {zone} wegen der Zeitumstellung nicht; gespeichert ist {time}.',
    'org.stage.plannedStart': 'Beginn {time}',
    'org.stage.source': 'Stream-URL ({language})',
    'org.stage.sourceKind': 'Art des Streams ({language})',
    'org.stage.kind.hls': 'HLS (.m3u8)',
    'org.stage.kind.embed': 'Einbettbarer Player',
    'org.stage.kind.video': 'Videodatei',
    'org.stage.speaker': 'Sprecher:in',
    'org.stage.title': 'Titel',
    'org.stage.replay': 'Link zur Aufzeichnung',
    'org.stage.replayHint': 'Wird gezeigt, sobald die Bühne beendet ist.',
    'org.stage.preModeration': 'Fragen erst nach Freigabe zeigen',
    'org.stage.save': 'Bühne speichern',
    'org.stage.saved': 'Bühne gespeichert.',
    'org.stage.current': 'Aktuell:',
    'org.stage.open': 'Bühne ansehen',
    'org.stage.questionsCsv': 'Fragen als CSV',
    'org.stage.lang.de': 'Deutsch',
    'org.stage.lang.en': 'Englisch',
  },
  en: {
    'org.stage.session': 'Stage session',
    'org.stage.settings': 'Run the stage',
    'org.stage.status': 'Status',
    'org.stage.startsAt': 'Planned start (date and time)',
    'org.stage.startsAtHint': 'In the event’s time zone, {zone}. While the stage is “Scheduled”, it counts down to this.',
    'org.stage.startShifted': 'This time does not exist in {zone} because the clocks change; saved as {time}.',
    'org.stage.plannedStart': 'starts {time}',
    'org.stage.source': 'Stream URL ({language})',
    'org.stage.sourceKind': 'Stream kind ({language})',
    'org.stage.kind.hls': 'HLS (.m3u8)',
    'org.stage.kind.embed': 'Embeddable player',
    'org.stage.kind.video': 'Video file',
    'org.stage.speaker': 'Speaker',
    'org.stage.title': 'Title',
    'org.stage.replay': 'Replay link',
    'org.stage.replayHint': 'Shown once the stage has ended.',
    'org.stage.preModeration': 'Show questions only after approval',
    'org.stage.save': 'Save stage',
    'org.stage.saved': 'Stage saved.',
    'org.stage.current': 'Now:',
    'org.stage.open': 'View the stage',
    'org.stage.questionsCsv': 'Questions as CSV',
    'org.stage.lang.de': 'German',
    'org.stage.lang.en': 'English',
  },
});

const statuses = ['scheduled', 'live', 'paused', 'ended'];

/** @returns {Promise<{ element: HTMLElement, dispose: () => Promise<void> }>} */
export async function createOrganizerStage({ stages, languages }) {
  const picker = h('select', { id: 'org-stage-session' }, stages.map((s) => h('option', { value: s.id, text: s.title })));
  const body = h('div', { class: 'org-stage-body' });
  const errorSlot = h('div');
  const element = h('div', { class: 'org-stage' },
    h('div', { class: 'field org-stage-picker' }, h('label', { for: picker.id, text: t('org.stage.session') }), picker),
    errorSlot, body);

  let connection = null;
  let sessionId = null;
  let views = null; // { form, chat, questions, currentSlot }
  const invoke = (method, ...args) => connection.invoke(method, ...args);

  async function join() {
    if (!sessionId) return;
    try {
      const state = await invoke('JoinStage', sessionId);
      showError(errorSlot, null);
      render(state);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  async function choose(id) {
    if (sessionId && connection) await invoke('LeaveStage', sessionId).catch(() => {});
    sessionId = id;
    await join();
  }

  function render(state) {
    const chat = createStageChat({ sessionId, invoke, isModerator: true, onGap: join, idPrefix: 'org-stage', headingLevel: 3 });
    const questions = createStageQuestions({ sessionId, invoke, isModerator: true, userId: null, idPrefix: 'org-stage', headingLevel: 3 });
    const currentSlot = h('p', { class: 'org-stage-current' });
    const form = settingsForm(state.stage, currentSlot);
    views = { chat, questions, currentSlot, version: -1 };
    showCurrent(state.stage);
    chat.load(state.chat);
    questions.load(state.questions);
    clear(body).append(
      h('div', { class: 'org-stage-grid' }, form, h('div', { class: 'org-stage-moderation' }, questions.element, chat.element)));
  }

  function showCurrent(stage) {
    if (!views || stage.version <= views.version) return;
    views.version = stage.version;
    clear(views.currentSlot).append(`${t('org.stage.current')} `, stageStatusBadge(stage.status), ' ',
      stage.status === 'scheduled' ? h('span', {}, `· ${t('org.stage.plannedStart', { time: formatDateTime(stage.startsAt) })} ·`) : '',
      h('a', { href: `#/stage/${encodeURIComponent(stage.sessionId)}`, text: t('org.stage.open') }), ' · ',
      h('button', {
        type: 'button', class: 'link-button', text: t('org.stage.questionsCsv'),
        on: { click: () => download(eventPath(`/sessions/${encodeURIComponent(stage.sessionId)}/questions`), `questions-${stage.sessionId}.csv`).catch((e) => showError(errorSlot, e)) },
      }));
  }

  function settingsForm(stage, currentSlot) {
    const field = (control, label, hint) => {
      const hintId = hint ? `${control.id}-hint` : null;
      if (hintId) control.setAttribute('aria-describedby', hintId);
      return h('div', { class: 'field' },
        h('label', { for: control.id, text: label }), control, hint ? h('span', { class: 'hint', id: hintId, text: hint }) : null);
    };
    const status = h('select', { id: 'org-stage-status' },
      statuses.map((s) => h('option', { value: s, selected: s === stage.status, text: t(`stage.status.${s}`) })));
    // Entered and shown on the event's wall clock, whatever zone the organiser's browser is in. Sent only when edited:
    // the field holds whole minutes, and saving other settings must not round the stage's start.
    const zone = eventZone();
    const startsAt = h('input', { id: 'org-stage-starts-at', type: 'datetime-local', value: toZonedInput(stage.startsAt, zone) });
    let shownStart = startsAt.value;
    const sources = languages.map((language) => {
      const existing = stage.sources.find((s) => s.language === language);
      const url = h('input', { id: `org-stage-url-${language}`, type: 'url', value: existing?.url ?? '', placeholder: 'https://…' });
      const kind = h('select', { id: `org-stage-kind-${language}` }, ['hls', 'embed', 'video'].map((k) =>
        h('option', { value: k, selected: (existing?.kind ?? 'hls') === k, text: t(`org.stage.kind.${k}`) })));
      const name = language === 'de' || language === 'en' ? t(`org.stage.lang.${language}`) : language;
      return {
        language, url, kind,
        element: h('div', { class: 'org-two' },
          field(url, t('org.stage.source', { language: name })), field(kind, t('org.stage.sourceKind', { language: name }))),
      };
    });
    const speaker = h('input', { id: 'org-stage-speaker', type: 'text', maxlength: 200, value: stage.speaker ?? '' });
    const title = h('input', { id: 'org-stage-title', type: 'text', maxlength: 200, value: stage.title ?? '' });
    const replay = h('input', { id: 'org-stage-replay', type: 'url', value: stage.replayUrl ?? '', placeholder: 'https://…' });
    const preModeration = h('input', { id: 'org-stage-premoderation', type: 'checkbox', checked: stage.preModeration });
    const formError = h('div');
    const saved = h('p', { class: 'stage-form-status', role: 'status' });
    const form = h('form', { class: 'card org-stage-form', 'aria-labelledby': 'org-stage-settings-heading', on: { submit } },
      h('h3', { id: 'org-stage-settings-heading', text: t('org.stage.settings') }),
      currentSlot,
      field(status, t('org.stage.status')),
      field(startsAt, t('org.stage.startsAt'), t('org.stage.startsAtHint', { zone })),
      sources.map((s) => s.element),
      field(speaker, t('org.stage.speaker')), field(title, t('org.stage.title')),
      field(replay, t('org.stage.replay'), t('org.stage.replayHint')),
      h('div', { class: 'choice field' }, preModeration, h('label', { for: preModeration.id, text: t('org.stage.preModeration') })),
      formError, saved,
      h('button', { type: 'submit', class: 'primary', text: t('org.stage.save') }));

    async function submit(event) {
      event.preventDefault();
      clear(formError);
      saved.textContent = '';
      const update = {
        status: status.value,
        startsAt: startsAt.value !== shownStart ? fromZonedInput(startsAt.value, zone) : null,
        sources: sources.filter((s) => s.url.value.trim()).map((s) => ({ language: s.language, url: s.url.value.trim(), kind: s.kind.value })),
        speaker: speaker.value.trim(),
        title: title.value.trim() || null,
        replayUrl: replay.value.trim(),
        preModeration: preModeration.checked,
      };
      try {
        const view = await invoke('SetStage', sessionId, update);
        showCurrent(view);
        // A time the clocks skipped (spring's DST gap) was saved later than typed: say so, and show what was saved.
        const entered = update.startsAt ? startsAt.value.slice(0, 16) : null;
        startsAt.value = shownStart = toZonedInput(view.startsAt, zone);
        const message = entered && entered !== startsAt.value
          ? `${t('org.stage.saved')} ${t('org.stage.startShifted', { zone, time: formatDateTime(view.startsAt) })}`
          : t('org.stage.saved');
        saved.textContent = message;
        announce(message);
      } catch (error) {
        showError(formError, error);
      }
    }
    return form;
  }

  const handlers = {
    // The console shows no counters; empty handlers keep the client from warning about unhandled pushes.
    ViewerCount: () => {},
    Reactions: () => {},
    StageUpdated: (stage) => stage.sessionId === sessionId && showCurrent(stage),
    ChatReceived: ({ sessionId: id, message }) => id === sessionId && views?.chat.received(message),
    ChatDeleted: (notice) => notice.sessionId === sessionId && views?.chat.deleted(notice),
    QuestionUpdated: (question) => question.sessionId === sessionId && views?.questions.updated(question),
  };
  picker.addEventListener('change', () => choose(picker.value));
  try {
    connection = await openHub('/hubs/keynote', { handlers, onReconnected: join });
    if (stages.length) await choose(stages[0].id);
  } catch (error) {
    showError(errorSlot, error);
  }

  return {
    element,
    dispose: async () => {
      if (sessionId && connection) await invoke('LeaveStage', sessionId).catch(() => {});
      await closeHub(connection);
    },
  };
}
