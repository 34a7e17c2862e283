// A web chat client that misbehaves on purpose: raw Direct Line calls with no retries or courtesy, for
// the hostile-client suite. Answers are returned whole (status, error code) so tests can count refusals.
import { DirectLineChannel } from '../../src/channels/directline/directLineChannel';
import { newConversationId, newUserId } from '../../src/channels/directline/directLineTokens';

export interface Answer {
  status: number;
  code?: string;
  message?: string;
  retryAfter?: string | null;
}

async function answerOf(response: Response): Promise<Answer> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
  return { status: response.status, code: body?.error?.code, message: body?.error?.message, retryAfter: response.headers.get('retry-after') };
}

export async function requestToken(baseUrl: string): Promise<Answer & { token?: string; conversationId?: string }> {
  const response = await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST' });
  if (response.status !== 200) return answerOf(response);
  const ticket = (await response.json()) as { token: string; conversationId: string };
  return { status: 200, ...ticket };
}

export async function startConversation(baseUrl: string, token: string): Promise<Answer> {
  return answerOf(await fetch(`${baseUrl}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }));
}

export async function postActivity(baseUrl: string, conversationId: string, token: string, activity: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return answerOf(response);
}

/** Tokens minted directly with the server's key: a client that got them one by one, without the token limit in the way. */
export function mintedTicket(channel: DirectLineChannel): { token: string; conversationId: string } {
  const conversationId = newConversationId();
  return { token: channel.tokens.issue(conversationId, newUserId()).token, conversationId };
}

/** Bot messages after a watermark, by polling, until one matches (bounded). */
export async function botSaysEventually(baseUrl: string, conversationId: string, token: string, match: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: { Authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { activities: { type: string; text?: string; from: { id: string } }[] };
    const found = page.activities.find((a) => a.type === 'message' && a.from.id === 'oficina-virtual' && a.text !== undefined && match(a.text));
    if (found) return found.text!;
    if (Date.now() > deadline) throw new Error('the bot did not say the expected message within 10 s');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
