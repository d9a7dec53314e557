// The texts of the stage chat (components/stage-chat.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'stage.chat': 'Chat',
    'stage.chatEmpty': 'Noch keine Nachrichten.',
    'stage.chatLabel': 'Nachricht',
    'stage.chatSend': 'Senden',
    'stage.chatDeleted': 'Nachricht entfernt',
    'stage.chatDelete': 'Löschen',
    'stage.chatDeleteOf': 'Nachricht von {name} löschen',
    'stage.role.organizer': 'Organisation',
    'stage.role.moderator': 'Moderation',
    'stage.role.speaker': 'Vortrag',
  },
  en: {
    'stage.chat': 'Chat',
    'stage.chatEmpty': 'No messages yet.',
    'stage.chatLabel': 'Message',
    'stage.chatSend': 'Send',
    'stage.chatDeleted': 'Message removed',
    'stage.chatDelete': 'Delete',
    'stage.chatDeleteOf': 'Delete message from {name}',
    'stage.role.organizer': 'Organiser',
    'stage.role.moderator': 'Moderator',
    'stage.role.speaker': 'Speaker',
  },
});
