// 50 conversations at once, each sending its next message when the last was answered ('hola' and
// 'ayuda' alternating), through POST /api/messages (expectReplies) and through the web chat's Direct
// Line endpoints: the bare botbuilder echo bot on the same stack as the floor, then this project on
// SQLite and — with BENCH_DATABASE_URL — PostgreSQL with one and with two instances.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createKnex } from '../src/storage/knex';
import { expectRepliesActivity, Instance, postJson, runLoad, startInstance } from './load';
import { CpuShare, describeCpu, measureCpu } from './cpuShare';
import { BenchReport, BenchSection, Row, round, target } from './report';

const CONVERSATIONS = 50;
const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 8) * 1000;
const TEXTS = ['hola', 'ayuda'];

/** A load's row (its note says the cores the servers, PostgreSQL and the load generator used in its window), and those cores. */
async function withCpu(instances: Instance[], load: (window: { start(): void; end(): void }) => Promise<Row>): Promise<{ row: Row; cpu?: CpuShare }> {
  let measuring: ReturnType<typeof measureCpu> | undefined;
  let cpu: CpuShare | undefined;
  const row = await load({
    start: () => (measuring = measureCpu(instances.map((instance) => instance.child.pid!))),
    end: () => (cpu = measuring?.stop()),
  });
  if (cpu) row.note = `${row.note ? `${row.note}; ` : ''}${describeCpu(cpu)}`;
  return { row, cpu };
}

/** POST /api/messages load spread round-robin over the instances (a load balancer without stickiness). */
async function apiMessagesLoad(name: string, instances: Instance[], window?: { start(): void; end(): void }): Promise<Row> {
  const run = randomBytes(3).toString('hex');
  let next = 0;
  return runLoad({
    name,
    window,
    conversations: CONVERSATIONS,
    durationMs: DURATION_MS,
    turn: async (c, i) => {
      const instance = instances[next++ % instances.length];
      const answer = await postJson<{ activities?: unknown[] }>(`${instance.base}/api/messages`, expectRepliesActivity(`bench-${run}-${c}`, TEXTS[i % 2], i));
      if (!answer?.activities?.length) throw new Error('no reply');
    },
  });
}

async function directLineLoad(name: string, instances: Instance[], window?: { start(): void; end(): void }): Promise<Row> {
  const people = await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      const base = instances[c % instances.length].base;
      const ticket = await postJson<{ token: string; conversationId: string }>(`${base}/api/webchat/token`, {}, undefined, c);
      await postJson(`${base}/v3/directline/conversations`, {}, ticket.token, c);
      return ticket;
    }),
  );
  return runLoad({
    name,
    window,
    conversations: CONVERSATIONS,
    durationMs: DURATION_MS,
    turn: async (c, i) => {
      const p = people[c];
      // No affinity: each message of a web chat goes to the next instance (the history is in the database).
      const base = instances[(c + i) % instances.length].base;
      await postJson(`${base}/v3/directline/conversations/${p.conversationId}/activities`, { type: 'message', from: { id: 'bench' }, text: TEXTS[i % 2] }, p.token, c);
    },
  });
}

/** A fresh schema of BENCH_DATABASE_URL for one run, so every run starts from an empty database. */
async function freshPostgresSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = createKnex(url);
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const separator = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const knex = createKnex(url);
      await knex.raw(`drop schema ${schema} cascade`);
      await knex.destroy();
    },
  };
}

