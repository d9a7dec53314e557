// Q&A of a stage: ask (optionally anonymously), upvote, and for moderators approve / answer / pin / hide inline.
// Questions carry their own versions; a push older than what is shown is dropped.
import { announce, clear, h } from '../core/dom.js';
import { hubErrorCode } from '../core/hub.js';
import { addStrings, t } from '../core/i18n.js';
import { friendlyError } from './stage-errors.js';

addStrings({
  de: {
    'stage.questions': 'Fragen',
    'stage.questionsEmpty': 'Noch keine Fragen. Stellen Sie die erste!',
    'stage.questionLabel': 'Ihre Frage',
    'stage.askAnonymously': 'Anonym fragen',
    'stage.ask': 'Frage stellen',
    'stage.asked': 'Ihre Frage wurde gestellt.',
    'stage.askedPending': 'Ihre Frage wartet auf die Freigabe durch die Moderation.',
    'stage.anonymous': 'Anonym',
    'stage.votes': '{count} Stimmen',
    'stage.vote1': '1 Stimme',
    'stage.upvote': 'Unterstützen',
    'stage.upvoteOf': 'Frage unterstützen: {text}',
    'stage.upvoted': 'Unterstützt',
    'stage.q.pending': 'Wartet auf Freigabe',
    'stage.q.answered': 'Beantwortet',
    'stage.q.hidden': 'Ausgeblendet',
    'stage.q.pinned': 'Angeheftet',
    'stage.mod.approve': 'Freigeben',
    'stage.mod.answer': 'Als beantwortet markieren',
    'stage.mod.pin': 'Anheften',
    'stage.mod.unpin': 'Lösen',
    'stage.mod.hide': 'Ausblenden',
  },
  en: {
    'stage.questions': 'Questions',
    'stage.questionsEmpty': 'No questions yet. Ask the first one!',
    'stage.questionLabel': 'Your question',
    'stage.askAnonymously': 'Ask anonymously',
    'stage.ask': 'Ask question',
    'stage.asked': 'Your question was posted.',
    'stage.askedPending': 'Your question awaits the moderators’ approval.',
    'stage.anonymous': 'Anonymous',
    'stage.votes': '{count} votes',
    'stage.vote1': '1 vote',
    'stage.upvote': 'Upvote',
    'stage.upvoteOf': 'Upvote question: {text}',
    'stage.upvoted': 'Upvoted',
    'stage.q.pending': 'Awaiting approval',
    'stage.q.answered': 'Answered',
    'stage.q.hidden': 'Hidden',
    'stage.q.pinned': 'Pinned',
    'stage.mod.approve': 'Approve',
    'stage.mod.answer': 'Mark answered',
    'stage.mod.pin': 'Pin',
    'stage.mod.unpin': 'Unpin',
    'stage.mod.hide': 'Hide',
  },
});

const statusIcons = { pending: '◔', answered: '✓', hidden: '⦸' };

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

  function item(question) {
    const own = userId && question.askerId === userId;
    const badges = [
      question.pinned ? badge('⚑', t('stage.q.pinned')) : null,
      statusIcons[question.status] ? badge(statusIcons[question.status], t(`stage.q.${question.status}`)) : null,
    ];
    const votes = question.votes === 1 ? t('stage.vote1') : t('stage.votes', { count: question.votes });
    const canUpvote = !own && !upvoted.has(question.id) && (question.status === 'approved' || question.status === 'answered');
    return h('li', { class: ['stage-question', question.pinned && 'stage-question-pinned'], dataset: { questionId: question.id } },
      h('p', { class: 'stage-question-text', text: question.text }),
      h('div', { class: 'stage-question-meta' },
        h('span', { text: question.anonymous && !question.askerName ? t('stage.anonymous') : question.askerName ?? t('stage.anonymous') }),
        question.anonymous && question.askerName ? h('span', { class: 'muted', text: `(${t('stage.anonymous')})` }) : null,
        badges,
        h('span', { class: 'stage-question-votes', text: votes })),
      h('div', { class: 'stage-question-buttons' },
        canUpvote
          ? h('button', { type: 'button', 'aria-label': t('stage.upvoteOf', { text: question.text }), on: { click: () => upvote(question) } },
            h('span', { 'aria-hidden': 'true', text: '▲ ' }), t('stage.upvote'))
          : upvoted.has(question.id) ? h('span', { class: 'muted', text: `✓ ${t('stage.upvoted')}` }) : null,
        isModerator ? moderation(question) : null));
  }

  function moderation(question) {
    const button = (action, label) => h('button', {
      type: 'button', class: 'secondary', text: t(label), on: { click: () => act('ModerateQuestion', question.id, action) },
    });
    return [
      question.status === 'pending' ? button('approve', 'stage.mod.approve') : null,
      question.status !== 'answered' && question.status !== 'hidden' ? button('answer', 'stage.mod.answer') : null,
      question.status !== 'hidden' ? button(question.pinned ? 'unpin' : 'pin', question.pinned ? 'stage.mod.unpin' : 'stage.mod.pin') : null,
      question.status !== 'hidden' ? button('hide', 'stage.mod.hide') : null,
    ];
  }

  function render() {
    const all = ranked();
    empty.hidden = all.length > 0;
    list.replaceChildren(...all.map(item));
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

function badge(icon, text) {
  return h('span', { class: 'badge' }, h('span', { 'aria-hidden': 'true', text: `${icon} ` }), text);
}
