// Rendering cost per template, before and after Liquid (issue 12): 10,000 renders of every copy
// field of `payment_success`, with the `{field}` substitution templates used before (kept here,
// as it was in src/templates/renderer.ts, as the baseline) and with today's Liquid renderer,
// alternating in one run.
import { DEFAULT_TEMPLATES } from '../src/templates/default-templates.js';
import { renderTemplate } from '../src/templates/renderer.js';

export interface RenderBenchResult {
  readonly renders: number;
  readonly beforeMicrosPerTemplate: number;
  /** The same copy today: `{field}` only, so it is substituted without the Liquid engine. */
  readonly nowMicrosPerTemplate: number;
  /** The same copy written in Liquid (`{{ amount }}`), through the Liquid engine and its limits. */
  readonly liquidMicrosPerTemplate: number;
  readonly ratio: number;
  readonly liquidRatio: number;
}

const PLACEHOLDER = /\{\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\}/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The renderer before Liquid, unchanged. */
function renderBefore(template: string, context: Record<string, unknown>, html = false): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    let value: unknown = context;
    for (const step of path.split('.')) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, step)) {
        value = undefined;
        break;
      }
      value = (value as Record<string, unknown>)[step];
    }
    const text =
      typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : value === undefined || value === null
            ? ''
            : JSON.stringify(value);
    return html ? text.replace(/[&<>"']/g, (char) => ENTITIES[char]!) : text;
  });
}

export function benchTemplateRender(renders = 10_000): RenderBenchResult {
  const template = DEFAULT_TEMPLATES.find((seed) => seed.key === 'payment_success')!;
  const context = {
    amount: '49.00',
    currency: 'EUR',
    invoiceId: 'INV-2026-0042',
    plan: 'Pro',
    userId: 'user-1',
    recipient: { name: 'Ada', email: 'ada@example.com' },
  };
  const fields = [
    [template.subjectTemplate, false],
    [template.messageTemplate, false],
    [template.htmlTemplate, true],
    [template.smsTemplate ?? template.messageTemplate, false],
  ] as const;
  const run = (render: (source: string, html: boolean) => string, count: number) => {
    const started = performance.now();
    let length = 0;
    for (let i = 0; i < count; i++) for (const [source, html] of fields) length += render(source, html).length;
    if (length === 0) throw new Error('rendered nothing');
    return performance.now() - started;
  };
  const asLiquid = new Map(fields.map(([source]) => [source, source.replace(PLACEHOLDER, '{{ $1 }}')]));
  const before = (source: string, html: boolean) => renderBefore(source, context, html);
  const now = (source: string, html: boolean) => renderTemplate(source, context, { html });
  const liquid = (source: string, html: boolean) => renderTemplate(asLiquid.get(source)!, context, { html });
  for (const [source, html] of fields)
    if (before(source, html) !== now(source, html) || now(source, html) !== liquid(source, html))
      throw new Error('the renderers disagree on payment_success');
  run(before, 1_000);
  run(now, 1_000);
  run(liquid, 1_000);
  let beforeMs = 0;
  let nowMs = 0;
  let liquidMs = 0;
  // Alternate in five slices so that machine noise falls on all alike.
  for (let slice = 0; slice < 5; slice++) {
    beforeMs += run(before, renders / 5);
    nowMs += run(now, renders / 5);
    liquidMs += run(liquid, renders / 5);
  }
  const perTemplate = (ms: number) => Number(((ms * 1000) / renders).toFixed(2));
  return {
    renders,
    beforeMicrosPerTemplate: perTemplate(beforeMs),
    nowMicrosPerTemplate: perTemplate(nowMs),
    liquidMicrosPerTemplate: perTemplate(liquidMs),
    ratio: Number((nowMs / beforeMs).toFixed(2)),
    liquidRatio: Number((liquidMs / beforeMs).toFixed(2)),
  };
}
