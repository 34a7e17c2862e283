// The affiliate record check of affiliateRecord.ts for records that pass it, in plain code: on a large file
// zod's parse was the import's biggest cost after the database. It only ever answers "valid, and this is
// the record zod would give" or "ask the schema": whatever it does not accept goes through zod, which stays
// the one description of the rules and writes every error message. It applies the same domain checks
// (documents, mobile, e-mail, address) and the value lists of recordValues.ts; a test holds the two paths
// to the same answers on valid and damaged records alike.
import type { IsoDate } from '../../domain/bogotaTime';
import { checkAddress, checkEmail } from '../../domain/contact';
import { checkDocumentNumber } from '../../domain/documents';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from '../../domain/model/documentType';
import { checkMobile } from '../../domain/phone';
import type { AffiliateRecord, ReferenceCodes } from './affiliateRecord';
import * as rules from './recordValues';

const DOCUMENT_TYPES = new Set<unknown>(DOCUMENT_TYPE_CODES);
const SEX_VALUES = new Set<unknown>(rules.SEXES);
const REGIME_VALUES = new Set<unknown>(rules.REGIMES);
const AFFILIATE_TYPE_VALUES = new Set<unknown>(rules.AFFILIATE_TYPES);
const STATUS_VALUES = new Set<unknown>(rules.STATUSES);
const RELATIONSHIP_VALUES = new Set<unknown>(rules.RELATIONSHIPS);

const textUpTo = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** For an input already through prepareAffiliateInput: the checked record, or undefined to ask zod. */
export function recordFastPath(codes: ReferenceCodes, today: () => IsoDate): (input: Record<string, unknown>) => AffiliateRecord | undefined {
  return (input) => {
    const day = today();
    const isDate = (value: unknown): value is string => typeof value === 'string' && rules.isCalendarDate(value) && value <= day;
    const r = input;
    if (!DOCUMENT_TYPES.has(r.documentType) || !DOCUMENT_TYPES.has(r.headDocumentType)) return undefined;
    if (!textUpTo(r.documentNumber, rules.DOCUMENT_NUMBER_MAX_LENGTH) || !textUpTo(r.headDocumentNumber, rules.DOCUMENT_NUMBER_MAX_LENGTH)) return undefined;
    if (!textUpTo(r.firstNames, rules.NAME_MAX_LENGTH) || !textUpTo(r.lastNames, rules.NAME_MAX_LENGTH)) return undefined;
    if (!SEX_VALUES.has(r.sex) || !REGIME_VALUES.has(r.regime) || !AFFILIATE_TYPE_VALUES.has(r.affiliateType)) return undefined;
    if (!STATUS_VALUES.has(r.status) || !RELATIONSHIP_VALUES.has(r.relationship)) return undefined;
    if (!isDate(r.birthDate) || !isDate(r.affiliationDate) || r.affiliationDate < r.birthDate) return undefined;
    if (r.documentIssueDate !== undefined && (!isDate(r.documentIssueDate) || r.documentIssueDate < r.birthDate)) return undefined;
    if (typeof r.municipalityCode !== 'string' || !rules.MUNICIPALITY_CODE.test(r.municipalityCode) || !codes.municipalities.has(r.municipalityCode)) return undefined;
    if (r.ipsCode !== undefined && (typeof r.ipsCode !== 'string' || !rules.IPS_CODE.test(r.ipsCode) || !codes.ips.has(r.ipsCode))) return undefined;
    let mobile: string | undefined;
    if (r.mobile !== undefined) {
      const check = typeof r.mobile === 'string' ? checkMobile(r.mobile) : undefined;
      if (!check?.ok) return undefined;
      mobile = check.mobile;
    }
    let email: string | undefined;
    if (r.email !== undefined) {
      const check = typeof r.email === 'string' ? checkEmail(r.email) : undefined;
      if (!check?.ok) return undefined;
      email = check.email;
    }
    let address: string | undefined;
    if (r.address !== undefined) {
      const check = typeof r.address === 'string' ? checkAddress(r.address) : undefined;
      if (!check?.ok) return undefined;
      address = check.address;
    }
    const documentType = r.documentType as DocumentTypeCode;
    const headDocumentType = r.headDocumentType as DocumentTypeCode;
    const own = checkDocumentNumber(documentType, r.documentNumber);
    const head = checkDocumentNumber(headDocumentType, r.headDocumentNumber);
    if (!own.ok || !head.ok) return undefined;
    const selfHead = headDocumentType === documentType && head.number === own.number;
    if (selfHead !== (r.relationship === 'cabeza')) return undefined;
    return {
      documentType,
      documentNumber: own.number,
      firstNames: r.firstNames,
      lastNames: r.lastNames,
      birthDate: r.birthDate,
      sex: r.sex as AffiliateRecord['sex'],
      regime: r.regime as AffiliateRecord['regime'],
      affiliateType: r.affiliateType as AffiliateRecord['affiliateType'],
      status: r.status as AffiliateRecord['status'],
      mobile,
      email,
      address,
      municipalityCode: r.municipalityCode,
      documentIssueDate: r.documentIssueDate,
      affiliationDate: r.affiliationDate,
      ipsCode: r.ipsCode,
      headDocumentType,
      headDocumentNumber: head.number,
      relationship: r.relationship as AffiliateRecord['relationship'],
    };
  };
}
