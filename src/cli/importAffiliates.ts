// `npm run import:affiliates -- FILE [--format csv|ndjson] [--report PATH]` on DATABASE_URL.
import { loadConfig } from '../config';
import { runCli } from './runCli';
import { systemClock } from '../domain/clock';
import { AffiliateFeedService } from '../services/affiliateFeed/affiliateFeedService';
import { createKnex } from '../storage/knex';
import { migrateLatest } from '../storage/migrate';
import { KnexAffiliateFeedStore } from '../storage/repositories/knexAffiliateFeedStore';
import { importAffiliateFile } from './affiliateFileImport';

const USAGE = 'uso: npm run import:affiliates -- ARCHIVO.csv|ARCHIVO.ndjson [--format csv|ndjson] [--report RUTA]';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(args: string[]): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !['--format', '--report'].includes(args[i - 1] ?? ''));
  const format = option(args, 'format');
  if (!file || (format !== undefined && format !== 'csv' && format !== 'ndjson')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const knex = createKnex(config.databaseUrl);
  try {
    await migrateLatest(knex);
    const feed = new AffiliateFeedService({ store: new KnexAffiliateFeedStore(knex), clock: systemClock });
    const result = await importAffiliateFile({
      file,
      feed,
      clock: systemClock,
      out: process.stdout,
      format: format as 'csv' | 'ndjson' | undefined,
      reportPath: option(args, 'report'),
    });
    return result.refused > 0 ? 1 : 0;
  } finally {
    await knex.destroy();
  }
}

runCli(() => main(process.argv.slice(2)));
