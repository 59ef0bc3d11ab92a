import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { Timestamped } from '../db/timestamps.js';

/**
 * One user's notification preferences, in the seed's flat shape: a master toggle per
 * channel and a toggle per channel × category. Everything defaults to on except marketing.
 */
@Entity({ tableName: 'notification_preferences' })
export class Preference extends Timestamped {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  userId!: string;

  @Property({ type: 'boolean', default: true })
  emailEnabled: boolean = true;

  @Property({ type: 'boolean', default: true })
  emailAccount: boolean = true;

  @Property({ type: 'boolean', default: true })
  emailVerification: boolean = true;

  @Property({ type: 'boolean', default: true })
  emailSecurity: boolean = true;

  @Property({ type: 'boolean', default: true })
  emailBilling: boolean = true;

  @Property({ type: 'boolean', default: false })
  emailMarketing: boolean = false;

  @Property({ type: 'boolean', default: true })
  emailSystem: boolean = true;

  @Property({ type: 'boolean', default: true })
  emailSupport: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppEnabled: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppAccount: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppVerification: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppSecurity: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppBilling: boolean = true;

  @Property({ type: 'boolean', default: false })
  inAppMarketing: boolean = false;

  @Property({ type: 'boolean', default: true })
  inAppSystem: boolean = true;

  @Property({ type: 'boolean', default: true })
  inAppSupport: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsEnabled: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsAccount: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsVerification: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsSecurity: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsBilling: boolean = true;

  @Property({ type: 'boolean', default: false })
  smsMarketing: boolean = false;

  @Property({ type: 'boolean', default: true })
  smsSystem: boolean = true;

  @Property({ type: 'boolean', default: true })
  smsSupport: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushEnabled: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushAccount: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushVerification: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushSecurity: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushBilling: boolean = true;

  @Property({ type: 'boolean', default: false })
  pushMarketing: boolean = false;

  @Property({ type: 'boolean', default: true })
  pushSystem: boolean = true;

  @Property({ type: 'boolean', default: true })
  pushSupport: boolean = true;
}
