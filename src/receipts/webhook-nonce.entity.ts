import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A webhook signature's one-time token (Mailgun's `token`), kept until its timestamp is too
 * old to be accepted anyway: a replayed callback is refused on every process.
 */
@Entity({ tableName: 'webhook_nonces' })
@Index({ properties: ['expiresAt'] })
export class WebhookNonce {
  @PrimaryKey({ type: 'text' })
  nonce!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
