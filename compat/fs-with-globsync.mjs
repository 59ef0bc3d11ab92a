// `node:fs` plus a `globSync` with the subset of Node 22's signature MikroORM uses.
import fs from 'node:fs';
import { join } from 'node:path';
import { globSync as tinyGlobSync } from 'tinyglobby';

export * from 'node:fs';

export function globSync(patterns, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const files = tinyGlobSync(patterns, { cwd, expandDirectories: false });
  if (!options.withFileTypes) return files;
  return files.map((file) => {
    const full = join(cwd, file);
    const slash = full.lastIndexOf('/');
    const stat = fs.statSync(full);
    return { name: full.slice(slash + 1), parentPath: full.slice(0, slash), isFile: () => stat.isFile() };
  });
}

export default { ...fs, globSync };
