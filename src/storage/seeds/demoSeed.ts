// Seeds the demo set (the README's "Demo data"). Rows that already exist are left alone, so re-running
// changes nothing (Ana Milena's password hash is computed only when her account is first inserted).
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { toInstant } from '../dialect';
import { accountToRow } from '../repositories/knexAccountRepository';
import { affiliateToRow } from '../repositories/knexAffiliateRepository';
import { authorizationToRow } from '../repositories/knexAuthorizationRepository';
import { attachmentToRow, authorizationRequestToRow } from '../repositories/knexAuthorizationRequestRepository';
import { consentToRow } from '../repositories/knexConsentRepository';
import { pqrdsToRow } from '../repositories/knexPqrdsRepository';
import {
  DEMO_ACCOUNT,
  DEMO_AFFILIATES,
  DEMO_ATTACHMENTS,
  DEMO_AUTHORIZATIONS,
  DEMO_CONSENTS,
  DEMO_COUNTERS,
  DEMO_PASSWORD,
  DEMO_PQRDS,
  DEMO_REQUESTS,
} from './demoSet';
import { insertIgnoring } from './insertIgnoring';

// OWASP ASVS 5 / NIST minimum for argon2id: 19 MiB, 2 passes, 1 lane.
const ARGON2ID = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function seedDemoData(knex: Knex): Promise<void> {
  const hasAccount = await knex('accounts').where({ id: DEMO_ACCOUNT.id }).first();
  // Hash outside the transaction: SQLite's single connection would otherwise sit idle for ~50 ms.
  const passwordHash = hasAccount ? undefined : await argon2.hash(DEMO_PASSWORD, ARGON2ID);
  await knex.transaction(async (trx) => {
    const seededAt = DEMO_AFFILIATES[0]?.updatedAt ?? new Date(0);
    // Heads first: members reference their head.
    const heads = DEMO_AFFILIATES.filter((a) => a.id === a.headAffiliateId);
    const members = DEMO_AFFILIATES.filter((a) => a.id !== a.headAffiliateId);
    await insertIgnoring(trx, 'affiliates', heads.map((a) => affiliateToRow(a, seededAt)), 'id');
    await insertIgnoring(trx, 'affiliates', members.map((a) => affiliateToRow(a, seededAt)), 'id');
    if (passwordHash) await insertIgnoring(trx, 'accounts', [accountToRow({ ...DEMO_ACCOUNT, passwordHash })], 'id');
    await insertIgnoring(trx, 'consents', DEMO_CONSENTS.map(consentToRow), 'id');
    await insertIgnoring(trx, 'authorization_requests', DEMO_REQUESTS.map(authorizationRequestToRow), 'id');
    await insertIgnoring(trx, 'request_attachments', DEMO_ATTACHMENTS.map((a) => attachmentToRow(a, 0)), 'id');
    await insertIgnoring(
      trx,
      'authorizations',
      DEMO_AUTHORIZATIONS.map((a) => authorizationToRow(a, seededAt)),
      'id',
    );
    await insertIgnoring(trx, 'pqrds', DEMO_PQRDS.map(pqrdsToRow), 'id');
    await insertIgnoring(
      trx,
      'sequence_counters',
      DEMO_COUNTERS.map((c) => ({ ...c, created_at: toInstant(seededAt), updated_at: toInstant(seededAt) })),
      'name',
    );
  });
}
