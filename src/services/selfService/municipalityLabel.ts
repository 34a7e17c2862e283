// "Barranquilla (Atlántico)": how certificates and the IPS card name a municipality.
import type { PlaceRepository } from '../ports/repositories';

export type PlaceLookup = Pick<PlaceRepository, 'findMunicipality' | 'findDepartment'>;

/** undefined when the code is not in DIVIPOLA. */
export async function municipalityLabel(places: PlaceLookup, code: string): Promise<string | undefined> {
  const municipality = await places.findMunicipality(code);
  if (!municipality) return undefined;
  const department = await places.findDepartment(municipality.departmentCode);
  return department ? `${municipality.name} (${department.name})` : municipality.name;
}
