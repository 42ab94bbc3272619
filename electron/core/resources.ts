import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding resources/ (example index, fonts). The packaged app sets TAIZHANG_RESOURCES to its own
 * resources folder; from source it is the project's resources/.
 */
export function resourcesDir(): string {
  const fromEnv = process.env.TAIZHANG_RESOURCES;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources');
}

export function resourcePath(...parts: string[]): string {
  return path.join(resourcesDir(), ...parts);
}
