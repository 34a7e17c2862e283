// The demo family nucleus of CONTRACT.md in memory, for dialog tests that must not wait for storage.
import { Affiliate, AffiliateContactUpdate } from '../../../src/domain/model';
import { AffiliateRepository } from '../../../src/services/ports/repositories';

const base = {
  sex: 'F' as const,
  regime: 'contributivo' as const,
  affiliateType: 'beneficiario' as const,
  status: 'activo' as const,
  municipalityCode: '08001',
  affiliationDate: '2015-01-01',
  familyNucleusId: 'nucleus-perez',
  headAffiliateId: 'aff-maria',
  updatedAt: new Date('2026-01-01T00:00:00Z'),
};

export function demoNucleus(): Affiliate[] {
  return [
    { ...base, id: 'aff-maria', documentType: 'CC', documentNumber: '1045678901', firstNames: 'María Fernanda', lastNames: 'Pérez Gómez', birthDate: '1990-03-14', affiliateType: 'cabeza_familia', relationship: 'cabeza', mobile: '3001112233', email: 'maria.perez@example.com', address: 'Calle 72 # 45-10', documentIssueDate: '2008-03-14' },
    { ...base, id: 'aff-carlos', documentType: 'CC', documentNumber: '1045678902', firstNames: 'Carlos Andrés', lastNames: 'Ruiz Díaz', birthDate: '1988-07-22', sex: 'M', relationship: 'conyuge', mobile: '3001112234', address: 'Calle 72 # 45-10' },
    { ...base, id: 'aff-valentina', documentType: 'TI', documentNumber: '1098765432', firstNames: 'Valentina', lastNames: 'Ruiz Pérez', birthDate: '2014-02-03', relationship: 'hijo', address: 'Calle 72 # 45-10' },
    { ...base, id: 'aff-santiago', documentType: 'RC', documentNumber: '1098765433', firstNames: 'Santiago', lastNames: 'Ruiz Pérez', birthDate: '2022-05-10', sex: 'M', relationship: 'hijo' },
    { ...base, id: 'aff-jose', documentType: 'CC', documentNumber: '1045678903', firstNames: 'José Luis', lastNames: 'Martínez Ortega', birthDate: '1960-11-30', sex: 'M', relationship: 'padre', status: 'retirado', familyNucleusId: 'nucleus-perez' },
    { ...base, id: 'aff-ana', documentType: 'CC', documentNumber: '1045678904', firstNames: 'Ana Milena', lastNames: 'Rojas Castro', birthDate: '1985-01-09', relationship: 'cabeza', familyNucleusId: 'nucleus-rojas', headAffiliateId: 'aff-ana', mobile: '3001112236', municipalityCode: '47001' },
  ];
}

export class FakeAffiliates implements AffiliateRepository {
  readonly updates: { id: string; changes: AffiliateContactUpdate }[] = [];
  constructor(readonly rows: Affiliate[] = demoNucleus()) {}

  async findById(id: string) {
    return this.rows.find((a) => a.id === id);
  }
  async findByDocument(type: string, number: string) {
    return this.rows.find((a) => a.documentType === type && a.documentNumber === number);
  }
  async listFamilyNucleus(nucleusId: string) {
    return this.rows.filter((a) => a.familyNucleusId === nucleusId);
  }
  async updateContact(id: string, changes: AffiliateContactUpdate, now: Date) {
    const row = this.rows.find((a) => a.id === id);
    if (!row) throw new Error('not found');
    this.updates.push({ id, changes });
    Object.assign(row, { ...changes, email: changes.email === null ? undefined : (changes.email ?? row.email), updatedAt: now });
    return row;
  }
}