async function measureApp(report: BenchReport, label: string, databaseUrl: string, count: number, echo: Row): Promise<{ api: Row; directLine: Row; cpu?: CpuShare }> {
  // Fifty people, each from their own address (X-Forwarded-For through a trusted proxy hop).
  // Each conversation sends as fast as it is answered: far past the web chat's per-person message rate,
  // which would otherwise be what the Direct Line row measures (429s, retried at once).
  const env = { DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(32).toString('hex'), TRUST_PROXY: '1', BENCH_UNTHROTTLED_CONVERSATIONS: '1' };
  const instances: Instance[] = [];
  try {
    // One after another: the first migrates and seeds, the others find the database ready.
    for (let i = 0; i < count; i++) instances.push(await startInstance('appInstance', env));
    const idle = instances.map((x) => x.rssMb());
    const { row: api, cpu } = await withCpu(instances, (window) => apiMessagesLoad(`/api/messages turns, ${CONVERSATIONS} conversations (${label})`, instances, window));
    api.rss_mb = Math.max(...instances.map((x) => x.rssMb()));
    api.note = `${api.note ? `${api.note}; ` : ''}RSS idle ${idle.join('/')} MB`;
    report.rows.push(api);
    const { row: dl } = await withCpu(instances, (window) => directLineLoad(`Direct Line turns, ${CONVERSATIONS} conversations (${label})`, instances, window));
    dl.rss_mb = Math.max(...instances.map((x) => x.rssMb()));
    report.rows.push(dl);
    report.ratios[`api_messages_vs_echo_${label}`] = round(api.per_second / echo.per_second);
    if (cpu) {
      report.figures[`cores_server_${label}`] = cpu.servers;
      report.figures[`cores_postgres_${label}`] = cpu.postgres;
      report.figures[`cores_load_generator_${label}`] = cpu.loadGenerator;
    }
    return { api, directLine: dl, cpu };
  } finally {
    for (const instance of instances) await instance.stop();
  }
}

/** p99 at 50 conversations, on both paths a turn can come by: the Bot Framework endpoint and the web chat's. */
function p99Target(report: BenchReport, label: string, api: Row, directLine: Row): void {
  for (const [path, row] of [['/api/messages', api], ['Direct Line', directLine]] as const) {
    target(report, `p99 at 50 conversations, ${path}, ${label} (ms)`, row.p99_ms ?? 0, '≤ 150', (row.p99_ms ?? Infinity) <= 150);
  }
}

export const concurrentTurns: BenchSection = {
  name: 'concurrent turns',
  async run(report, env) {
    const echoInstance = await startInstance('echoBot');
    let echo: Row;
    try {
      echo = (await withCpu([echoInstance], (window) => apiMessagesLoad(`echo bot (restify + CloudAdapter), ${CONVERSATIONS} conversations`, [echoInstance], window))).row;
      echo.rss_mb = echoInstance.rssMb();
      report.rows.push(echo);
    } finally {
      await echoInstance.stop();
    }
    const { api: sqlite, directLine } = await measureApp(report, 'SQLite', `sqlite:${path.join(env.tmp, 'concurrent.sqlite3')}`, 1, echo);
    target(report, 'full dialog turn vs echo bot, SQLite', sqlite.per_second / echo.per_second, '≥ 0.5', sqlite.per_second / echo.per_second >= 0.5);
    p99Target(report, 'SQLite', sqlite, directLine);
    if (env.postgresUrl) {
      const oneSchema = await freshPostgresSchema(env.postgresUrl);
      let pgOne: { api: Row; directLine: Row; cpu?: CpuShare };
      try {
        pgOne = await measureApp(report, 'PostgreSQL, one instance', oneSchema.url, 1, echo);
      } finally {
        await oneSchema.drop();
      }
      const twoSchema = await freshPostgresSchema(env.postgresUrl);
      try {
        const { api: pgTwo } = await measureApp(report, 'PostgreSQL, two instances', twoSchema.url, 2, echo);
        const scale = pgTwo.per_second / pgOne.api.per_second;
        report.ratios.postgres_two_vs_one_instance = round(scale);
        target(report, 'two PostgreSQL instances vs one', scale, '≥ 1.3', scale >= 1.3);
        if (pgOne.cpu) {
          // All a second instance can add is what one instance, PostgreSQL and the load generator left idle.
          const { servers, postgres, loadGenerator, cores } = pgOne.cpu;
          const used = servers + postgres + loadGenerator;
          report.figures.postgres_two_instances_ceiling = round(cores / used);
          report.notes.push(
            `two instances: one instance, its PostgreSQL and the load generator already used ${round(used)} of ${cores} cores, so two instances on this machine can reach at most ${round(cores / used)}× one (measured ${round(scale)}×)`,
          );
        }
      } finally {
        await twoSchema.drop();
      }
      target(report, 'full dialog turn vs echo bot, PostgreSQL one instance', pgOne.api.per_second / echo.per_second, '≥ 0.5', pgOne.api.per_second / echo.per_second >= 0.5);
      p99Target(report, 'PostgreSQL one instance', pgOne.api, pgOne.directLine);
    }
  },
};
