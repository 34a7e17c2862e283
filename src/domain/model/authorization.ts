import type { IsoDate } from './dates';

// An issued authorization: the EPS approves a service (CUPS code) at a provider IPS.
export type AuthorizationStatus = 'activa' | 'utilizada' | 'vencida' | 'anulada';

export const AUTHORIZATION_STATUS_LABELS: Record<AuthorizationStatus, string> = {
  activa: 'Activa',
  utilizada: 'Utilizada',
  vencida: 'Vencida',
  anulada: 'Anulada',
};

export interface Authorization {
  id: string;
  /** The authorization number printed for the IPS. */
  number: string;
  affiliateId: string;
  /** CUPS (Clasificación Única de Procedimientos en Salud) code. */
  serviceCode: string;
  serviceName: string;
  providerIpsCode: string;
  status: AuthorizationStatus;
  issuedAt: IsoDate;
  expiresAt: IsoDate;
  /** The request it answered, when it came from one. */
  requestId?: string;
  /** Set on authorizations issued by a decision (older records may lack them). */
  quantity?: number;
  /** First day the IPS may provide the service. */
  validFrom?: IsoDate;
  /** Cuota moderadora or copago in whole pesos. */
  copayPesos?: number;
  /** AUTZ-XXXX-XXXX-XXXX, printed with GET /autorizaciones/{code}. */
  verificationCode?: string;
}

/** A CUPS service from the catalogue in data/serviceCatalogue.json. */
export interface ServiceCatalogueEntry {
  code: string;
  name: string;
}
