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
