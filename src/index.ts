// `npm start`: validate the configuration, build the app (migrate, seed an empty database), serve.
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './observability/logger';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(
      process.argv.includes('--whatsapp') ? { ...process.env, WHATSAPP_WEBJS: 'on' } : process.env,
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.env === 'test' ? 'warn' : 'info' });
  if (config.sessionSecretIsEphemeral) {
    logger.warn('config.ephemeral_session_secret', { hint: 'set SESSION_SECRET so tokens survive restarts' });
  }

  const pairing = process.argv.find((arg) => arg.startsWith('--pairing-phone='))?.slice('--pairing-phone='.length);
  if (pairing !== undefined && !/^\d{10,15}$/.test(pairing.replace(/\D/g, ''))) {
    process.stderr.write('--pairing-phone debe ser el número completo con indicativo, por ejemplo 573001112233\n');
    process.exit(1);
  }
  const app = await createApp({ config, logger, whatsappPairingPhone: pairing });
  const url = await app.start();
  const bound = app.boundAddress();
  const loopbackOnly = bound !== undefined && /^(127\.|::1$|::ffff:127\.)/.test(bound.address);
  logger.info('server.listening', { host: bound?.address, port: bound?.port, loopbackOnly });
  process.stdout.write(
    [
      '',
      `  Oficina Virtual lista en ${config.publicUrl}`,
      `  Web chat:        ${config.publicUrl}/`,
      `  Consola asesores: ${config.publicUrl}/agent`,
      `  Back office:     ${config.publicUrl}/backoffice`,
      `  (escuchando en ${bound ? `${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}` : url}${
        loopbackOnly ? ': solo este equipo; HOST=0.0.0.0 la abre a la red' : ': accesible desde la red'
      })`,
      '',
    ].join('\n') + '\n',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server.stopping', { signal });
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error('server.stop_failed', { error: error as Error });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`No se pudo iniciar: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
