// Every test worker: the Node 20 fs.globSync hook before @mikro-orm loads, and decorator metadata.
import '../../compat/register.mjs';
import 'reflect-metadata';
import { afterAll, beforeAll } from 'vitest';
import { activeResources, expectNoLeaks, fewest } from './leak-guard.js';

// The leak guard, per test file: what a file starts (usually in beforeAll) it must have
// closed when its own afterAll hooks are done. Hooks run as a stack, so this beforeAll runs
// before the file's and this afterAll after the file's. What the worker held before the file
// is the baseline; vitest's own short-lived timers (a pending RPC call) come and go, so the
// baseline takes the fewest of two samples, and the check gives closing resources a grace period.
const atLoad = activeResources();
let baseline = atLoad;
beforeAll(() => {
  baseline = fewest(atLoad, activeResources());
});
afterAll(async () => {
  await expectNoLeaks(baseline, 'this test file');
});
