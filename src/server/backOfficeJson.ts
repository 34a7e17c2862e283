// The JSON shapes of requests, decisions and PQRDS, shared by the integration API and the back-office
// pages, and one place that sends a kept support PDF safely (always a download, never run in the page).
import { readFile } from 'node:fs/promises';
import type { Response } from 'restify';
import { NotFoundError } from '../domain/errors';
import type { Authorization, Pqrds, RequestAttachment } from '../domain/model';
import type { QueuedRequest, StoredDecision } from '../services/ports/backOffice';
import { sendDownload } from './fileDownload';

export function supportJson(a: RequestAttachment) {
  return { id: a.id, name: a.originalName, sizeBytes: a.sizeBytes, sha256: a.sha256 };
}

export function authorizationJson(a: Authorization, verificationUrl?: (code: string) => string) {
  return {
    number: a.number,
    verificationCode: a.verificationCode,
    verificationUrl: a.verificationCode && verificationUrl ? verificationUrl(a.verificationCode) : undefined,
    serviceCode: a.serviceCode,
    serviceName: a.serviceName,
    ipsCode: a.providerIpsCode,
    quantity: a.quantity,
    validFrom: a.validFrom ?? a.issuedAt,
    validUntil: a.expiresAt,
    copay: a.copayPesos,
    status: a.status,
  };
}

export function decisionJson(d: StoredDecision, authorization?: Authorization, verificationUrl?: (code: string) => string) {
  return {
    decision: d.kind,
    decidedAt: d.decidedAt.toISOString(),
    decidedBy: d.actor.name,
    reason: d.reasonCode,
    detail: d.detail,
    message: d.message,
    authorization: authorization ? authorizationJson(authorization, verificationUrl) : undefined,
  };
}

export function requestJson(q: QueuedRequest, supports: RequestAttachment[], decision?: ReturnType<typeof decisionJson>) {
  const r = q.request;
  return {
    filingNumber: r.filingNumber,
    status: r.status,
    filedAt: r.createdAt.toISOString(),
    dueDate: r.dueDate,
    affiliate: { documentType: q.affiliate.documentType, documentNumber: q.affiliate.documentNumber, fullName: q.affiliate.fullName },
    municipalityCode: r.municipalityCode,
    observation: r.observation,
    supports: supports.map(supportJson),
    ...(decision ? { decision } : {}),
  };
}

export function pqrdsJson(p: Pqrds) {
  return {
    code: p.code,
    type: p.type,
    status: p.status,
    filedAt: p.createdAt.toISOString(),
    dueAt: p.dueAt.toISOString(),
    petitioner: { documentType: p.petitionerDocumentType, documentNumber: p.petitionerDocumentNumber },
    description: p.description,
    answer: p.answer,
    answeredAt: p.answeredAt?.toISOString(),
  };
}

/** A kept support as a safe download (src/server/fileDownload.ts). */
export async function sendSupportFile(res: Response, filePath: string, name: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch {
    // Recorded but not on this disk (a demo row, a lost volume): the same answer as an unknown file.
    throw new NotFoundError('support file');
  }
  sendDownload(res, bytes, name, 'soporte.pdf');
}
