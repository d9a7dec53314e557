// Organiser console, stage: pick a stage session, set its status, planned start, streams per language, speaker, title
// and replay, and moderate its chat and questions with the same components the stage page shows moderators.
import { clear, h, showError } from '../core/dom.js';
import { download, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { formatDateTime, t } from '../core/i18n.js';
import { createStageSettingsForm } from './organizer-stage-form.js';
import { createStageChat } from './stage-chat.js';
import { createStageQuestions } from './stage-questions.js';
import { stageStatusBadge } from './stage-status.js';
import './organizer-stage.strings.js';

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
    const form = createStageSettingsForm({
      stage: state.stage, currentSlot, languages, save: (update) => invoke('SetStage', sessionId, update), saved: showCurrent,
    });
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
