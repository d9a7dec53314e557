// Camera and microphone among the members of a room (a breakout, a bar table): opt-in, one RTCPeerConnection per
// other member (a mesh), offers, answers and candidates relayed through the room's hub `Signal`. Negotiation follows
// the "perfect negotiation" pattern, so two members who turn on their cameras at once do not deadlock: the member
// with the smaller id is polite and yields on a collision. No STUN/TURN: host candidates reach each other on a LAN.
import { addStrings, t } from '../core/i18n.js';
import { clear, h, showError, useStyles } from '../core/dom.js';

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

/** The id the hubs know the signed-in person by: the attendee id, else the token's subject (organisers). */
export function participantIdOf(session) {
  if (session?.attendeeId) return session.attendeeId;
  try {
    const payload = session.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).sub ?? null;
  } catch {
    return null;
  }
}

/**
 * @param {{ selfId: string, selfName: string, sendSignal: (toId: string, payload: object) => Promise<unknown> }} options
 * @returns {{ element: HTMLElement, setMembers(members: { id: string, name: string }[]): void,
 *            handleSignal(fromId: string, payload: object): Promise<void>, dispose(): void }}
 */
export function createPeerVideo({ selfId, selfName, sendSignal }) {
  useStyles('components/peer-video.css');
  const peers = new Map(); // member id -> peer
  const names = new Map();
  let local = null; // MediaStream while the camera is on
  let disposed = false;

  const errorSlot = h('div');
  const controls = h('div', { class: 'row peer-video-controls' });
  const tiles = h('div', { class: 'peer-video-tiles' });
  const element = h('section', { class: 'card peer-video', 'aria-labelledby': 'peer-video-title' },
    h('h2', { id: 'peer-video-title', text: t('peerVideo.title') }),
    h('p', { class: 'muted small', text: t('peerVideo.intro') }),
    controls, errorSlot, tiles);

  function renderControls() {
    clear(controls);
    if (!local) {
      controls.append(h('button', { type: 'button', class: 'primary', on: { click: start }, text: t('peerVideo.start') }));
      return;
    }
    const audio = local.getAudioTracks()[0];
    const video = local.getVideoTracks()[0];
    if (audio) {
      controls.append(h('button', {
        type: 'button', 'aria-pressed': String(!audio.enabled),
        on: { click: () => { audio.enabled = !audio.enabled; renderControls(); renderLocalTile(); } },
        text: audio.enabled ? `${t('peerVideo.mute')}` : `${t('peerVideo.unmute')}`,
      }));
    }
    if (video) {
      controls.append(h('button', {
        type: 'button', 'aria-pressed': String(!video.enabled),
        on: { click: () => { video.enabled = !video.enabled; renderControls(); renderLocalTile(); } },
        text: video.enabled ? `${t('peerVideo.cameraOff')}` : `${t('peerVideo.cameraOn')}`,
      }));
    }
    controls.append(h('button', { type: 'button', class: 'danger', on: { click: stop }, text: t('peerVideo.stop') }));
  }

  function tile(id, label, stream, { mirrored = false, muted = false, state = [] } = {}) {
    const video = h('video', { autoplay: '', playsinline: '', class: mirrored ? 'mirrored' : null });
    video.muted = muted;
    video.srcObject = stream;
    return h('figure', { class: 'peer-tile', dataset: { peer: id } }, video,
      h('figcaption', {}, h('span', { class: 'peer-name', text: label }),
        state.map((text) => h('span', { class: 'badge badge-muted', text }))));
  }

  function renderLocalTile() {
    tiles.querySelector('[data-peer="self"]')?.remove();
    if (local) {
      const state = [];
      if (local.getAudioTracks()[0]?.enabled === false) state.push(`${t('peerVideo.muted')}`);
      if (local.getVideoTracks()[0]?.enabled === false) state.push(t('peerVideo.noVideo'));
      tiles.prepend(tile('self', t('peerVideo.you', { name: selfName }), local, { mirrored: true, muted: true, state }));
    }
    renderEmpty();
  }

  function renderEmpty() {
    const hasTiles = tiles.querySelector('.peer-tile');
    tiles.querySelector('.peer-video-empty')?.remove();
    if (!hasTiles) tiles.append(h('p', { class: 'muted peer-video-empty', text: t('peerVideo.nobody') }));
  }

  function send(toId, payload) {
    sendSignal(toId, payload).catch((error) => console.warn('signal not relayed', error));
  }

  function ensurePeer(id) {
    let peer = peers.get(id);
    if (peer) return peer;
    const pc = new RTCPeerConnection({ iceServers: [] });
    peer = { pc, polite: selfId < id, makingOffer: false, ignoreOffer: false, stream: null };
    peers.set(id, peer);
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        send(id, { kind: 'description', description: pc.localDescription.toJSON() });
      } catch (error) {
        console.warn('negotiation failed', error);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) send(id, { kind: 'candidate', candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track, streams }) => {
      peer.stream ??= streams[0] ?? new MediaStream();
      if (!peer.stream.getTracks().includes(track)) peer.stream.addTrack(track);
      peer.stream.onremovetrack = () => renderRemote(id);
      track.onunmute = () => renderRemote(id);
      track.onmute = () => renderRemote(id);
      renderRemote(id);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') pc.restartIce();
    };
    if (local) for (const track of local.getTracks()) pc.addTrack(track, local);
    return peer;
  }

  function renderRemote(id) {
    const peer = peers.get(id);
    const old = tiles.querySelector(`[data-peer="${CSS.escape(id)}"]`);
    const live = peer?.stream?.getTracks().filter((track) => track.readyState === 'live' && !track.muted) ?? [];
    if (live.length === 0) {
      old?.remove();
    } else {
      const state = live.some((track) => track.kind === 'video') ? [] : [t('peerVideo.noVideo')];
      const fresh = tile(id, names.get(id) ?? id, peer.stream, { state });
      if (old) old.replaceWith(fresh);
      else tiles.append(fresh);
    }
    renderEmpty();
  }

  function closePeer(id) {
    peers.get(id)?.pc.close();
    peers.delete(id);
    tiles.querySelector(`[data-peer="${CSS.escape(id)}"]`)?.remove();
    renderEmpty();
  }

  async function start() {
    showError(errorSlot, null);
    try {
      local = await getMedia();
    } catch (error) {
      showError(errorSlot, new Error(`${t('peerVideo.unavailable')} (${error?.name ?? error})`));
      return;
    }
    if (disposed) return stopTracks(local);
    for (const id of names.keys()) {
      if (id === selfId) continue;
      const peer = ensurePeer(id);
      const senders = peer.pc.getSenders();
      for (const track of local.getTracks()) {
        if (!senders.some((sender) => sender.track === track)) peer.pc.addTrack(track, local);
      }
    }
    renderControls();
    renderLocalTile();
  }

  function stop() {
    for (const peer of peers.values()) {
      for (const sender of peer.pc.getSenders()) {
        if (sender.track) peer.pc.removeTrack(sender);
      }
    }
    stopTracks(local);
    local = null;
    renderControls();
    renderLocalTile();
  }

  function setMembers(members) {
    names.clear();
    for (const member of members) names.set(member.id, member.name);
    for (const id of [...peers.keys()]) if (!names.has(id)) closePeer(id);
    if (local) for (const id of names.keys()) if (id !== selfId) ensurePeer(id);
    for (const id of peers.keys()) {
      const label = tiles.querySelector(`[data-peer="${CSS.escape(id)}"] .peer-name`);
      if (label) label.textContent = names.get(id) ?? id;
    }
  }

  async function handleSignal(fromId, payload) {
    if (disposed || fromId === selfId || !payload) return;
    const peer = ensurePeer(fromId);
    const { pc } = peer;
    try {
      if (payload.kind === 'description') {
        const offer = payload.description?.type === 'offer';
        const collision = offer && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(payload.description);
        if (offer) {
          await pc.setLocalDescription();
          send(fromId, { kind: 'description', description: pc.localDescription.toJSON() });
        }
      } else if (payload.kind === 'candidate') {
        await pc.addIceCandidate(payload.candidate).catch((error) => {
          if (!peer.ignoreOffer) throw error;
        });
      }
    } catch (error) {
      console.warn('signal from', fromId, 'not applied', error);
    }
  }

  function dispose() {
    disposed = true;
    for (const id of [...peers.keys()]) closePeer(id);
    stopTracks(local);
    local = null;
  }

  renderControls();
  renderEmpty();
  return { element, setMembers, handleSignal, dispose };
}

async function getMedia() {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch (error) {
    // Someone with only a microphone (or only a camera) still takes part.
    if (error?.name !== 'NotFoundError' && error?.name !== 'OverconstrainedError') throw error;
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      return navigator.mediaDevices.getUserMedia({ video: true });
    }
  }
}

function stopTracks(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
