// "Actualización Datos Básicos" (manual section 10, docs/manual-map.md) for a member of the requester's
// nucleus: the data as the EPS has it; "mis datos están actualizados" leaves a dated record of the
// confirmation; otherwise the fields people may change, validated with zod (over the domain's own checks),
// required ones never emptied. Changing the mobile or the e-mail needs the password again (ASVS): the caller
// proves it.
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { checkAddress, checkEmail } from '../../domain/contact';
import { DomainError } from '../../domain/errors';
import type { Affiliate, AffiliateContactUpdate, Consent } from '../../domain/model';
import { checkMobile } from '../../domain/phone';
import { getMunicipality } from '../../domain/places';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import { needsReauthentication } from '../family/contactDataService';
import type { AffiliateRepository, ConsentRepository } from '../ports/repositories';

export type BasicDataField = 'mobile' | 'email' | 'address' | 'municipalityCode';

/** Marked (*) in the form: they may change, never be emptied. */
export const REQUIRED_FIELDS: readonly BasicDataField[] = ['mobile', 'address', 'municipalityCode'];

export interface BasicDataChanges {
  mobile?: string;
  /** null clears it (the e-mail is optional). */
  email?: string | null;
  address?: string;
  municipalityCode?: string;
}

/** Codes the dialog turns into a clear reason: `required`, or `<field>_<problem>` from the domain checks. */
export class BasicDataError extends DomainError {}

/** Words that mean "leave it empty" for the optional e-mail. */
export const CLEAR_WORDS = ['ninguno', 'no tengo', 'borrar', 'sin correo', 'ninguna'];

type Check = (text: string) => { ok: true; value: string } | { ok: false; reason: string };

/** Empty, or a word that means "none". */
function isBlank(text: string): boolean {
  return !text.trim() || CLEAR_WORDS.includes(text.trim().toLowerCase());
}

/** Runs a domain check inside zod; the issue message is the code the dialog explains. */
function runCheck(field: string, check: Check, text: string, ctx: z.RefinementCtx): string {
  const result = check(text);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: `${field}_${result.reason}` });
  return z.NEVER;
}

/** Marked (*): may change, never be left blank. */
function required(field: string, check: Check) {
  return z.string().transform((text, ctx) => {
    if (!isBlank(text)) return runCheck(field, check, text, ctx);
    ctx.addIssue({ code: 'custom', message: 'required' });
    return z.NEVER;
  });
}

/** Optional: blank (or null) clears it. */
function optional(field: string, check: Check) {
  return z
    .string()
    .nullable()
    .transform((text, ctx) => (text === null || isBlank(text) ? null : runCheck(field, check, text, ctx)));
}

const mobile: Check = (t) => {
  const r = checkMobile(t);
  return r.ok ? { ok: true, value: r.mobile } : r;
};
const email: Check = (t) => {
  const r = checkEmail(t);
  return r.ok ? { ok: true, value: r.email } : r;
};
const address: Check = (t) => {
  const r = checkAddress(t);
  return r.ok ? { ok: true, value: r.address } : r;
};

export const basicDataSchema = z
  .object({
    mobile: required('mobile', mobile).optional(),
    email: optional('email', email).optional(),
    address: required('address', address).optional(),
    municipalityCode: z
      .string()
      .refine((code) => getMunicipality(code) !== undefined, { message: 'municipality_unknown' })
      .optional(),
  })
  .strict();

/** The first problem's code, or the normalised changes. */
export function validateBasicData(changes: BasicDataChanges): { ok: true; changes: BasicDataChanges } | { ok: false; reason: string } {
  const parsed = basicDataSchema.safeParse(changes);
  return parsed.success ? { ok: true, changes: parsed.data } : { ok: false, reason: parsed.error.issues[0]?.message ?? 'invalid' };
}

/** One field as typed in chat: "ninguno" clears the e-mail; a required field left empty says so. */
export function parseBasicDataField(field: Exclude<BasicDataField, 'municipalityCode'>, text: string) {
  const result = validateBasicData({ [field]: text });
  return result.ok ? ({ ok: true, value: result.changes[field] } as const) : result;
}

export interface BasicDataView {
  member: Affiliate;
  municipalityLabel: string;
}

export class BasicDataService {
  constructor(
    private readonly deps: {
      nucleus: Pick<FamilyNucleusService, 'findMember'>;
      affiliates: Pick<AffiliateRepository, 'updateContact'>;
      consents: Pick<ConsentRepository, 'record'>;
      clock: Clock;
    },
  ) {}

  async view(requesterId: string, memberId: string): Promise<BasicDataView> {
    const member = await this.deps.nucleus.findMember(requesterId, memberId);
    const m = getMunicipality(member.municipalityCode);
    return { member, municipalityLabel: m ? `${m.name} (${m.departmentName})` : member.municipalityCode };
  }

  /** "Mis datos están actualizados": which state was confirmed (its last update), when, on which channel. */
  async confirmUpToDate(requesterId: string, memberId: string, channel: string): Promise<Consent> {
    const member = await this.deps.nucleus.findMember(requesterId, memberId);
    return this.deps.consents.record({
      affiliateId: member.id,
      kind: 'data_confirmation',
      version: member.updatedAt.toISOString(),
      acceptedAt: this.deps.clock.now(),
      channel,
    });
  }

  /** Saves what really changes; throws BasicDataError('<code>') or ('reauthentication_required'). */
  async update(requesterId: string, memberId: string, changes: BasicDataChanges, proof: { reauthenticated: boolean }): Promise<Affiliate> {
    const member = await this.deps.nucleus.findMember(requesterId, memberId);
    const valid = validateBasicData(changes);
    if (!valid.ok) throw new BasicDataError(valid.reason);
    const update: AffiliateContactUpdate = {};
    for (const [key, value] of Object.entries(valid.changes) as [BasicDataField, string | null | undefined][]) {
      if (value !== undefined && value !== (member[key] ?? null)) Object.assign(update, { [key]: value });
    }
    if (Object.keys(update).length === 0) return member;
    const contact = { mobile: update.mobile, email: update.email === null ? '' : update.email };
    if (needsReauthentication(member, contact) && !proof.reauthenticated) throw new BasicDataError('reauthentication_required');
    return this.deps.affiliates.updateContact(member.id, update, this.deps.clock.now());
  }
}
