import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { TemplateService } from '../src/templates/template.service.js';
import { startTestBelfry, type TestBelfry } from './support/belfry.js';

const DEFAULT_KEYS = [
  'email_verification',
  'inactive_account',
  'login_alert',
  'maintenance',
  'new_feature',
  'password_changed',
  'password_reset',
  'payment_failed',
  'payment_success',
  'subscription_expiring',
  'ticket_created',
  'ticket_resolved',
  'welcome',
];
const FIELDS =
  'key name description channels category priority subjectTemplate messageTemplate htmlTemplate dataFields sensitiveFields isActive critical';

let belfry: TestBelfry;
beforeAll(async () => {
  belfry = await startTestBelfry();
});
afterAll(() => belfry?.stop());

describe('default templates', () => {
  it('seeds the thirteen templates of the seed with their categories and real copy', async () => {
    const response = await belfry.service(`{ templates { ${FIELDS} } }`);
    const templates = response.data!.templates as any[];
    expect(templates.map((template) => template.key)).toEqual(DEFAULT_KEYS);
    const byKey = Object.fromEntries(templates.map((template) => [template.key, template]));
    expect(byKey.welcome).toMatchObject({
      category: 'ACCOUNT',
      channels: ['IN_APP', 'EMAIL'],
      isActive: true,
      critical: false,
    });
    expect(byKey.email_verification).toMatchObject({
      category: 'VERIFICATION',
      critical: true,
      dataFields: ['code'],
      sensitiveFields: ['code'],
    });
    expect(byKey.password_reset).toMatchObject({
      category: 'SECURITY',
      critical: true,
      dataFields: ['token'],
      sensitiveFields: ['token'],
    });
    for (const key of ['payment_success', 'payment_failed', 'subscription_expiring'])
      expect(byKey[key].category).toBe('BILLING');
    for (const key of ['login_alert', 'inactive_account', 'password_changed'])
      expect(byKey[key].category).toBe('SECURITY');
    for (const key of ['new_feature', 'maintenance'])
      expect(byKey[key]).toMatchObject({ category: 'SYSTEM', channels: ['IN_APP'] });
    for (const key of ['ticket_created', 'ticket_resolved'])
      expect(byKey[key]).toMatchObject({ category: 'SUPPORT', channels: ['IN_APP'] });
    for (const template of templates) {
      expect(template.messageTemplate.length).toBeGreaterThan(10);
      expect(template.htmlTemplate).toContain('<p>');
    }
  });

  it('seeds idempotently, keeping an operator edit and a deletion', async () => {
    await belfry.service(
      `mutation { updateTemplate(key: "welcome", input: { subjectTemplate: "Welcome to Acme!" }) { key } }`,
    );
    await belfry.service(`mutation { deleteTemplate(key: "maintenance") }`);
    const seeder = new TemplateService(belfry.app.database.em, createLogger('silent'));
    expect(await seeder.seedDefaults()).toEqual([]);
    const after = await belfry.service(`{ templates { key subjectTemplate } }`);
    const keys = after.data!.templates.map((template: any) => template.key);
    expect(keys).not.toContain('maintenance');
    expect(keys).toHaveLength(12);
    expect(after.data!.templates.find((template: any) => template.key === 'welcome').subjectTemplate).toBe(
      'Welcome to Acme!',
    );
  });
});

