// The official botframework-directlinejs client, running in Node as Web Chat runs it in a browser:
// XMLHttpRequest from xhr2 (taught to send FormData, which uploads use) and WebSocket from ws.
import { Activity } from 'botbuilder';
import { Activity as DirectLineActivity, ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import XHR2 from 'xhr2';
import { withTimeout } from '../../helpers/wait';

class XhrWithFormData extends XHR2 {
  override send(body?: Document | XMLHttpRequestBodyInit | null): void {
    if (body instanceof FormData) {
      // Let the platform encode the multipart body (boundary included), then send its bytes.
      const encoded = new Response(body);
      this.setRequestHeader('Content-Type', encoded.headers.get('content-type')!);
      void encoded.arrayBuffer().then((bytes) => super.send(Buffer.from(bytes) as unknown as ArrayBuffer));
      return;
    }
    super.send(body);
  }
}

let installed = false;

/**
 * Puts XMLHttpRequest on globalThis (RxJS's ajax looks for it there), and a WebSocket where Node has
 * none (20): the client only uses WebSocket mode when a global one exists.
 */
export function installGlobals(): void {
  if (installed) return;
  const globals = globalThis as { XMLHttpRequest?: unknown; WebSocket?: unknown };
  globals.XMLHttpRequest = XhrWithFormData;
  globals.WebSocket ??= WebSocket;
  installed = true;
}

export interface ClientOptions {
  token: string;
  webSocket: boolean;
  conversationId?: string;
  watermark?: string;
}

export function connect(baseUrl: string, options: ClientOptions): DirectLine {
  installGlobals();
  return new DirectLine({
    token: options.token,
    domain: `${baseUrl}/v3/directline`,
    webSocket: options.webSocket,
    conversationId: options.conversationId,
    watermark: options.watermark,
    pollingInterval: 200,
    // The client takes its WebSocket class from here, falling back to a global one.
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  } as ConstructorParameters<typeof DirectLine>[0]);
}

/** How long `until` waits before failing with what it saw (generous: two cores shared with other suites). */
const UNTIL_TIMEOUT_MS = 15_000;

/**
 * Collects activities from the client; `until` resolves when a predicate over the list holds, and fails after
 * a timeout with the texts seen so far, so a test that waits for a reply that never comes says what it got.
 */
export function collect(client: DirectLine): {
  activities: Activity[];
  until(predicate: (all: Activity[]) => boolean, what?: string): Promise<Activity[]>;
  stop(): void;
} {
  const activities: Activity[] = [];
  const waiters: { predicate: (all: Activity[]) => boolean; resolve: (all: Activity[]) => void }[] = [];
  const subscription = client.activity$.subscribe({
    // Our server sends full Bot Framework activities; botbuilder's type describes them best.
    next: (activity) => {
      activities.push(activity as unknown as Activity);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(activities)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve([...activities]);
        }
      }
    },
    // end() completes the stream with "conversation ended"; tests look at connectionStatus$ instead.
    error: () => undefined,
  });
  return {
    activities,
    until: (predicate, what = 'the expected activity') =>
      predicate(activities)
        ? Promise.resolve([...activities])
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              const seen = activities.map((a) => `${a.from?.role ?? a.from?.id ?? '?'}: ${a.text ?? a.type}`).join('\n');
              reject(new Error(`Timed out after ${UNTIL_TIMEOUT_MS} ms waiting for ${what}. Seen:\n${seen}`));
            }, UNTIL_TIMEOUT_MS);
            const waiter = {
              predicate,
              resolve: (all: Activity[]) => {
                clearTimeout(timer);
                resolve(all);
              },
            };
            waiters.push(waiter);
          }),
    stop: () => subscription.unsubscribe(),
  };
}

export function waitForStatus(client: DirectLine, status: ConnectionStatus): Promise<void> {
  let last: ConnectionStatus | undefined;
  const reached = new Promise<void>((resolve) => {
    const subscription = client.connectionStatus$.subscribe((current) => {
      last = current;
      if (current === status) {
        resolve();
        setTimeout(() => subscription.unsubscribe(), 0);
      }
    });
  });
  return withTimeout(reached, () => `connection status ${ConnectionStatus[status]} (last: ${last === undefined ? 'none' : ConnectionStatus[last]})`, UNTIL_TIMEOUT_MS);
}

/** Posts an activity and resolves with the id the server gave it. */
export function post(client: DirectLine, activity: { type: string; [field: string]: unknown }): Promise<string> {
  return new Promise((resolve, reject) => {
    client.postActivity(activity as unknown as DirectLineActivity).subscribe({ next: resolve, error: reject });
  });
}
