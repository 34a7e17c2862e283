// When an answer is due, for what the affiliate files in chat. The rules and their sources:
// - Authorization requests: the EPS manual (section 8, docs/manual-map.md) promises an answer "entre 2 y 5
//   días hábiles"; we promise the outer bound, 5 business days after reception, and show the window (2 to 5).
// - PQRDS without a health-risk classification (every type: petición, queja, reclamo, denuncia, sugerencia):
//   15 business days, the general term for petitions of Ley 1755 de 2015, art. 14 (quejas, reclamos and
//   denuncias are forms of the right of petition, art. 13).
// - PQRDS classified by health risk (Supersalud circular 2023151000000010-5): vital 24 h, priority 48 h,
//   simple 72 h, calendar hours from the filing instant (risk does not wait for business days).
// Business-day terms run from the reception day under the filing rule of businessCalendar.ts.
import { addBusinessDaysToDate, receptionDate } from './businessCalendar';
import { bogotaDate, endOfBogotaDay, type IsoDate } from './bogotaTime';
import type { PqrdsType } from './model/pqrds';

export interface AnswerDue {
  /** Bogotá calendar date the answer is due (what the user is told). */
  dueDate: IsoDate;
  /** Deadline instant: the end of dueDate for day terms, filing + hours for hour terms. */
  dueAt: Date;
  term: { amount: number; unit: 'business_days' | 'hours' };
  /** The rule applied, for records and for agents. */
  basis: string;
}

export const AUTHORIZATION_MIN_BUSINESS_DAYS = 2;
export const AUTHORIZATION_MAX_BUSINESS_DAYS = 5;
export const PETITION_BUSINESS_DAYS = 15;

export type PqrdsRisk = 'vital' | 'priority' | 'simple';
export const PQRDS_RISK_HOURS: Record<PqrdsRisk, number> = { vital: 24, priority: 48, simple: 72 };
const RISK_LABEL: Record<PqrdsRisk, string> = { vital: 'vital', priority: 'priorizado', simple: 'simple' };

function businessDaysDue(filedAt: Date, days: number, basis: string): AnswerDue {
  const dueDate = addBusinessDaysToDate(receptionDate(filedAt), days);
  return { dueDate, dueAt: endOfBogotaDay(dueDate), term: { amount: days, unit: 'business_days' }, basis };
}

/** Authorization request: due 5 business days after reception; `earliestDate` is the manual's 2-day bound. */
export function authorizationAnswerDue(filedAt: Date): AnswerDue & { earliestDate: IsoDate } {
  const due = businessDaysDue(filedAt, AUTHORIZATION_MAX_BUSINESS_DAYS, 'Manual de la oficina virtual: 2 a 5 días hábiles');
  return { ...due, earliestDate: addBusinessDaysToDate(receptionDate(filedAt), AUTHORIZATION_MIN_BUSINESS_DAYS) };
}

/** PQRDS: hours when a health risk was classified, otherwise 15 business days for every type. */
export function pqrdsAnswerDue(filedAt: Date, type: PqrdsType, risk?: PqrdsRisk): AnswerDue {
  if (risk) {
    const hours = PQRDS_RISK_HOURS[risk];
    const dueAt = new Date(filedAt.getTime() + hours * 3_600_000);
    return {
      dueDate: bogotaDate(dueAt),
      dueAt,
      term: { amount: hours, unit: 'hours' },
      basis: `Circular Supersalud 2023151000000010-5: riesgo ${RISK_LABEL[risk]} ${hours} horas`,
    };
  }
  return businessDaysDue(filedAt, PETITION_BUSINESS_DAYS, `Ley 1755 de 2015, art. 14 (${type})`);
}
