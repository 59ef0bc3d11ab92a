import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { assertTemplateParses, placeholdersOf, renderTemplate, TemplateError, valueAt } from './renderer.js';

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

  it('lists placeholders inside Liquid output as Liquid, not as {field}', () => {
    expect(placeholdersOf('{{ a }} {{b}} {c}')).toEqual(['c']);
  });
});

describe('Liquid templates', () => {
  it('has conditions, loops, filters and defaults', () => {
    const template =
      'Hi {{ recipient.name | default: "there" }}, {% if items.size > 1 %}{{ items.size }} items{% else %}one item{% endif %}:' +
      '{% for item in items %} {{ item.name | upcase }} ({{ item.price | times: 2 }}){% endfor %}';
    expect(
      renderTemplate(template, {
        recipient: {},
        items: [
          { name: 'tea', price: 2 },
          { name: 'cake', price: 3.5 },
        ],
      }),
    ).toBe('Hi there, 2 items: TEA (4) CAKE (7)');
    expect(renderTemplate('{{ who }} and {who}', { who: 'Ada' })).toBe('Ada and Ada');
  });

  it('escapes every printed value in HTML, filters included, unless the template says raw', () => {
    const data = { name: '<b>"x"</b>' };
    expect(renderTemplate('<p>{{ name | append: "&" }}</p>', data, { html: true })).toBe(
      '<p>&lt;b&gt;&quot;x&quot;&lt;/b&gt;&amp;</p>',
    );
    expect(renderTemplate('{{ name | raw }}', data, { html: true })).toBe('<b>"x"</b>');
  });

  it('refuses a template that does not parse, naming the line and column', () => {
    const refusal = (template: string) => {
      try {
        assertTemplateParses(template);
      } catch (error) {
        return error as TemplateError;
      }
      throw new Error('expected a parse error');
    };
    expect(refusal('Hello\n{% if a %}unclosed')).toMatchObject({
      message: 'tag {% if a %} not closed',
      position: { line: 2, column: 1 },
    });
    expect(refusal('{{ a | no_such_filter }}').message).toBe('undefined filter: no_such_filter');
    expect(refusal('x'.repeat(200_001)).message).toBe('is longer than 200000 characters');
  });

  it('stops a template that would hang or balloon a render', () => {
    expect(() => renderTemplate('{% for i in (1..100000000) %}x{% endfor %}', {})).toThrow(TemplateError);
    expect(() => renderTemplate('{% for i in (1..100000000) %}{% endfor %}', {})).toThrow(TemplateError);
    expect(() => renderTemplate('{% for i in (1..3) %}{{ big }}{% endfor %}', { big: 'x'.repeat(400_000) })).toThrow(
      'renders to more than 1000000 characters',
    );
  });

  it('reads only the data own properties', () => {
    expect(renderTemplate('[{{ a.constructor }}][{{ a.__proto__ }}][{{ toString }}]', { a: {} })).toBe('[][][]');
  });

  it('prints `{field}` copy the same through Liquid as through direct substitution', () => {
    const context = {
      amount: 'A&B <i>"1"</i> \'x\'',
      code: 42.5,
      date: new Date('2026-05-01T12:00:00Z'),
      feature: { name: ['x', 1] },
      recipient: { name: 'Ada <L>' },
      userId: 'u-1',
    };
    for (const seed of DEFAULT_TEMPLATES) {
      const filled = { ...context, ...Object.fromEntries(seed.dataFields.map((field) => [field, context.amount])) };
      for (const source of [seed.subjectTemplate, seed.messageTemplate, seed.smsTemplate, seed.pushBodyTemplate]) {
        if (!source) continue;
        // An empty Liquid output sends the same copy through the Liquid engine.
        expect(renderTemplate(`${source}{{ "" }}`, filled)).toBe(renderTemplate(source, filled));
      }
      expect(renderTemplate(`${seed.htmlTemplate}{{ "" }}`, filled, { html: true })).toBe(
        renderTemplate(seed.htmlTemplate, filled, { html: true }),
      );
    }
  });

  it('formats money, numbers and dates in the locale and time zone of the render', () => {
    const data = { amount: 1234.5, at: '2026-03-29T00:30:00Z', n: 1234567.891 };
    // ICU versions differ on which space goes before € or PM: compare with plain spaces.
    const render = (template: string, locale: string, timeZone = 'UTC') =>
      renderTemplate(template, data, { settings: { locale, timeZone } }).replace(/\s/gu, ' ');
    expect(render('{{ amount | money: "EUR" }}', 'de-DE')).toBe('1.234,50 €');
    expect(render('{{ amount | money: "usd" }}', 'en-US')).toBe('$1,234.50');
    expect(render('{{ n | number }}', 'de')).toBe('1.234.567,891');
    expect(render('{{ n | number: 0 }}', 'en')).toBe('1,234,568');
    // 00:30 UTC is 01:30 in Berlin that night (winter time until 02:00), 20:30 the evening before in New York (EDT).
    expect(render('{{ at | datetime }}', 'de-DE', 'Europe/Berlin')).toBe('29.03.2026, 01:30');
    expect(render('{{ at | datetime: "long" }}', 'en-US', 'America/New_York')).toBe('March 28, 2026 at 8:30 PM');
    expect(() => render('{{ amount | money }}', 'en')).toThrow('money needs an ISO 4217 currency code');
    expect(() => render('{{ "soon" | datetime }}', 'en')).toThrow('datetime expects a date');
  });
});
