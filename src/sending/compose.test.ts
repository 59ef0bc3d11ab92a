import { describe, expect, it } from 'vitest';
import { Channel } from '../shared/enums.js';
import { Template } from '../templates/template.entity.js';
import { composeFromTemplate, MASK } from './compose.js';

const PIN = '493817';
const TOKEN = 'rst_Zx81mP0qLw5tYh2';

function template(fields: Partial<Template>): Template {
  return Object.assign(new Template(), {
    key: 'probe',
    name: 'Probe',
    channels: [Channel.IN_APP, Channel.EMAIL, Channel.SMS, Channel.PUSH],
    ...fields,
  });
}

describe('composeFromTemplate: sensitive fields', () => {
  const pinTemplate = template({
    subjectTemplate: 'Your code {pin}',
    messageTemplate: 'Hello {recipient.name}, your code is {pin}; reset with {auth.token}.',
    htmlTemplate: '<p>Code <b>{pin}</b>, token {auth.token}</p>',
    smsTemplate: 'Code {pin}',
    pushTitleTemplate: 'Code {pin}',
    pushBodyTemplate: 'Token {auth.token}',
    dataFields: ['pin', 'auth.token'],
    sensitiveFields: ['pin', 'auth.token'],
  });
  const composed = composeFromTemplate(
    pinTemplate,
    { pin: PIN, auth: { token: TOKEN, realm: 'web' }, plan: 'pro' },
    'u1',
    null,
    '/verify',
  );

  it('shows the inbox every sensitive value as the mask, at the top level and nested', () => {
    expect(composed.inbox).toEqual({
      title: `Your code ${MASK}`,
      message: `Hello , your code is ${MASK}; reset with ${MASK}.`,
      htmlContent: `<p>Code <b>${MASK}</b>, token ${MASK}</p>`,
    });
    expect(MASK).toBe('••••••');
  });

  it('gives every outbound channel the real values, and says it must be sealed', () => {
    expect(composed.sensitive).toBe(true);
    expect(composed.outbound).toEqual({
      email: {
        subject: `Your code ${PIN}`,
        text: `Hello , your code is ${PIN}; reset with ${TOKEN}.`,
        html: `<p>Code <b>${PIN}</b>, token ${TOKEN}</p>`,
      },
      sms: { text: `Code ${PIN}` },
      push: { title: `Code ${PIN}`, body: `Token ${TOKEN}`, url: '/verify' },
    });
  });

  it('keeps the public data for metadata, without the sensitive fields, and leaves the caller’s data untouched', () => {
    expect(composed.publicData).toEqual({ auth: { realm: 'web' }, plan: 'pro' });
    const data = { pin: PIN, auth: { token: TOKEN } };
    composeFromTemplate(pinTemplate, data, 'u1', null);
    expect(data).toEqual({ pin: PIN, auth: { token: TOKEN } });
  });

  it('is not sensitive when a declared sensitive field is not in the data', () => {
    const optional = template({ messageTemplate: 'Plan {plan}', sensitiveFields: ['pin'] });
    const plain = composeFromTemplate(optional, { plan: 'pro' }, 'u1', null);
    expect(plain.sensitive).toBe(false);
    expect(plain.inbox.message).toBe('Plan pro');
    expect(plain.publicData).toEqual({ plan: 'pro' });
  });

  it('masks nothing that is not declared sensitive', () => {
    const open = template({ messageTemplate: 'Code {pin}', dataFields: ['pin'] });
    const plain = composeFromTemplate(open, { pin: PIN }, 'u1', null);
    expect(plain.sensitive).toBe(false);
    expect(plain.inbox.message).toBe(`Code ${PIN}`);
    expect(plain.publicData).toEqual({ pin: PIN });
  });
});
