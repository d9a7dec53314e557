// Poll results for people: a bar chart whose numbers and percentages are text (the bars only repeat them), a word
// cloud with a plain count list beside it, and the winner reveal of a pitch vote.
import { h } from '../core/dom.js';
import { addStrings, language, t } from '../core/i18n.js';

addStrings({
  de: {
    'poll.results': 'Ergebnisse',
    'poll.voters': '{count} Teilnehmende haben abgestimmt',
    'poll.voter1': '1 Person hat abgestimmt',
    'poll.votes': '{count} Stimmen ({percent} %)',
    'poll.vote1': '1 Stimme ({percent} %)',
    'poll.average': 'Durchschnitt: {value}',
    'poll.noAnswers': 'Noch keine Antworten.',
    'poll.wordList': 'Antworten nach Häufigkeit',
    'poll.wordCount': '{word}: {count}',
    'poll.winner': 'Gewonnen hat: {name}',
    'poll.winners': 'Gleichstand – gewonnen haben: {names}',
    'poll.hiddenUntilClose': 'Die Ergebnisse werden nach dem Ende der Umfrage gezeigt.',
  },
  en: {
    'poll.results': 'Results',
    'poll.voters': '{count} participants voted',
    'poll.voter1': '1 participant voted',
    'poll.votes': '{count} votes ({percent} %)',
    'poll.vote1': '1 vote ({percent} %)',
    'poll.average': 'Average: {value}',
    'poll.noAnswers': 'No answers yet.',
    'poll.wordList': 'Answers by frequency',
    'poll.wordCount': '{word}: {count}',
    'poll.winner': 'The winner is: {name}',
    'poll.winners': 'A tie – the winners are: {names}',
    'poll.hiddenUntilClose': 'Results are shown once the poll has closed.',
  },
});

/** The text of a `PollText` ({ de, en }) in the page's language, falling back to the other one. */
export function pollText(text) {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return (language() === 'de' ? text.de ?? text.en : text.en ?? text.de) ?? '';
}

/** The labelled rows of a poll: its options, or the values of its rating scale. */
export function pollRows(poll) {
  if (poll.kind === 'rating') {
    const min = poll.ratingMin ?? 1;
    const max = poll.ratingMax ?? 5;
    return Array.from({ length: max - min + 1 }, (_, i) => ({ option: min + i, label: String(min + i) }));
  }
  return poll.options.map((option, index) => ({ option: index, label: pollText(option) }));
}

/** The results block of a poll state, or a note when the reader may not see them yet. */
export function renderResults(state) {
  const { poll, results } = state;
  if (!results) return h('p', { class: 'muted poll-hidden-results', text: t('poll.hiddenUntilClose') });
  const headingId = `poll-results-${poll.id}`;
  return h('section', { class: 'poll-results', 'aria-labelledby': headingId },
    h('h4', { id: headingId, text: t('poll.results') }),
    poll.kind === 'pitch' && results.winners?.length ? renderWinner(poll, results.winners) : null,
    poll.kind === 'wordcloud' ? renderWordCloud(results) : renderBars(poll, results),
    h('p', { class: 'muted poll-voters', text: t(results.voters === 1 ? 'poll.voter1' : 'poll.voters', { count: results.voters }) }));
}

function renderBars(poll, results) {
  const counts = new Map(results.options.map((entry) => [entry.option, entry.count]));
  const winners = new Set(results.winners ?? []);
  const rows = pollRows(poll);
  const list = h('ul', { class: 'poll-bars' }, rows.map(({ option, label }) => {
    const count = counts.get(option) ?? 0;
    const percent = results.voters > 0 ? Math.round((100 * count) / results.voters) : 0;
    const bar = h('span', { class: 'poll-bar-fill', style: { width: `${percent}%` } });
    return h('li', { class: ['poll-bar', winners.has(option) && 'poll-bar-winner'] },
      h('span', { class: 'poll-bar-label' }, winners.has(option) ? '★ ' : null, label),
      h('span', { class: 'poll-bar-track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'poll-bar-count', text: t(count === 1 ? 'poll.vote1' : 'poll.votes', { count, percent }) }));
  }));
  const average = poll.kind === 'rating' && results.averageRating != null
    ? h('p', { class: 'poll-average', text: t('poll.average', { value: results.averageRating.toLocaleString(language(), { maximumFractionDigits: 1 }) }) })
    : null;
  return [list, average];
}

function renderWordCloud(results) {
  const words = results.words ?? [];
  if (words.length === 0) return h('p', { class: 'muted', text: t('poll.noAnswers') });
  const max = Math.max(...words.map((word) => word.count));
  // Sizes grow with the square root of the count, so one dominant answer does not squeeze the rest into dust.
  const size = (count) => `${(0.9 + 1.8 * Math.sqrt(count / max)).toFixed(2)}rem`;
  const shuffled = [...words].sort((a, b) => a.text.localeCompare(b.text));
  return [
    h('p', { class: 'poll-cloud', 'aria-hidden': 'true' },
      shuffled.map((word) => h('span', { class: 'poll-cloud-word', style: { fontSize: size(word.count) }, text: word.text }))),
    h('h5', { class: 'visually-hidden', text: t('poll.wordList') }),
    h('ol', { class: 'poll-word-list' },
      words.map((word) => h('li', { text: t('poll.wordCount', { word: word.text, count: word.count }) }))),
  ];
}

/** The winner text of a closed pitch vote (also announced by the panel). */
export function winnerText(poll, winners) {
  const names = winners.map((index) => pollText(poll.options[index]));
  return names.length === 1 ? t('poll.winner', { name: names[0] }) : t('poll.winners', { names: names.join(', ') });
}

function renderWinner(poll, winners) {
  return h('p', { class: 'poll-winner', role: 'status' },
    h('span', { class: 'poll-winner-icon', 'aria-hidden': 'true', text: '★' }), ' ', winnerText(poll, winners));
}
