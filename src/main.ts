// `npm start`, `npm run serve`, `node dist/main.js`: runs Belfry until SIGTERM or SIGINT.
// Node 20 only: @mikro-orm imports fs.globSync, which Node 20 lacks. The hook that supplies it
// must be registered before any module that imports @mikro-orm is linked, and a file's static
// imports are all linked before the first of them runs: so this entry registers the hook, then
// loads the rest (static imports throughout) with one dynamic import. `node --import
// ./compat/register.mjs` would do the same, but `node dist/main.js` — what Docker, systemd and
// PM2 run — must keep working without a flag.
import '../compat/register.mjs';

await import('./server.js');
