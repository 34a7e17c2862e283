// Our own Direct Line 3.0 subset, the part that does not depend on HTTP: tokens, conversations, the
// activity log, the user's activities (echoed back, then given to the bot) and uploads. Routes and the
// WebSocket stream (directLineRoutes.ts, directLineStreams.ts) are thin layers over this class.
import { Activity, ActivityTypes, ChannelAccount, Middleware } from 'botbuilder';
import { Readable } from 'node:stream';
import { Clock } from '../../domain/clock';
import { KeyedRateLimiter } from '../../domain/rateLimit';
import { REDACTED_TEXT, isInputSensitive } from '../../bot/sensitiveInput';
import { setTurnClientAddress } from '../../bot/turnClient';
import { Logger, pseudonym } from '../../observability/logger';
import { MAX_UPLOAD_BYTES, StagedFileStore } from '../../storage/stagedFileStore';
import { BotRunner } from '../inProcessAdapter';
import { ChannelRegistry } from '../channelRegistry';
import { DirectLineAdapter, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
import { ActivityPage, DirectLineStore, StoredActivity } from './directLineStore';
import { ConcurrencySlots, DEFAULT_DIRECT_LINE_LIMITS, DirectLineLimits, tooManyRequests } from './directLineLimits';
import { DirectLineClaims, DirectLineTokens, TOKEN_TTL_SECONDS, newConversationId, newUserId } from './directLineTokens';
import { DownloadFile, DownloadFileStore, DownloadLinks } from './downloadLinks';
import { ActivityListener, ConversationFeed } from './directLineFeed';
import { HttpError } from '../../server/httpErrors';
import { sanitizeUserActivity } from './userActivity';
import { echoOfUpload, renderOutbound } from './webChatRendering';

export interface DirectLineChannelOptions {
  bot: BotRunner;
  /** SESSION_SECRET: signs the web chat tokens. */
  tokenSecret: string;
  /** PUBLIC_URL, or a getter (tests learn their port after listening). */
  publicUrl: string | (() => string);
  stagedFiles: StagedFileStore;
  clock: Clock;
  logger: Logger;
  /** The shared log (KnexDirectLineStore): every instance reads and writes the same conversations. */
  store: DirectLineStore;
  /** The files the bot sends (KnexDownloadFileStore), served by whichever instance the download reaches. */
  files: DownloadFileStore;
  registry?: ChannelRegistry;
  turnSerializer?: Middleware;
  tokenTtlSeconds?: number;
  maxUploadBytes?: number;
  /** How long a POST waits for the bot's turn before answering anyway (clients time out at 20 s). */
  turnWaitMs?: number;
  botAccount?: ChannelAccount;
  limits?: Partial<DirectLineLimits>;
  /**
   * Why this conversation may send a file now: its dialog waits for one, or an agent holds the
   * conversation; undefined when nobody asked for a file (the upload is then refused before it is read).
   */
  uploadWindow?: (conversationId: string) => Promise<'dialog' | 'agent' | undefined>;
  /**
   * Several instances: tells the others that a conversation's log changed, so the streams they hold read
   * it (a reply produced here reaches a stream opened there).
   */
  relay?: ActivityRelay;
}

/** Announces changed conversations between instances (PostgreSQL NOTIFY): ids only, never activities. */
export interface ActivityRelay {
  announce(conversationId: string): void;
  onChange(handler: (conversationId: string) => void): void;
}

/**
 * How long a held message may stay held: past the longest wait for a turn, with room to spare. Only an
 * instance that died mid-turn leaves one this long (its message is then left out, see the store).
 */
const HOLD_MARGIN_MS = 30_000;

const DEFAULT_TURN_WAIT_MS = 10_000;

export interface ConversationTicket {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface UploadedFile {
  stream: Readable;
  contentType: string;
  name: string;
}

export class DirectLineChannel {
  readonly adapter: DirectLineAdapter;
  readonly tokens: DirectLineTokens;
  readonly store: DirectLineStore;
  private readonly feed: ConversationFeed;
  /** Conversations whose user's message this instance holds now: their replies are announced on release. */
  private readonly holding = new Map<string, number>();
  readonly maxUploadBytes: number;
  readonly stagedFiles: StagedFileStore;
  private readonly links: DownloadLinks;
  private readonly publicUrlOf: () => string;
  readonly limits: DirectLineLimits;
  private readonly activityRate: KeyedRateLimiter;
  private readonly activityByteRate: KeyedRateLimiter;
  private readonly tokenRate: KeyedRateLimiter;
  private readonly startRate: KeyedRateLimiter;
  private readonly turnsInFlight = new Map<string, number>();
  private readonly uploads: ConcurrencySlots;

  constructor(private readonly options: DirectLineChannelOptions) {
    this.store = options.store;
    this.feed = new ConversationFeed(
      (conversationId, watermark) => this.store.activitiesAfter(conversationId, watermark),
      (conversationId, error) => options.logger.warn('directline.feed_failed', { error, conversation: pseudonym(conversationId) }),
    );
    this.limits = { ...DEFAULT_DIRECT_LINE_LIMITS, ...options.limits };
    const conversationKeys = this.store.budget.maxConversations * 2;
    this.activityRate = new KeyedRateLimiter(this.limits.activities, conversationKeys);
    this.activityByteRate = new KeyedRateLimiter(this.limits.activityBytes, conversationKeys);
    this.tokenRate = new KeyedRateLimiter(this.limits.tokensPerAddress);
    this.startRate = new KeyedRateLimiter(this.limits.startsPerAddress);
    this.uploads = new ConcurrencySlots(this.limits.maxUploads, (key) =>
      key.startsWith('conversation:') ? this.limits.maxUploadsPerConversation : this.limits.maxUploadsPerAddress,
    );
    this.tokens = new DirectLineTokens(options.tokenSecret, options.clock, options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS);
    this.links = new DownloadLinks(options.files, options.clock, options.tokenTtlSeconds ?? TOKEN_TTL_SECONDS);
    this.maxUploadBytes = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
    this.stagedFiles = options.stagedFiles;
    const publicUrl = options.publicUrl;
    this.publicUrlOf = typeof publicUrl === 'function' ? () => publicUrl().replace(/\/+$/, '') : () => publicUrl.replace(/\/+$/, '');
    this.adapter = new DirectLineAdapter({
      clock: options.clock,
      bot: options.bot,
      botAccount: options.botAccount ?? { id: 'oficina-virtual', name: 'Oficina Virtual', role: 'bot' },
      serviceUrl: 'urn:oficina-virtual:directline',
      turnSerializer: options.turnSerializer,
      deliver: async (conversationId, activity) => {
        const links = this.links.forConversation(conversationId);
        const rendered = renderOutbound(activity, links, this.publicUrlOf());
        await links.stored();
        return (await this.deliver(conversationId, rendered)).id;
      },
    });
    options.registry?.register(WEBCHAT_CHANNEL_ID, this.adapter);
    options.relay?.onChange((conversationId) => this.feed.wake(conversationId));
  }

  get publicUrl(): string {
    return this.publicUrlOf();
  }

  /**
   * POST /api/webchat/token: a token for a new conversation, or for the same conversation when the page
   * presents its previous token and that token is still valid (a reload resumes the chat).
   */
  issueToken(previousToken: string | undefined, clientAddress: string): ConversationTicket {
    const allowed = this.tokenRate.take(clientAddress, this.options.clock.now());
    if (!allowed.allowed) {
      throw tooManyRequests('too_many_tokens', 'Se abrieron demasiados chats desde tu conexión. Espera un momento y recarga la página.', allowed.retryAfterMs);
    }
    const previous = previousToken ? this.tokens.verify(previousToken) : undefined;
    const [conversationId, userId] = previous?.ok ? [previous.claims.conv, previous.claims.user] : [newConversationId(), newUserId()];
    const { token, expiresIn } = this.tokens.issue(conversationId, userId);
    this.options.logger.info('directline.token_issued', { conversation: pseudonym(conversationId), resumed: previous?.ok === true });
    return { conversationId, token, expires_in: expiresIn };
  }

  /** POST /tokens/refresh: a fresh token for the same conversation and user. */
  refreshToken(claims: DirectLineClaims): ConversationTicket {
    const { token, expiresIn } = this.tokens.issue(claims.conv, claims.user);
    return { conversationId: claims.conv, token, expires_in: expiresIn };
  }

  /**
   * POST /conversations and GET /conversations/{id}: starts the token's conversation (the bot greets the
   * user) or re-attaches to it. A conversation our log no longer knows (server restarted) is re-created
   * from the signed token: the bot's state lives in the database and carries on.
   */
  async attach(claims: DirectLineClaims, clientAddress: string, clientWatermark?: number): Promise<{ created: boolean }> {
    const known = (await this.store.getConversation(claims.conv)) !== undefined || (await this.store.reattach(claims.conv));
    if (!known) {
      // Only starting costs: resuming one's own conversation is always allowed.
      const allowed = this.startRate.take(clientAddress, this.options.clock.now());
      if (!allowed.allowed) {
        throw tooManyRequests('too_many_conversations', 'Se iniciaron demasiadas conversaciones desde tu conexión. Espera un momento e inténtalo de nuevo.', allowed.retryAfterMs);
      }
    }
    const created = !known && (await this.store.createConversation({ id: claims.conv, userId: claims.user, createdAt: this.options.clock.now() }));
    if (clientWatermark !== undefined) await this.store.advanceWatermark(claims.conv, clientWatermark);
    if (created) {
      this.options.logger.info('directline.conversation_started', { conversation: pseudonym(claims.conv) });
      const update = {
        ...this.adapter.baseActivity(claims.conv, { id: claims.user, name: '' }),
        type: ActivityTypes.ConversationUpdate,
        id: `${claims.conv}|start`,
        timestamp: this.options.clock.now(),
        membersAdded: [{ id: claims.user, role: 'user' }],
      } as Activity;
      await this.runTurn(update);
    }
    return { created };
  }

  /** Streams the conversation's activities after a watermark, then live ones, in order and without gaps. */
  follow(conversationId: string, watermark: number, listener: ActivityListener): Promise<() => void> {
    return this.feed.follow(conversationId, watermark, listener);
  }

  /** What clients may see: the log after a watermark, up to the message of a turn still in progress. */
  activitiesAfter(conversationId: string, watermark: number): Promise<ActivityPage> {
    return this.store.activitiesAfter(conversationId, watermark);
  }

  /** Open streams of a conversation on this instance. */
  streamsOf(conversationId: string): number {
    return this.feed.subscriberCount(conversationId);
  }

  /** The token's conversation must have been started; one the store dropped for room is re-attached. */
  async requireConversation(claims: DirectLineClaims): Promise<void> {
    if (!(await this.store.getConversation(claims.conv)) && !(await this.store.reattach(claims.conv))) {
      throw new HttpError(404, 'conversation_not_found', 'La conversación no existe o no ha comenzado; iníciala con POST /v3/directline/conversations.');
    }
  }

  /** POST /conversations/{id}/activities: echo the user's activity, then run the bot's turn. */
  async postActivity(claims: DirectLineClaims, body: unknown, bodyBytes: number, clientAddress?: string): Promise<{ id: string }> {
    const incoming = sanitizeUserActivity(body, { allowAttachments: false, maxValueBytes: this.limits.maxEventValueBytes });
    this.spendBytes(claims.conv, bodyBytes);
    if (incoming.type === ActivityTypes.Typing) return { id: '' };
    const duplicate = await this.findDuplicate(claims.conv, incoming);
    if (duplicate) return { id: duplicate };
    const activity = this.userActivity(claims, incoming);
    const endTurn = this.beginTurn(claims.conv);
    // Clients get the echo and the replies once the turn says whether the message was a secret; until
    // then the message holds its place in the log without its text.
    let turnStarted = false;
    this.holding.set(claims.conv, (this.holding.get(claims.conv) ?? 0) + 1);
    try {
      const { activity: echoed } = await this.store.hold(claims.conv, activity, (this.options.turnWaitMs ?? DEFAULT_TURN_WAIT_MS) + HOLD_MARGIN_MS);
      turnStarted = true;
      const turn = await this.runTurn({ ...activity, id: echoed.id }, endTurn, clientAddress);
      await this.store.release(claims.conv, turn.sensitive ? { ...echoed, text: REDACTED_TEXT } : echoed);
      return { id: echoed.id };
    } finally {
      const left = (this.holding.get(claims.conv) ?? 1) - 1;
      if (left > 0) this.holding.set(claims.conv, left);
      else this.holding.delete(claims.conv);
      this.announce(claims.conv);
      if (!turnStarted) endTurn();
    }
  }

  /**
   * Before an upload is read: the conversation must be waiting for a file (or talking to an agent), and
   * uploads in progress must leave room. Returns what to do once the files are staged.
   */
  async admitUpload(claims: DirectLineClaims, clientAddress: string): Promise<{ owners: string[]; done: () => void }> {
    await this.admitActivity(claims);
    const release = this.uploads.tryAcquire([`conversation:${claims.conv}`, `address:${clientAddress}`]);
    if (!release) throw tooManyRequests('too_many_uploads', 'Ya hay un archivo subiendo. Espera a que termine y vuelve a intentarlo.', 5_000);
    try {
      const window = await this.options.uploadWindow?.(claims.conv);
      if (!window) {
        throw new HttpError(409, 'upload_not_expected', 'Ahora no estoy esperando archivos. Envíalo cuando te pida un documento.');
      }
      return { owners: [`conversation:${WEBCHAT_CHANNEL_ID}/${claims.conv}`, `address:${clientAddress}`], done: release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** POST /conversations/{id}/upload: files already streamed into the staged store, then the turn. */
  async postUpload(
    claims: DirectLineClaims,
    template: unknown,
    files: { id: string; size: number; contentType: string; name: string }[],
  ): Promise<{ id: string }> {
    const incoming = sanitizeUserActivity(template ?? { type: 'message' }, { allowAttachments: true });
    const activity = this.userActivity(claims, {
      ...incoming,
      type: ActivityTypes.Message,
      attachments: files.map((file) => ({
        contentType: file.contentType,
        name: file.name,
        contentUrl: StagedFileStore.urlOf(file.id),
      })),
      channelData: { ...(incoming.channelData as object), attachmentSizes: files.map((file) => file.size) },
    });
    const echoed = await this.deliver(claims.conv, echoOfUpload(activity as Activity));
    this.options.logger.info('directline.upload_received', { conversation: pseudonym(claims.conv), files: files.length });
    await this.runTurn({ ...activity, id: echoed.id });
    return { id: echoed.id };
  }

  /**
   * GET /v3/directline/attachments/{id}: a file the bot sent, only to a client of its conversation:
   * one that shows the conversation's token, or the browser that got the token (its download cookie).
   */
  async download(id: string, proof: { bearer?: string; cookie: (name: string) => string | undefined }): Promise<DownloadFile | undefined> {
    if (!/^[0-9a-f]{32}$/.test(id)) return undefined;
    const file = await this.links.get(id);
    if (!file) return undefined;
    const bearer = proof.bearer ? this.tokens.verify(proof.bearer) : undefined;
    if (bearer?.ok && bearer.claims.conv === file.conversationId) return file;
    const cookie = this.tokens.downloadCookie(file.conversationId);
    return this.tokens.sameProof(proof.cookie(cookie.name), cookie.value) ? file : undefined;
  }

  /**
   * Before a post's body is read: the conversation exists (or is re-attached) and has not used up its
   * share of activities; 429 past it, so a flood costs the server no parsing.
   */
  async admitActivity(claims: DirectLineClaims): Promise<void> {
    await this.requireConversation(claims);
    const count = this.activityRate.take(claims.conv, this.options.clock.now());
    if (!count.allowed) throw this.tooManyActivities(count.retryAfterMs);
  }

  /** Counts a post's bytes against the conversation's share. */
  private spendBytes(conversationId: string, bytes: number): void {
    const volume = this.activityByteRate.take(conversationId, this.options.clock.now(), bytes);
    if (!volume.allowed) throw this.tooManyActivities(volume.retryAfterMs);
  }

  private tooManyActivities(retryAfterMs: number): HttpError {
    return tooManyRequests('too_many_activities', 'Estás enviando demasiados mensajes seguidos. Espera un momento y vuelve a escribir.', retryAfterMs);
  }

  /** Turns of this conversation queued or running now. */
  turnsInFlightOf(conversationId: string): number {
    return this.turnsInFlight.get(conversationId) ?? 0;
  }

  /** Turns of a conversation queued or running; past the limit the client is asked to wait. */
  private beginTurn(conversationId: string): () => void {
    const running = this.turnsInFlight.get(conversationId) ?? 0;
    if (running >= this.limits.maxTurnsInFlight) {
      throw tooManyRequests('turns_in_progress', 'Todavía estoy respondiendo tus mensajes anteriores. Espera un momento.', 2_000);
    }
    this.turnsInFlight.set(conversationId, running + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.turnsInFlight.get(conversationId) ?? 1) - 1;
      if (left > 0) this.turnsInFlight.set(conversationId, left);
      else this.turnsInFlight.delete(conversationId);
    };
  }

  private userActivity(claims: DirectLineClaims, incoming: Partial<Activity>): Activity {
    return {
      ...incoming,
      ...this.adapter.baseActivity(claims.conv, { id: claims.user, name: incoming.from?.name ?? '' }),
      locale: incoming.locale ?? 'es-CO',
      timestamp: this.options.clock.now(),
    } as Activity;
  }

  private async findDuplicate(conversationId: string, incoming: Partial<Activity>): Promise<string | undefined> {
    const clientId = (incoming.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;
    if (!clientId) return undefined;
    return (await this.store.findByClientActivityId(conversationId, clientId))?.id ?? undefined;
  }

  private async deliver(conversationId: string, activity: Partial<Activity>): Promise<StoredActivity> {
    const { activity: stored } = await this.store.append(conversationId, activity);
    // While a user's message is held here, its release announces everything after it at once.
    if (!this.holding.has(conversationId)) this.announce(conversationId);
    return stored;
  }

  /** The log of this conversation changed: streams here and on the other instances read what is new. */
  private announce(conversationId: string): void {
    this.feed.wake(conversationId);
    this.options.relay?.announce(conversationId);
  }

  /**
   * Runs the bot; answers the HTTP caller after the turn or after turnWaitMs, whichever comes first
   * (then the turn goes on, and whether its input was a secret is no longer known here).
   */
  private async runTurn(activity: Activity, onSettled: () => void = () => undefined, clientAddress?: string): Promise<{ sensitive: boolean }> {
    const turn = this.adapter.runTurn(activity, undefined, clientAddress === undefined ? undefined : (context) => setTurnClientAddress(context, clientAddress)).finally(onSettled).then(
      (context) => ({ sensitive: isInputSensitive(context) }),
      (error: unknown) => {
        // Without an onTurnError the adapter rethrows; the user's message is already in the log.
        this.options.logger.error('directline.turn_failed', { error: error as Error, conversation: pseudonym(activity.conversation.id) });
        return { sensitive: false };
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<{ sensitive: boolean }>((resolve) => {
      timer = setTimeout(() => resolve({ sensitive: false }), this.options.turnWaitMs ?? DEFAULT_TURN_WAIT_MS);
      timer.unref();
    });
    const outcome = await Promise.race([turn, waited]);
    clearTimeout(timer);
    return outcome;
  }
}
