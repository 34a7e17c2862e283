// Stores the messages of each conversation, both ways and bot turns included, for an agent who may take it
// over; the retention purge (services/retentionPurge.ts) keeps only the part around a handoff. Secrets and
// identifiers never reach the table: input a dialog marked sensitive becomes "[oculto]" (checked after the
// turn, because the dialog marks it while running); password- or code-like values, document and phone
// numbers and dates are removed.
// It also keeps each conversation's reference, so proactive messages work after a restart.
// A turn in which the logged-in person changes (login, "salir", an expired session) starts a new session
// in the transcript: on a shared computer the next person writes in the same conversation, and an agent
// reads only the session of whoever asked for help.
// Both go into the turn's single end-of-turn transaction when the turn has one (src/bot/turnWritesMiddleware.ts).
import { createHash } from 'node:crypto';
import { Activity, ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { isInputSensitive } from '../sensitiveInput';
import { turnWritesOf } from '../turnWritesMiddleware';
import { Clock } from '../../domain/clock';
import { conversationKeyOf } from '../../domain/handoff';
import type { Handoff } from '../../domain/handoff';
import { NewTranscriptEntry, redactForTranscript, TranscriptAttachment, TranscriptEntry } from '../../domain/handoffTranscript';
import { REDACTED } from '../../domain/masking';
import type { ConversationReferenceRecord } from '../../domain/model';
import { Logger } from '../../observability/logger';
import { StagedFileStore } from '../../storage/stagedFileStore';
import { agentOfTurn } from './turnAuthor';
import { turnHandoff } from './turnHandoff';

export interface TranscriptSink {
  recordTranscript(entries: NewTranscriptEntry[]): Promise<unknown>;
  /** Streams lines already stored to the console; `known` when the turn already read its handoff. */
  publishTranscript(stored: TranscriptEntry[], known?: { open?: Handoff }): Promise<void>;
}

/** How many conversations' last stored reference this process remembers (to skip unchanged upserts). */
const REMEMBERED_REFERENCES = 10_000;

export interface TranscriptRecorderDeps {
  sink: TranscriptSink;
  clock: Clock;
  logger: Logger;
  references?: { upsert(record: ConversationReferenceRecord): Promise<void> };
  /** The logged-in affiliate of the conversation, stored with its reference. */
  affiliateOf?: (context: TurnContext) => Promise<string | undefined>;
}

export class TranscriptRecorderMiddleware implements Middleware {
  /** conversation key → fingerprint of the reference last stored; a cache this process may lose. */
  private readonly storedReferences = new Map<string, string>();

  constructor(private readonly deps: TranscriptRecorderDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return next();
    const key = conversationKeyOf(context.activity.channelId, conversationId);
    const pending: NewTranscriptEntry[] = [];
    let turnDone = false;
    const personBefore = await this.personOf(context);
    context.onSendActivities(async (ctx, activities, sendNext) => {
      const responses = await sendNext();
      const agentId = agentOfTurn(ctx);
      const entries = activities.filter(isMessage).map((a) => this.outbound(a, key, agentId));
      // Sent after the turn (the turn-error apology): write right away.
      if (turnDone) await this.write(ctx, entries);
      else pending.push(...entries);
      return responses;
    });
    try {
      await next();
    } finally {
      turnDone = true;
      const inbound = isMessage(context.activity) ? [this.inbound(context, key)] : [];
      // The user's message first, then what was answered to it: the order the agent reads.
      const entries = [...inbound, ...pending];
      if (entries.length > 0 && (await this.personOf(context)) !== personBefore) entries[0] = { ...entries[0]!, startsSession: true };
      await this.write(context, entries);
      if (inbound.length > 0) await this.storeReference(context, key);
    }
  }

  /** The logged-in affiliate, or undefined; a failure to read it never breaks the turn. */
  private async personOf(context: TurnContext): Promise<string | undefined> {
    try {
      return await this.deps.affiliateOf?.(context);
    } catch {
      return undefined;
    }
  }

  private inbound(context: TurnContext, key: string): NewTranscriptEntry {
    const activity = context.activity;
    const channelData = activity.channelData as { unsupportedContent?: unknown } | undefined;
    const sensitive = isInputSensitive(context);
    return {
      conversationKey: key,
      author: 'user',
      text: sensitive ? REDACTED : activity.text ? redactForTranscript(activity.text) : undefined,
      attachments: sensitive ? undefined : attachmentsOf(activity),
      unsupportedContent: typeof channelData?.unsupportedContent === 'string' ? channelData.unsupportedContent.slice(0, 40) : undefined,
      at: this.deps.clock.now(),
    };
  }

  private outbound(activity: Partial<Activity>, key: string, agentId: string | undefined): NewTranscriptEntry {
    const options = activity.suggestedActions?.actions?.map((a) => String(a.title ?? a.value ?? ''));
    return {
      conversationKey: key,
      author: agentId ? 'agent' : 'bot',
      agentId,
      text: activity.text ? redactForTranscript(activity.text) : undefined,
      options: options?.length ? options : undefined,
      attachments: attachmentsOf(activity),
      at: this.deps.clock.now(),
    };
  }

  private async write(context: TurnContext, entries: NewTranscriptEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const batch = turnWritesOf(context);
    if (batch) {
      // Not awaited: the batch commits after the turn, and only then are the lines (with ids) streamed.
      const known = turnHandoff(context);
      void batch
        .appendTranscript(entries)
        .then((stored) => this.deps.sink.publishTranscript(stored, known))
        .catch((error: unknown) => this.deps.logger.error('transcript_write_failed', { error: error as Error, count: entries.length }));
      return;
    }
    try {
      await this.deps.sink.recordTranscript(entries);
    } catch (error) {
      // A lost transcript line must not break the user's conversation.
      this.deps.logger.error('transcript_write_failed', { error: error as Error, count: entries.length });
    }
  }

  private async storeReference(context: TurnContext, key: string): Promise<void> {
    if (!this.deps.references) return;
    try {
      const record: ConversationReferenceRecord = {
        conversationKey: key,
        channel: context.activity.channelId,
        reference: TurnContext.getConversationReference(context.activity) as Record<string, unknown>,
        affiliateId: await this.deps.affiliateOf?.(context),
        updatedAt: this.deps.clock.now(),
      };
      // Most turns reach the conversation the same way as the last one: nothing to write then. The id of
      // the message being answered changes every turn and is not needed to write to the conversation later.
      // The day is part of it: a conversation in use rewrites its reference once a day, so the retention
      // purge (which deletes references not refreshed in RETENTION_DAYS) never takes a living one.
      const { activityId: _answered, ...reach } = record.reference;
      const day = Math.floor(record.updatedAt.getTime() / 86_400_000);
      const fingerprint = createHash('sha1').update(JSON.stringify([record.channel, reach, record.affiliateId ?? null, day])).digest('base64');
      if (this.storedReferences.get(key) === fingerprint) return;
      const batch = turnWritesOf(context);
      if (batch) {
        // Remembered once committed; a failed commit is reported by the turn and retried next turn.
        void batch.upsertReference(record).then(() => this.remember(key, fingerprint), () => undefined);
        return;
      }
      await this.deps.references.upsert(record);
      this.remember(key, fingerprint);
    } catch (error) {
      this.deps.logger.error('conversation_reference_write_failed', { error: error as Error });
    }
  }

  /** Least recently stored first out, so the map stays bounded whatever conversation ids clients choose. */
  private remember(key: string, fingerprint: string): void {
    this.storedReferences.delete(key);
    this.storedReferences.set(key, fingerprint);
    if (this.storedReferences.size > REMEMBERED_REFERENCES) this.storedReferences.delete(this.storedReferences.keys().next().value!);
  }
}

function isMessage(activity: Partial<Activity>): boolean {
  return (activity.type ?? ActivityTypes.Message) === ActivityTypes.Message;
}

/** Names and types only: data: URLs are not copied (the bytes stay with the channel or the staged store). */
function attachmentsOf(activity: Partial<Activity>): TranscriptAttachment[] | undefined {
  const list = (activity.attachments ?? []).map((a) => ({
    name: typeof a.name === 'string' ? a.name.slice(0, 200) : undefined,
    contentType: typeof a.contentType === 'string' ? a.contentType.slice(0, 100) : undefined,
    stagedId: StagedFileStore.idFromUrl(a.contentUrl),
  }));
  return list.length > 0 ? list : undefined;
}
