// Node 20 lacks `fs.globSync`, which @mikro-orm/core imports by name. On such a Node this
// registers a resolve hook that hands @mikro-orm a `node:fs` with `globSync` added
// (tinyglobby underneath, the same library MikroORM itself prefers). On Node 22+ it does
// nothing. It must run before @mikro-orm is loaded: entry points import it first and load
// the rest of the application with a dynamic import.
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') {
  register('./hooks.mjs', import.meta.url);
}
