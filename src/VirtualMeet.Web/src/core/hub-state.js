// The connection state of the page's hubs as one, for the header: the worst state of all open connections.
const states = new Map(); // connection -> 'connecting' | 'connected' | 'reconnecting' | 'offline'
const listeners = new Set();

/** Sets the state of `connection`, or forgets it (`null`, a connection the page closed), and tells the listeners. */
export function setConnectionState(connection, state) {
  if (state === null) states.delete(connection);
  else states.set(connection, state);
  const overall = overallState();
  for (const listener of listeners) listener(overall);
}

/** 'idle' (no hub open), 'connected', 'connecting', 'reconnecting' or 'offline': the worst of all open hubs. */
export function overallState() {
  const all = [...states.values()];
  if (all.length === 0) return 'idle';
  for (const state of ['offline', 'reconnecting', 'connecting']) {
    if (all.includes(state)) return state;
  }
  return 'connected';
}

export function onConnectionState(listener) {
  listeners.add(listener);
  listener(overallState());
  return () => listeners.delete(listener);
}
