import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Timestamped, exposeTimestamps } from '../db/timestamps.js';
import { Template } from './template.entity.js';

/**
 * A template's copy in one locale (BCP 47, stored canonical: `de-AT`). A copy field left null
 * falls back to the template's own. A send picks the translation by the recipient's locale,
 * or the send's `locale`, with fallback `de-AT` → `de` → the template's copy.
 */
@ObjectType({ description: "A template's copy in one locale; a field left null uses the template's own." })
@Entity({ tableName: 'template_translations' })
@Unique({ properties: ['template', 'locale'] })
export class TemplateTranslation extends Timestamped {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Template, { deleteRule: 'cascade' })
  template!: Rel<Template>;

  @Field({ description: 'BCP 47 tag, canonical (de-AT, pt-BR, de).' })
  @Property({ type: 'text' })
  locale!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  subjectTemplate?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  messageTemplate?: string | null;

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
}
exposeTimestamps(TemplateTranslation, ['createdAt', 'updatedAt']);
