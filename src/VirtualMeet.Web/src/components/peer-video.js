// Over 300 lines for now: mounting, rendering and the pushes of this view share one module's state; splitting it into
// components of about 120 lines is due with the web client's layering work, with the browser tests as the proof.
// Camera and microphone among the members of a room (a breakout, a bar table): opt-in, one RTCPeerConnection per
// pair of members who want media (a mesh), offers, answers and candidates relayed through the room's hub `Signal`.
// Each pair negotiates once, always offered by the member with the smaller id, with an audio and a video
// transceiver in both directions; turning the camera on or off afterwards only swaps tracks (replaceTrack), so two
// members switching at the same moment never negotiate against each other. A `media` message tells the other side
// what is being sent (for the tiles and their muted / camera-off labels). Every message names the pair's
// connection (`session`, chosen by the offerer), so messages of a replaced connection are ignored. No STUN/TURN:
// host candidates reach each other on a LAN.
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
  const peers = new Map(); // member id -> { pc, session, pending: candidates before the remote description, remote: media state, stream }
  const names = new Map();
  const helloSent = new Map(); // member id -> when we last asked them to offer
  let local = null; // MediaStream while camera/microphone are on
  let disposed = false;

  const errorSlot = h('div');
  const controls = h('div', { class: 'row peer-video-controls' });
  const tiles = h('div', { class: 'peer-video-tiles' });
  const element = h('section', { class: 'card peer-video', 'aria-labelledby': 'peer-video-title' },
    h('h2', { id: 'peer-video-title', text: t('peerVideo.title') }),
    h('p', { class: 'muted small', text: t('peerVideo.intro') }),
    controls, errorSlot, tiles);

  const localTrack = (kind) => local?.getTracks().find((track) => track.kind === kind) ?? null;
  const mediaState = () => ({ kind: 'media', audio: localTrack('audio')?.enabled === true, video: localTrack('video')?.enabled === true, on: !!local });

  function renderControls() {
    clear(controls);
    if (!local) {
      controls.append(h('button', { type: 'button', class: 'primary', on: { click: start }, text: t('peerVideo.start') }));
      return;
    }
    const toggle = (track, onText, offText) => track && controls.append(h('button', {
      type: 'button', 'aria-pressed': String(!track.enabled),
      on: { click: () => { track.enabled = !track.enabled; localChanged(); } },
      text: track.enabled ? onText : offText,
    }));
    toggle(localTrack('audio'), t('peerVideo.mute'), t('peerVideo.unmute'));
    toggle(localTrack('video'), t('peerVideo.cameraOff'), t('peerVideo.cameraOn'));
    controls.append(h('button', { type: 'button', class: 'danger', on: { click: stop }, text: t('peerVideo.stop') }));
  }

  function tile(id, label, stream, { mirrored = false, muted = false, audio = true, video = true } = {}) {
    const player = h('video', { autoplay: '', playsinline: '', class: mirrored ? 'mirrored' : null });
    player.muted = muted;
    player.srcObject = stream;
    return h('figure', { class: 'peer-tile', dataset: { peer: id } }, player,
      h('figcaption', {}, h('span', { class: 'peer-name', text: label }),
        audio ? null : h('span', { class: 'badge badge-muted', text: t('peerVideo.muted') }),
        video ? null : h('span', { class: 'badge badge-muted', text: t('peerVideo.noVideo') })));
  }

  function placeTile(id, fresh) {
    const old = tiles.querySelector(`[data-peer="${CSS.escape(id)}"]`);
    if (!fresh) old?.remove();
    else if (old) old.replaceWith(fresh);
    else if (id === 'self') tiles.prepend(fresh);
    else tiles.append(fresh);
    tiles.querySelector('.peer-video-empty')?.remove();
    if (!tiles.querySelector('.peer-tile')) tiles.append(h('p', { class: 'muted peer-video-empty', text: t('peerVideo.nobody') }));
  }

  function renderLocalTile() {
    const state = mediaState();
    placeTile('self', local && tile('self', t('peerVideo.you', { name: selfName }), local, { mirrored: true, muted: true, ...state }));
  }

  function renderRemote(id) {
    const peer = peers.get(id);
    const state = peer?.remote;
    placeTile(id, state?.on && peer.stream && tile(id, names.get(id) ?? id, peer.stream, state));
  }

  function send(toId, payload) {
    sendSignal(toId, payload).catch((error) => console.warn('signal not relayed', error));
  }

  const current = (id, peer) => peers.get(id) === peer;
  const sendTo = (id, peer, payload) => current(id, peer) && send(id, { ...payload, session: peer.session });

  function closePeer(id) {
    helloSent.delete(id);
    peers.get(id)?.pc.close();
    peers.delete(id);
    placeTile(id, null);
  }

  /** A fresh connection to `id`; any earlier one (the other side reloaded or rejoined) is dropped. */
  function createPeer(id, session) {
    closePeer(id);
    const pc = new RTCPeerConnection({ iceServers: [] });
    const peer = { pc, session, pending: [], remote: null, stream: new MediaStream() };
    peers.set(id, peer);
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) sendTo(id, peer, { kind: 'candidate', candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track }) => {
      peer.stream.addTrack(track);
      renderRemote(id);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected') sendTo(id, peer, mediaState());
      // The other side went away without a goodbye (reload, lost network): start the pair over if we send media.
      if (pc.connectionState === 'failed' && current(id, peer)) {
        closePeer(id);
        if (local && names.has(id)) connect(id);
      }
    };
    return peer;
  }

  async function attachLocal(peer) {
    for (const transceiver of peer.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      transceiver.direction = 'sendrecv';
      await transceiver.sender.replaceTrack(localTrack(kind));
    }
  }

  async function offer(id, peer) {
    try {
      const description = await peer.pc.createOffer();
      if (!current(id, peer)) return;
      await peer.pc.setLocalDescription(description);
      sendTo(id, peer, { kind: 'description', description: peer.pc.localDescription.toJSON() });
    } catch (error) {
      console.warn('offer to', id, 'failed', error);
    }
  }

  /** Opens the pair's connection: the offerer offers, the other side asks the offerer to. */
  async function connect(id) {
    if (selfId > id) {
      // Asked once per few seconds at most: the page re-renders members often, the offerer recreates on each hello.
      if (Date.now() - (helloSent.get(id) ?? 0) < helloIntervalMs) return;
      helloSent.set(id, Date.now());
      send(id, { kind: 'hello' });
      return;
    }
    try {
      const peer = createPeer(id, crypto.randomUUID());
      peer.pc.addTransceiver('audio', { direction: 'sendrecv' });
      peer.pc.addTransceiver('video', { direction: 'sendrecv' });
      await attachLocal(peer).catch(() => {});
      if (current(id, peer)) await offer(id, peer);
    } catch (error) {
      console.warn('connection to', id, 'failed', error);
    }
  }

  async function localChanged() {
    for (const peer of peers.values()) await attachLocal(peer).catch(() => {});
    for (const [id, peer] of peers) sendTo(id, peer, mediaState());
    renderControls();
    renderLocalTile();
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
    await localChanged();
    for (const id of names.keys()) {
      if (id !== selfId && !peers.has(id)) connect(id);
    }
  }

  async function stop() {
    const stopped = local;
    local = null;
    await localChanged();
    stopTracks(stopped);
  }

  function setMembers(members) {
    names.clear();
    for (const member of members) names.set(member.id, member.name);
    for (const id of [...peers.keys()]) if (!names.has(id)) closePeer(id);
    for (const id of names.keys()) {
      if (id === selfId) continue;
      if (peers.has(id)) renderRemote(id);
      else if (local) connect(id);  // a newcomer: open the pair's connection
    }
  }

  async function handleSignal(fromId, payload) {
    if (disposed || fromId === selfId || !payload) return;
    try {
      if (payload.kind === 'hello') {
        if (selfId < fromId) await connect(fromId);
        return;
      }
      if (payload.kind === 'description' && payload.description?.type === 'offer' && payload.session) {
        helloSent.delete(fromId);
        const peer = createPeer(fromId, payload.session);
        await peer.pc.setRemoteDescription(payload.description);
        await attachLocal(peer);
        const answer = await peer.pc.createAnswer();
        if (!current(fromId, peer)) return;
        await peer.pc.setLocalDescription(answer);
        sendTo(fromId, peer, { kind: 'description', description: peer.pc.localDescription.toJSON() });
        await flushCandidates(peer);
        return;
      }
      const peer = peers.get(fromId);
      if (!peer || peer.session !== payload.session) return; // a message of a replaced connection
      if (payload.kind === 'description' && payload.description?.type === 'answer') {
        if (peer.pc.signalingState !== 'have-local-offer') return;
        await peer.pc.setRemoteDescription(payload.description);
        await flushCandidates(peer);
      } else if (payload.kind === 'candidate') {
        if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(payload.candidate);
        else peer.pending.push(payload.candidate);
      } else if (payload.kind === 'media') {
        peer.remote = { on: payload.on === true, audio: payload.audio === true, video: payload.video === true };
        renderRemote(fromId);
      }
    } catch (error) {
      if (!disposed) console.warn('signal from', fromId, 'not applied', error);
    }
  }

  async function flushCandidates(peer) {
    for (const candidate of peer.pending.splice(0)) await peer.pc.addIceCandidate(candidate).catch(() => {});
  }

  function dispose() {
    disposed = true;
    for (const id of [...peers.keys()]) closePeer(id);
    stopTracks(local);
    local = null;
  }

  renderControls();
  placeTile('none', null);
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

const helloIntervalMs = 5000;

function stopTracks(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
