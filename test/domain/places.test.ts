import { describe, expect, it } from 'vitest';
import {
  findDepartments,
  findMunicipalities,
  getDepartment,
  getMunicipality,
  MAX_CANDIDATES,
  PlaceIndex,
  placeIndex,
} from '../../src/domain/places';

const names = (text: string, department?: string) =>
  findMunicipalities(text, department).matches.map((m) => `${m.name} (${m.departmentCode})`);

describe('finding a municipality the way people type it', () => {
  it.each([
    ['barranquilla', '08001', true],
    ['Barranquilla', '08001', true],
    ['BARRANQUILLA', '08001', true],
    ['barranquila', '08001', false], // typo: a guess, not exact
    ['barranqiulla', '08001', false],
    ['sta marta', '47001', true], // abbreviation
    ['Sta. Marta', '47001', true],
    ['santa marta', '47001', true],
    ['bogota', '11001', true],
    ['Bogotá D.C.', '11001', true],
    ['bogota dc', '11001', true],
    ['medellin', '05001', true],
    ['medelin', '05001', false],
    ['cucuta', '54001', true],
    ['san jose de cucuta', '54001', true],
    ['cartagena de indias', '13001', true],
    ['mompox', '13468', true],
    ['sinselejo', '70001', false],
    ['bucaramnga', '68001', false],
    ['villavicen', '50001', false], // an unfinished word
    ['en el municipio de soledad', '08758', true],
    ['Barranquilla, Atlántico', '08001', true],
    ['el carmen de bolivar', '13244', false],
  ])('%j → %s (exact: %s)', (text, code, exact) => {
    const result = findMunicipalities(text);
    expect(result.matches[0]?.code).toBe(code);
    expect(result.exact).toBe(exact);
  });

  it('returns every exact homonym, with its department, when a name exists in several departments', () => {
    const result = findMunicipalities('Villanueva');
    expect(result.exact).toBe(true);
    expect(result.total).toBe(4);
    expect(result.matches.map((m) => m.departmentName).sort()).toEqual(['Bolívar', 'Casanare', 'La Guajira', 'Santander']);
  });

  it.each([
    ['Villanueva, Casanare', ['Villanueva (85)']],
    ['villanueva casanare', ['Villanueva (85)']],
    ['Villanueva (La Guajira)', ['Villanueva (44)']],
    ['sucre sucre', ['Sucre (70)']],
    ['San Andrés - Santander', ['San Andrés (68)']],
  ])('a department after the name narrows the list: %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('a name that is itself "<name> <department>" is not split ("San Juan del Cesar")', () => {
    expect(names('San Juan del Cesar')).toEqual(['San Juan del Cesar (44)']);
  });

  it('"San Juan" matches many: a short list of 5 and the total, so the dialog can ask for the department', () => {
    const result = findMunicipalities('San Juan');
    expect(result.exact).toBe(false);
    expect(result.matches).toHaveLength(MAX_CANDIDATES);
    expect(result.total).toBeGreaterThan(MAX_CANDIDATES);
    expect(result.matches.every((m) => m.name.startsWith('San Juan'))).toBe(true);
    expect(names('San Juan', '44')).toEqual(['San Juan del Cesar (44)']);
  });

  it('"Sucre", "La Paz" and "San Andrés" exist in several departments', () => {
    expect(names('sucre')).toEqual(['Sucre (19)', 'Sucre (68)', 'Sucre (70)']);
    expect(names('la paz')).toEqual(['La Paz (20)', 'La Paz (68)']);
    expect(findMunicipalities('san andres').total).toBe(3);
  });

  it('filters by department when one is given', () => {
    expect(names('villanueva', '68')).toEqual(['Villanueva (68)']);
    expect(names('barranquilla', '47')).toEqual([]);
  });

  it.each(['xyz', '', '   ', 'ciudad gótica', 'cal'])('%j matches nothing', (text) => {
    expect(findMunicipalities(text)).toEqual({ matches: [], total: 0, exact: false });
  });

  it('an exact name wins over names it is a prefix of ("Cartagena" is not "Cartagena del Chairá")', () => {
    expect(names('cartagena')).toEqual(['Cartagena (13)']);
    expect(names('cali')).toEqual(['Cali (76)']);
  });
});

describe('departments', () => {
  it.each([
    ['atlantico', '08', true],
    ['Atlántico', '08', true],
    ['valle', '76', true],
    ['departamento del valle', '76', true],
    ['guajira', '44', true],
    ['la guajira', '44', true],
    ['bogota', '11', true],
    ['san andres', '88', true],
    ['norte de santander', '54', true],
    ['santander', '68', true],
    ['antiokia', '05', false],
    ['cundinamrca', '25', false],
    ['narino', '52', true],
  ])('%j → %s (exact: %s)', (text, code, exact) => {
    const result = findDepartments(text);
    expect(result.matches[0]?.code).toBe(code);
    expect(result.exact).toBe(exact);
  });

  it('looks places up by DANE code', () => {
    expect(getMunicipality('08001')).toEqual({ code: '08001', name: 'Barranquilla', departmentCode: '08', departmentName: 'Atlántico' });
    expect(getDepartment('47')?.name).toBe('Magdalena');
    expect(getMunicipality('99999')).toBeUndefined();
    expect(placeIndex().listDepartments()).toHaveLength(33);
  });
});

describe('the index', () => {
  it('is built once and answers fast', () => {
    expect(placeIndex()).toBe(placeIndex());
    for (let i = 0; i < 20; i++) findMunicipalities('barranquila'); // warm up the JIT
    const start = performance.now();
    for (let i = 0; i < 100; i++) findMunicipalities('barranquila');
    // ~1 ms on the 2-core build machine; 20 ms leaves room for a loaded CI box.
    expect((performance.now() - start) / 100).toBeLessThan(20);
  });

  it('works over any data of the same shape (small fixture)', () => {
    const index = new PlaceIndex({
      departments: [{ code: '01', name: 'Uno', municipalities: [{ code: '01001', name: 'Villa Rica' }] }],
    });
    expect(index.findMunicipalities('vila rica').matches.map((m) => m.code)).toEqual(['01001']);
  });
});
