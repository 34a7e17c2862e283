// Affiliates and their family nucleus. Calendar dates stay 'YYYY-MM-DD' text end to end.
import type { Knex } from 'knex';
import { NotFoundError } from '../../domain/errors';
import type { Affiliate, AffiliateContactUpdate, DocumentTypeCode } from '../../domain/model';
import type { AffiliateRepository } from '../../services/ports/repositories';
import { fromInstant, optionalText, toInstant } from '../dialect';

type Row = Record<string, unknown>;

export function affiliateToRow(a: Affiliate, createdAt: Date): Row {
  return {
    id: a.id,
    document_type: a.documentType,
    document_number: a.documentNumber,
    first_names: a.firstNames,
    last_names: a.lastNames,
    birth_date: a.birthDate,
    sex: a.sex,
    regime: a.regime,
    affiliate_type: a.affiliateType,
    status: a.status,
    mobile: a.mobile ?? null,
    email: a.email ?? null,
    address: a.address ?? null,
    municipality_code: a.municipalityCode,
    document_issue_date: a.documentIssueDate ?? null,
    affiliation_date: a.affiliationDate,
    ips_code: a.ipsCode ?? null,
    family_nucleus_id: a.familyNucleusId,
    head_affiliate_id: a.headAffiliateId,
    relationship: a.relationship,
    created_at: toInstant(createdAt),
    updated_at: toInstant(a.updatedAt),
  };
}

export function affiliateFromRow(row: Row): Affiliate {
  return {
    id: String(row.id),
    documentType: row.document_type as DocumentTypeCode,
    documentNumber: String(row.document_number),
    firstNames: String(row.first_names),
    lastNames: String(row.last_names),
    birthDate: String(row.birth_date),
    sex: row.sex as Affiliate['sex'],
    regime: row.regime as Affiliate['regime'],
    affiliateType: row.affiliate_type as Affiliate['affiliateType'],
    status: row.status as Affiliate['status'],
    mobile: optionalText(row.mobile),
    email: optionalText(row.email),
    address: optionalText(row.address),
    municipalityCode: String(row.municipality_code),
    documentIssueDate: optionalText(row.document_issue_date),
    affiliationDate: String(row.affiliation_date),
    ipsCode: optionalText(row.ips_code),
    familyNucleusId: String(row.family_nucleus_id),
    headAffiliateId: String(row.head_affiliate_id),
    relationship: row.relationship as Affiliate['relationship'],
    updatedAt: fromInstant(row.updated_at),
  };
}

export class KnexAffiliateRepository implements AffiliateRepository {
  constructor(private readonly db: Knex) {}

  async findById(id: string): Promise<Affiliate | undefined> {
    const row = (await this.db('affiliates').where({ id }).first()) as Row | undefined;
    return row ? affiliateFromRow(row) : undefined;
  }

  async findByDocument(type: DocumentTypeCode, number: string): Promise<Affiliate | undefined> {
    const row = (await this.db('affiliates').where({ document_type: type, document_number: number }).first()) as
      | Row
      | undefined;
    return row ? affiliateFromRow(row) : undefined;
  }

  async listFamilyNucleus(familyNucleusId: string): Promise<Affiliate[]> {
    const rows = (await this.db('affiliates')
      .where({ family_nucleus_id: familyNucleusId })
      .orderBy([{ column: 'birth_date' }, { column: 'id' }])) as Row[];
    const members = rows.map(affiliateFromRow);
    // Head first, then the others oldest first (ISO dates sort as text).
    return [...members.filter((m) => m.id === m.headAffiliateId), ...members.filter((m) => m.id !== m.headAffiliateId)];
  }

  async updateContact(id: string, changes: AffiliateContactUpdate, now: Date): Promise<Affiliate> {
    const update: Row = { updated_at: toInstant(now) };
    if (changes.mobile !== undefined) update.mobile = changes.mobile;
    if (changes.email !== undefined) update.email = changes.email;
    if (changes.address !== undefined) update.address = changes.address;
    if (changes.municipalityCode !== undefined) update.municipality_code = changes.municipalityCode;
    const count = await this.db('affiliates').where({ id }).update(update);
    if (count === 0) throw new NotFoundError('affiliate');
    const updated = await this.findById(id);
    if (!updated) throw new NotFoundError('affiliate');
    return updated;
  }
}
