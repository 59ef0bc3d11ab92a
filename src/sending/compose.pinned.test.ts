import { describe, expect, it } from 'vitest';
import type { Recipient } from '../recipients/recipient.entity.js';
import { Category, Channel, Priority } from '../shared/enums.js';
import { DEFAULT_TEMPLATES } from '../templates/default-templates.js';
import { Template } from '../templates/template.entity.js';
import { composeFromTemplate } from './compose.js';

// The rendered copy of every default template, and of a template inserted with the seed's
// plain SQL, pinned as `{field}` substitution rendered it before templates moved to Liquid:
// the switch must not change a byte of it.

const recipient = Object.assign(Object.create(null) as Recipient, {
  email: 'ada@example.com',
  phone: '+15550100',
  locale: 'en-GB',
  timezone: 'Europe/London',
  name: 'Ada <Lovelace> & "Co"',
  data: { plan: 'pro' },
});

/** A value for each field: text with every character HTML escapes, a number, a date, nested data. */
function sampleData(fields: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  fields.forEach((path, index) => {
    const steps = path.split('.');
    let node = data;
    for (const step of steps.slice(0, -1)) node = (node[step] ??= {}) as Record<string, unknown>;
    const samples: unknown[] = [
      `A&B <i>"${index}"</i> 'x'`,
      42.5,
      new Date('2026-05-01T12:00:00Z'),
      { nested: [1, 2] },
    ];
    node[steps.at(-1)!] = samples[index % samples.length];
  });
  return data;
}

describe('template copy pinned before the move to Liquid', () => {
  for (const seed of DEFAULT_TEMPLATES) {
    it(`renders ${seed.key} as before`, () => {
      const template = Object.assign(new Template(), seed, {
        dataFields: [...seed.dataFields],
        sensitiveFields: [...(seed.sensitiveFields ?? [])],
        channels: [...seed.channels],
      });
      const composed = composeFromTemplate(template, sampleData(seed.dataFields), 'user-1', recipient, '/go');
      expect({ inbox: composed.inbox, outbound: composed.outbound }).toMatchSnapshot();
    });
  }

  it("renders the seed's custom_template, inserted with plain SQL, as before", () => {
    const template = Object.assign(new Template(), {
      key: 'custom_template',
      name: 'Custom Notification',
      channels: [Channel.EMAIL],
      category: Category.SYSTEM,
      priority: Priority.MEDIUM,
      subjectTemplate: 'Custom Subject: {custom_field}',
      messageTemplate: 'Custom message with {custom_field}',
      dataFields: ['custom_field'],
    });
    for (const data of [{ custom_field: 'value & <more>' }, { custom_field: '' }, {}]) {
      const composed = composeFromTemplate(template, data, 'user-1', null, null);
      expect({ inbox: composed.inbox, outbound: composed.outbound }).toMatchSnapshot();
    }
  });

  it('renders edge cases of `{field}` as before: spaces, missing steps, objects, braces that are not placeholders', () => {
    const template = Object.assign(new Template(), {
      key: 'edges',
      name: 'Edges',
      channels: [Channel.EMAIL],
      category: Category.SYSTEM,
      priority: Priority.MEDIUM,
      subjectTemplate: '{ a } {a.b.c} {missing} {recipient.name}',
      messageTemplate: 'obj={obj} list={list} n={n} t={t} f={f} {1x} {a-b} {} {userId}',
      htmlTemplate: '<style>p { margin: 0 }</style><p>{a} {obj}</p>',
      dataFields: [],
    });
    const composed = composeFromTemplate(
      template,
      { a: 'x<y', obj: { k: 'v"' }, list: [1, 'two'], n: 0, t: true, f: false },
      'user-2',
      recipient,
      null,
    );
    expect({ inbox: composed.inbox, outbound: composed.outbound }).toMatchSnapshot();
  });
});
