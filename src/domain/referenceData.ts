// Reference data files (data/*.json, data/*.txt) are read from the project's data/ directory, found by
// walking up from this file: the same code runs from src/ (tests) and from dist/src/ (npm start).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function referenceDataPath(fileName: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', fileName);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`reference data file data/${fileName} not found`);
  }
}

export function readReferenceText(fileName: string): string {
  return readFileSync(referenceDataPath(fileName), 'utf8');
}
