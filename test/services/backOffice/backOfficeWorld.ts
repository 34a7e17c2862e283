// The back-office services on a seeded test database, as the app wires them.
import path from 'node:path';
import { tmpdir } from 'node:os';
import { createBackOfficeServices } from '../../../src/composition/backOffice';
import { loadConfig } from '../../../src/config';
import { createSupportChecker, MAX_SUPPORT_BYTES } from '../../../src/services/authorizationRequests/supportCheck';
import { PhotoPageMaker } from '../../../src/services/media/photoPageMaker';
import { createSupportIntake } from '../../../src/services/media/supportIntake';
import { SupportFileStore } from '../../../src/services/authorizationRequests/supportFileStore';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { silentLogger } from '../../../src/observability/logger';
import { createRepositories } from '../../../src/storage/repositories';
import { StagedFileStore } from '../../../src/storage/stagedFileStore';
import { fixedClock } from '../../helpers/clock';
import type { TestDb } from '../../helpers/testDb';

export const AUTORIZADOR = { kind: 'agent' as const, id: 'agent-1', name: 'Autorizadora de prueba' };

export const APPROVAL = {
  decision: 'approve' as const,
  authorization: { serviceCode: '890202', ipsCode: '080010000102', quantity: 1, validFrom: '2026-11-27', validUntil: '2027-02-25', copayPesos: 4_500 },
};

export function backOfficeWorld(db: TestDb, now = '2026-11-27T15:00:00.000Z') {
  const clock = fixedClock(now);
  const repositories = createRepositories(db.knex);
  const dir = path.join(tmpdir(), `bo-${process.pid}`);
  const stagedFiles = new StagedFileStore(path.join(dir, 'staging'));
  const config = loadConfig({ NODE_ENV: 'test', UPLOAD_DIR: dir, PUBLIC_URL: 'https://oficina.example' });
  const infra = { config, clock, logger: silentLogger, repositories, stagedFiles };
  const familyNucleus = new FamilyNucleusService(repositories.affiliates);
  const checkSupport = createSupportChecker(stagedFiles);
  const supportIntake = createSupportIntake({ staged: stagedFiles, check: checkSupport, photos: new PhotoPageMaker(), clock, maxBytes: MAX_SUPPORT_BYTES });
  const services = createBackOfficeServices(infra, { familyNucleus, checkSupport, supportIntake, supportFiles: new SupportFileStore(dir) });
  return { clock, repositories, stagedFiles, ...services };
}
