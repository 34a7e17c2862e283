// The affiliate feed over the integration API (scope affiliates:write):
//   PUT  /api/v1/affiliates/{documentType}/{documentNumber}  one affiliate, the whole record (absent optional
//        fields are cleared) → 201 created, 200 updated or unchanged, with the outcome.
//   POST /api/v1/affiliates/import  NDJSON, one affiliate per line → {created, updated, unchanged, errors}.
import { z } from 'zod';
import { bogotaDate } from '../../domain/bogotaTime';
import type { Clock } from '../../domain/clock';
import type { Affiliate } from '../../domain/model';
import { affiliateRecordSchema, firstProblem, type ReferenceCodes } from '../../services/affiliateFeed/affiliateRecord';
import { headNotFound, type AffiliateFeedService, type LineError } from '../../services/affiliateFeed/affiliateFeedService';
import { importLines, splitLines } from '../../services/affiliateFeed/feedImport';
import { ndjsonParser } from '../../services/affiliateFeed/lineFormats';
import { ApiError } from '../integrationApi/apiErrors';
import type { IntegrationApi } from '../integrationApi/integrationApi';

/** Request budgets: a few thousand affiliates per call; files of any size go through `npm run import:affiliates`. */
export const IMPORT_MAX_BYTES = 8 * 1024 * 1024;
export const IMPORT_MAX_LINES = 10_000;
const LINE_MAX_BYTES = 4096;
const CODES_TTL_MS = 5 * 60_000;

export interface AffiliateFeedRouteDeps {
  feed: AffiliateFeedService;
  clock: Clock;
}

/** The affiliate as the API shows it: the same field names it takes. */
export function affiliateView(a: Affiliate, head: { documentType: string; documentNumber: string }) {
  return {
    documentType: a.documentType,
    documentNumber: a.documentNumber,
    firstNames: a.firstNames,
    lastNames: a.lastNames,
    birthDate: a.birthDate,
    sex: a.sex,
    regime: a.regime,
    affiliateType: a.affiliateType,
    status: a.status,
    mobile: a.mobile ?? null,
    email: a.email ?? null,
    address: a.address ?? null,
    municipalityCode: a.municipalityCode,
    documentIssueDate: a.documentIssueDate ?? null,
    affiliationDate: a.affiliationDate,
    ipsCode: a.ipsCode ?? null,
    headDocumentType: head.documentType,
    headDocumentNumber: head.documentNumber,
    relationship: a.relationship,
  };
}

export function declareAffiliateFeedRoutes(api: IntegrationApi, deps: AffiliateFeedRouteDeps): void {
  let codes: { value: Promise<ReferenceCodes>; at: number } | undefined;
  // Municipalities and IPS change rarely; reading them for every PUT would cost more than the write.
  const referenceCodes = () => {
    const now = deps.clock.now().getTime();
    if (!codes || now - codes.at > CODES_TTL_MS) codes = { value: deps.feed.referenceCodes(), at: now };
    return codes.value;
  };

  api.route({
    method: 'put',
    path: '/affiliates/:documentType/:documentNumber',
    scope: 'affiliates:write',
    params: z.object({ documentType: z.string().max(4), documentNumber: z.string().max(40) }),
    body: z.record(z.string(), z.unknown(), 'el cuerpo debe ser un objeto JSON con los campos del afiliado'),
    handler: async ({ params, body }) => {
      for (const field of ['documentType', 'documentNumber'] as const) {
        const given = body[field];
        if (given !== undefined && given !== null && String(given).trim().toUpperCase() !== params[field].trim().toUpperCase()) {
          throw new ApiError(422, 'validation_failed', `El campo ${field} del cuerpo no coincide con el de la ruta.`, field);
        }
      }
      const schema = affiliateRecordSchema(await referenceCodes(), () => bogotaDate(deps.clock.now()));
      const checked = schema.safeParse({ ...body, documentType: params.documentType, documentNumber: params.documentNumber });
      if (!checked.success) {
        const problem = firstProblem(checked.error);
        throw new ApiError(422, 'validation_failed', `El campo ${problem.message}`, problem.field);
      }
      const result = await deps.feed.applyBatch([{ line: 1, record: checked.data }]);
      const failure = result.errors[0] ?? (result.waitingForHead[0] ? headNotFound(result.waitingForHead[0]) : undefined);
      if (failure) throw new ApiError(422, failure.code, `El campo ${failure.message}`, failure.field);
      const { outcome, affiliate } = result.outcomes[0]!;
      return {
        status: outcome === 'created' ? 201 : 200,
        body: {
          outcome,
          affiliate: affiliateView(affiliate, { documentType: checked.data.headDocumentType, documentNumber: checked.data.headDocumentNumber }),
        },
      };
    },
  });

  api.route({
    method: 'post',
    path: '/affiliates/import',
    scope: 'affiliates:write',
    body: 'raw',
    rawContentTypes: ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
    maxBodyBytes: IMPORT_MAX_BYTES,
    handler: async ({ rawBody }) => {
      let lines = 0;
      for (let i = rawBody.indexOf(0x0a); i >= 0 && lines <= IMPORT_MAX_LINES; i = rawBody.indexOf(0x0a, i + 1)) lines += 1;
      if (lines > IMPORT_MAX_LINES) {
        throw new ApiError(413, 'too_many_lines', `Envía hasta ${IMPORT_MAX_LINES} líneas por solicitud; para más, usa varias solicitudes o el importador de archivos.`);
      }
      const errors: LineError[] = [];
      const counts = await importLines(deps.feed, deps.clock, splitLines([rawBody], LINE_MAX_BYTES), ndjsonParser(), {
        onError: (error) => errors.push(error),
      });
      errors.sort((a, b) => a.line - b.line);
      return { status: 200, body: { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, errors } };
    },
  });
}
