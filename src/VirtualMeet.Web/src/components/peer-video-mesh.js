// The connections of the camera mesh among a room's members: one RTCPeerConnection per pair who want media, offers,
// answers and candidates relayed through the room's hub `Signal`. Each pair negotiates once, always offered by the
// member with the smaller id; turning the camera on or off afterwards only swaps tracks, so two members switching
// at the same moment never negotiate against each other. A `media` message tells the other side what is being sent
// (for the tiles and their muted / camera-off labels). Every message names the pair's connection (`session`, chosen
// by the offerer), so messages of a replaced connection are ignored.
import { attachLocal, openPair } from './peer-video-pair.js';

const helloIntervalMs = 5000;

/**
 * @param {{ selfId: string, sendSignal: (toId: string, payload: object) => Promise<unknown>,
 *           localTrack: (kind: string) => MediaStreamTrack|null, mediaState: () => object, sending: () => boolean,
 *           wanted: (id: string) => boolean, renderRemote: (id: string) => void, removeTile: (id: string) => void }} options
 *   `sending`: camera or microphone are on; `wanted`: `id` is a member of the room.
 */
export function createPeerMesh({ selfId, sendSignal, localTrack, mediaState, sending, wanted, renderRemote, removeTile }) {
  const peers = new Map(); // member id -> pair (components/peer-video-pair.js)
  const helloSent = new Map(); // member id -> when we last asked them to offer

  function send(toId, payload) {
    sendSignal(toId, payload).catch((error) => console.warn('signal not relayed', error));
  }

  const current = (id, peer) => peers.get(id) === peer;
  const sendTo = (id, peer, payload) => current(id, peer) && send(id, { ...payload, session: peer.session });

  function close(id) {
    helloSent.delete(id);
    peers.get(id)?.pc.close();
    peers.delete(id);
    removeTile(id);
  }

  /** A fresh connection to `id`; any earlier one (the other side reloaded or rejoined) is dropped. */
  function createPeer(id, session) {
    close(id);
    const peer = openPair(session, {
      candidate: (candidate) => sendTo(id, peer, { kind: 'candidate', candidate }),
      track: () => renderRemote(id),
      state: (state) => {
        if (state === 'connected') sendTo(id, peer, mediaState());
        // The other side went away without a goodbye (reload, lost network): start the pair over if we send media.
        if (state === 'failed' && current(id, peer)) {
          close(id);
          if (sending() && wanted(id)) connect(id);
        }
      },
    });
    peers.set(id, peer);
    return peer;
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
      await attachLocal(peer, localTrack).catch(() => {});
      if (current(id, peer)) await offer(id, peer);
    } catch (error) {
      console.warn('connection to', id, 'failed', error);
    }
  }

  return { peers, helloSent, current, sendTo, createPeer, connect, close };
}
