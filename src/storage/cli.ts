// `npm run migrate` / `npm run seed` (and `rollback`) on DATABASE_URL.
import { loadConfig } from '../config';
import { createKnex } from './knex';
import { migrateLatest, rollbackAll } from './migrate';
import { runSeeds } from './seeds';

const USAGE = 'uso: node dist/src/storage/cli.js migrate|seed|rollback';

async function main(command: string | undefined): Promise<number> {
  if (command !== 'migrate' && command !== 'seed' && command !== 'rollback') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const knex = createKnex(config.databaseUrl);
  try {
    if (command === 'rollback') {
      const undone = await rollbackAll(knex);
      process.stdout.write(`Migraciones revertidas: ${undone.length}\n`);
      return 0;
    }
    const applied = await migrateLatest(knex);
    process.stdout.write(`Migraciones aplicadas: ${applied.length}\n`);
    if (command === 'seed') {
      const started = Date.now();
      await runSeeds(knex);
      process.stdout.write(`Datos de referencia y de demostración cargados en ${Date.now() - started} ms\n`);
    }
    return 0;
  } finally {
    await knex.destroy();
  }
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Driver messages can embed SQL bindings (personal data): print the class and code only.
    const e = error as { name?: string; code?: string; problems?: string[] };
    process.stderr.write(
      e.problems ? `${String((error as Error).message)}\n` : `Error: ${e.name ?? 'Error'} ${e.code ?? ''}\n`,
    );
    process.exitCode = 1;
  },
);
