// What the camera mesh does with a signal another member relayed: a hello asks the offerer (the smaller id) to offer,
// an offer opens a fresh pair and is answered, and an answer, a candidate or a media state applies to the pair's
// current connection only (any other `session` is a replaced one's).
import { attachLocal, flushCandidates } from './peer-video-pair.js';

/**
 * @param {{ selfId: string, mesh: object, localTrack: (kind: string) => MediaStreamTrack|null, disposed: () => boolean,
 *           renderRemote: (id: string) => void }} options `mesh`: components/peer-video-mesh.js
 * @returns {(fromId: string, payload: object) => Promise<void>}
 */
export function createSignalHandler({ selfId, mesh, localTrack, disposed, renderRemote }) {
  const { peers, helloSent, current, sendTo, createPeer, connect } = mesh;

  return async function handleSignal(fromId, payload) {
    if (disposed() || fromId === selfId || !payload) return;
    try {
      if (payload.kind === 'hello') {
        if (selfId < fromId) await connect(fromId);
        return;
      }
      if (payload.kind === 'description' && payload.description?.type === 'offer' && payload.session) {
        helloSent.delete(fromId);
        const peer = createPeer(fromId, payload.session);
        await peer.pc.setRemoteDescription(payload.description);
        await attachLocal(peer, localTrack);
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
      if (!disposed()) console.warn('signal from', fromId, 'not applied', error);
    }
  };
}
