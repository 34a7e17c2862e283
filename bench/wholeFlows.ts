// Synthetic affiliates through a whole flow at once, over the web chat's Direct Line endpoints as Web Chat
// uses them (post, then read what is new): log in with a password (argon2id), request an authorization
// with a PDF support (multipart upload, inspected in the worker pool), file it, then ask for its status by
// its filing number. BENCH_FLOWS people (default 50) at once, each from their own address, on SQLite and
// with BENCH_DATABASE_URL on PostgreSQL. Prints each step's and the whole flow's latency, and RSS.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { createKnex } from '../src/storage/knex';
import { DEMO_IDS, DEMO_PASSWORD } from '../src/storage/seeds/demoSet';
import { Instance, postJson, request, startInstance } from './load';
import { BenchReport, BenchSection, Row, rowFrom } from './report';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 50);
const FIRST_DOCUMENT = 1_400_000_000;

interface Person {
  document: string;
  address: number;
}

/** Clones Ana Milena (alone in her nucleus, charter accepted, a password) as `count` invented people. */
async function seedPeople(databaseUrl: string, count: number): Promise<Person[]> {
  const knex = createKnex(databaseUrl);
  try {
    const affiliate = (await knex('affiliates').where({ id: DEMO_IDS.anaMilena }).first()) as Record<string, unknown>;
    const account = (await knex('accounts').where({ id: DEMO_IDS.anaMilenaAccount }).first()) as Record<string, unknown>;
    const consents = (await knex('consents').where({ affiliate_id: DEMO_IDS.anaMilena })) as Array<Record<string, unknown>>;
    const people: Person[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const document = String(FIRST_DOCUMENT + i);
      await knex.transaction(async (trx) => {
        await trx('affiliates').insert({ ...affiliate, id, document_number: document, family_nucleus_id: randomUUID(), head_affiliate_id: id, mobile: `31${String(10_000_000 + i).slice(-8)}`, email: `flujo${i}@ejemplo.test` });
        await trx('accounts').insert({ ...account, id: randomUUID(), affiliate_id: id });
        for (const consent of consents) await trx('consents').insert({ ...consent, id: randomUUID(), affiliate_id: id });
      });
      people.push({ document, address: 1000 + i });
    }
    return people;
  } finally {
    await knex.destroy();
  }
}

async function supportPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Orden medica: control con medicina interna');
  return Buffer.from(await pdf.save());
}

function forwardedFor(person: number): Record<string, string> {
  return { 'x-forwarded-for': `10.${(person >> 16) & 255}.${(person >> 8) & 255}.${person & 255}` };
}

/** One person's web chat: posts a message (or a file) and reads the bot's answer from the log. */
class Chat {
  private watermark = '';
  /** Uploads tried again: refused with 429 (too many at once), or the inspection queue was full. */
  uploadRetries = 0;
  private constructor(
    private readonly base: string,
    private readonly token: string,
    private readonly id: string,
    private readonly address: number,
  ) {}

  static async open(base: string, address: number): Promise<Chat> {
    const ticket = await postJson<{ token: string; conversationId: string }>(`${base}/api/webchat/token`, {}, undefined, address);
    await postJson(`${base}/v3/directline/conversations`, {}, ticket.token, address);
    const chat = new Chat(base, ticket.token, ticket.conversationId, address);
    await chat.read(/Qué quieres hacer/);
    return chat;
  }

  async say(text: string, expected: RegExp): Promise<string> {
    await postJson(`${this.base}/v3/directline/conversations/${this.id}/activities`, { type: 'message', from: { id: 'x' }, text }, this.token, this.address);
    return this.read(expected);
  }

