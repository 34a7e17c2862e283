// What the virtual office shows after choosing a member of the nucleus: affiliation status, regime,
// affiliate type and assigned IPS.
import { AFFILIATE_STATUS_LABELS, fullName } from '../../domain/model';
import { AFFILIATE_TYPE_LABELS, REGIME_LABELS } from '../../pdf/certificateData';
import type { IpsRepository } from '../ports/repositories';
import type { FamilyNucleusService } from './familyNucleusService';

export interface MemberProfile {
  name: string;
  status: string;
  regime: string;
  affiliateType: string;
  ipsName?: string;
}

export class MemberProfileService {
  constructor(private readonly deps: { nucleus: Pick<FamilyNucleusService, 'findMember'>; ips: Pick<IpsRepository, 'findByCode'> }) {}

  async profile(requesterId: string, memberId: string): Promise<MemberProfile> {
    const member = await this.deps.nucleus.findMember(requesterId, memberId);
    const ips = member.ipsCode ? await this.deps.ips.findByCode(member.ipsCode) : undefined;
    return {
      name: fullName(member),
      status: AFFILIATE_STATUS_LABELS[member.status],
      regime: REGIME_LABELS[member.regime],
      affiliateType: AFFILIATE_TYPE_LABELS[member.affiliateType],
      ipsName: ips?.name,
    };
  }
}
