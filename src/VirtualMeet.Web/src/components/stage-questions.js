// Q&A of a stage: ask (optionally anonymously), upvote, and for moderators approve / answer / pin / hide inline.
// Questions carry their own versions; a push older than what is shown is dropped.
import { announce, clear, h } from '../core/dom.js';
import { hubErrorCode } from '../core/hub.js';
import { t } from '../core/i18n.js';
import { friendlyError } from './stage-errors.js';
import { stageQuestionItem } from './stage-question-item.js';
import './stage-questions.strings.js';

/**
 * @param {{ sessionId: string, invoke: (method: string, ...args: unknown[]) => Promise<any>, isModerator: boolean,
 *           userId: string|null, idPrefix?: string, headingLevel?: number }} options
 */
export function createStageQuestions({ sessionId, invoke, isModerator, userId, idPrefix = 'stage', headingLevel = 2 }) {
  const questions = new Map(); // id -> QuestionView
  const upvoted = new Set();
  const list = h('ol', { class: 'stage-question-list' });
  const empty = h('p', { class: 'muted', text: t('stage.questionsEmpty') });
  const errorSlot = h('div');
  const status = h('p', { class: 'stage-form-status', role: 'status' });
  const inputId = `${idPrefix}-question-input`;
  const anonymousId = `${idPrefix}-question-anonymous`;
  const input = h('textarea', { id: inputId, rows: 2, maxlength: 500 });
  const anonymous = h('input', { id: anonymousId, type: 'checkbox' });
  const form = h('form', { class: 'stage-question-form', on: { submit: ask } },
    h('label', { for: inputId, text: t('stage.questionLabel') }), input,
    h('div', { class: 'stage-question-actions' },
      h('div', { class: 'stage-check' }, anonymous, h('label', { for: anonymousId, text: t('stage.askAnonymously') })),
      h('button', { type: 'submit', class: 'primary', text: t('stage.ask') })),
    status);
  const element = h('section', { class: 'card stage-questions', 'aria-labelledby': `${idPrefix}-questions-heading` },
    h(`h${headingLevel}`, { id: `${idPrefix}-questions-heading`, text: t('stage.questions') }), form, errorSlot, empty, list);

  async function ask(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      const receipt = await invoke(anonymous.checked ? 'AskAnonymousQuestion' : 'AskQuestion', sessionId, text);
      input.value = '';
      clear(errorSlot);
      status.textContent = receipt.status === 'pending' ? t('stage.askedPending') : t('stage.asked');
    } catch (error) {
      clear(errorSlot).append(friendlyError(error));
    }
  }

  async function act(method, ...args) {
    try {
      clear(errorSlot);
      const answer = await invoke(method, sessionId, ...args);
      if (method === 'ModerateQuestion') updated(answer);
      return answer;
    } catch (error) {
      if (method === 'UpvoteQuestion' && hubErrorCode(error)?.code === 'already_voted') {
        upvoted.add(args[0]);
        render();
        return null;
      }
      clear(errorSlot).append(friendlyError(error));
      return null;
    }
  }

  async function upvote(question) {
    const receipt = await act('UpvoteQuestion', question.id);
    if (!receipt) return;
    upvoted.add(question.id);
    announce(t('stage.upvoted'));
    render();
  }

  function ranked() {
    return [...questions.values()].sort((a, b) =>
      Number(b.pinned) - Number(a.pinned) || b.votes - a.votes || Date.parse(a.askedAt) - Date.parse(b.askedAt));
  }

  function render() {
    const all = ranked();
    empty.hidden = all.length > 0;
    list.replaceChildren(...all.map((question) => stageQuestionItem(question, {
      userId, upvoted, isModerator, upvote, moderate: (id, action) => act('ModerateQuestion', id, action),
    })));
  }

  function load(snapshot) {
    questions.clear();
    for (const question of snapshot) questions.set(question.id, question);
    render();
  }

  function updated(question) {
    const known = questions.get(question.id);
    if (known && question.version <= known.version) return;
    // The audience gets a hidden question as a notice without text: it leaves their list.
    if (question.text == null || (question.status === 'hidden' && !isModerator)) questions.delete(question.id);
    else questions.set(question.id, question);
    render();
  }

  return { element, load, updated };
}
