// How the page's hub connections talk: JSON or MessagePack (chosen in the page URL, remembered), and the backoff of
// their reconnects.
const firstDelayMs = 500;
const maxDelayMs = 30_000;
const protocolKey = 'vm.hubProtocol';

/**
 * 'json' (the default) or 'msgpack'. `?protocol=msgpack` in the page URL switches to MessagePack and
 * `?protocol=json` back; the choice is kept in localStorage, so later visits without the parameter keep it.
 */
export function hubProtocolChoice(search = location.search) {
  const asked = new URLSearchParams(search).get('protocol');
  if (asked === 'json' || asked === 'msgpack') {
    localStorage.setItem(protocolKey, asked);
    return asked;
  }
  return localStorage.getItem(protocolKey) === 'msgpack' ? 'msgpack' : 'json';
}

/**
 * The server shapes MessagePack payloads exactly like JSON ones (camelCase members and enum values, instants as
 * ISO 8601 strings), so pages need no per-protocol code. `ignoreUndefined` leaves out members whose value is
 * undefined, as JSON.stringify does, so the server also reads the same object from either protocol.
 */
export function hubProtocol() {
  return hubProtocolChoice() === 'msgpack'
    ? new signalR.protocols.msgpack.MessagePackHubProtocol({ ignoreUndefined: true })
    : new signalR.JsonHubProtocol();
}

/** Exponential backoff, 0.5 s doubling to 30 s, with ±50 % jitter so a restarted node is not hit by everyone at once. */
export function retryDelay(attempt) {
  const base = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random()));
}
