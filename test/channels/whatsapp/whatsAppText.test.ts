import { describe, expect, it } from 'vitest';
import { optionsActivity } from '../../../dialogs/prompts/optionsPrompt';
import { fileFromAttachment } from '../../../src/channels/whatsapp/outboundFiles';
import { numberedText, splitText, toWhatsAppMarkdown } from '../../../src/channels/whatsapp/whatsAppText';

describe('WhatsApp text rendering', () => {
  it('appends the options of a prompt as a numbered list after the question', () => {
    const activity = optionsActivity('¿Qué quieres hacer?', [
      { value: 'register', title: 'Registrarme' },
      { value: 'login', title: 'Iniciar sesión' },
    ]);
    expect(numberedText(activity)).toBe('¿Qué quieres hacer?\n\n1. Registrarme\n2. Iniciar sesión');
  });

  it('keeps WhatsApp bold as it is and converts Markdown bold and links', () => {
    expect(toWhatsAppMarkdown('Escribe *menú* o **cancelar**')).toBe('Escribe *menú* o *cancelar*');
    expect(toWhatsAppMarkdown('Mira [la guía](https://eps.example/guia)')).toBe('Mira la guía (https://eps.example/guia)');
  });

  it('splits long texts at paragraph boundaries within the limit', () => {
    const paragraph = 'a'.repeat(60);
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const pieces = splitText(text, 130);
    expect(pieces).toEqual([`${paragraph}\n\n${paragraph}`, paragraph]);
    expect(splitText('x'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
  });

  it('decodes a data: URL PDF and keeps only a safe file name', () => {
    const file = fileFromAttachment({
      contentType: 'application/pdf',
      name: '../../etc/certificado.pdf',
      contentUrl: `data:application/pdf;base64,${Buffer.from('%PDF-1.7').toString('base64')}`,
    });
    expect(file).toEqual({ contentType: 'application/pdf', filename: 'certificado.pdf', data: Buffer.from('%PDF-1.7') });
    expect(fileFromAttachment({ contentType: 'application/pdf', contentUrl: 'https://example.com/a.pdf' })).toBeUndefined();
  });
});
