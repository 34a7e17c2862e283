// Proof of consent (Ley 1581 de 2012, Decreto 1377 de 2013): what was accepted, which version, when, where.
export type ConsentKind = 'privacy_policy' | 'rights_charter' | 'data_confirmation';

export interface Consent {
  id: string;
  affiliateId: string;
  kind: ConsentKind;
  version: string;
  acceptedAt: Date;
  /** Channel id where it was given: 'webchat', 'whatsapp', 'emulator'… */
  channel: string;
}

export type NewConsent = Omit<Consent, 'id'>;
