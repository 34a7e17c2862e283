// `npm run apikey -- create --name NAME --scopes a,b` | `list` | `revoke NAME`, on DATABASE_URL.
// The created key is printed once: only its SHA-256 is stored.
import { API_SCOPES, parseScopes } from '../domain/apiScopes';
import { ConflictError } from '../domain/errors';
import { systemClock } from '../domain/clock';
import { loadConfig } from '../config';
import { runCli } from './runCli';
import { ApiKeyService } from '../services/integrationApi/apiKeyService';
import { createKnex } from '../storage/knex';
import { migrateLatest } from '../storage/migrate';
import { KnexApiKeyRepository } from '../storage/repositories/knexApiKeyRepository';

const USAGE = `uso:
  npm run apikey -- create --name NOMBRE --scopes ${API_SCOPES.join(',')}
  npm run apikey -- list
  npm run apikey -- revoke NOMBRE`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export async function runApiKeyCommand(args: string[], out: (line: string) => void, service: ApiKeyService): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'create') {
    const name = option(rest, 'name')?.trim();
    const scopes = parseScopes(option(rest, 'scopes') ?? '');
    if (!name || name.length > 80) {
      out(`Falta --name (hasta 80 caracteres).\n${USAGE}`);
      return 2;
    }
    if (!scopes.ok || scopes.scopes.length === 0) {
      out(`Permisos no válidos${scopes.ok ? '' : ` (${scopes.unknown})`}: usa ${API_SCOPES.join(', ')}.`);
      return 2;
    }
    try {
      const { key } = await service.create(name, scopes.scopes);
      out(`Llave "${name}" creada con ${scopes.scopes.join(', ')}. Guárdala ahora: no se vuelve a mostrar.\n${key}`);
      return 0;
    } catch (error) {
      if (error instanceof ConflictError) {
        out(`Ya existe una llave llamada "${name}".`);
        return 1;
      }
      throw error;
    }
  }
  if (command === 'list') {
    const keys = await service.list();
    if (keys.length === 0) out('No hay llaves.');
    for (const k of keys) {
      out(`${k.name}\t${k.keyPrefix}…\t${k.scopes.join(',')}\tcreada ${k.createdAt.toISOString()}${k.revokedAt ? `\trevocada ${k.revokedAt.toISOString()}` : ''}`);
    }
    return 0;
  }
  if (command === 'revoke' && rest[0]) {
    const revoked = await service.revoke(rest[0]);
    out(revoked ? `Llave "${rest[0]}" revocada.` : `No hay una llave activa llamada "${rest[0]}".`);
    return revoked ? 0 : 1;
  }
  out(USAGE);
  return 2;
}

async function main(): Promise<number> {
  const config = loadConfig();
  const knex = createKnex(config.databaseUrl);
  try {
    await migrateLatest(knex);
    const service = new ApiKeyService({ keys: new KnexApiKeyRepository(knex), clock: systemClock, production: config.env === 'production' });
    return await runApiKeyCommand(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), service);
  } finally {
    await knex.destroy();
  }
}

if (require.main === module) runCli(main);
