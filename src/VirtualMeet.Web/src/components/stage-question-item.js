// One question of a stage's Q&A: its text, who asked (or "anonymous"), pinned and status badges, the votes, the
// upvote button (not for one's own question, once per question), and for moderators approve / answer / pin / hide.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import './stage-questions.strings.js';

const statusIcons = { pending: '◔', answered: '✓', hidden: '⦸' };

/**
 * @param {object} question the QuestionView
 * @param {{ userId: string|null, upvoted: Set<string>, isModerator: boolean, upvote: (question: object) => void,
 *           moderate: (questionId: string, action: string) => void }} options
 *   `upvoted`: the questions one upvoted; `moderate` asks for approve, answer, pin, unpin or hide.
 * @returns {HTMLLIElement}
 */
export function stageQuestionItem(question, { userId, upvoted, isModerator, upvote, moderate }) {
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
      isModerator ? moderation(question, moderate) : null));
}

function moderation(question, moderate) {
  const button = (action, label) => h('button', {
    type: 'button', class: 'secondary', text: t(label), on: { click: () => moderate(question.id, action) },
  });
  return [
    question.status === 'pending' ? button('approve', 'stage.mod.approve') : null,
    question.status !== 'answered' && question.status !== 'hidden' ? button('answer', 'stage.mod.answer') : null,
    question.status !== 'hidden' ? button(question.pinned ? 'unpin' : 'pin', question.pinned ? 'stage.mod.unpin' : 'stage.mod.pin') : null,
    question.status !== 'hidden' ? button('hide', 'stage.mod.hide') : null,
  ];
}

function badge(icon, text) {
  return h('span', { class: 'badge' }, h('span', { 'aria-hidden': 'true', text: `${icon} ` }), text);
}
