// Who a logged-in affiliate may act for: the members of her own family nucleus (the manual's "información del
// núcleo familiar", section 8 in docs/manual-map.md). Every lookup checks the nucleus, so a forged id in
// dialog state cannot reach another family's data.
import { Affiliate } from '../../domain/model';
import { DomainError, NotFoundError } from '../../domain/errors';
import { AffiliateRepository } from '../ports/repositories';

export type FamilyAffiliates = Pick<AffiliateRepository, 'findById' | 'listFamilyNucleus'>;

export class NotInNucleusError extends DomainError {
  constructor() {
    super('not_in_nucleus', 'the affiliate is not in the requester’s family nucleus');
  }
}

export class FamilyNucleusService {
  constructor(private readonly affiliates: FamilyAffiliates) {}

  /** The requester's nucleus, head first (the repository's order); the requester alone when the nucleus is empty. */
  async listMembers(requesterAffiliateId: string): Promise<Affiliate[]> {
    const requester = await this.affiliates.findById(requesterAffiliateId);
    if (!requester) throw new NotFoundError('affiliate');
    const members = await this.affiliates.listFamilyNucleus(requester.familyNucleusId);
    return members.some((m) => m.id === requester.id) ? members : [requester, ...members];
  }

  /** One member, only when it shares the requester's nucleus. */
  async findMember(requesterAffiliateId: string, memberAffiliateId: string): Promise<Affiliate> {
    const requester = await this.affiliates.findById(requesterAffiliateId);
    if (!requester) throw new NotFoundError('affiliate');
    if (memberAffiliateId === requester.id) return requester;
    const member = await this.affiliates.findById(memberAffiliateId);
    if (!member || member.familyNucleusId !== requester.familyNucleusId) throw new NotInNucleusError();
    return member;
  }
}
