// Failures of the WhatsApp Cloud API with stable codes: channels and services decide on codes, never on
// Meta's message text (which may quote the recipient).
import { DomainError } from '../../domain/errors';

/** Meta's code for "more than 24 hours have passed since the customer last replied". */
export const GRAPH_REENGAGEMENT_REQUIRED = 131047;

export class WhatsAppCloudError extends DomainError {
  constructor(
    code: 'whatsapp_api_error' | 'whatsapp_api_timeout' | 'whatsapp_api_invalid_response',
    readonly httpStatus?: number,
    readonly graphCode?: number,
  ) {
    super(code, graphCode !== undefined ? `${code} (graph ${graphCode})` : code);
  }
}

/**
 * The 24-hour customer-service window is closed: only a template may start the conversation again.
 * Raised before calling Meta when we know it, or mapped from Meta's 131047.
 */
export class WhatsAppWindowClosedError extends DomainError {
  constructor() {
    super('whatsapp_window_closed', 'the 24-hour customer service window is closed; a template message is needed');
  }
}

export class MediaRefusedError extends DomainError {
  constructor(code: 'media_too_large' | 'media_checksum_mismatch' | 'media_unavailable') {
    super(code);
  }
}
