import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { PushTargetKind } from '../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import { PushTarget } from './push-target.entity.js';
import { Recipient } from './recipient.entity.js';
import { assertWebPushEndpoint } from './web-push-endpoint.js';

/** The changeable contact fields; undefined keeps a value, null clears it. */
export type RecipientChanges = Partial<Pick<Recipient, 'email' | 'phone' | 'locale' | 'timezone' | 'name' | 'data'>>;

const CONTACT_FIELDS = ['email', 'phone', 'locale', 'timezone', 'name', 'data'] as const;

/** Users' contact data and push targets, read and written through the caller's EntityManager (one per operation). */
export class RecipientService {
  constructor(private readonly options: { readonly allowPrivatePushEndpoints?: boolean } = {}) {}

  async find(em: EntityManager, userId: string): Promise<Recipient | null> {
    return em.findOne(Recipient, { userId });
  }

  /** Creates the record or changes only the given fields, in one statement. */
  async upsert(em: EntityManager, userId: string, changes: RecipientChanges): Promise<Recipient> {
    const given = Object.fromEntries(
      CONTACT_FIELDS.filter((field) => changes[field] !== undefined).map((field) => [field, changes[field]]),
    );
    return em.upsert(
      Recipient,
      { userId, ...given, updatedAt: new Date() },
      { onConflictFields: ['userId'], onConflictExcludeFields: ['createdAt'] },
    );
  }

  async pushTargets(em: EntityManager, userId: string): Promise<PushTarget[]> {
    return em.find(PushTarget, { userId }, { orderBy: { createdAt: 'desc' } });
  }

  /** Registers a target; a token seen before moves to this user and is enabled again. */
  async registerPushTarget(
    em: EntityManager,
    userId: string,
    kind: PushTargetKind,
    token: string,
    keys?: { p256dh: string; auth: string } | null,
  ): Promise<PushTarget> {
    if (kind === PushTargetKind.WEB_PUSH) {
      await assertWebPushEndpoint(token, { allowPrivate: this.options.allowPrivatePushEndpoints ?? false });
      if (!keys)
        throw new BadUserInputError('keys (p256dh and auth) are required for a Web Push subscription', ['keys']);
    } else if (keys) {
      throw new BadUserInputError('keys are only for WEB_PUSH targets', ['keys']);
    }
    if (kind === PushTargetKind.APNS && !/^[0-9a-fA-F]{64,200}$/.test(token)) {
      throw new BadUserInputError('token must be the hexadecimal APNs device token', ['token']);
    }
    return em.upsert(
      PushTarget,
      {
        id: randomUUID(),
        userId,
        kind,
        token,
        keys: keys ? { p256dh: keys.p256dh, auth: keys.auth } : null,
        disabledAt: null,
        disabledReason: null,
      },
      { onConflictFields: ['kind', 'token'], onConflictExcludeFields: ['id', 'createdAt'] },
    );
  }

  async getPushTarget(em: EntityManager, id: string): Promise<PushTarget> {
    const target = await em.findOne(PushTarget, { id });
    if (!target) throw new NotFoundError('Push target', id);
    return target;
  }

  async removePushTarget(em: EntityManager, id: string): Promise<void> {
    await em.nativeDelete(PushTarget, { id });
  }
}
