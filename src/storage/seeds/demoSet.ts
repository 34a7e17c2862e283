// The demo people listed in the README's "Demo data" (synthetic: never real people). Every date is fixed, so
// the data reads the same whenever it is seeded, and tests that use a fixed clock in late 2026 see consistent
// states.
import type {
  Account,
  Affiliate,
  Authorization,
  AuthorizationRequest,
  Consent,
  Pqrds,
  RequestAttachment,
} from '../../domain/model';

export const DEMO_PASSWORD = 'Cajacopi#2026';

/** Stable ids, so tests and other seeds can point at the demo people. */
export const DEMO_IDS = {
  mariaFernanda: '7b0f8a3e-2c1d-4e5f-8a01-000000000101',
  carlosAndres: '7b0f8a3e-2c1d-4e5f-8a01-000000000102',
  valentina: '7b0f8a3e-2c1d-4e5f-8a01-000000000103',
  santiago: '7b0f8a3e-2c1d-4e5f-8a01-000000000104',
  joseLuis: '7b0f8a3e-2c1d-4e5f-8a01-000000000105',
  anaMilena: '7b0f8a3e-2c1d-4e5f-8a01-000000000106',
  anaMilenaAccount: '7b0f8a3e-2c1d-4e5f-8a02-000000000106',
  perezRuizNucleus: '7b0f8a3e-2c1d-4e5f-8a03-000000000101',
  martinezNucleus: '7b0f8a3e-2c1d-4e5f-8a03-000000000105',
  rojasNucleus: '7b0f8a3e-2c1d-4e5f-8a03-000000000106',
} as const;

const SEEDED_AT = new Date('2026-01-02T13:00:00.000Z');
const d = (iso: string): Date => new Date(iso);

const base = { regime: 'contributivo', status: 'activo', updatedAt: SEEDED_AT } as const;

