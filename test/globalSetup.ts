// Says once, at the top of every run, which suites this machine cannot run and why, so a skipped
// PostgreSQL or Chromium suite is never mistaken for a passing one. CI installs both: nothing skips there.
import { CHROMIUM_SKIP_REASON, chromiumAvailable } from './helpers/browser';
import { POSTGRES_SKIP_REASON, TEST_DATABASE_URL } from './helpers/testDb';

export default function announceSkippedSuites(): void {
  const notes: string[] = [];
  if (!TEST_DATABASE_URL) notes.push(`PostgreSQL suites ${POSTGRES_SKIP_REASON}`);
  if (!chromiumAvailable()) notes.push(`Browser suites ${CHROMIUM_SKIP_REASON}`);
  for (const note of notes) process.stdout.write(`\n⚠ ${note}\n`);
}
