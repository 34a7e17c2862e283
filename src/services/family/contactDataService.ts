// "Actualización de los datos de contacto" of a family member (manual section 8, docs/manual-map.md): mobile,
// e-mail and address, checked again here whatever the dialog did, and saved only for a member of the
// requester's nucleus. Changing the mobile or the e-mail needs a fresh password check (ASVS): the caller
// proves it.
import { Clock } from '../../domain/clock';
import { checkAddress, checkEmail } from '../../domain/contact';
import { DomainError } from '../../domain/errors';
import { Affiliate, AffiliateContactUpdate } from '../../domain/model';
import { checkMobile } from '../../domain/phone';
import { Logger, silentLogger } from '../../observability/logger';
import { AffiliateRepository } from '../ports/repositories';
import { FamilyNucleusService } from './familyNucleusService';

export interface ContactChanges {
  mobile?: string;
  email?: string;
  address?: string;
}

export class ContactDataError extends DomainError {}

/** True when the change touches where codes and notices are sent: it needs the password again. */
export function needsReauthentication(current: Pick<Affiliate, 'mobile' | 'email'>, changes: { mobile?: string; email?: string | null }): boolean {
  return (changes.mobile !== undefined && changes.mobile !== current.mobile) || (changes.email !== undefined && changes.email !== current.email);
}

/** Only the fields that really change, normalised; throws ContactDataError on an invalid value. */
export function effectiveChanges(current: Pick<Affiliate, 'mobile' | 'email' | 'address'>, changes: ContactChanges): AffiliateContactUpdate {
  const out: AffiliateContactUpdate = {};
  if (changes.mobile !== undefined) {
    const check = checkMobile(changes.mobile);
    if (!check.ok) throw new ContactDataError(`invalid_mobile:${check.reason}`);
    if (check.mobile !== current.mobile) out.mobile = check.mobile;
  }
  if (changes.email !== undefined) {
    const check = checkEmail(changes.email);
    if (!check.ok) throw new ContactDataError(`invalid_email:${check.reason}`);
    if (check.email !== current.email) out.email = check.email;
  }
  if (changes.address !== undefined) {
    const check = checkAddress(changes.address);
    if (!check.ok) throw new ContactDataError(`invalid_address:${check.reason}`);
    if (check.address !== current.address) out.address = check.address;
  }
  return out;
}

export class ContactDataService {
  private readonly logger: Logger;

  constructor(
    private readonly deps: {
      affiliates: Pick<AffiliateRepository, 'updateContact'>;
      nucleus: FamilyNucleusService;
      clock: Clock;
      logger?: Logger;
    },
  ) {
    this.logger = deps.logger ?? silentLogger;
  }

  /** The member's current contact data (only within the requester's nucleus). */
  async current(requesterAffiliateId: string, memberAffiliateId: string): Promise<Affiliate> {
    return this.deps.nucleus.findMember(requesterAffiliateId, memberAffiliateId);
  }

  /**
   * Saves the changes. `reauthenticated` must be true when the mobile or the e-mail changes: the dialog
   * asked the password again. Returns the member as stored.
   */
  async update(
    requesterAffiliateId: string,
    memberAffiliateId: string,
    changes: ContactChanges,
    proof: { reauthenticated: boolean },
  ): Promise<Affiliate> {
    const member = await this.deps.nucleus.findMember(requesterAffiliateId, memberAffiliateId);
    const update = effectiveChanges(member, changes);
    if (Object.keys(update).length === 0) return member;
    if (needsReauthentication(member, update) && !proof.reauthenticated) throw new ContactDataError('reauthentication_required');
    const saved = await this.deps.affiliates.updateContact(member.id, update, this.deps.clock.now());
    this.logger.info('contact_data.updated', { fields: Object.keys(update), self: member.id === requesterAffiliateId });
    return saved;
  }
}
