// Reference lists: document types and DIVIPOLA departments and municipalities.
import type { Knex } from 'knex';
import type { Department, DocumentType, DocumentTypeCode, Municipality } from '../../domain/model';
import type { PlaceRepository } from '../../services/ports/repositories';

type Row = Record<string, unknown>;

const department = (row: Row): Department => ({ code: String(row.code), name: String(row.name) });
const municipality = (row: Row): Municipality => ({
  code: String(row.code),
  name: String(row.name),
  departmentCode: String(row.department_code),
});

export class KnexPlaceRepository implements PlaceRepository {
  constructor(private readonly db: Knex) {}

  async listDocumentTypes(): Promise<DocumentType[]> {
    const rows = (await this.db('document_types').select('code', 'name')) as Row[];
    return rows.map((row) => ({ code: row.code as DocumentTypeCode, name: String(row.name) }));
  }

  async listDepartments(): Promise<Department[]> {
    const rows = (await this.db('departments').orderBy('name')) as Row[];
    return rows.map(department);
  }

  async listMunicipalities(departmentCode: string): Promise<Municipality[]> {
    const rows = (await this.db('municipalities').where({ department_code: departmentCode }).orderBy('name')) as Row[];
    return rows.map(municipality);
  }

  async findDepartment(code: string): Promise<Department | undefined> {
    const row = (await this.db('departments').where({ code }).first()) as Row | undefined;
    return row ? department(row) : undefined;
  }

  async findMunicipality(code: string): Promise<Municipality | undefined> {
    const row = (await this.db('municipalities').where({ code }).first()) as Row | undefined;
    return row ? municipality(row) : undefined;
  }
}
