// The texts of the camera and microphone component (components/peer-video*.js), German and English.
import { addStrings } from '../core/i18n.js';

addStrings({
  de: {
    'peerVideo.title': 'Kamera und Mikrofon',
    'peerVideo.intro': 'Freiwillig: Deine Kamera und dein Mikrofon werden direkt mit den anderen hier geteilt.',
    'peerVideo.start': 'Kamera und Mikrofon einschalten',
    'peerVideo.stop': 'Kamera und Mikrofon ausschalten',
    'peerVideo.mute': 'Mikrofon stummschalten',
    'peerVideo.unmute': 'Mikrofon einschalten',
    'peerVideo.cameraOff': 'Kamera aus',
    'peerVideo.cameraOn': 'Kamera an',
    'peerVideo.you': '{name} (du)',
    'peerVideo.muted': 'stumm',
    'peerVideo.noVideo': 'Kamera aus',
    'peerVideo.unavailable': 'Kamera oder Mikrofon sind nicht verfügbar oder wurden nicht erlaubt.',
    'peerVideo.nobody': 'Noch teilt niemand hier Kamera oder Mikrofon.',
  },
  en: {
    'peerVideo.title': 'Camera and microphone',
    'peerVideo.intro': 'Optional: your camera and microphone are shared directly with the others here.',
    'peerVideo.start': 'Turn on camera and microphone',
    'peerVideo.stop': 'Turn off camera and microphone',
    'peerVideo.mute': 'Mute microphone',
    'peerVideo.unmute': 'Unmute microphone',
    'peerVideo.cameraOff': 'Camera off',
    'peerVideo.cameraOn': 'Camera on',
    'peerVideo.you': '{name} (you)',
    'peerVideo.muted': 'muted',
    'peerVideo.noVideo': 'camera off',
    'peerVideo.unavailable': 'Camera or microphone are unavailable or were not allowed.',
    'peerVideo.nobody': 'Nobody here shares a camera or microphone yet.',
  },
});
