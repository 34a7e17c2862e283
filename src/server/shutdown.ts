// Live connections (the console's server-sent events, the web chat's WebSocket streams) never end on
// their own, so http.Server.close() would wait for them forever and a restart would hang. Routes that
// hold such a connection register how to end it; closing the server runs those hooks at once and gives
// every other connection a deadline.
const hooks = new WeakMap<object, Set<() => void>>();

/** Runs `end` when `server` starts closing; returns a function that forgets it (the connection ended first). */
export function onServerShutdown(server: object, end: () => void): () => void {
  let set = hooks.get(server);
  if (!set) {
    set = new Set();
    hooks.set(server, set);
  }
  set.add(end);
  return () => set.delete(end);
}

/** Ends every live connection registered for `server`; a failing hook does not stop the others. */
export function runShutdownHooks(server: object): void {
  const set = hooks.get(server);
  if (!set) return;
  for (const end of [...set]) {
    set.delete(end);
    try {
      end();
    } catch {
      // The connection is already gone.
    }
  }
}
