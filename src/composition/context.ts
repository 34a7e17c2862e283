// What every area's wiring receives and adds to: the shared infrastructure, plus the lists the app
// assembles (feature dialogs, background tasks, HTTP routes, channel middleware).
import type { Middleware } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Knex } from 'knex';
import type { Server } from 'restify';
import type { ConversationAccessors } from '../bot/conversationData';
import type { ChannelRegistry } from '../channels/registry';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../observability/logger';
import type { MessageDriver } from '../services/ports/notifications';
import type { Repositories } from '../services/ports/repositories';
import type { StagedFileStore } from '../storage/stagedFiles';

/** Something that runs in the background while the app serves (outbox worker, sweeps, WhatsApp). */
export interface BackgroundTask {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export type RouteRegistration = (server: Server) => void;

export interface AppContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  knex: Knex;
  repositories: Repositories;
  stagedFiles: StagedFileStore;
  accessors: ConversationAccessors;
  registry: ChannelRegistry;
  /** Dialogs registered in the main dialog. */
  features: Dialog[];
  tasks: BackgroundTask[];
  routes: RouteRegistration[];
  /** Applied to every channel adapter, in this order. */
  middleware: Middleware[];
  /** The outbox worker's drivers, one per message kind (SMS, e-mail, chat). */
  outboxDrivers: MessageDriver[];
}
