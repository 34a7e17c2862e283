// A seeded database, a staging area and an upload folder in temp directories, and the filing service on
// them: what both the service tests and the dialog transcripts need.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { AuthorizationFilingDeps, AuthorizationFilingService } from '../../../src/services/authorizationRequests/authorizationFilingService';
import { createSupportChecker, MAX_SUPPORT_BYTES, PdfInspector, SupportChecker } from '../../../src/services/authorizationRequests/supportCheck';
import { PhotoPageMaker } from '../../../src/services/media/photoPageMaker';
import { createSupportIntake } from '../../../src/services/media/supportIntake';
import { SupportFileStore } from '../../../src/services/authorizationRequests/supportFileStore';
import { ContactDataService } from '../../../src/services/family/contactDataService';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { fixedClock } from '../../helpers/clock';
import { DEMO_IDS, demoWorld } from '../../dialogs/family/demoWorld';

export { DEMO_IDS };

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Friday 27 November 2026, 10:00 in Bogotá: received that day, due 5 business days later (4 December). */
export const FILING_INSTANT = '2026-11-27T15:00:00Z';

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type Requests = AuthorizationFilingDeps['requests'];

export async function filingWorld(options: { inspect?: PdfInspector; clockAt?: string; wrapRequests?: (r: Requests) => Requests } = {}) {
  const { db, repos } = await demoWorld();
  const root = await mkdtemp(path.join(tmpdir(), 'oficina-filing-'));
  dirs.push(root);
  const clock = fixedClock(options.clockAt ?? FILING_INSTANT);
  const staged = new StagedFileStore(path.join(root, 'staged'));
  const uploadDir = path.join(root, 'uploads');
  const nucleus = new FamilyNucleusService(repos.affiliates);
  // The seed leaves María Fernanda unregistered; she files through an account of her own here.
  const account = await repos.accounts.create({ affiliateId: DEMO_IDS.mariaFernanda, passwordHash: 'x', mustChangePassword: false }, clock.now());
  const checkSupport: SupportChecker = createSupportChecker(staged, options.inspect);
  const supportIntake = createSupportIntake({ staged, check: checkSupport, photos: new PhotoPageMaker(), clock, maxBytes: MAX_SUPPORT_BYTES });
  const filing = new AuthorizationFilingService({
    requests: options.wrapRequests ? options.wrapRequests(repos.authorizationRequests) : repos.authorizationRequests,
    outbox: repos.outbox,
    places: repos.places,
    nucleus,
    staged,
    supportFiles: new SupportFileStore(uploadDir),
    checkSupport,
    clock,
  });
  const contactData = new ContactDataService({ affiliates: repos.affiliates, nucleus, clock });
  const uploadedFiles = async () => (await readdir(uploadDir).catch(() => [] as string[])).sort();
  return { db, repos, clock, staged, uploadDir, uploadedFiles, nucleus, filing, contactData, checkSupport, supportIntake, accountId: account.id };
}