export const DEMO_AFFILIATES: Affiliate[] = [
  {
    ...base,
    id: DEMO_IDS.mariaFernanda,
    documentType: 'CC',
    documentNumber: '1045678901',
    firstNames: 'María Fernanda',
    lastNames: 'Pérez Gómez',
    birthDate: '1990-02-20',
    sex: 'F',
    affiliateType: 'cotizante',
    mobile: '3001112233',
    email: 'mafe.perez@example.com',
    address: 'Carrera 46 # 72-15, barrio El Prado',
    municipalityCode: '08001',
    documentIssueDate: '2008-03-14',
    affiliationDate: '2015-02-01',
    ipsCode: '080010000101',
    familyNucleusId: DEMO_IDS.perezRuizNucleus,
    headAffiliateId: DEMO_IDS.mariaFernanda,
    relationship: 'cabeza',
  },
  {
    ...base,
    id: DEMO_IDS.carlosAndres,
    documentType: 'CC',
    documentNumber: '1045678902',
    firstNames: 'Carlos Andrés',
    lastNames: 'Ruiz Díaz',
    birthDate: '1992-05-30',
    sex: 'M',
    affiliateType: 'beneficiario',
    mobile: '3001112234',
    address: 'Carrera 46 # 72-15, barrio El Prado',
    municipalityCode: '08001',
    documentIssueDate: '2010-07-22',
    affiliationDate: '2016-08-10',
    ipsCode: '080010000101',
    familyNucleusId: DEMO_IDS.perezRuizNucleus,
    headAffiliateId: DEMO_IDS.mariaFernanda,
    relationship: 'conyuge',
  },
  {
    ...base,
    id: DEMO_IDS.valentina,
    documentType: 'TI',
    documentNumber: '1098765432',
    firstNames: 'Valentina',
    lastNames: 'Ruiz Pérez',
    birthDate: '2014-03-05',
    sex: 'F',
    affiliateType: 'beneficiario',
    address: 'Carrera 46 # 72-15, barrio El Prado',
    municipalityCode: '08001',
    documentIssueDate: '2020-02-03',
    affiliationDate: '2016-08-10',
    ipsCode: '080010000101',
    familyNucleusId: DEMO_IDS.perezRuizNucleus,
    headAffiliateId: DEMO_IDS.mariaFernanda,
    relationship: 'hijo',
  },
  {
    ...base,
    id: DEMO_IDS.santiago,
    documentType: 'RC',
    documentNumber: '1098765433',
    firstNames: 'Santiago',
    lastNames: 'Ruiz Pérez',
    birthDate: '2022-06-10',
    sex: 'M',
    affiliateType: 'beneficiario',
    address: 'Carrera 46 # 72-15, barrio El Prado',
    municipalityCode: '08001',
    affiliationDate: '2022-06-20',
    ipsCode: '080010000101',
    familyNucleusId: DEMO_IDS.perezRuizNucleus,
    headAffiliateId: DEMO_IDS.mariaFernanda,
    relationship: 'hijo',
  },
  {
    ...base,
    status: 'retirado',
    id: DEMO_IDS.joseLuis,
    documentType: 'CC',
    documentNumber: '1045678903',
    firstNames: 'José Luis',
    lastNames: 'Martínez Ortega',
    birthDate: '1987-08-12',
    sex: 'M',
    affiliateType: 'cotizante',
    mobile: '3001112235',
    address: 'Calle 30 # 19-44',
    municipalityCode: '08758',
    documentIssueDate: '2005-11-30',
    affiliationDate: '2012-04-01',
    ipsCode: '087580000201',
    familyNucleusId: DEMO_IDS.martinezNucleus,
    headAffiliateId: DEMO_IDS.joseLuis,
    relationship: 'cabeza',
  },
  {
    ...base,
    regime: 'subsidiado',
    id: DEMO_IDS.anaMilena,
    documentType: 'CC',
    documentNumber: '1045678904',
    firstNames: 'Ana Milena',
    lastNames: 'Rojas Castro',
    birthDate: '1993-10-02',
    sex: 'F',
    affiliateType: 'cabeza_familia',
    mobile: '3001112236',
    email: 'ana.rojas@example.com',
    address: 'Calle 72 # 41-30, apartamento 302',
    municipalityCode: '08001',
    documentIssueDate: '2012-01-09',
    affiliationDate: '2014-05-12',
    ipsCode: '080010000102',
    familyNucleusId: DEMO_IDS.rojasNucleus,
    headAffiliateId: DEMO_IDS.anaMilena,
    relationship: 'cabeza',
  },
];

/** Ana Milena's account; the hash of DEMO_PASSWORD is computed when seeding. */
export const DEMO_ACCOUNT: Omit<Account, 'passwordHash'> = {
  id: DEMO_IDS.anaMilenaAccount,
  affiliateId: DEMO_IDS.anaMilena,
  mustChangePassword: false,
  failedAttempts: 0,
  failedAttemptsInWindow: 0,
  createdAt: d('2026-03-02T15:00:00.000Z'),
  lastLoginAt: d('2026-11-20T14:05:00.000Z'),
  updatedAt: d('2026-11-20T14:05:00.000Z'),
};

export const DEMO_CONSENTS: Consent[] = [
  {
    id: '7b0f8a3e-2c1d-4e5f-8a04-000000000001',
    affiliateId: DEMO_IDS.anaMilena,
    kind: 'privacy_policy',
    version: '2026-01',
    acceptedAt: d('2026-03-02T14:58:00.000Z'),
    channel: 'webchat',
  },
  {
    id: '7b0f8a3e-2c1d-4e5f-8a04-000000000002',
    affiliateId: DEMO_IDS.anaMilena,
    kind: 'rights_charter',
    version: '2026-01',
    acceptedAt: d('2026-03-02T15:01:00.000Z'),
    channel: 'webchat',
  },
];

