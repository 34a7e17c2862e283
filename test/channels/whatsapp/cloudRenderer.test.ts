import { describe, expect, it } from 'vitest';
import { optionsActivity } from '../../../dialogs/prompts/optionsPrompt';
import { visibleMenu } from '../../../dialogs/menu';

const MENU = visibleMenu(false);
import { answerFromReplyId, renderCloudMessages } from '../../../src/channels/whatsapp/cloudRenderer';

const options = (titles: string[]) => titles.map((title) => ({ value: title.toLowerCase(), title }));

describe('Cloud API rendering', () => {
  it('sends plain text as a text message', () => {
    expect(renderCloudMessages({ type: 'message', text: 'Listo, **radicado**.' })).toEqual([{ type: 'text', text: { body: 'Listo, *radicado*.' } }]);
  });

  it('uses reply buttons for up to 3 short options, the option value as button id', () => {
    const [message] = renderCloudMessages(optionsActivity('¿Confirmas?', options(['Sí', 'No'])));
    expect(message).toEqual({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: '¿Confirmas?' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'Sí', title: 'Sí' } },
            { type: 'reply', reply: { id: 'No', title: 'No' } },
          ],
        },
      },
    });
  });

  it('uses a list when a button title would pass 20 characters', () => {
    const [message] = renderCloudMessages(optionsActivity('¿Qué certificado?', options(['Afiliación', 'Certificado de aportes al sistema'])));
    expect(message.type).toBe('interactive');
    const interactive = (message as { interactive: { type: string; action: { sections: { rows: { id: string; title: string; description?: string }[] }[] } } }).interactive;
    expect(interactive.type).toBe('list');
    const rows = interactive.action.sections[0].rows;
    // Row titles stop at 24 characters; the whole title is shown as the description.
    expect(rows[1]).toEqual({ id: 'Certificado de aportes al sistema', title: 'Certificado de aportes…', description: 'Certificado de aportes al sistema' });
    expect(rows.every((r) => r.title.length <= 24)).toBe(true);
  });

  it('renders the whole main menu as one list within Meta\'s limits', () => {
    const [message] = renderCloudMessages(optionsActivity('¿Qué quieres hacer?', MENU));
    const interactive = (message as { interactive: { type: string; action: { button: string; sections: { rows: { title: string }[] }[] } } }).interactive;
    expect(interactive.type).toBe('list');
    expect(interactive.action.button.length).toBeLessThanOrEqual(20);
    expect(interactive.action.sections[0].rows.map((r) => r.title)).toEqual(MENU.map((m) => m.title));
  });

  it('falls back to numbered text past 10 options', () => {
    const titles = Array.from({ length: 12 }, (_, i) => `Municipio ${i + 1}`);
    const [message] = renderCloudMessages(optionsActivity('¿Cuál es tu municipio?', options(titles)));
    expect(message).toEqual({ type: 'text', text: { body: expect.stringMatching(/^¿Cuál es tu municipio\?\n\n1\. Municipio 1\n[\s\S]*\n12\. Municipio 12$/) } });
  });

  it('falls back to numbered text when the question is longer than a list body allows', () => {
    const [message] = renderCloudMessages(optionsActivity('a'.repeat(5000), options(['Sí', 'No'])));
    expect(message.type).toBe('text');
  });

  it('numbers the ids when values are too long to be ids, and reads a tap back as that number', () => {
    const long = 'x'.repeat(300);
    const [message] = renderCloudMessages({
      type: 'message',
      text: '¿Cuál?',
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Uno', value: long }, { type: 'imBack', title: 'Dos', value: 'dos' }] },
    });
    const buttons = (message as { interactive: { action: { buttons: { reply: { id: string } }[] } } }).interactive.action.buttons;
    expect(buttons.map((b) => b.reply.id)).toEqual(['opcion:1', 'opcion:2']);
    expect(answerFromReplyId('opcion:2')).toBe('2');
    expect(answerFromReplyId('Iniciar sesión')).toBe('Iniciar sesión');
  });

  it('splits a text longer than 4096 characters into several messages', () => {
    const messages = renderCloudMessages({ type: 'message', text: `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}` });
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.type === 'text' && m.text.body.length <= 4096)).toBe(true);
  });
});
