// 50 conversations at once, each sending its next message when the last was answered ('hola' and
// 'ayuda' alternating), through POST /api/messages (expectReplies) and through the web chat's Direct
// Line endpoints: the bare botbuilder echo bot on the same stack as the floor, then this project on
// SQLite and — with BENCH_DATABASE_URL — PostgreSQL with one and with two instances.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createKnex } from '../src/storage/knex';
import { expectRepliesActivity, Instance, postJson, runLoad, startInstance } from './load';
import { BenchReport, BenchSection, Row, round, target } from './report';

const CONVERSATIONS = 50;
const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 8) * 1000;
const TEXTS = ['hola', 'ayuda'];

/** POST /api/messages load spread round-robin over the instances (a load balancer without stickiness). */
async function apiMessagesLoad(name: string, instances: Instance[]): Promise<Row> {
  const run = randomBytes(3).toString('hex');
  let next = 0;
  return runLoad({
    name,
    conversations: CONVERSATIONS,
    durationMs: DURATION_MS,
    turn: async (c, i) => {
      const instance = instances[next++ % instances.length];
      const answer = await postJson<{ activities?: unknown[] }>(`${instance.base}/api/messages`, expectRepliesActivity(`bench-${run}-${c}`, TEXTS[i % 2], i));
      if (!answer?.activities?.length) throw new Error('no reply');
    },
  });
}

async function directLineLoad(name: string, instances: Instance[]): Promise<Row> {
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

async function measureApp(report: BenchReport, label: string, databaseUrl: string, count: number, echo: Row): Promise<Row> {
  // Fifty people, each from their own address (X-Forwarded-For through a trusted proxy hop).
  // Each conversation sends as fast as it is answered: far past the web chat's per-person message rate,
  // which would otherwise be what the Direct Line row measures (429s, retried at once).
  const env = { DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(32).toString('hex'), TRUST_PROXY: '1', BENCH_UNTHROTTLED_CONVERSATIONS: '1' };
  const instances: Instance[] = [];
  try {
    // One after another: the first migrates and seeds, the others find the database ready.
    for (let i = 0; i < count; i++) instances.push(await startInstance('appInstance', env));
    const idle = instances.map((x) => x.rssMb());
    const api = await apiMessagesLoad(`/api/messages turns, ${CONVERSATIONS} conversations (${label})`, instances);
    api.rss_mb = Math.max(...instances.map((x) => x.rssMb()));
    api.note = `${api.note ? `${api.note}; ` : ''}RSS idle ${idle.join('/')} MB`;
    report.rows.push(api);
    const dl = await directLineLoad(`Direct Line turns, ${CONVERSATIONS} conversations (${label})`, instances);
    dl.rss_mb = Math.max(...instances.map((x) => x.rssMb()));
    report.rows.push(dl);
    report.ratios[`api_messages_vs_echo_${label}`] = round(api.per_second / echo.per_second);
    return api;
  } finally {
    for (const instance of instances) await instance.stop();
  }
}

export const concurrentTurns: BenchSection = {
  name: 'concurrent turns',
  async run(report, env) {
    const echoInstance = await startInstance('echoBot');
    let echo: Row;
    try {
      echo = await apiMessagesLoad(`echo bot (restify + CloudAdapter), ${CONVERSATIONS} conversations`, [echoInstance]);
      echo.rss_mb = echoInstance.rssMb();
      report.rows.push(echo);
    } finally {
      await echoInstance.stop();
    }
    const sqlite = await measureApp(report, 'SQLite', `sqlite:${path.join(env.tmp, 'concurrent.sqlite3')}`, 1, echo);
    target(report, 'full dialog turn vs echo bot, SQLite', sqlite.per_second / echo.per_second, '≥ 0.5', sqlite.per_second / echo.per_second >= 0.5);
    target(report, 'p99 at 50 conversations, SQLite (ms)', sqlite.p99_ms ?? 0, '≤ 150', (sqlite.p99_ms ?? Infinity) <= 150);
    if (env.postgresUrl) {
      const one = await freshPostgresSchema(env.postgresUrl);
      let pgOne: Row;
      try {
        pgOne = await measureApp(report, 'PostgreSQL, one instance', one.url, 1, echo);
      } finally {
        await one.drop();
      }
      const two = await freshPostgresSchema(env.postgresUrl);
      try {
        const pgTwo = await measureApp(report, 'PostgreSQL, two instances', two.url, 2, echo);
        const scale = pgTwo.per_second / pgOne.per_second;
        report.ratios.postgres_two_vs_one_instance = round(scale);
        target(report, 'two PostgreSQL instances vs one', scale, '≥ 1.3', scale >= 1.3);
      } finally {
        await two.drop();
      }
      target(report, 'p99 at 50 conversations, PostgreSQL one instance (ms)', pgOne.p99_ms ?? 0, '≤ 150', (pgOne.p99_ms ?? Infinity) <= 150);
    }
  },
};
