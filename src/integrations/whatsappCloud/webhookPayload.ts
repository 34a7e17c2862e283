// Meta's "messages" webhook for the WhatsApp Business Account, as documented (webhooks reference:
// text, interactive, button, document/image/sticker/audio/video, location, contacts, reaction, statuses).
// Parsed leniently: fields we do not use pass through, and one odd message never drops its neighbours.
import { z } from 'zod';

const media = z
  .object({
    id: z.string(),
    mime_type: z.string().optional(),
    sha256: z.string().optional(),
    filename: z.string().optional(),
    caption: z.string().optional(),
  })
  .loose();

export const inboundMessageSchema = z
  .object({
    from: z.string().min(1),
    id: z.string().min(1),
    timestamp: z.string().regex(/^\d+$/),
    type: z.string(),
    text: z.object({ body: z.string() }).loose().optional(),
    interactive: z
      .object({
        type: z.string(),
        list_reply: z.object({ id: z.string(), title: z.string().optional() }).loose().optional(),
        button_reply: z.object({ id: z.string(), title: z.string().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
    // Quick-reply button of a template.
    button: z.object({ text: z.string(), payload: z.string().optional() }).loose().optional(),
    document: media.optional(),
    image: media.optional(),
    sticker: media.optional(),
    audio: media.optional(),
    video: media.optional(),
  })
  .loose();

export type InboundCloudMessage = z.infer<typeof inboundMessageSchema>;

export const statusSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    timestamp: z.string().regex(/^\d+$/),
    errors: z.array(z.object({ code: z.number() }).loose()).optional(),
  })
  .loose();

const changeValueSchema = z
  .object({
    metadata: z.object({ phone_number_id: z.string() }).loose(),
    messages: z.array(z.unknown()).optional(),
    statuses: z.array(z.unknown()).optional(),
  })
  .loose();

export const webhookSchema = z
  .object({
    object: z.string(),
    entry: z.array(
      z
        .object({
          changes: z.array(z.object({ field: z.string(), value: z.unknown() }).loose()),
        })
        .loose(),
    ),
  })
  .loose();

export interface WebhookContents {
  messages: InboundCloudMessage[];
  statuses: z.infer<typeof statusSchema>[];
  /** Items that did not have the documented shape, or were for another phone number: counted, skipped. */
  skipped: number;
}

/** The messages and statuses addressed to our phone number; undefined when the body is not a WhatsApp webhook. */
export function readWebhook(body: unknown, phoneNumberId: string): WebhookContents | undefined {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success || parsed.data.object !== 'whatsapp_business_account') return undefined;
  const out: WebhookContents = { messages: [], statuses: [], skipped: 0 };
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = changeValueSchema.safeParse(change.value);
      if (!value.success || value.data.metadata.phone_number_id !== phoneNumberId) {
        out.skipped += 1;
        continue;
      }
      for (const raw of value.data.messages ?? []) {
        const message = inboundMessageSchema.safeParse(raw);
        if (message.success) out.messages.push(message.data);
        else out.skipped += 1;
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(raw);
        if (status.success) out.statuses.push(status.data);
        else out.skipped += 1;
      }
    }
  }
  return out;
}
