/**
 * Calendar dates (birth, document issue, due dates) travel as 'YYYY-MM-DD' strings: they have no time
 * zone, and a Date would shift them by a day when read in Bogotá (UTC−5). Instants are Date objects.
 */
export type { IsoDate } from '../bogotaTime';
