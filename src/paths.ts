import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, found from this file whether it runs from src/ (tsx, jest) or dist/src/ (build). */
function findRoot(start: string): string {
  for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'prisma'))) return dir;
  }
  throw new Error(`Cannot find the project root above ${start}`);
}

export const PROJECT_ROOT = findRoot(__dirname);
