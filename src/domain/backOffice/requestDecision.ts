// What the EPS may do with an authorization request, checked in one pure function: approve (issues an
// authorization), reject (a reason from data/rejectionReasons.json plus free text) or ask for more
// supports (the affiliate answers in chat and the request returns to the queue). Approved, rejected and
// annulled requests are final: the same decision again is a replay, a different one a conflict.
import type { AuthorizationRequestStatus } from '../model/authorizationRequest';

export type DecisionKind = 'approve' | 'reject' | 'request_supports';

/** Every event that moves a request; `supports_added` is the affiliate's answer to `request_supports`. */
export type RequestEvent = DecisionKind | 'supports_added';

export const FINAL_REQUEST_STATUSES: readonly AuthorizationRequestStatus[] = ['aprobada', 'rechazada', 'anulada'];

const TRANSITIONS: Record<AuthorizationRequestStatus, Partial<Record<RequestEvent, AuthorizationRequestStatus>>> = {
  radicada: { approve: 'aprobada', reject: 'rechazada', request_supports: 'pendiente_soportes' },
  en_revision: { approve: 'aprobada', reject: 'rechazada', request_supports: 'pendiente_soportes' },
  // The EPS may still decide without waiting for the affiliate's files.
  pendiente_soportes: { approve: 'aprobada', reject: 'rechazada', supports_added: 'radicada' },
  aprobada: {},
  rechazada: {},
  anulada: {},
};

export const DECISION_OF_FINAL_STATUS: Partial<Record<AuthorizationRequestStatus, DecisionKind>> = {
  aprobada: 'approve',
  rechazada: 'reject',
};

export type TransitionOutcome =
  | { ok: true; next: AuthorizationRequestStatus }
  /** The request already carries this same final decision (a retried call). */
  | { ok: false; code: 'same_decision' }
  /** A different final decision was taken, or the request was annulled. */
  | { ok: false; code: 'request_already_decided' }
  /** The event makes no sense now (asking for supports twice, supports nobody asked for). */
  | { ok: false; code: 'invalid_transition' };

export function nextRequestStatus(current: AuthorizationRequestStatus, event: RequestEvent): TransitionOutcome {
  const next = TRANSITIONS[current][event];
  if (next) return { ok: true, next };
  if (FINAL_REQUEST_STATUSES.includes(current)) {
    return DECISION_OF_FINAL_STATUS[current] === event ? { ok: false, code: 'same_decision' } : { ok: false, code: 'request_already_decided' };
  }
  return { ok: false, code: 'invalid_transition' };
}

/** The requests an autorizador works on, in the queue. */
export const QUEUE_STATUSES: readonly AuthorizationRequestStatus[] = ['radicada', 'en_revision', 'pendiente_soportes'];

export interface RejectionReason {
  code: string;
  label: string;
}

export interface ApprovalTerms {
  /** Printed for the IPS; generated when the EPS's system does not bring its own. */
  number?: string;
  serviceCode: string;
  ipsCode: string;
  quantity: number;
  validFrom: string;
  validUntil: string;
  copayPesos: number;
}

export type DecisionInput =
  | { decision: 'approve'; authorization: ApprovalTerms }
  | { decision: 'reject'; reason: string; detail?: string }
  | { decision: 'request_supports'; message: string };

/** Who decided: a signed-in back-office user or an integration API key. Stored and audited as is. */
export interface DecisionActor {
  kind: 'agent' | 'api_key';
  id: string;
  name: string;
}

export const MAX_VALIDITY_DAYS = 366;
export const MAX_QUANTITY = 999;
export const MAX_COPAY_PESOS = 10_000_000;
export const MESSAGE_MIN_CHARS = 10;
export const MESSAGE_MAX_CHARS = 1000;
