// Provable consent (Ley 1581 de 2012, Decreto 1377 de 2013): each acceptance is stored with the version of
// the text that was shown, the time and the channel. A new version of a text asks again.
import type { Clock } from '../../domain/clock';
import { PRIVACY_POLICY, RIGHTS_CHARTER } from '../../domain/consentTexts';
import type { ConsentKind } from '../../domain/model';
import type { ConsentRepository } from '../ports/repositories';

const CURRENT_VERSION: Record<'privacy_policy' | 'rights_charter', string> = {
  privacy_policy: PRIVACY_POLICY.version,
  rights_charter: RIGHTS_CHARTER.version,
};

export class ConsentService {
  constructor(private readonly deps: { consents: ConsentRepository; clock: Clock }) {}

  /** True when the newest acceptance of that kind is of the version in force. */
  async hasAcceptedCurrent(affiliateId: string, kind: keyof typeof CURRENT_VERSION): Promise<boolean> {
    const latest = await this.deps.consents.latest(affiliateId, kind);
    return latest?.version === CURRENT_VERSION[kind];
  }

  async accept(affiliateId: string, kind: ConsentKind, version: string, channel: string): Promise<void> {
    await this.deps.consents.record({ affiliateId, kind, version, acceptedAt: this.deps.clock.now(), channel });
  }
}
