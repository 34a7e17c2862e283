// Bounded waits for tests. A wait that never ends only shows up as vitest's bare "Test timed out"; these
// fail sooner and say what was awaited, so a missing reply reads as one.

/** The default bound: generous, because two cores are shared with other suites. */
export const WAIT_TIMEOUT_MS = 10_000;

/** Resolves with the promise's value, or rejects naming `what` if it takes longer than `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, what: string | (() => string), timeoutMs = WAIT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds, or fails naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
