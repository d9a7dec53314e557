// One poll in the organiser's list: question, status, kind, scope and anonymity, the open / close buttons its status
// allows, the results as CSV, and the results themselves once it has opened.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { pollStatusBadge } from './poll-card.js';
import { pollText, renderResults } from './poll-results.js';
import './organizer-poll-form.strings.js';
import './organizer-polls.strings.js';

/**
 * @param {object} state the poll's PollState
 * @param {{ sessionTitle: (sessionId: string) => string|undefined, act: (state: object, action: 'open'|'close') => void,
 *           downloadResults: (poll: object) => void }} options
 * @returns {HTMLElement}
 */
export function organizerPollCard(state, { sessionTitle, act, downloadResults }) {
  const { poll } = state;
  const headingId = `org-poll-${poll.id}`;
  return h('article', { class: 'card org-poll', 'aria-labelledby': headingId, dataset: { pollId: poll.id } },
    h('div', { class: 'poll-card-head' },
      h('h4', { id: headingId, class: 'poll-question', text: pollText(poll.question) }),
      pollStatusBadge(poll.status)),
    h('p', { class: 'muted small' },
      t(`org.poll.kind.${poll.kind}`), ' · ',
      poll.sessionId ? sessionTitle(poll.sessionId) ?? poll.sessionId : t('org.poll.wholeEvent'),
      poll.anonymous ? ` · ${t('org.poll.anonymous')}` : null),
    h('div', { class: 'row' },
      poll.status === 'draft'
        ? h('button', { type: 'button', class: 'primary', 'aria-label': `${t('org.polls.open')}: ${pollText(poll.question)}`, text: t('org.polls.open'), on: { click: () => act(state, 'open') } })
        : null,
      poll.status === 'open'
        ? h('button', { type: 'button', class: 'danger', 'aria-label': `${t('org.polls.close')}: ${pollText(poll.question)}`, text: t('org.polls.close'), on: { click: () => act(state, 'close') } })
        : null,
      poll.status !== 'draft'
        ? h('button', { type: 'button', class: 'link-button', text: t('org.polls.csv'), on: { click: () => downloadResults(poll) } })
        : null),
    poll.status !== 'draft' ? renderResults(state) : null);
}
