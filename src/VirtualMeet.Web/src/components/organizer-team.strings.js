// The texts of the organiser console's team (components/organizer-team.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'org.team.title': 'Team der Veranstaltung',
    'org.team.hint': 'Inhaber:innen vergeben Rollen: Inhaber:in, Organisation oder Moderation.',
    'org.team.id': 'Organisations-ID',
    'org.team.name': 'Name',
    'org.team.role': 'Rolle',
    'org.team.role.owner': 'Inhaber:in',
    'org.team.role.organizer': 'Organisation',
    'org.team.role.moderator': 'Moderation',
    'org.team.assign': 'Rolle vergeben',
    'org.team.assigned': '{id} ist jetzt {role}.',
    'org.team.remove': '{id} aus dem Team nehmen',
    'org.team.removed': '{id} gehört nicht mehr zum Team.',
    'org.team.empty': 'Noch niemand im Team.',
  },
  en: {
    'org.team.title': 'Event team',
    'org.team.hint': 'Owners give roles: owner, organiser or moderator.',
    'org.team.id': 'Organiser id',
    'org.team.name': 'Name',
    'org.team.role': 'Role',
    'org.team.role.owner': 'Owner',
    'org.team.role.organizer': 'Organiser',
    'org.team.role.moderator': 'Moderator',
    'org.team.assign': 'Give role',
    'org.team.assigned': '{id} is now {role}.',
    'org.team.remove': 'Take {id} off the team',
    'org.team.removed': '{id} is no longer on the team.',
    'org.team.empty': 'Nobody on the team yet.',
  },
});