  /** Sends the file until it is taken: past the server's uploads or inspections at once, a person sends it again. */
  async upload(name: string, pdf: Buffer, expected: RegExp): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.uploadOnce(name, pdf, new RegExp(`${expected.source}|envíalo de nuevo`));
      if (expected.test(answer)) return answer;
      if (attempt >= 30) throw new Error(`the file was never taken: ${answer.slice(0, 160)}`);
      this.uploadRetries += 1;
    }
  }

  private async uploadOnce(name: string, pdf: Buffer, expected: RegExp): Promise<string> {
    const boundary = `bench${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    for (let attempt = 0; ; attempt++) {
      const answer = await request(`${this.base}/v3/directline/conversations/${this.id}/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, ...forwardedFor(this.address) },
        body,
      });
      if (answer.status === 200) break;
      // Past the server's uploads at once (16), the person tries again a moment later, as asked.
      if (answer.status !== 429 || attempt >= 60) throw new Error(`upload → ${answer.status} ${answer.body.slice(0, 200)}`);
      this.uploadRetries += 1;
      await new Promise<void>((resolve) => setTimeout(resolve, 500));
    }
    return this.read(expected);
  }

  /** The bot's texts since the last read; reads again (bounded) while the expected answer is not there yet. */
  private async read(expected: RegExp): Promise<string> {
    const deadline = performance.now() + 30_000;
    let seen = '';
    for (;;) {
      const answer = await request(`${this.base}/v3/directline/conversations/${this.id}/activities?watermark=${this.watermark}`, {
        headers: { authorization: `Bearer ${this.token}`, ...forwardedFor(this.address) },
      });
      const page = JSON.parse(answer.body) as {
        activities: Array<{ from: { id: string }; text?: string; suggestedActions?: { actions: Array<{ title?: string }> } }>;
        watermark: string;
      };
      this.watermark = page.watermark;
      for (const activity of page.activities.filter((a) => a.from.id === 'oficina-virtual')) {
        seen += `${activity.text ?? ''}\n${(activity.suggestedActions?.actions ?? []).map((o) => o.title ?? '').join('\n')}\n`;
      }
      if (expected.test(seen)) return seen;
      if (performance.now() > deadline) throw new Error(`expected ${expected} after 30 s; got ${seen.slice(0, 200)}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}

const STEPS = ['log in', 'authorization request with a PDF', 'status query'] as const;

async function flow(base: string, person: Person, pdf: Buffer, steps: Record<(typeof STEPS)[number], number[]>): Promise<number> {
  const chat = await Chat.open(base, person.address);
  let t = performance.now();
  const lap = (step: (typeof STEPS)[number]) => {
    const now = performance.now();
    steps[step].push(now - t);
    t = now;
  };
  await chat.say('Iniciar sesión', /tipo de documento/);
  await chat.say(`CC ${person.document}`, /contraseña/);
  await chat.say(DEMO_PASSWORD, /Solicitar autorización/);
  lap('log in');
  await chat.say('Solicitar autorización', /datos de contacto/);
  await chat.say('si', /municipio de residencia/);
  await chat.say('si', /qué necesitas que autoricemos/);
  await chat.say('Control con medicina interna y exámenes de laboratorio ordenados.', /adjunta los soportes/);
  await chat.upload('orden-medica.pdf', pdf, /Recibí "orden-medica\.pdf"/);
  await chat.say('listo', /Enviamos la solicitud/);
  const filed = await chat.say('Enviar solicitud', /Número de radicado/);
  lap('authorization request with a PDF');
  const number = /AUT-\d{4}-\d{6}/.exec(filed)?.[0];
  if (!number) throw new Error('no filing number');
  await chat.say(`consulta ${number}`, new RegExp(number));
  lap('status query');
  return chat.uploadRetries;
}

async function measureFlows(report: BenchReport, label: string, databaseUrl: string): Promise<Row> {
  const env = { DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(32).toString('hex'), TRUST_PROXY: '1' };
  const instance: Instance = await startInstance('appInstance', env);
  try {
    const people = await seedPeople(databaseUrl, FLOWS);
    const pdf = await supportPdf();
    const steps = { 'log in': [], 'authorization request with a PDF': [], 'status query': [] } as Record<(typeof STEPS)[number], number[]>;
    const whole: number[] = [];
    let failed = 0;
    let retries = 0;
    let firstError = '';
    const started = performance.now();
    await Promise.all(
      people.map(async (person) => {
        const t = performance.now();
        try {
          retries += await flow(instance.base, person, pdf, steps);
          whole.push(performance.now() - t);
        } catch (error) {
          failed += 1;
          firstError ||= (error as Error).message.slice(0, 160);
        }
      }),
    );
    const elapsed = performance.now() - started;
    for (const step of STEPS) report.rows.push(rowFrom(`whole flow step: ${step}, ${FLOWS} affiliates at once (${label})`, steps[step], elapsed));
    const row = rowFrom(`whole flow (log in → request with PDF → status), ${FLOWS} affiliates at once (${label})`, whole, elapsed, {
      rss_mb: instance.rssMb(),
      note: [retries > 0 ? `${retries} uploads sent again (server busy with other files)` : '', failed > 0 ? `${failed} flows failed: ${firstError}` : ''].filter(Boolean).join('; ') || undefined,
    });
    report.rows.push(row);
    report.figures[`whole_flows_failed_${label}`] = failed;
    if (failed > 0) process.stderr.write(`  whole flows (${label}): ${failed} of ${FLOWS} failed; first: ${firstError}\n`);
    return row;
  } finally {
    await instance.stop();
  }
}

export const wholeFlows: BenchSection = {
  name: 'whole flows',
  async run(report, env) {
    await measureFlows(report, 'SQLite', `sqlite:${path.join(env.tmp, 'flows.sqlite3')}`);
    if (env.postgresUrl) {
      const schema = `bench_flows_${randomBytes(4).toString('hex')}`;
      const admin = createKnex(env.postgresUrl);
      await admin.raw(`create schema ${schema}`);
      try {
        const url = `${env.postgresUrl}${env.postgresUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
        await measureFlows(report, 'PostgreSQL', url);
      } finally {
        await admin.raw(`drop schema ${schema} cascade`);
        await admin.destroy();
      }
    }
  },
};
