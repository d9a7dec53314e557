// Organiser console, exports: files fetched with the bearer token and handed to the browser as downloads.
import { h, showError } from '../core/dom.js';
import { download, eventPath } from '../core/api.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: {
    'org.exports.polls': 'Umfrageergebnisse',
    'org.exports.pollsHint': 'Eine CSV-Datei je Umfrage (Option, Text, Stimmen).',
    'org.exports.poll': 'Umfrage',
    'org.exports.questions': 'Fragen einer Bühne',
    'org.exports.attendance': 'Teilnahme',
    'org.exports.attendanceHint': 'Alle Teilnehmenden mit ihren Sitzungsanmeldungen (bestätigt oder Warteliste).',
    'org.exports.meetings': 'Matchmaking-Gespräche',
    'org.exports.meetingsHint': 'Jedes angefragte Gespräch mit Status und ob es stattgefunden hat.',
    'org.exports.download': 'CSV herunterladen',
    'org.exports.noPolls': 'Noch keine geöffneten Umfragen.',
  },
  en: {
    'org.exports.polls': 'Poll results',
    'org.exports.pollsHint': 'One CSV file per poll (option, text, votes).',
    'org.exports.poll': 'Poll',
    'org.exports.questions': 'Questions of a stage',
    'org.exports.attendance': 'Attendance',
    'org.exports.attendanceHint': 'Every attendee with their session registrations (confirmed or waitlisted).',
    'org.exports.meetings': 'Matchmaking meetings',
    'org.exports.meetingsHint': 'Every requested meeting with its status and whether it was held.',
    'org.exports.download': 'Download CSV',
    'org.exports.noPolls': 'No opened polls yet.',
  },
});

/** @param {{ stages: { id: string, title: string }[], polls: () => Promise<{ id: string, label: string }[]> }} options */
export async function createOrganizerExports({ stages, polls }) {
  const errorSlot = h('div');
  const get = (path, file) => download(path, file).then(() => showError(errorSlot, null), (error) => showError(errorSlot, error));
  const button = (onClick, label) => h('button', { type: 'button', 'aria-label': label, on: { click: onClick } },
    h('span', { 'aria-hidden': 'true', text: '⤓ ' }), t('org.exports.download'));

  const pollList = await polls();
  const pollSelect = h('select', { id: 'org-export-poll' }, pollList.map((p) => h('option', { value: p.id, text: p.label })));
  const stageSelect = h('select', { id: 'org-export-stage' }, stages.map((s) => h('option', { value: s.id, text: s.title })));

  const block = (id, title, hint, ...content) => h('section', { class: 'card org-export', 'aria-labelledby': id },
    h('h3', { id, text: title }), hint ? h('p', { class: 'hint', text: hint }) : null, ...content);

  const element = h('div', { class: 'org-exports' },
    errorSlot,
    h('div', { class: 'org-columns' },
      block('org-export-polls', t('org.exports.polls'), t('org.exports.pollsHint'),
        pollList.length
          ? [h('div', { class: 'field' }, h('label', { for: pollSelect.id, text: t('org.exports.poll') }), pollSelect),
            button(() => get(eventPath(`/polls/${encodeURIComponent(pollSelect.value)}/results`), `poll-${pollSelect.value}.csv`), `${t('org.exports.download')}: ${t('org.exports.polls')}`)]
          : h('p', { class: 'muted', text: t('org.exports.noPolls') })),
      block('org-export-questions', t('org.exports.questions'), null,
        h('div', { class: 'field' }, h('label', { for: stageSelect.id, text: t('org.stage.session') }), stageSelect),
        button(() => get(eventPath(`/sessions/${encodeURIComponent(stageSelect.value)}/questions`), `questions-${stageSelect.value}.csv`), `${t('org.exports.download')}: ${t('org.exports.questions')}`)),
      block('org-export-attendance', t('org.exports.attendance'), t('org.exports.attendanceHint'),
        button(() => get(eventPath('/attendance'), 'attendance.csv'), `${t('org.exports.download')}: ${t('org.exports.attendance')}`)),
      block('org-export-meetings', t('org.exports.meetings'), t('org.exports.meetingsHint'),
        button(() => get(eventPath('/matchmaking/export'), 'meetings.csv'), `${t('org.exports.download')}: ${t('org.exports.meetings')}`))));
  return { element, dispose: async () => {} };
}
