// "Podemos visualizar la información de la IPS de atención" (manual section 10, docs/manual-map.md): where a
// member of the requester's nucleus is attended — name, address, phone, municipality and how to get there.
import type { Ips } from '../../domain/model';
import type { FamilyNucleusService } from '../family/familyNucleusService';
import type { IpsRepository } from '../ports/repositories';
import { municipalityLabel, type PlaceLookup } from './municipalityLabel';

export interface AssignedIps extends Ips {
  /** "Barranquilla (Atlántico)". */
  municipalityLabel: string;
}

export class AssignedIpsService {
  constructor(
    private readonly deps: {
      nucleus: Pick<FamilyNucleusService, 'findMember'>;
      ips: Pick<IpsRepository, 'findByCode'>;
      places: PlaceLookup;
    },
  ) {}

  /** undefined when the member has no IPS assigned (or it is no longer in the network). */
  async assignedTo(requesterId: string, memberId: string = requesterId): Promise<AssignedIps | undefined> {
    const member = await this.deps.nucleus.findMember(requesterId, memberId);
    if (!member.ipsCode) return undefined;
    const ips = await this.deps.ips.findByCode(member.ipsCode);
    if (!ips) return undefined;
    return { ...ips, municipalityLabel: (await municipalityLabel(this.deps.places, ips.municipalityCode)) ?? ips.municipalityCode };
  }
}
