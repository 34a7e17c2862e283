// DIVIPOLA (DANE): 2-digit department codes, 5-digit municipality codes (department code + 3 digits).
export interface Department {
  /** e.g. '08' (Atlántico). */
  code: string;
  name: string;
}

export interface Municipality {
  /** e.g. '08001' (Barranquilla). */
  code: string;
  name: string;
  departmentCode: string;
}
