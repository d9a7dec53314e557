// The texts of the live poll panel (components/poll-panel.js, poll-card.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'poll.heading': 'Umfragen',
    'poll.none': 'Gerade läuft keine Umfrage.',
    'poll.status.open': 'Läuft',
    'poll.status.closed': 'Beendet',
    'poll.status.draft': 'Entwurf',
    'poll.eventWide': 'Für die ganze Veranstaltung',
    'poll.opened': 'Neue Umfrage: {question}',
    'poll.closedNotice': 'Umfrage beendet: {question}',
    'poll.counted': 'Danke, Ihre Stimme wurde gezählt.',
    'poll.alreadyVoted': 'Sie haben bei dieser Umfrage schon abgestimmt.',
    'poll.closesAt': 'Endet um {time}',
  },
  en: {
    'poll.heading': 'Polls',
    'poll.none': 'No poll is running right now.',
    'poll.status.open': 'Open',
    'poll.status.closed': 'Closed',
    'poll.status.draft': 'Draft',
    'poll.eventWide': 'For the whole event',
    'poll.opened': 'New poll: {question}',
    'poll.closedNotice': 'Poll closed: {question}',
    'poll.counted': 'Thank you, your vote was counted.',
    'poll.alreadyVoted': 'You have already voted in this poll.',
    'poll.closesAt': 'Closes at {time}',
  },
});
