import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Category, Channel, Priority } from '../shared/enums.js';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';
import { NotificationAction, type NotificationActionData } from '../inbox/notification-action.js';
import type { LocalizedCopy } from './localized-copy.js';

/**
 * A reusable notification: copy per channel with `{field}` placeholders. The table keeps
 * the seed's name and columns (with database defaults), so a template inserted with plain
 * SQL, as the seed document shows, is a template like any other.
 */
@ObjectType({ description: 'Reusable copy for each channel, with {field} placeholders.' })
@Entity({ tableName: 'notification_templates' })
export class Template extends Timestamped {
  [OptionalProps]?:
    | 'effectiveChannels'
    | 'cacheId'
    | 'isActive'
    | 'critical'
    | 'dataFields'
    | 'sensitiveFields'
    | 'actions'
    | 'tags'
    | 'createdAt'
    | 'updatedAt'
    | 'category'
    | 'priority';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id: string = randomUUID();

  /**
   * The GraphQL `id`: the key, not the row's uuid. Every operation addresses a template by
   * its key (which never changes), and deleteTemplate returns it, so a client can evict it.
   */
  @Field(() => ID, { name: 'id', description: 'The key: templates are addressed by key, which never changes.' })
  get cacheId(): string {
    return this.key;
  }

  @Field()
  @Property({ type: 'text', unique: true })
  key!: string;

  @Field()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  /** The seed's single channel column ('email', 'in_app', …); `channels` wins when set. */
  @Enum({ items: () => Channel, nullable: true })
  type?: Channel | null;

  @Enum({ items: () => Channel, array: true, nullable: true })
  channels?: Channel[] | null;

  @Field(() => Category)
  @Enum({ items: () => Category, default: Category.SYSTEM })
  category: Category = Category.SYSTEM;

  @Field(() => Priority)
  @Enum({ items: () => Priority, default: Priority.MEDIUM })
  priority: Priority = Priority.MEDIUM;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  subjectTemplate?: string | null;

  @Field()
  @Property({ type: 'text' })
  messageTemplate!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  htmlTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  smsTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  pushTitleTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  pushBodyTemplate?: string | null;

  @Field(() => [String])
  /** Data fields every send must provide. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  dataFields: string[] = [];

  @Field(() => [String])
  /** Data fields that are secrets (codes, tokens): never stored in plain text. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  sensitiveFields: string[] = [];

  @Field(() => [NotificationAction], { description: 'Up to two buttons, copied to every notification sent from it.' })
  @Property({ type: 'json', defaultRaw: `'[]'` })
  actions: NotificationActionData[] = [];

  @Field(() => [String], { description: 'Tags given to every notification sent from it (with the send’s own).' })
  @Property({ type: ArrayType, columnType: 'text[]', defaultRaw: `'{}'` })
  tags: string[] = [];

  @Field()
  @Property({ type: 'boolean', default: true })
  isActive: boolean = true;

  @Field()
  /** Critical templates go out whatever the user's preferences say. */
  @Property({ type: 'boolean', default: false })
  critical: boolean = false;

  /**
   * Its translations, when loaded for a send (TemplateService.forSend); not a column. The
   * GraphQL field `translations` is resolved from the table (TemplateResolver).
   */
  translations?: readonly LocalizedCopy[];

  /** The channels a send uses: `channels`, else the seed's single `type`, else in-app. */
  @Field(() => [Channel], { name: 'channels' })
  get effectiveChannels(): Channel[] {
    if (this.channels?.length) return this.channels;
    return this.type ? [this.type] : [Channel.IN_APP];
  }
}
exposeTimestamps(Template, ['createdAt', 'updatedAt']);
