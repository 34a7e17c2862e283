import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkDocumentNumber,
  documentTypeFitsAge,
  documentTypeName,
  expectedDocumentTypeForAge,
  maskDocument,
  normalizeDocumentNumber,
  parseDocumentInput,
  recognizeDocumentType,
} from '../../src/domain/documents';
import { DOCUMENT_TYPE_CODES, type DocumentTypeCode } from '../../src/domain/model/documentType';

describe('document numbers per type', () => {
  it.each([
    ['CC', '1045678901', '1045678901'],
    ['CC', '1.045.678.901', '1045678901'],
    ['CC', '1 045 678 901', '1045678901'],
    ['CC', '1,045,678,901', '1045678901'],
    ['CC', '123', '123'], // old short cédula
    ['TI', '1098765432', '1098765432'],
    ['TI', '99031512345', '99031512345'],
    ['RC', '1098765433', '1098765433'],
    ['RC', '12345678a', '12345678A'],
    ['CE', '442113', '442113'],
    ['PA', 'ab123456', 'AB123456'],
    ['PA', 'AB-123 456', 'AB123456'],
    ['PE', '123456789012345', '123456789012345'],
    ['PT', 'PPT 1234567', '1234567'],
    ['PT', '1234567', '1234567'],
    ['CN', '12345678-9', '123456789'],
    ['MS', '08001-0042', '080010042'],
    ['DE', 'X1234567Z', 'X1234567Z'],
  ] as [DocumentTypeCode, string, string][])('%s %j is valid as %s', (type, input, number) => {
    expect(checkDocumentNumber(type, input)).toEqual({ ok: true, number });
  });

  it.each([
    ['CC', '', 'empty'],
    ['CC', '  ', 'empty'],
    ['CC', '10456789O1', 'not_numeric'], // a letter O for a zero
    ['CC', '1045*678', 'invalid_characters'],
    ['CC', '12', 'too_short'],
    ['CC', '10456789012', 'too_long'],
    ['CC', '0123456', 'leading_zero'],
    ['TI', '123456789', 'too_short'],
    ['TI', '123456789012', 'too_long'],
    ['RC', '1234567', 'too_short'],
    ['CE', '12345678901', 'too_long'],
    ['PA', '1234', 'too_short'],
    ['PA', 'AB1234567890123456', 'too_long'],
    ['PA', 'AB12345$', 'invalid_characters'],
    ['PE', 'PE12345678', 'not_numeric'],
  ] as [DocumentTypeCode, string, string][])('%s %j is refused: %s', (type, input, reason) => {
    const check = checkDocumentNumber(type, input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toBe(reason);
  });

  it('every type has a rule and a Spanish name', () => {
    for (const code of DOCUMENT_TYPE_CODES) {
      expect(documentTypeName(code)).not.toBe(code);
      expect(checkDocumentNumber(code, '').ok).toBe(false);
    }
    expect(documentTypeName('CC')).toBe('Cédula de ciudadanía');
  });

  it('the refusal carries the rule so the message can say what is expected', () => {
    const check = checkDocumentNumber('TI', '123');
    expect(check).toMatchObject({ ok: false, rule: { numeric: true, minLength: 10, maxLength: 11 } });
  });

  it('normalises without changing what it does not understand', () => {
    expect(normalizeDocumentNumber(' 1.045.678.901 ')).toBe('1045678901');
    expect(normalizeDocumentNumber('12*34')).toBe('12*34');
  });
});

describe('recognising the document type from words', () => {
  it.each([
    ['CC', 'CC'], ['c.c.', 'CC'], ['C.C', 'CC'], ['cédula', 'CC'], ['Cedula de ciudadania', 'CC'], ['mi cédula', 'CC'],
    ['TI', 'TI'], ['t.i.', 'TI'], ['Tarjeta de identidad', 'TI'], ['tarjeta', 'TI'],
    ['registro civil', 'RC'], ['Registro Civil de Nacimiento', 'RC'], ['NUIP', 'RC'],
    ['cédula de extranjería', 'CE'], ['CÉDULA DE EXTRANJERÍA', 'CE'], ['c.e.', 'CE'], ['extranjería', 'CE'],
    ['pasaporte', 'PA'], ['PA', 'PA'],
    ['PPT', 'PT'], ['permiso por protección temporal', 'PT'],
    ['PEP', 'PE'], ['permiso especial de permanencia', 'PE'],
    ['certificado de nacido vivo', 'CN'],
    ['adulto sin identificación', 'AS'], ['menor sin identificación', 'MS'],
    ['carné diplomático', 'CD'], ['salvoconducto', 'SC'], ['documento extranjero', 'DE'],
    ['es una cédula de extranjería', 'CE'],
  ])('%j → %s', (text, code) => {
    expect(recognizeDocumentType(text)).toBe(code);
  });

  it.each(['hola', '', 'licencia de conducción', 'de', 'c'])('%j is no document type', (text) => {
    if (text === 'de') expect(recognizeDocumentType(text)).toBe('DE'); // the bare code is accepted
    else expect(recognizeDocumentType(text)).toBeUndefined();
  });

  it.each([
    ['CC 1.045.678.901', { type: 'CC', number: '1045678901' }],
    ['cédula 1045678901', { type: 'CC', number: '1045678901' }],
    ['TI: 1098765432', { type: 'TI', number: '1098765432' }],
    ['pasaporte AB123456', { type: 'PA', number: 'AB123456' }],
    ['PPT 1234567', { type: 'PT', number: '1234567' }],
    ['1045678901', { type: undefined, number: '1045678901' }],
    ['cédula', { type: 'CC' }],
  ])('parseDocumentInput(%j)', (text, expected) => {
    expect(parseDocumentInput(text)).toEqual(expected);
  });
});

describe('masking and age', () => {
  it.each([
    ['1045678901', '******8901'],
    ['12345678', '****5678'],
    ['1234567', '*****67'],
    ['123', '*23'],
  ])('maskDocument(%s) is %s', (number, masked) => {
    expect(maskDocument(number)).toBe(masked);
  });

  it.each([
    [0, 'RC'], [6, 'RC'], [7, 'TI'], [12, 'TI'], [17, 'TI'], [18, 'CC'], [70, 'CC'],
  ] as const)('at %i years the expected type is %s', (age, type) => {
    expect(expectedDocumentTypeForAge(age)).toBe(type);
  });

  it.each([
    ['TI', 12, 'ok'], ['RC', 4, 'ok'], ['CC', 40, 'ok'],
    ['RC', 7, 'ok'], // just turned 7: TI still in the making
    ['TI', 18, 'ok'], // just turned 18
    ['CC', 10, 'unusual'], ['RC', 15, 'unusual'], ['TI', 30, 'unusual'], ['TI', 5, 'unusual'],
    ['PA', 3, 'ok'], ['CE', 10, 'ok'],
  ] as const)('a %s at %i years is %s', (type, age, verdict) => {
    expect(documentTypeFitsAge(type, age)).toBe(verdict);
  });

  it('computes whole years, counting the birthday itself', () => {
    expect(ageOn('2014-03-14', '2026-03-13')).toBe(11);
    expect(ageOn('2014-03-14', '2026-03-14')).toBe(12);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});