describe('template management', () => {
  it('creates, reads, updates and deletes a template (service only)', async () => {
    const created = await belfry.service(
      `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { ${FIELDS} } }`,
      {
        input: {
          key: 'order_shipped',
          name: 'Order shipped',
          channels: ['IN_APP', 'EMAIL', 'SMS'],
          category: 'ACCOUNT',
          subjectTemplate: 'Order {order.id} shipped',
          messageTemplate: 'Your order {order.id} is on its way, {recipient.name}.',
          htmlTemplate: '<p>Order <b>{order.id}</b> shipped</p>',
          dataFields: ['order.id'],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTemplate).toMatchObject({
      key: 'order_shipped',
      priority: 'MEDIUM',
      isActive: true,
      critical: false,
      dataFields: ['order.id'],
    });

    const updated = await belfry.service(
      `mutation { updateTemplate(key: "order_shipped", input: { priority: HIGH, isActive: false }) { priority isActive name } }`,
    );
    expect(updated.data!.updateTemplate).toEqual({ priority: 'HIGH', isActive: false, name: 'Order shipped' });

    const user = await belfry.user('someone');
    expect((await user(`{ template(key: "order_shipped") { key } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await user(`{ templates { key } }`)).data!.templates.map((template: any) => template.key)).not.toContain(
      'order_shipped',
    );
    expect((await belfry.service(`{ template(key: "order_shipped") { key } }`)).data!.template.key).toBe(
      'order_shipped',
    );

    expect((await belfry.service(`mutation { deleteTemplate(key: "order_shipped") }`)).data!.deleteTemplate).toBe(
      'order_shipped',
    );
    expect((await belfry.service(`{ template(key: "order_shipped") { key } }`)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a duplicate key with CONFLICT', async () => {
    const response = await belfry.service(
      `mutation { createTemplate(input: { key: "welcome", name: "x", messageTemplate: "y" }) { key } }`,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses placeholders that are not declared data fields', async () => {
    const response = await belfry.service(
      `mutation { createTemplate(input: { key: "sloppy", name: "x", messageTemplate: "Hi {who} {recipient.name}", dataFields: [] }) { key } }`,
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['dataFields'] });
    expect(response.errors?.[0]?.message).toContain('{who}');
  });

  it('lets only a service manage templates', async () => {
    const user = await belfry.user('someone');
    expect(
      (await user(`mutation { createTemplate(input: { key: "mine", name: "x", messageTemplate: "y" }) { key } }`))
        .errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await user(`mutation { deleteTemplate(key: "welcome") }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Liquid templates (issue 12, item 1)', () => {
  const CREATE = `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key } }`;
  const SEND = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id title message htmlContent } }`;

  it('sends with conditions, loops, filters and defaults; HTML values escaped', async () => {
    const created = await belfry.service(CREATE, {
      input: {
        key: 'order_shipped',
        name: 'Order shipped',
        subjectTemplate: 'Order {{ order.id }} shipped',
        messageTemplate:
          'Hi {{ recipient.name | default: "there" }}, {{ order.items.size }} item{% if order.items.size != 1 %}s{% endif %}:{% for item in order.items %} {{ item.qty }}× {{ item.name }}{% endfor %}.',
        htmlTemplate: '<ul>{% for item in order.items %}<li>{{ item.name }}</li>{% endfor %}</ul>',
        dataFields: ['order.id', 'order.items'],
      },
    });
    expect(created.errors).toBeUndefined();
    const sent = await belfry.service(SEND, {
      input: {
        templateKey: 'order_shipped',
        userIds: ['liquid-user'],
        data: {
          order: {
            id: 'A-42',
            items: [
              { name: 'Tea <green>', qty: 2 },
              { name: 'Cups', qty: 1 },
            ],
          },
        },
      },
    });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendTemplate).toEqual([
      {
        id: expect.any(String),
        title: 'Order A-42 shipped',
        message: 'Hi there, 2 items: 2× Tea <green> 1× Cups.',
        htmlContent: '<ul><li>Tea &lt;green&gt;</li><li>Cups</li></ul>',
      },
    ]);
  });

  it('refuses a template that does not parse at create and update, naming the field, line and column', async () => {
    const created = await belfry.service(CREATE, {
      input: { key: 'broken', name: 'Broken', messageTemplate: 'fine', htmlTemplate: '<p>\n{% if vip %}VIP</p>' },
    });
    expect(created.errors?.[0]).toMatchObject({
      message: 'htmlTemplate is not a valid template: tag {% if vip %} not closed (line 2, column 1)',
      extensions: { code: 'BAD_USER_INPUT', fields: ['htmlTemplate'] },
    });
    const subject = async () =>
      (await belfry.service(`{ template(key: "welcome") { subjectTemplate } }`)).data!.template
        .subjectTemplate as string;
    const before = await subject();
    const updated = await belfry.service(
      `mutation { updateTemplate(key: "welcome", input: { subjectTemplate: "Hi {{ name | shout }}" }) { key } }`,
    );
    expect(updated.errors?.[0]).toMatchObject({
      message: 'subjectTemplate is not a valid template: undefined filter: shout (line 1, column 4)',
      extensions: { code: 'BAD_USER_INPUT', fields: ['subjectTemplate'] },
    });
    expect(await subject()).toBe(before);
  });

  it('stops a send whose template would run away, writing nothing', async () => {
    const created = await belfry.service(CREATE, {
      input: {
        key: 'runaway',
        name: 'Runaway',
        messageTemplate: '{% for i in (1..n) %}x{% endfor %}',
        dataFields: ['n'],
      },
    });
    expect(created.errors).toBeUndefined();
    const sent = await belfry.service(SEND, {
      input: { templateKey: 'runaway', userIds: ['runaway-user'], data: { n: 100_000_000 } },
    });
    expect(sent.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: ['templateKey'] } });
    expect(sent.errors?.[0]?.message).toContain('Template "runaway" could not be rendered');
    const rows = await belfry.app.database.em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from notifications where user_id = 'runaway-user'`);
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('translations (issue 12, item 3)', () => {
  const UPSERT = `mutation($key: String!, $locale: String!, $input: TemplateTranslationInput!) {
    upsertTemplateTranslation(templateKey: $key, locale: $locale, input: $input) { key translations { locale subjectTemplate messageTemplate } }
  }`;
  const SEND = `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { userId title message } }`;

  beforeAll(async () => {
    const created = await belfry.service(
      `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key } }`,
      {
        input: {
          key: 'invoice_paid',
          name: 'Invoice paid',
          subjectTemplate: 'Invoice {invoice} paid',
          messageTemplate: 'We received {{ amount | money: "EUR" }} on {{ paidAt | datetime }}.',
          dataFields: ['invoice', 'amount', 'paidAt'],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    for (const [userId, locale, timezone] of [
      ['reader-at', 'de-AT', 'Europe/Vienna'],
      ['reader-ch', 'de-CH', 'Europe/Zurich'],
      ['reader-fr', 'fr-FR', 'Europe/Paris'],
      ['reader-none', null, null],
    ] as const) {
      const upserted = await belfry.service(
        `mutation($input: UpsertRecipientInput!) { upsertRecipient(input: $input) { userId } }`,
        { input: { userId, locale, timezone } },
      );
      expect(upserted.errors).toBeUndefined();
    }
  });

  it('picks the copy by the recipient locale with BCP 47 fallback, and formats in their locale and zone', async () => {
    const de = await belfry.service(UPSERT, {
      key: 'invoice_paid',
      locale: 'de',
      input: {
        subjectTemplate: 'Rechnung {invoice} bezahlt',
        messageTemplate: 'Wir haben {{ amount | money: "EUR" }} am {{ paidAt | datetime }} erhalten.',
      },
    });
    expect(de.errors).toBeUndefined();
    const at = await belfry.service(UPSERT, {
      key: 'invoice_paid',
      locale: 'de-at',
      input: { subjectTemplate: 'Rechnung {invoice} beglichen' },
    });
    expect(at.data!.upsertTemplateTranslation.translations).toEqual([
      {
        locale: 'de',
        subjectTemplate: 'Rechnung {invoice} bezahlt',
        messageTemplate: expect.stringContaining('Wir haben'),
      },
      { locale: 'de-AT', subjectTemplate: 'Rechnung {invoice} beglichen', messageTemplate: null },
    ]);

    const sent = await belfry.service(SEND, {
      input: {
        templateKey: 'invoice_paid',
        userIds: ['reader-at', 'reader-ch', 'reader-fr', 'reader-none'],
        data: { invoice: 'R-7', amount: 1234.5, paidAt: '2026-07-01T22:30:00Z' },
      },
    });
    expect(sent.errors).toBeUndefined();
    const byUser = Object.fromEntries(
      (sent.data!.sendTemplate as { userId: string; title: string; message: string }[]).map((n) => [
        n.userId,
        [n.title, n.message.replace(/\s/gu, ' ')],
      ]),
    );
    // What Intl itself prints for each locale and zone (ICU versions differ in spaces and signs).
    const paidAt = new Date('2026-07-01T22:30:00Z');
    const money = (locale: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1234.5).replace(/\s/gu, ' ');
    const when = (locale: string, timeZone: string) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })
        .format(paidAt)
        .replace(/\s/gu, ' ');
    // de-AT: its own subject, the message from de (its own field is null), in Vienna's time.
    expect(byUser['reader-at']).toEqual([
      'Rechnung R-7 beglichen',
      `Wir haben ${money('de-AT')} am ${when('de-AT', 'Europe/Vienna')} erhalten.`,
    ]);
    expect(byUser['reader-at']![1]).toContain('02.07.2026, 00:30'); // 22:30 UTC is past midnight in Vienna
    // de-CH falls back to de, formatted the Swiss way.
    expect(byUser['reader-ch']).toEqual([
      'Rechnung R-7 bezahlt',
      `Wir haben ${money('de-CH')} am ${when('de-CH', 'Europe/Zurich')} erhalten.`,
    ]);
    // No French copy: the template's own, formatted in French, Paris time.
    expect(byUser['reader-fr']).toEqual([
      'Invoice R-7 paid',
      `We received ${money('fr-FR')} on ${when('fr-FR', 'Europe/Paris')}.`,
    ]);
    // No locale: English, UTC.
    expect(byUser['reader-none']).toEqual(['Invoice R-7 paid', 'We received €1,234.50 on Jul 1, 2026, 10:30 PM.']);
  });

  it('lets a send choose the locale, and refuses tags that are not BCP 47', async () => {
    const sent = await belfry.service(SEND, {
      input: {
        templateKey: 'invoice_paid',
        userId: 'reader-fr',
        locale: 'de',
        data: { invoice: 'R-8', amount: 5, paidAt: '2026-07-01T10:00:00Z' },
      },
    });
    expect(sent.data!.sendTemplate[0].title).toBe('Rechnung R-8 bezahlt');
    const refused = await belfry.service(SEND, {
      input: {
        templateKey: 'invoice_paid',
        userId: 'reader-fr',
        locale: 'de_DE',
        data: { invoice: 'x', amount: 1, paidAt: 'x' },
      },
    });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['locale'] });
    const badTag = await belfry.service(UPSERT, {
      key: 'invoice_paid',
      locale: 'deutsch!',
      input: { subjectTemplate: 'x' },
    });
    expect(badTag.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['locale'] });
  });

  it('checks translated copy like the template: parse errors and undeclared {fields}', async () => {
    const broken = await belfry.service(UPSERT, {
      key: 'invoice_paid',
      locale: 'es',
      input: { messageTemplate: 'Pagado {% if x %}' },
    });
    expect(broken.errors?.[0]).toMatchObject({
      message: 'messageTemplate is not a valid template: tag {% if x %} not closed (line 1, column 8)',
      extensions: { code: 'BAD_USER_INPUT', fields: ['input.messageTemplate'] },
    });
    const undeclared = await belfry.service(UPSERT, {
      key: 'invoice_paid',
      locale: 'es',
      input: { subjectTemplate: 'Factura {numero}' },
    });
    expect(undeclared.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.subjectTemplate'] });
    const missing = await belfry.service(
      `mutation { upsertTemplateTranslation(templateKey: "no-such", locale: "es", input: { subjectTemplate: "x" }) { key } }`,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('deletes a translation; the send falls back', async () => {
    const deleted = await belfry.service(
      `mutation { deleteTemplateTranslation(templateKey: "invoice_paid", locale: "de-AT") { translations { locale } } }`,
    );
    expect(deleted.data!.deleteTemplateTranslation.translations).toEqual([{ locale: 'de' }]);
    const sent = await belfry.service(SEND, {
      input: {
        templateKey: 'invoice_paid',
        userId: 'reader-at',
        data: { invoice: 'R-9', amount: 1, paidAt: '2026-07-01T10:00:00Z' },
      },
    });
    expect(sent.data!.sendTemplate[0].title).toBe('Rechnung R-9 bezahlt');
    const user = await belfry.user('someone');
    const forbidden = await user(
      `mutation { deleteTemplateTranslation(templateKey: "invoice_paid", locale: "de") { key } }`,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('previewTemplate (issue 12, item 6)', () => {
  const PREVIEW = `query($input: PreviewTemplateInput!) {
    previewTemplate(input: $input) {
      templateKey locale warnings
      inApp { title message htmlContent }
      email { subject html text }
      sms { text length segments encoding }
      push { title body }
    }
  }`;

  it('renders every channel as a send would, with warnings, and writes nothing', async () => {
    const before = await belfry.app.database.em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from notifications`);
    const preview = await belfry.service(PREVIEW, {
      input: {
        templateKey: 'password_reset',
        data: { token: 'tok_123' },
        userId: 'reader-at',
      },
    });
    expect(preview.errors).toBeUndefined();
    const result = preview.data!.previewTemplate;
    expect(result.templateKey).toBe('password_reset');
    expect(result.locale).toBe('de-AT');
    // The inbox copy masks the secret; email, SMS and push carry it.
    expect(result.inApp.message).not.toContain('tok_123');
    expect(`${result.email.text}${result.sms.text}${result.push.body}`).toContain('tok_123');
    expect(result.sms).toMatchObject({ encoding: 'GSM_7', length: result.sms.text.length, segments: 1 });
    expect(result.warnings).toEqual([]);
    const after = await belfry.app.database.em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from notifications`);
    expect(after).toEqual(before);
  });

  it('warns of missing required fields and of variables the data lacks, and counts UCS-2 SMS', async () => {
    const created = await belfry.service(
      `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { key } }`,
      {
        input: {
          key: 'preview_probe',
          name: 'Probe',
          messageTemplate: 'Привет {{ who }}! Order {order} {% if vip %}VIP{% endif %} {{ recipient.name }}',
          dataFields: ['order'],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const preview = await belfry.service(PREVIEW, { input: { templateKey: 'preview_probe', data: {} } });
    expect(preview.errors).toBeUndefined();
    const result = preview.data!.previewTemplate;
    expect(result.warnings).toEqual([
      'data.order is required and missing: a send would be refused',
      'who is not in the data: it prints as nothing',
      'vip is not in the data: it prints as nothing',
    ]);
    expect(result.sms).toMatchObject({ text: 'Привет ! Order   ', encoding: 'UCS_2', length: 17, segments: 1 });
    expect(result.locale).toBe('en');
  });

  it('refuses unknown templates, bad locales and user tokens', async () => {
    expect((await belfry.service(PREVIEW, { input: { templateKey: 'nope' } })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await belfry.service(PREVIEW, { input: { templateKey: 'welcome', locale: 'xx_YY' } })).errors?.[0]?.extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.locale'] });
    const user = await belfry.user('someone');
    expect((await user(PREVIEW, { input: { templateKey: 'welcome' } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
