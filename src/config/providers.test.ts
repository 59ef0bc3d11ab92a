import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBackendsConfig } from './providers.js';

function configFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'belfry-config-')), name);
  writeFileSync(path, text);
  return path;
}

describe('provider backends configuration', () => {
  it('reads the seed variables for the common single-provider case', () => {
    const config = loadBackendsConfig({
      MAILGUN_API_KEY: 'k',
      MAILGUN_DOMAIN: 'envoyou.com',
      FROM_EMAIL: 'noreply@envoyou.com',
    });
    expect(config.email).toEqual([
      {
        name: 'mailgun',
        driver: 'mailgun',
        apiKey: 'k',
        domain: 'envoyou.com',
        url: undefined,
        from: 'noreply@envoyou.com',
      },
    ]);
    expect(config.sms).toEqual([]);
    expect(config.push).toEqual([]);
    expect(
      loadBackendsConfig({ MAILGUN_API_KEY: 'k', MAILGUN_DOMAIN: 'd', FROM_EMAIL: 'f', MAILGUN_REGION: 'eu' }).email[0],
    ).toMatchObject({ url: 'https://api.eu.mailgun.net' });
  });

  it('reads several named backends from a YAML file, primary first, with ${ENV} substituted', () => {
    const path = configFile(
      'belfry.yaml',
      `
email:
  - name: relay
    driver: smtp
    url: smtps://user:\${SMTP_PASS}@smtp.example.com:465
    from: no-reply@example.com
  - name: transactional
    driver: mailgun
    primary: true
    apiKey: \${MAILGUN_API_KEY}
    domain: mg.example.com
    region: eu
    from: Acme <no-reply@example.com>
sms:
  - name: alerts
    driver: twilio
    accountSid: AC123
    authToken: \${TWILIO_TOKEN}
    from: "+15551234567"
`,
    );
    const config = loadBackendsConfig({
      BELFRY_CONFIG: path,
      SMTP_PASS: 'p@ss',
      MAILGUN_API_KEY: 'key-1',
      TWILIO_TOKEN: 't',
    });
    expect(config.email.map((backend) => backend.name)).toEqual(['transactional', 'relay']);
    expect(config.email[0]).toMatchObject({ driver: 'mailgun', apiKey: 'key-1', url: 'https://api.eu.mailgun.net' });
    expect(config.email[1]).toMatchObject({ driver: 'smtp', url: 'smtps://user:p@ss@smtp.example.com:465' });
    expect(config.sms).toEqual([
      { name: 'alerts', driver: 'twilio', accountSid: 'AC123', authToken: 't', from: '+15551234567', url: undefined },
    ]);
  });

  it('reads JSON too, and lets the file override only the channels it lists', () => {
    const path = configFile(
      'belfry.json',
      JSON.stringify({
        sms: [{ name: 'twilio-eu', driver: 'twilio', accountSid: 'AC1', authToken: 'x', from: '+15551234567' }],
      }),
    );
    const config = loadBackendsConfig({ BELFRY_CONFIG: path, SMTP_URL: 'smtp://localhost:25', FROM_EMAIL: 'a@b.c' });
    expect(config.sms.map((backend) => backend.name)).toEqual(['twilio-eu']);
    expect(config.email.map((backend) => backend.name)).toEqual(['smtp']);
  });

  it.each([
    [
      'email:\n  - name: a\n    driver: mailgun\n    domain: d\n    from: f\n    apiKey: ${NOPE}\n',
      /uses \$\{NOPE\}, which is not set/,
    ],
    ['email:\n  - name: a\n    driver: twilio\n', /email\[0\]\.driver must be one of mailgun, smtp, sendgrid, log/],
    ['email:\n  - name: a\n    driver: smtp\n    from: f\n', /email\[0\]\.url is required/],
    [
      'email:\n  - { name: a, driver: smtp, url: u, from: f, primary: true }\n  - { name: b, driver: smtp, url: u, from: f, primary: true }\n',
      /only one backend per channel may be primary/,
    ],
    ['email: nope\n', /must be a list of backends/],
  ])('explains a broken file (%#)', (text, message) => {
    expect(() => loadBackendsConfig({ BELFRY_CONFIG: configFile('bad.yaml', text) })).toThrow(message);
  });

  it('puts SendGrid after Mailgun and SMTP, with its sandbox flag and base URL', () => {
    const config = loadBackendsConfig({
      SENDGRID_API_KEY: 'SG.key',
      SENDGRID_SANDBOX: 'true',
      SENDGRID_URL: 'https://api.eu.sendgrid.com',
      SMTP_URL: 'smtp://localhost:25',
      MAILGUN_API_KEY: 'k',
      MAILGUN_DOMAIN: 'd',
      FROM_EMAIL: 'Acme <no-reply@example.com>',
    });
    expect(config.email.map((backend) => backend.driver)).toEqual(['mailgun', 'smtp', 'sendgrid']);
    expect(config.email[2]).toEqual({
      name: 'sendgrid',
      driver: 'sendgrid',
      apiKey: 'SG.key',
      from: 'Acme <no-reply@example.com>',
      sandboxMode: true,
      url: 'https://api.eu.sendgrid.com',
    });
    expect(loadBackendsConfig({ SENDGRID_API_KEY: 'SG.key', FROM_EMAIL: 'f@example.com' }).email).toEqual([
      {
        name: 'sendgrid',
        driver: 'sendgrid',
        apiKey: 'SG.key',
        from: 'f@example.com',
        sandboxMode: false,
        url: undefined,
      },
    ]);
  });

  it('reads a SendGrid backend from the file (driver: sendgrid, apiKey, sandboxMode, url)', () => {
    const path = configFile(
      'belfry.yaml',
      `
email:
  - name: staging-mail
    driver: sendgrid
    apiKey: \${SENDGRID_API_KEY}
    sandboxMode: true
    url: https://api.eu.sendgrid.com
    from: no-reply@example.com
`,
    );
    expect(loadBackendsConfig({ BELFRY_CONFIG: path, SENDGRID_API_KEY: 'SG.file' }).email).toEqual([
      {
        name: 'staging-mail',
        driver: 'sendgrid',
        apiKey: 'SG.file',
        from: 'no-reply@example.com',
        sandboxMode: true,
        url: 'https://api.eu.sendgrid.com',
      },
    ]);
  });

  it.each([
    [{ SENDGRID_API_KEY: 'SG.k' }, /SENDGRID_API_KEY and FROM_EMAIL/],
    [{ SENDGRID_API_KEY: 'SG.k', FROM_EMAIL: 'f', SENDGRID_SANDBOX: 'yes' }, /SENDGRID_SANDBOX must be true or false/],
    [
      { SENDGRID_API_KEY: 'SG.k', FROM_EMAIL: 'f', SENDGRID_URL: 'api.sendgrid.com' },
      /SENDGRID_URL must be an http\(s\) URL/,
    ],
    [{ SENDGRID_SANDBOX: 'true', FROM_EMAIL: 'f' }, /SENDGRID_SANDBOX is set but SENDGRID_API_KEY is not/],
    [{ SENDGRID_URL: 'http://127.0.0.1:1', FROM_EMAIL: 'f' }, /SENDGRID_URL is set but SENDGRID_API_KEY is not/],
  ])('refuses a broken SendGrid setting naming the variable (%#), never echoing the key', (env, message) => {
    expect(() => loadBackendsConfig(env)).toThrow(message);
    try {
      loadBackendsConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('SG.k');
    }
  });

  it('refuses a file SendGrid backend with a bad sandboxMode, naming the field', () => {
    const path = configFile(
      'bad.yaml',
      'email:\n  - { name: sg, driver: sendgrid, apiKey: SG.k, from: f, sandboxMode: maybe }\n',
    );
    expect(() => loadBackendsConfig({ BELFRY_CONFIG: path })).toThrow(/email\[0\]\.sandboxMode must be true or false/);
  });

  it('refuses half-configured providers naming what is missing', () => {
    expect(() => loadBackendsConfig({ MAILGUN_API_KEY: 'k' })).toThrow(/MAILGUN_DOMAIN and FROM_EMAIL/);
    expect(() => loadBackendsConfig({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' })).toThrow(/TWILIO_FROM/);
    expect(() => loadBackendsConfig({ FCM_SERVICE_ACCOUNT: '{"project_id":"p"}' })).toThrow(
      /lacks project_id, client_email or private_key/,
    );
  });
});
