import { describe, expect, it } from 'vitest';
import { placeholdersOf, renderTemplate, valueAt } from './renderer.js';

describe('template rendering', () => {
  it('fills {field} and dotted {a.b} placeholders', () => {
    expect(
      renderTemplate('Hi {name}, your plan {plan.name} renews on {plan.renewsOn}.', {
        name: 'Ada',
        plan: { name: 'Pro', renewsOn: '2026-12-01' },
      }),
    ).toBe('Hi Ada, your plan Pro renews on 2026-12-01.');
  });

  it('renders numbers and booleans, and missing values as empty', () => {
    expect(renderTemplate('{amount} {paid} [{missing}] [{a.b.c}]', { amount: 29.99, paid: true, a: { b: null } })).toBe(
      '29.99 true [] []',
    );
  });

  it('escapes values, and only values, in HTML', () => {
    expect(renderTemplate('<b>{name}</b>', { name: '<script>alert("x")</script> & \'co\'' }, { html: true })).toBe(
      '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</b>',
    );
    expect(renderTemplate('{name}', { name: '<i>plain</i>' })).toBe('<i>plain</i>');
  });

  it('lists placeholders once each, tolerating spaces inside braces', () => {
    expect(placeholdersOf('{a} { b.c } {a} {not valid} {1x}')).toEqual(['a', 'b.c']);
    expect(placeholdersOf(null)).toEqual([]);
  });

  it('does not walk into inherited properties', () => {
    expect(valueAt({ a: {} }, 'a.constructor')).toBeUndefined();
    expect(renderTemplate('{toString}', {})).toBe('');
  });
});
