// Keeps the whatsapp-web.js client alive: shows the QR (or the pairing code) in the terminal, logs each
// state change without personal data, and restarts the client after a disconnection or a failed start
// with exponential back-off (reset once it is ready again).
import qrcode from 'qrcode-terminal';
import { Logger } from '../../observability/logger';
import { WebJsState, WhatsAppWebClient } from './webjsPort';

export type SupervisorStatus = 'stopped' | 'starting' | 'waiting_for_link' | 'authenticated' | 'ready' | 'reconnecting';

export interface Scheduler {
  /** Runs task after ms; returns a function that cancels it. */
  schedule(task: () => Promise<void>, ms: number): () => void;
}

export const timerScheduler: Scheduler = {
  schedule(task, ms) {
    const timer = setTimeout(() => void task(), ms);
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export interface WebJsSupervisorDeps {
  client: WhatsAppWebClient;
  logger: Logger;
  scheduler?: Scheduler;
  /** Where the operator sees the QR and the pairing code (never the log). Default: the terminal. */
  terminal?: { showQr(qr: string): void; showPairingCode(code: string): void };
  backoff?: { initialMs: number; maxMs: number };
  /** 0..1, for jitter; tests pass a constant. */
  random?: () => number;
}

export const terminalDisplay = {
  showQr(qr: string): void {
    process.stdout.write('\nWhatsApp: escanea este código desde el teléfono (Dispositivos vinculados → Vincular un dispositivo):\n');
    qrcode.generate(qr, { small: true });
  },
  showPairingCode(code: string): void {
    const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
    process.stdout.write(
      `\nWhatsApp: código de vinculación ${shown}\nEn el teléfono: Dispositivos vinculados → Vincular un dispositivo → Vincular con el número de teléfono.\n`,
    );
  },
};

export class WebJsSupervisor {
  private status: SupervisorStatus = 'stopped';
  private failures = 0;
  private cancelRetry?: () => void;
  private readonly scheduler: Scheduler;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly deps: WebJsSupervisorDeps) {
    this.scheduler = deps.scheduler ?? timerScheduler;
    this.backoff = deps.backoff ?? { initialMs: 5_000, maxMs: 5 * 60_000 };
    deps.client.onState((state) => this.onState(state));
  }

  get state(): SupervisorStatus {
    return this.status;
  }

  async start(): Promise<void> {
    this.setStatus('starting');
    await this.startClient();
  }

  async stop(): Promise<void> {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.setStatus('stopped');
    await this.deps.client.stop();
  }

  /** The delay before the given (1-based) retry, with ±20 % jitter so instances do not retry in step. */
  delayFor(attempt: number): number {
    const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempt - 1));
    const jitter = 0.8 + 0.4 * (this.deps.random ?? Math.random)();
    return Math.round(base * jitter);
  }

  private onState(state: WebJsState): void {
    if (this.status === 'stopped') return;
    const terminal = this.deps.terminal ?? terminalDisplay;
    switch (state.kind) {
      case 'qr':
        this.setStatus('waiting_for_link', { method: 'qr' });
        terminal.showQr(state.qr);
        return;
      case 'pairing_code':
        this.setStatus('waiting_for_link', { method: 'pairing_code' });
        terminal.showPairingCode(state.code);
        return;
      case 'authenticated':
        this.setStatus('authenticated');
        return;
      case 'ready':
        this.failures = 0;
        this.setStatus('ready');
        return;
      case 'auth_failure':
        this.deps.logger.error('whatsapp_webjs_auth_failure', { hint: 'session_rejected_relink_phone' });
        this.scheduleRestart('auth_failure');
        return;
      case 'disconnected':
        this.scheduleRestart(state.reason);
        return;
    }
  }

  private async startClient(): Promise<void> {
    try {
      await this.deps.client.start();
    } catch (error) {
      this.deps.logger.error('whatsapp_webjs_start_failed', { error: error as Error });
      this.scheduleRestart('start_failed');
    }
  }

  private scheduleRestart(reason: string): void {
    if (this.status === 'stopped' || this.cancelRetry) return;
    this.failures += 1;
    const delayMs = this.delayFor(this.failures);
    this.setStatus('reconnecting', { reason, attempt: this.failures, delayMs });
    this.cancelRetry = this.scheduler.schedule(async () => {
      this.cancelRetry = undefined;
      await this.restart();
    }, delayMs);
  }

  private async restart(): Promise<void> {
    if (this.status === 'stopped') return;
    try {
      await this.deps.client.stop();
    } catch (error) {
      // The browser may already be gone; starting a fresh one is what matters.
      this.deps.logger.warn('whatsapp_webjs_stop_failed', { error: error as Error });
    }
    this.setStatus('starting', { attempt: this.failures });
    await this.startClient();
  }

  private setStatus(status: SupervisorStatus, fields: Record<string, unknown> = {}): void {
    this.status = status;
    const level = status === 'reconnecting' ? 'warn' : 'info';
    this.deps.logger[level]('whatsapp_webjs_state', { state: status, ...fields });
  }
}
