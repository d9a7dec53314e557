// Holds a hub's pushes while a call that answers with a snapshot (a join, an enter) is in flight and replays them on
// it: a push may be newer than the answer, and each handler drops by version what the answer already holds.

/**
 * @returns {{ hold: (handler: (e: any) => void) => (e: any) => void, exclusive: <T>(work: () => Promise<T>) => Promise<T> }}
 *   `hold` wraps a push handler; `exclusive` runs a snapshot call, holding the wrapped handlers' pushes meanwhile.
 */
export function createPushGate() {
  let busy = 0;
  const held = [];
  // Handlers return nothing: a value returned to the SignalR client would be taken for a client result.
  const hold = (handler) => (e) => {
    if (busy > 0) held.push(() => handler(e));
    else handler(e);
  };
  async function exclusive(work) {
    busy++;
    try {
      return await work();
    } finally {
      if (--busy === 0) for (const replay of held.splice(0)) replay();
    }
  }
  return { hold, exclusive };
}
