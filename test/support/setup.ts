// Every test worker: the Node 20 fs.globSync hook before @mikro-orm loads, and decorator metadata.
import '../../compat/register.mjs';
import 'reflect-metadata';
