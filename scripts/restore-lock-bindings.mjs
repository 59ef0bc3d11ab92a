// `npm install` on this machine drops the other-platform entries of unrs-resolver's native
// bindings from package-lock.json (the registry mirror serves only the linux ones), and
// `npm ci` then refuses the lock. This puts back every binding entry the lock lacks, copied
// from a lock that had them all (commit 56a0c4d). Run it after any `npm install`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const reference = JSON.parse(
  execFileSync('git', ['show', '56a0c4d:package-lock.json'], { encoding: 'utf8', maxBuffer: 1 << 28 }),
);

const resolver = lock.packages['node_modules/unrs-resolver'];
let restored = 0;
for (const name of Object.keys(resolver?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const entry = reference.packages[key];
  if (!entry) throw new Error(`no reference entry for ${key}`);
  lock.packages[key] = entry;
  restored++;
}
// Keep the packages map in npm's order (sorted keys, the root first).
const [root, ...rest] = Object.keys(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort()].map((key) => [key, lock.packages[key]]));
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`restored ${restored} unrs-resolver binding entries`);
