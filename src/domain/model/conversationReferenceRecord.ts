// Where to reach a conversation later (agent replies, expiry notices). The reference is the channel's
// own JSON (botbuilder's ConversationReference); storage keeps it opaque so domain code never imports botbuilder.
export interface ConversationReferenceRecord {
  /** `${channelId}:${conversationId}`. */
  conversationKey: string;
  channel: string;
  reference: Record<string, unknown>;
  affiliateId?: string;
  updatedAt: Date;
}
