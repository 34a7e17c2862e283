// The self-service services on a migrated, seeded SQLite database (the demo people of README.md, "Demo data"), with a
// fixed clock on Friday 27 November 2026, 10:00 in Bogotá.
import type { Knex } from 'knex';
import { FamilyNucleusService } from '../../../src/services/family/familyNucleusService';
import { AssignedIpsService } from '../../../src/services/selfService/assignedIpsService';
import { BasicDataService } from '../../../src/services/selfService/basicDataService';
import { AuthorizationStatusService } from '../../../src/services/selfService/authorizationStatusService';
import { newCertificateCode } from '../../../src/services/selfService/certificateCode';
import { CertificateService } from '../../../src/services/selfService/certificateService';
import { PqrdsService } from '../../../src/services/selfService/pqrdsService';
import { createRepositories } from '../../../src/storage/repositories';
import { KnexCertificateRepository } from '../../../src/storage/repositories/knexCertificateRepository';
import { KnexPqrdsAttachmentRepository } from '../../../src/storage/repositories/knexPqrdsAttachmentRepository';
import { FixedClock, fixedClock } from '../../helpers/clock';
import { createTestDb, TestDb } from '../../helpers/testDb';

export const NOW = '2026-11-27T15:00:00.000Z';
export const PUBLIC_URL = 'https://oficina.example.co';
export const ISSUER = { name: 'EPS Demo', tagline: 'Oficina Virtual · Certificación electrónica' };

export interface SelfServiceWorld {
  db: TestDb;
  knex: Knex;
  clock: FixedClock;
  repos: ReturnType<typeof createRepositories>;
  nucleus: FamilyNucleusService;
  certificateRepo: KnexCertificateRepository;
  pqrdsAttachments: KnexPqrdsAttachmentRepository;
  authorizationStatus: AuthorizationStatusService;
  certificates: CertificateService;
  assignedIps: AssignedIpsService;
  pqrds: PqrdsService;
  basicData: BasicDataService;
}

export async function createSelfServiceWorld(): Promise<SelfServiceWorld> {
  const db = await createTestDb();
  const clock = fixedClock(NOW);
  const repos = createRepositories(db.knex);
  const nucleus = new FamilyNucleusService(repos.affiliates);
  const certificateRepo = new KnexCertificateRepository(db.knex);
  const pqrdsAttachments = new KnexPqrdsAttachmentRepository(db.knex);
  let codeCounter = 0;
  return {
    db,
    knex: db.knex,
    clock,
    repos,
    nucleus,
    certificateRepo,
    pqrdsAttachments,
    authorizationStatus: new AuthorizationStatusService({
      nucleus,
      authorizations: repos.authorizations,
      requests: repos.authorizationRequests,
      ips: repos.ips,
    }),
    certificates: new CertificateService({
      nucleus,
      ips: repos.ips,
      places: repos.places,
      certificates: certificateRepo,
      clock,
      issuer: ISSUER,
      publicUrl: PUBLIC_URL,
      // Real codes are random; tests want to know them.
      newCode: () => testCode(codeCounter++),
    }),
    assignedIps: new AssignedIpsService({ nucleus, ips: repos.ips, places: repos.places }),
    pqrds: new PqrdsService({ pqrds: repos.pqrds, attachments: pqrdsAttachments, clock }),
    basicData: new BasicDataService({ nucleus, affiliates: repos.affiliates, consents: repos.consents, clock }),
  };
}

/** The n-th code this world's service issues: made by newCertificateCode with fixed bytes, so tests know it. */
export function testCode(n: number): string {
  return newCertificateCode(() => Buffer.from(Array.from({ length: 11 }, (_, i) => (n * 7 + i * 3) % 256)));
}