const request = (
  n: number,
  fields: Pick<AuthorizationRequest, 'status' | 'serviceCode' | 'serviceName' | 'observation' | 'createdAt' | 'dueDate'> &
    Partial<AuthorizationRequest>,
): AuthorizationRequest => ({
  id: `7b0f8a3e-2c1d-4e5f-8a05-00000000000${n}`,
  filingNumber: `AUT-2026-00000${n}`,
  affiliateId: DEMO_IDS.anaMilena,
  filedByAccountId: DEMO_IDS.anaMilenaAccount,
  departmentCode: '08',
  municipalityCode: '08001',
  updatedAt: fields.createdAt,
  ...fields,
});

/** Ana Milena's requests, one in each status; numbers AUT-2026-000001…000005. */
export const DEMO_REQUESTS: AuthorizationRequest[] = [
  request(1, {
    status: 'aprobada',
    serviceCode: '883522',
    serviceName: 'Resonancia magnética de articulaciones de miembro inferior (rodilla)',
    observation: 'Resonancia de rodilla derecha ordenada por ortopedia por dolor persistente.',
    justification: 'Servicio del plan de beneficios con orden médica vigente; autorizado en la red de la EPS.',
    createdAt: d('2026-09-08T14:20:00.000Z'),
    dueDate: '2026-09-15',
    updatedAt: d('2026-09-11T16:00:00.000Z'),
  }),
  request(2, {
    status: 'rechazada',
    serviceCode: '883230',
    serviceName: 'Resonancia magnética de columna lumbosacra simple',
    observation: 'Resonancia de columna lumbar por dolor de espalda.',
    justification: 'Se revisaron los soportes adjuntos.',
    rejectionReason: 'La orden médica adjunta no tiene la firma ni el registro del médico tratante.',
    createdAt: d('2026-10-02T13:10:00.000Z'),
    dueDate: '2026-10-09',
    updatedAt: d('2026-10-07T15:30:00.000Z'),
  }),
  request(3, {
    status: 'anulada',
    serviceCode: '881302',
    serviceName: 'Ecografía de abdomen total (hígado, páncreas, vesícula, vías biliares, riñones, bazo, grandes vasos, pelvis y flancos)',
    observation: 'Ecografía abdominal ordenada en consulta de medicina general.',
    justification: 'Anulada por solicitud duplicada; se tramita con el radicado AUT-2026-000004.',
    createdAt: d('2026-11-20T15:00:00.000Z'),
    dueDate: '2026-11-27',
    updatedAt: d('2026-11-23T14:00:00.000Z'),
  }),
  request(4, {
    status: 'en_revision',
    serviceCode: '881302',
    serviceName: 'Ecografía de abdomen total (hígado, páncreas, vesícula, vías biliares, riñones, bazo, grandes vasos, pelvis y flancos)',
    observation: 'Ecografía abdominal ordenada en consulta de medicina general. Adjunto orden y resumen de historia clínica.',
    createdAt: d('2026-11-20T15:12:00.000Z'),
    dueDate: '2026-11-27',
    updatedAt: d('2026-11-24T13:00:00.000Z'),
  }),
  request(5, {
    status: 'radicada',
    serviceCode: '890202',
    serviceName: 'Consulta de primera vez por medicina especializada',
    observation: 'Remisión a ortopedia para control de rodilla después de la resonancia.',
    createdAt: d('2026-11-26T16:40:00.000Z'),
    dueDate: '2026-12-03',
  }),
];

export const DEMO_ATTACHMENTS: RequestAttachment[] = DEMO_REQUESTS.map((r, i) => ({
  id: `7b0f8a3e-2c1d-4e5f-8a06-00000000000${i + 1}`,
  requestId: r.id,
  storedName: `demo-${r.id}.pdf`,
  originalName: 'orden-medica.pdf',
  sizeBytes: 48_213 + i * 1_024,
  sha256: `${'0'.repeat(63)}${i + 1}`,
  contentType: 'application/pdf',
  createdAt: r.createdAt,
}));

const authorization = (n: number, fields: Omit<Authorization, 'id' | 'number'>): Authorization => ({
  id: `7b0f8a3e-2c1d-4e5f-8a07-00000000000${n}`,
  number: `202600451${n}`,
  ...fields,
});

