// PDF bombs sent to the running app are refused with a reason, and the server keeps answering other
// requests while it inspects them: the inspection runs in a worker thread, not on the event loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressedHugeDictionaryPdf, hugeArrayPdf, hugeDictionaryPdf, hugeStringPdf } from '../helpers/pdfCorpus';
import { startTestApp, TestApp } from '../helpers/testApp';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

describe('PDF bombs on the running app', () => {
  it('are each refused as damaged while GET /health keeps answering during the inspection', async () => {
    const { app, baseUrl } = testApp;
    const bombs = await Promise.all([hugeDictionaryPdf(), hugeStringPdf(), hugeArrayPdf(), compressedHugeDictionaryPdf()]);
    const started = new Promise<void>((resolve) => {
      app.uploads.pdfInspection.onInspectionStart = () => resolve();
    });
    let inspecting = bombs.length;
    const verdicts = Promise.all(bombs.map((bomb) => app.uploads.inspectSupport(bomb).finally(() => inspecting--)));
    await started;

    // Health checks one after another for as long as the bombs are being inspected.
    const answeredDuringInspection: number[] = [];
    while (inspecting > 0) {
      const response = await fetch(`${baseUrl}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
      if (inspecting > 0) answeredDuringInspection.push(inspecting);
    }
    app.uploads.pdfInspection.onInspectionStart = undefined;

    expect(answeredDuringInspection.length).toBeGreaterThan(0);
    // "damaged" is what the dialogs tell the user (t.supportProblem.damaged: "está dañado o incompleto…").
    expect(await verdicts).toEqual(bombs.map(() => ({ ok: false, problem: 'damaged' })));
  });
});
