// Where the repository is, found from the compiled bench's location (dist/bench/...) by walking up to package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'klimavagt'
    )
      return dir;
  }
  throw new Error(`the klimavagt repository was not found above ${from}`);
}

export const REPO_ROOT = findRoot(__dirname);
export const DIST = join(REPO_ROOT, 'dist');
