// The client behind a turn (see domain/clientOrigin.ts). Channels that know the network address (web chat,
// from the HTTP request) put it in the turn state; otherwise the sender's id is the address: on WhatsApp that
// is the phone, which is what a person cannot change at will.
import type { TurnContext } from 'botbuilder';
import type { ClientOrigin } from '../domain/clientOrigin';

const CLIENT_ADDRESS = Symbol('clientAddress');

export function setTurnClientAddress(context: TurnContext, address: string): void {
  context.turnState.set(CLIENT_ADDRESS, address);
}

export function turnClient(context: TurnContext): ClientOrigin {
  const { channelId, conversation, from } = context.activity;
  const network = context.turnState.get(CLIENT_ADDRESS) as string | undefined;
  return {
    conversation: `${channelId}:${conversation?.id ?? ''}`,
    address: network !== undefined ? `ip:${network}` : `${channelId}:${from?.id ?? conversation?.id ?? ''}`,
  };
}
