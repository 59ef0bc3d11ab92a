// Deliveries per second through the durable queue to a local fake Mailgun, side by side with
// the floor: the same number of messages posted straight to the same fake by the same
// mailgun.js client at the same concurrency, with no queue and no database.
import Mailgun from 'mailgun.js';
import { startTestBelfry } from '../test/support/belfry.js';
import { FakeMailgun } from '../test/support/fakes/fake-mailgun.js';
import { at } from '../src/shared/at.js';

export interface DeliveryBenchResult {
  /** Time to write the notifications and their jobs (part of the measured time). */
  readonly enqueueSeconds: number;
  readonly database: string;
  readonly deliveries: number;
  readonly concurrency: number;
  readonly queuedPerSecond: number;
  readonly floorPerSecond: number;
  readonly ratioToFloor: number;
}

export async function benchDeliveryThroughput(count = 2000, concurrency = 8): Promise<DeliveryBenchResult> {
  const mailgun = await new FakeMailgun('key-bench-0123456789', 'mg.example.com').start();
  const belfry = await startTestBelfry(
    { logLevel: 'warn' },
    {
      MAILGUN_API_KEY: mailgun.apiKey,
      MAILGUN_DOMAIN: mailgun.domain,
      MAILGUN_URL: mailgun.url,
      FROM_EMAIL: 'bench@example.com',
      DELIVERY_CONCURRENCY: String(concurrency),
    },
  );
  try {
    const sql = (text: string) => belfry.app.database.em.getConnection().execute(text);
    await sql(
      `insert into recipients (user_id, email) select 'bench-' || i, 'bench-' || i || '@example.com' from generate_series(1, ${count}) i`,
    );
    const userIds = Array.from({ length: count }, (_, i) => `bench-${i + 1}`);

    const started = performance.now();
    for (let offset = 0; offset < count; offset += 1000) {
      const response = await belfry.service(
        `mutation($input: SendTemplateInput!) { sendTemplate(input: $input) { id } }`,
        {
          input: {
            templateKey: 'password_changed',
            userIds: userIds.slice(offset, offset + 1000),
            channels: ['EMAIL'],
          },
        },
      );
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    }
    const enqueueSeconds = (performance.now() - started) / 1000;
    for (;;) {
      const { n } = at(await sql(`select count(*)::int as n from deliveries where status = 'sent'`), 0, 'count row');
      if (n >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const queuedSeconds = (performance.now() - started) / 1000;

    const client = new Mailgun(FormData).client({ username: 'api', key: mailgun.apiKey, url: mailgun.url });
    const floorStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = next++;
          await client.messages.create(mailgun.domain, {
            from: 'bench@example.com',
            to: [`bench-${i}@example.com`],
            subject: 'Your password was changed',
            text: 'The password for your account was just changed.',
          });
        }
      }),
    );
    const floorSeconds = (performance.now() - floorStarted) / 1000;
    return {
      enqueueSeconds: Number(enqueueSeconds.toFixed(2)),
      database: belfry.app.database.kind,
      deliveries: count,
      concurrency,
      queuedPerSecond: Math.round(count / queuedSeconds),
      floorPerSecond: Math.round(count / floorSeconds),
      ratioToFloor: Number((floorSeconds / queuedSeconds).toFixed(3)),
    };
  } finally {
    await belfry.stop();
    await mailgun.stop();
  }
}
