// The texts of the organiser console's poll list (components/organizer-polls.js, organizer-poll-card.js).
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'org.polls.list': 'Alle Umfragen',
    'org.polls.none': 'Noch keine Umfragen.',
    'org.polls.refresh': 'Aktualisieren',
    'org.polls.open': 'Öffnen',
    'org.polls.close': 'Beenden',
    'org.polls.csv': 'Ergebnisse als CSV',
    'org.polls.opened': 'Umfrage geöffnet: {question}',
    'org.polls.closed': 'Umfrage beendet: {question}',
    'org.polls.created': 'Umfrage angelegt: {question}',
  },
  en: {
    'org.polls.list': 'All polls',
    'org.polls.none': 'No polls yet.',
    'org.polls.refresh': 'Refresh',
    'org.polls.open': 'Open',
    'org.polls.close': 'Close',
    'org.polls.csv': 'Results as CSV',
    'org.polls.opened': 'Poll opened: {question}',
    'org.polls.closed': 'Poll closed: {question}',
    'org.polls.created': 'Poll created: {question}',
  },
});
