// Camera and microphone among the members of a room (a breakout, a bar table): opt-in, shared directly with the
// others who share theirs (a mesh of peer connections, components/peer-video-mesh.js), with one's own tile first.
import { h, showError, useStyles } from '../core/dom.js';
import { t } from '../core/i18n.js';
import { createPeerVideoControls } from './peer-video-controls.js';
import { getMedia, stopTracks } from './peer-video-local.js';
import { createPeerMesh } from './peer-video-mesh.js';
import { attachLocal } from './peer-video-pair.js';
import { createSignalHandler } from './peer-video-signals.js';
import { createPeerVideoTiles } from './peer-video-tiles.js';
import './peer-video.strings.js';

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
  const names = new Map();
  let local = null; // MediaStream while camera/microphone are on
  let disposed = false;

  const localTrack = (kind) => local?.getTracks().find((track) => track.kind === kind) ?? null;
  const mediaState = () => ({ kind: 'media', audio: localTrack('audio')?.enabled === true, video: localTrack('video')?.enabled === true, on: !!local });

  const errorSlot = h('div');
  const controls = createPeerVideoControls({ localTrack, start, stop, changed: localChanged });
  const tiles = createPeerVideoTiles();
  const element = h('section', { class: 'card peer-video', 'aria-labelledby': 'peer-video-title' },
    h('h2', { id: 'peer-video-title', text: t('peerVideo.title') }),
    h('p', { class: 'muted small', text: t('peerVideo.intro') }),
    controls.element, errorSlot, tiles.element);
  const mesh = createPeerMesh({
    selfId, sendSignal, localTrack, mediaState, sending: () => !!local, wanted: (id) => names.has(id),
    renderRemote, removeTile: (id) => tiles.place(id, null),
  });
  const handleSignal = createSignalHandler({ selfId, mesh, localTrack, disposed: () => disposed, renderRemote });

  function renderLocalTile() {
    const state = mediaState();
    tiles.place('self', local && tiles.tile('self', t('peerVideo.you', { name: selfName }), local, { mirrored: true, muted: true, ...state }));
  }

  function renderRemote(id) {
    const peer = mesh.peers.get(id);
    const state = peer?.remote;
    tiles.place(id, state?.on && peer.stream && tiles.tile(id, names.get(id) ?? id, peer.stream, state));
  }

  /** Camera or microphone went on or off, or a track was muted: every pair sends what is on now, and says so. */
  async function localChanged() {
    for (const peer of mesh.peers.values()) await attachLocal(peer, localTrack).catch(() => {});
    for (const [id, peer] of mesh.peers) mesh.sendTo(id, peer, mediaState());
    controls.render(!!local);
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
      if (id !== selfId && !mesh.peers.has(id)) mesh.connect(id);
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
    for (const id of [...mesh.peers.keys()]) if (!names.has(id)) mesh.close(id);
    for (const id of names.keys()) {
      if (id === selfId) continue;
      if (mesh.peers.has(id)) renderRemote(id);
      else if (local) mesh.connect(id);  // a newcomer: open the pair's connection
    }
  }

  function dispose() {
    disposed = true;
    for (const id of [...mesh.peers.keys()]) mesh.close(id);
    stopTracks(local);
    local = null;
  }

  controls.render(!!local);
  tiles.place('none', null);
  return { element, setMembers, handleSignal, dispose };
}
