// Every migration, in order. Knex's file loader cannot load .ts under vitest, so the list is explicit.
// To add one: create `YYYYMMDDHHmm_<verb>_<object>.ts` exporting `up` and `down`, import it here, and append
// `{ name: '<file name without .ts>', ...module }`. Never edit or reorder a landed migration.
import type { Knex } from 'knex';
import * as createReferenceTables from './202611271620_create_reference_tables';
import * as createAffiliateTables from './202611271621_create_affiliate_tables';
import * as createRequestTables from './202611271622_create_request_tables';
import * as createMessagingTables from './202611271623_create_messaging_tables';
import * as createHandoffTables from './202611271810_create_handoff_tables';
import * as createCertificateTables from './202611271900_create_certificate_tables';
import * as createIdentityRateEvents from './202611271920_create_identity_rate_events';
import * as createWhatsAppTables from './202611272000_create_whatsapp_tables';
import * as addPositionToRequestAttachments from './202611272030_add_position_to_request_attachments';
import * as addWhatsAppSenderLock from './202611272100_add_whatsapp_sender_lock';
import * as addRecoveryPasswordToAccounts from './202612010120_add_recovery_password_to_accounts';
import * as addUrgentToHandoffs from './202612010130_add_urgent_to_handoffs';
import * as createDecisionTables from './202612010160_create_decision_tables';
import * as createIntegrationApiTables from './202612010170_create_integration_api_tables';
import * as addSessionsEndedAtToAffiliates from './202612010171_add_sessions_ended_at_to_affiliates';
import * as createWebhookCursors from './202612010172_create_webhook_cursors';
import * as addGenderToAgents from './202612010140_add_gender_to_agents';
import * as addStartsSessionToTranscriptEntries from './202612010141_add_starts_session_to_transcript_entries';
import * as createDirectLineTables from './202612010400_create_directline_tables';
import * as createDirectLineFiles from './202612010401_create_directline_files';

export interface NamedMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: readonly NamedMigration[] = [
  { name: '202611271620_create_reference_tables', ...createReferenceTables },
  { name: '202611271621_create_affiliate_tables', ...createAffiliateTables },
  { name: '202611271622_create_request_tables', ...createRequestTables },
  { name: '202611271623_create_messaging_tables', ...createMessagingTables },
  { name: '202611271810_create_handoff_tables', ...createHandoffTables },
  { name: '202611271900_create_certificate_tables', ...createCertificateTables },
  { name: '202611271920_create_identity_rate_events', ...createIdentityRateEvents },
  { name: '202611272000_create_whatsapp_tables', ...createWhatsAppTables },
  { name: '202611272030_add_position_to_request_attachments', ...addPositionToRequestAttachments },
  { name: '202611272100_add_whatsapp_sender_lock', ...addWhatsAppSenderLock },
  { name: '202612010120_add_recovery_password_to_accounts', ...addRecoveryPasswordToAccounts },
  { name: '202612010130_add_urgent_to_handoffs', ...addUrgentToHandoffs },
  { name: '202612010140_add_gender_to_agents', ...addGenderToAgents },
  { name: '202612010141_add_starts_session_to_transcript_entries', ...addStartsSessionToTranscriptEntries },
  { name: '202612010160_create_decision_tables', ...createDecisionTables },
  { name: '202612010170_create_integration_api_tables', ...createIntegrationApiTables },
  { name: '202612010171_add_sessions_ended_at_to_affiliates', ...addSessionsEndedAtToAffiliates },
  { name: '202612010172_create_webhook_cursors', ...createWebhookCursors },
  { name: '202612010400_create_directline_tables', ...createDirectLineTables },
  { name: '202612010401_create_directline_files', ...createDirectLineFiles },
];
