// The texts of the devices card (components/lobby-devices.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'devices.title': 'Ihre Geräte',
    'devices.intro': 'Hier sind Sie angemeldet. Mit Ihrem Anmeldecode treten Sie auf einem weiteren Gerät ein.',
    'devices.codeOnce': 'Ihr persönlicher Anmeldecode, nur jetzt sichtbar: Notieren Sie ihn, oder öffnen Sie den Link auf dem anderen Gerät.',
    'devices.link': 'Anmeldelink',
    'devices.newCode': 'Neuen Anmeldecode erstellen',
    'devices.codeRenewed': 'Neuer Anmeldecode erstellt; der bisherige gilt nicht mehr.',
    'devices.current': '{label} (dieses Gerät)',
    'devices.since': 'angemeldet {at}',
    'devices.signOut': 'Abmelden',
    'devices.ended': '{label} ist abgemeldet.',
  },
  en: {
    'devices.title': 'Your devices',
    'devices.intro': 'You are signed in here. Your sign-in code lets you in on another device.',
    'devices.codeOnce': 'Your personal sign-in code, shown only now: note it, or open the link on the other device.',
    'devices.link': 'Sign-in link',
    'devices.newCode': 'Create a new sign-in code',
    'devices.codeRenewed': 'New sign-in code created; the previous one no longer works.',
    'devices.current': '{label} (this device)',
    'devices.since': 'signed in {at}',
    'devices.signOut': 'Sign out',
    'devices.ended': '{label} is signed out.',
  },
});