/** Ana Milena's authorizations in every status, plus two for María Fernanda's children. */
export const DEMO_AUTHORIZATIONS: Authorization[] = [
  authorization(1, {
    affiliateId: DEMO_IDS.anaMilena,
    serviceCode: '883522',
    serviceName: 'Resonancia magnética de articulaciones de miembro inferior (rodilla)',
    providerIpsCode: '080010000101',
    status: 'activa',
    issuedAt: '2026-09-11',
    expiresAt: '2027-03-10',
    requestId: DEMO_REQUESTS[0]?.id,
  }),
  authorization(2, {
    affiliateId: DEMO_IDS.anaMilena,
    serviceCode: '903841',
    serviceName: 'Glucosa en suero u otro fluido diferente a orina',
    providerIpsCode: '080010000102',
    status: 'utilizada',
    issuedAt: '2026-06-03',
    expiresAt: '2026-09-01',
  }),
  authorization(3, {
    affiliateId: DEMO_IDS.anaMilena,
    serviceCode: '883101',
    serviceName: 'Resonancia magnética de cerebro simple',
    providerIpsCode: '080010000101',
    status: 'vencida',
    issuedAt: '2026-01-20',
    expiresAt: '2026-04-20',
  }),
  authorization(4, {
    affiliateId: DEMO_IDS.anaMilena,
    serviceCode: '895100',
    serviceName: 'Electrocardiograma de ritmo o de superficie',
    providerIpsCode: '080010000102',
    status: 'anulada',
    issuedAt: '2026-03-10',
    expiresAt: '2026-06-08',
  }),
  authorization(5, {
    affiliateId: DEMO_IDS.valentina,
    serviceCode: '890202',
    serviceName: 'Consulta de primera vez por medicina especializada',
    providerIpsCode: '080010000102',
    status: 'activa',
    issuedAt: '2026-11-10',
    expiresAt: '2027-02-08',
  }),
  authorization(6, {
    affiliateId: DEMO_IDS.santiago,
    serviceCode: '902210',
    serviceName: 'Hemograma IV (hemoglobina, hematocrito, recuento de eritrocitos, índices eritrocitarios, leucograma, recuento de plaquetas) automatizado',
    providerIpsCode: '080010000101',
    status: 'utilizada',
    issuedAt: '2026-07-14',
    expiresAt: '2026-10-12',
  }),
];

/** Ana Milena's PQRDS: PQR-2026-000123 (in progress) and an answered one. */
export const DEMO_PQRDS: Pqrds[] = [
  {
    id: '7b0f8a3e-2c1d-4e5f-8a08-000000000123',
    code: 'PQR-2026-000123',
    type: 'reclamo',
    petitionerDocumentType: 'CC',
    petitionerDocumentNumber: '1045678904',
    description: 'Reclamo por demora en la asignación de la cita de ortopedia autorizada.',
    status: 'en_tramite',
    createdAt: d('2026-11-18T15:00:00.000Z'),
    dueAt: d('2026-12-11T04:59:59.999Z'),
  },
  {
    id: '7b0f8a3e-2c1d-4e5f-8a08-000000000098',
    code: 'PQR-2026-000098',
    type: 'peticion',
    petitionerDocumentType: 'CC',
    petitionerDocumentNumber: '1045678904',
    description: 'Solicito copia del certificado de afiliación para trámite laboral.',
    status: 'respondida',
    createdAt: d('2026-08-04T14:00:00.000Z'),
    dueAt: d('2026-08-28T04:59:59.999Z'),
    answer: 'Te enviamos el certificado de afiliación al correo registrado. También puedes descargarlo en la Oficina Virtual.',
    answeredAt: d('2026-08-06T19:30:00.000Z'),
  },
];

/** Counters after the demo numbers, so new filings continue the sequence. */
export const DEMO_COUNTERS = [
  { name: 'AUT-2026', value: DEMO_REQUESTS.length },
  { name: 'PQR-2026', value: 123 },
];
