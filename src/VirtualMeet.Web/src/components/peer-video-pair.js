// One pair's RTCPeerConnection in the camera mesh, with an audio and a video transceiver in both directions; the
// local tracks are swapped in and out (replaceTrack) and never renegotiated. No STUN/TURN: host candidates reach each
// other on a LAN.

/**
 * @param {string} session the pair's connection id, chosen by the offerer
 * @param {{ candidate: (candidate: object) => void, track: () => void, state: (state: string) => void }} on
 *   called with each local ICE candidate, after a remote track joined the pair's stream, and on connection state changes
 * @returns {{ pc: RTCPeerConnection, session: string, pending: object[], remote: object|null, stream: MediaStream }}
 *   `pending`: candidates before the remote description; `remote`: the media state the other side last told.
 */
export function openPair(session, on) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const peer = { pc, session, pending: [], remote: null, stream: new MediaStream() };
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) on.candidate(candidate.toJSON());
  };
  pc.ontrack = ({ track }) => {
    peer.stream.addTrack(track);
    on.track();
  };
  pc.onconnectionstatechange = () => on.state(pc.connectionState);
  return peer;
}

/** Sends the local track of each kind (none while camera or microphone are off) on the pair's transceivers. */
export async function attachLocal(peer, localTrack) {
  for (const transceiver of peer.pc.getTransceivers()) {
    const kind = transceiver.receiver.track.kind;
    transceiver.direction = 'sendrecv';
    await transceiver.sender.replaceTrack(localTrack(kind));
  }
}

/** Adds the candidates that arrived before the remote description. */
export async function flushCandidates(peer) {
  for (const candidate of peer.pending.splice(0)) await peer.pc.addIceCandidate(candidate).catch(() => {});
}
