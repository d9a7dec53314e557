// SignalR connections of the page: the official client (global `signalR` from lib/signalr.min.js, its MessagePack
// protocol from lib/signalr-protocol-msgpack.min.js), reconnecting forever with exponential backoff and jitter, each
// feeding the header's connection status.
import { accessToken, renewNow } from './session.js';
import { hubProtocol, retryDelay } from './hub-protocol.js';
import { setConnectionState } from './hub-state.js';

const resyncJitterMs = 2_000;

export { hubProtocolChoice, retryDelay } from './hub-protocol.js';
export { onConnectionState, overallState } from './hub-state.js';

/**
 * Opens a hub connection and resolves once it is connected (the first start is retried like a reconnect, except
 * when the server refuses the token). `handlers` ({ MethodName: fn }) are registered before the start; handlers
 * added with `.on` right after the promise resolves are in place before any push a later invocation causes.
 * After every reconnect `onReconnected()` is awaited: re-join or re-watch there and render from the snapshot,
 * since pushes sent while the connection was away are gone. The server asks for the same with `Resync` when its
 * backplane lost pushes while the connection itself stayed up; the page answers after a random delay of up to
 * `resyncJitterMs`, so that a whole audience does not ask at the same instant.
 */
export async function openHub(path, { handlers = {}, onReconnected } = {}) {
  const connection = new signalR.HubConnectionBuilder()
    // The factory runs before every (re)connect: a connection closed when its token expired comes back with a renewed one.
    .withUrl(path, { accessTokenFactory: accessToken })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (context) => {
        // Refused: renew the token before the next try (or learn that the device was signed out).
        if (isRefusal(context.retryReason)) void renewNow();
        return retryDelay(context.previousRetryCount);
      },
    })
    .withHubProtocol(hubProtocol())
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const [method, handler] of Object.entries(handlers)) connection.on(method, handler);
  // Several nodes may ask at once (each node whose sends failed asks every node's clients): one snapshot, taken
  // after the last of them arrived, answers them all.
  let resyncPending = false;
  connection.on('Resync', () => {
    if (resyncPending) return;
    resyncPending = true;
    setTimeout(() => {
      resyncPending = false;
      if (connection.state === signalR.HubConnectionState.Connected) onReconnected?.();
    }, Math.random() * resyncJitterMs);
  });

  let closedByPage = false;
  connection.vmClose = async () => {
    closedByPage = true;
    setConnectionState(connection, null);
    await connection.stop();
  };

  connection.onreconnecting(() => setConnectionState(connection, 'reconnecting'));
  connection.onreconnected(async () => {
    setConnectionState(connection, 'connected');
    await onReconnected?.();
  });
  connection.onclose(async () => {
    // Automatic reconnect gave up or the server closed the connection for good: keep trying, as a page left open
    // through a server restart should come back by itself.
    if (closedByPage) return;
    setConnectionState(connection, 'offline');
    if (await startWithRetry(connection, () => closedByPage)) {
      setConnectionState(connection, 'connected');
      await onReconnected?.();
    }
  });

  setConnectionState(connection, 'connecting');
  try {
    await startWithRetry(connection, () => closedByPage, { throwOnRefusal: true });
  } catch (error) {
    setConnectionState(connection, null);
    throw error;
  }
  setConnectionState(connection, 'connected');
  return connection;
}

async function startWithRetry(connection, isClosed, { throwOnRefusal = false } = {}) {
  for (let attempt = 0; !isClosed(); attempt++) {
    try {
      await connection.start();
      return true;
    } catch (error) {
      if (throwOnRefusal && isRefusal(error)) throw error;
      if (isRefusal(error)) await renewNow();
      setConnectionState(connection, 'offline');
      await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
    }
  }
  return false;
}

function isRefusal(error) {
  return error?.statusCode === 401 || error?.statusCode === 403 || /\b(401|403)\b/.test(error?.message ?? '');
}

/** Stops a connection opened by openHub; safe to call twice or with null. */
export async function closeHub(connection) {
  if (connection) await connection.vmClose();
}

/**
 * The stable code and the text of a hub error. The server's message reads "<code>: <text>", which the client
 * receives prefixed, e.g. "An unexpected error occurred invoking 'Vote' on the server. HubException: poll_closed: …".
 * @returns {{ code: string, message: string } | null}
 */
export function hubErrorCode(error) {
  const text = error?.message ?? '';
  const marker = 'HubException: ';
  const at = text.indexOf(marker);
  const body = at >= 0 ? text.slice(at + marker.length) : text;
  const match = /^([a-z][a-z_]*): ([\s\S]*)$/.exec(body);
  return match ? { code: match[1], message: match[2] } : null;
}
