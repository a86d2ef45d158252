// SQL lives in .sql files beside its repository; read once at module load.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readSql(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}
