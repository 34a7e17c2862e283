// The message bodies we send through POST /{phone-number-id}/messages, and Meta's documented limits
// (interactive reply buttons and list messages references, checked November 2026).
export const CLOUD_LIMITS = {
  textBody: 4096,
  buttonsBody: 1024,
  listBody: 4096,
  maxButtons: 3,
  buttonTitle: 20,
  buttonId: 256,
  maxRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
  sectionTitle: 24,
} as const;

export interface ReplyButton {
  type: 'reply';
  reply: { id: string; title: string };
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export type CloudMessage =
  | { type: 'text'; text: { body: string; preview_url?: boolean } }
  | {
      type: 'interactive';
      interactive:
        | { type: 'button'; body: { text: string }; action: { buttons: ReplyButton[] } }
        | { type: 'list'; body: { text: string }; action: { button: string; sections: { title?: string; rows: ListRow[] }[] } };
    }
  | { type: 'document'; document: { id: string; filename?: string; caption?: string } }
  // Outside the 24-hour window only an approved template may be sent; its body takes text parameters.
  | {
      type: 'template';
      template: { name: string; language: { code: string }; components: { type: 'body'; parameters: { type: 'text'; text: string }[] }[] };
    };
