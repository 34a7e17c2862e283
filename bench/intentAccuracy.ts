// The intent classifier on utterances it never saw (data/intents.heldout.es.json): top-1 accuracy, and
// whether every request for a person reaches one straight from the main menu, as the bot decides it
// (numbers, option words, typos, then the classifier's thresholds). Also how long training takes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hiddenMenu, visibleMenu } from '../dialogs/menu';
import { understandChoice } from '../dialogs/prompts/understandChoice';
import { loadIntentCorpus } from '../src/composition/understanding';
import { PROJECT_ROOT } from '../src/config';
import { overlapWithCorpus, parseHeldOutSet, utteranceCount } from '../src/services/understanding/intentCorpus';
import { NlpjsIntentClassifier } from '../src/services/understanding/nlpjsIntentClassifier';
import { BenchSection, target } from './report';

export const TARGET_TOP1 = 0.95;
export const TARGET_AGENT_ROUTED = 1;

export interface IntentBenchReport {
  corpusUtterances: number;
  heldOutUtterances: number;
  trainingMs: number;
  top1Accuracy: number;
  top1Target: number;
  agentRequests: number;
  agentRoutedToPerson: number;
  agentRoutedTarget: number;
  /** Held-out requests the menu acts on without asking back (the rest get "¿Quisiste decir…?" or "No entendí"). */
  menuDecidedWithoutAsking: number;
  classifyP50Ms: number;
  misses: { text: string; expected: string; got: string }[];
  agentNotRouted: string[];
}

export async function benchIntents(): Promise<IntentBenchReport> {
  const corpus = await loadIntentCorpus();
  const heldOut = parseHeldOutSet(JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'data', 'intents.heldout.es.json'), 'utf8')));
  const overlap = overlapWithCorpus(corpus, heldOut);
  if (overlap.length > 0) throw new Error(`held-out utterances also in the corpus: ${overlap.join(' | ')}`);

  const classifier = await NlpjsIntentClassifier.train(corpus);
  const menu = visibleMenu(false);
  const hidden = hiddenMenu(false);
  const misses: IntentBenchReport['misses'] = [];
  const agentNotRouted: string[] = [];
  const times: number[] = [];
  let correct = 0;
  let agentRequests = 0;
  let agentRouted = 0;
  let menuUtterances = 0;
  let decided = 0;
  const menuIntents = new Set([...menu, ...hidden].map((e) => e.value));
  for (const { text, intent } of heldOut.utterances) {
    const t = performance.now();
    const [best] = await classifier.classify(text);
    times.push(performance.now() - t);
    if (best?.intent === intent) correct += 1;
    else misses.push({ text, expected: intent, got: best ? `${best.intent} (${best.score.toFixed(2)})` : 'none' });
    if (menuIntents.has(intent)) {
      menuUtterances += 1;
      const understood = await understandChoice({ text, options: menu, hidden, classifier });
      if (understood.kind === 'match' && understood.option.value === intent) decided += 1;
      if (intent === 'agent') {
        agentRequests += 1;
        if (understood.kind === 'match' && understood.option.value === 'agent') agentRouted += 1;
        else agentNotRouted.push(text);
      }
    }
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    corpusUtterances: utteranceCount(corpus),
    heldOutUtterances: heldOut.utterances.length,
    trainingMs: round(classifier.trainingMs),
    top1Accuracy: round(correct / heldOut.utterances.length),
    top1Target: TARGET_TOP1,
    agentRequests,
    agentRoutedToPerson: round(agentRequests ? agentRouted / agentRequests : 1),
    agentRoutedTarget: TARGET_AGENT_ROUTED,
    menuDecidedWithoutAsking: round(menuUtterances ? decided / menuUtterances : 1),
    classifyP50Ms: round(times[Math.floor(times.length / 2)]),
    misses,
    agentNotRouted,
  };
}

/** The lines `npm run bench` prints: each figure next to its target. */
export function describeIntentBench(r: IntentBenchReport): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const mark = (ok: boolean) => (ok ? 'ok' : 'BELOW TARGET');
  return [
    `intent classifier (NLP.js), ${r.heldOutUtterances} held-out utterances not in the ${r.corpusUtterances}-utterance corpus:`,
    `  top-1 accuracy            ${pct(r.top1Accuracy).padStart(8)}   target ≥ ${pct(r.top1Target)}   ${mark(r.top1Accuracy >= r.top1Target)}`,
    `  "asesor" requests routed  ${pct(r.agentRoutedToPerson).padStart(8)}   target = ${pct(r.agentRoutedTarget)}   ${mark(r.agentRoutedToPerson >= r.agentRoutedTarget)} (${r.agentRequests} requests)`,
    `  menu acts without asking  ${pct(r.menuDecidedWithoutAsking).padStart(8)}   (the rest get "¿Quisiste decir…?")`,
    `  training at start         ${r.trainingMs.toFixed(0).padStart(6)} ms   classify p50 ${r.classifyP50Ms.toFixed(3)} ms`,
    ...r.misses.map((m) => `  miss: "${m.text}" → ${m.got}, expected ${m.expected}`),
    ...r.agentNotRouted.map((t) => `  not routed to a person: "${t}"`),
  ];
}

/** The bench section: targets and figures in the report; each miss printed so the corpus can be improved. */
export const intentClassifier: BenchSection = {
  name: 'intent classifier',
  async run(report) {
    const r = await benchIntents();
    target(report, 'intent classifier: top-1 accuracy on held-out utterances', r.top1Accuracy, `≥ ${r.top1Target}`, r.top1Accuracy >= r.top1Target);
    target(report, 'intent classifier: "asesor" requests routed to a person', r.agentRoutedToPerson, `= ${r.agentRoutedTarget}`, r.agentRoutedToPerson >= r.agentRoutedTarget);
    report.figures['intent classifier: held-out utterances'] = r.heldOutUtterances;
    report.figures['intent classifier: corpus utterances'] = r.corpusUtterances;
    report.figures['intent classifier: menu requests acted on without asking back'] = r.menuDecidedWithoutAsking;
    report.figures['intent classifier: training ms'] = Math.round(r.trainingMs);
    report.figures['intent classifier: classify p50 ms'] = r.classifyP50Ms;
    process.stdout.write(`${describeIntentBench(r).map((line) => `  ${line}`).join('\n')}\n`);
  },
};

