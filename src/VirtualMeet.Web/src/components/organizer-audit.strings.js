// The texts of the organiser console's audit log (components/organizer-audit.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'org.audit.title': 'Protokoll',
    'org.audit.hint': 'Jede Moderation dieser Veranstaltung: wer, wann, was. Älteste zuerst.',
    'org.audit.at': 'Zeit',
    'org.audit.actor': 'Wer',
    'org.audit.action': 'Aktion',
    'org.audit.target': 'Ziel',
    'org.audit.details': 'Details',
    'org.audit.refresh': 'Aktualisieren',
    'org.audit.download': 'Protokoll als CSV',
    'org.audit.empty': 'Noch keine Einträge.',
    'org.audit.more': 'Weitere laden',
  },
  en: {
    'org.audit.title': 'Audit log',
    'org.audit.hint': 'Every moderation action of this event: who, when, what. Oldest first.',
    'org.audit.at': 'Time',
    'org.audit.actor': 'Who',
    'org.audit.action': 'Action',
    'org.audit.target': 'Target',
    'org.audit.details': 'Details',
    'org.audit.refresh': 'Refresh',
    'org.audit.download': 'Audit log as CSV',
    'org.audit.empty': 'No entries yet.',
    'org.audit.more': 'Load more',
  },
});
