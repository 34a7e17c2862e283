// IPS: Institución Prestadora de Servicios de Salud, the clinic or hospital where the affiliate is attended.
export interface Ips {
  /** Provider code (REPS-like). */
  code: string;
  name: string;
  address: string;
  phone: string;
  municipalityCode: string;
  /** How to get there, in Spanish, shown with the certificate and the IPS lookup. */
  directions: string;
}
