// Times of day as Colombians write them, in Bogotá time: "10:04 a. m.", "12:00 p. m.".
import { bogotaParts } from '../../domain/bogotaTime';

export function bogotaTimeLabel(at: Date): string {
  const p = bogotaParts(at);
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour12}:${String(p.minute).padStart(2, '0')} ${p.hour < 12 ? 'a. m.' : 'p. m.'}`;
}
