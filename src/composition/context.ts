// The shape every area's wiring follows: it receives the shared infrastructure (read only) and RETURNS
// what it adds — dialogs for the main menu, HTTP routes, background tasks, channel middleware — which
// src/app.ts assembles in an order visible in one place. No wiring pushes into a shared list.
import type { Middleware } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import type { ConversationAccessors } from '../bot/conversationData';
import type { TurnPreload } from '../bot/turnPreloadMiddleware';
import type { ChannelRegistry } from '../channels/channelRegistry';
import type { Config } from '../config';
import type { Clock } from '../domain/clock';
import type { Logger } from '../observability/logger';
import type { Coordination } from '../services/ports/coordination';
import type { AllRepositories } from '../storage/repositories';
import type { StagedFileStore } from '../storage/stagedFileStore';
import type { UploadServices } from './uploadChecks';

/** Something that runs in the background while the app serves (outbox worker, sweeps, WhatsApp). */
export interface BackgroundTask {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export type RouteRegistration = (server: Server) => void;

/** What the areas share; built once by src/app.ts. Repositories come only from the one factory. */
export interface AppInfrastructure {
  config: Config;
  clock: Clock;
  logger: Logger;
  repositories: AllRepositories;
  stagedFiles: StagedFileStore;
  /** PDF inspection (worker threads) and photo conversion, shared by every upload path. */
  uploads: UploadServices;
  accessors: ConversationAccessors;
  registry: ChannelRegistry;
  /** Locks, claims and signals between instances (in process with SQLite). */
  coordination: Coordination;
}

/** What one area adds to the app. */
export interface Wiring {
  /** Dialogs registered in the main dialog. */
  dialogs: Dialog[];
  routes: RouteRegistration[];
  tasks: BackgroundTask[];
  /** Applied to every channel adapter, in this order (after the per-conversation turn queue). */
  middleware: Middleware[];
  /** Reads a user's turn will need, started together when it begins (src/bot/turnPreloadMiddleware.ts). */
  preloads: TurnPreload[];
}

/** A Wiring with only the given parts. */
export function wiring(parts: Partial<Wiring>): Wiring {
  return { dialogs: parts.dialogs ?? [], routes: parts.routes ?? [], tasks: parts.tasks ?? [], middleware: parts.middleware ?? [], preloads: parts.preloads ?? [] };
}

/** The parts of several wirings, concatenated in the order given. */
export function combineWirings(...parts: Wiring[]): Wiring {
  return {
    dialogs: parts.flatMap((p) => p.dialogs),
    routes: parts.flatMap((p) => p.routes),
    tasks: parts.flatMap((p) => p.tasks),
    middleware: parts.flatMap((p) => p.middleware),
    preloads: parts.flatMap((p) => p.preloads),
  };
}
