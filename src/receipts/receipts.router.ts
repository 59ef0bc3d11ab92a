import express from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { BackendConfig, BackendsConfig } from '../config/settings.js';
import type { Logger } from '../logger.js';
import { MAILGUN_MAX_AGE_MS, parseMailgun, verifyMailgun } from './mailgun-receipts.js';
import type { Receipt } from './receipt.js';
import {
  parseSendGrid,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGrid,
} from './sendgrid-receipts.js';
import { parseTwilio, verifyTwilio } from './twilio-receipts.js';
import { statusCallbackUrl } from '../channels/transports.js';
import { ReceiptRefused } from './receipt-refused.js';
import type { ReceiptService } from './receipt.service.js';

/** Providers send receipts in bursts; this bounds what one address can make Belfry verify. */
const CALLS_PER_MINUTE_PER_ADDRESS = 1_200;
const MAX_BODY = '1mb';

export interface ReceiptsRouterOptions {
  readonly backends: BackendsConfig;
  /** PUBLIC_URL: Twilio signs the URL it called, which is built from it. */
  readonly publicUrl?: string;
  readonly receipts: ReceiptService;
  readonly logger: Logger;
}

/**
 * `POST /webhooks/<backend name>`: provider receipts, each verified with its provider's own
 * signature scheme before anything is read from it. A bad or missing signature is 401 and
 * writes nothing; a body over 1 MB is 413; an event for a message Belfry did not send is
 * 200 (logged), since providers retry anything else; the same event twice is recorded once.
 */
export function receiptsRouter(options: ReceiptsRouterOptions): express.Router {
  const router = express.Router();
  const limiter = new RateLimiterMemory({ points: CALLS_PER_MINUTE_PER_ADDRESS, duration: 60 });
  const byName = new Map<string, BackendConfig>(
    [...options.backends.email, ...options.backends.sms, ...options.backends.push].map((backend) => [
      backend.name,
      backend,
    ]),
  );

  router.post('/:backend', async (req, res, next) => {
    try {
      await limiter.consume(req.socket.remoteAddress ?? 'unknown');
    } catch {
      res.status(429).set('retry-after', '60').json({ error: 'Too many webhook calls from this address' });
      return;
    }
    next();
  });
  router.post('/:backend', express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    try {
      const backend = byName.get(req.params.backend);
      if (!backend) throw new ReceiptRefused(404, `No backend named "${req.params.backend}"`);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const receipts = await verifiedReceipts(backend, body, req, options);
      const outcomes = [];
      for (const receipt of receipts) outcomes.push(await options.receipts.record(receipt));
      res.status(200).json({ received: receipts.length, outcomes });
    } catch (error) {
      if (error instanceof ReceiptRefused) {
        options.logger.warn(
          { backend: req.params.backend, status: error.status, reason: error.message },
          'webhook refused',
        );
        res.status(error.status).json({ error: error.message });
        return;
      }
      options.logger.error({ err: error, backend: req.params.backend }, 'webhook handling failed');
      res.status(500).json({ error: 'Internal error' });
    }
  });
  // express.raw's own refusals: a body over the limit (413), or one it cannot read.
  router.use(
    (
      error: { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (error.type === 'entity.too.large') {
        res.status(413).json({ error: `Webhook bodies are limited to ${MAX_BODY}` });
        return;
      }
      next(error);
    },
  );
  return router;
}

/** The receipts of one webhook call, after its signature checked out. */
async function verifiedReceipts(
  backend: BackendConfig,
  body: Buffer,
  req: express.Request,
  options: ReceiptsRouterOptions,
): Promise<Receipt[]> {
  const { receipts } = options;
  switch (backend.driver) {
    case 'mailgun': {
      if (!backend.webhookSigningKey)
        throw new ReceiptRefused(404, `Receipts are not configured for "${backend.name}": set its webhook signing key`);
      const json = parseJson(body);
      const signature = verifyMailgun(json, backend.webhookSigningKey);
      // After the signature: a forged call cannot burn a real token.
      if (!(await receipts.useNonce(signature.token, new Date(signature.at.getTime() + MAILGUN_MAX_AGE_MS))))
        throw new ReceiptRefused(401, 'Mailgun signature token already used');
      const receipt = parseMailgun(json, backend.name);
      return receipt ? [receipt] : [];
    }
    case 'sendgrid': {
      if (!backend.webhookPublicKey)
        throw new ReceiptRefused(404, `Receipts are not configured for "${backend.name}": set its webhook public key`);
      verifySendGrid(
        body,
        backend.webhookPublicKey,
        req.get(SENDGRID_SIGNATURE_HEADER),
        req.get(SENDGRID_TIMESTAMP_HEADER),
      );
      return parseSendGrid(body, backend.name);
    }
    case 'twilio': {
      if (!options.publicUrl)
        throw new ReceiptRefused(404, 'Twilio receipts need PUBLIC_URL: Twilio signs the URL it calls');
      const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      verifyTwilio(
        params,
        backend.authToken,
        statusCallbackUrl(options.publicUrl, backend.name),
        req.get('x-twilio-signature'),
      );
      const call = parseTwilio(params, backend.name);
      if ('optOut' in call) await receipts.optOut(backend.name, call.optOut);
      return 'receipt' in call ? [call.receipt] : [];
    }
    default:
      throw new ReceiptRefused(404, `Backend "${backend.name}" (${backend.driver}) takes no receipts`);
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ReceiptRefused(400, 'The body is not JSON');
  }
}
