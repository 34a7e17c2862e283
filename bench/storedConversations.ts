// Memory with many conversations: RSS of one instance after BENCH_STORED_CONVERSATIONS (default 10,000)
// web chat conversations were started and answered once each (rate-limit maps and the reference cache
// in memory; the Direct Line log, bot state, transcripts and references in the database), read right after
// the run and again after a full garbage collection.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { request, startInstance } from './load';
import { BenchSection, round, target } from './report';

const COUNT = Number(process.env.BENCH_STORED_CONVERSATIONS ?? 10_000);
const CONCURRENCY = 50;

export const storedConversations: BenchSection = {
  name: 'stored conversations',
  async run(report, env) {
    // Many people, each from their own address (X-Forwarded-For through a trusted proxy hop), so the
    // per-address limits see what they would in production.
    const instance = await startInstance('appInstance', { DATABASE_URL: `sqlite:${path.join(env.tmp, 'stored.sqlite3')}`, TRUST_PROXY: '1' });
    const post = async <T>(url: string, body: unknown, person: number, token?: string): Promise<T> => {
      const result = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(person >> 16) & 255}.${(person >> 8) & 255}.${person & 255}`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      if (result.status >= 300) throw new Error(`${url} → ${result.status}`);
      return JSON.parse(result.body || 'null') as T;
    };
    try {
      const idleHeap = await instance.collectGarbage();
      const idle = instance.rssMb();
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < COUNT) {
            const person = (next += 1);
            const ticket = await post<{ token: string; conversationId: string }>(`${instance.base}/api/webchat/token`, {}, person);
            await post(`${instance.base}/v3/directline/conversations`, {}, person, ticket.token);
            await post(`${instance.base}/v3/directline/conversations/${ticket.conversationId}/activities`, { type: 'message', from: { id: 'bench' }, text: 'hola' }, person, ticket.token);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      // Right after the last answer V8 still holds the run's garbage (~115 MB after 10,000 conversations at
      // 50 at a time). After a full collection, RSS still counts heap pages V8 keeps committed or pooled for
      // reuse; the heap in use is what the conversations themselves keep.
      const rssAfterRun = instance.rssMb();
      const heap = await instance.collectGarbage();
      const rss = instance.rssMb();
      report.figures.stored_conversations = COUNT;
      report.figures.stored_conversations_rss_idle_mb = idle;
      report.figures.stored_conversations_rss_after_run_mb = rssAfterRun;
      report.figures.stored_conversations_rss_mb = rss;
      // The JavaScript objects the conversations left behind (rate-limit buckets and the like), per conversation.
      report.figures.stored_conversations_heap_used_idle_mb = idleHeap;
      report.figures.stored_conversations_heap_used_mb = heap;
      report.figures.stored_conversations_heap_kb_each = round(((heap - idleHeap) * 1024) / COUNT);
      report.figures.stored_conversations_per_second = round(COUNT / seconds);
      target(report, `RSS with ${COUNT} stored conversations, after a full GC (MB)`, rss, '≤ 250', rss <= 250);
    } finally {
      await instance.stop();
    }
  },
};
