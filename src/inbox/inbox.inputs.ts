import { Min } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { IsUserId } from '../graphql/input-validators.js';
import { Category } from '../shared/enums.js';
import { IsTags } from './tags.js';

@InputType({ description: 'Which inbox items to list. Expired items are never listed.' })
export class NotificationFilter {
  @Field(() => Boolean, { nullable: true, description: 'true: unread only; false: read only; unset: both.' })
  unread?: boolean | null;

  @Field(() => Category, { nullable: true })
  category?: Category | null;

  @Field(() => Boolean, { nullable: true, description: 'true: archived only; false or unset: items not archived.' })
  archived?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: unseen only; false: seen only; unset: both.' })
  unseen?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Items with any of these tags (matched lower-cased); up to 10. Unset or empty: any item.',
  })
  @IsTags()
  tags?: string[] | null;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => String, { nullable: true, description: 'Required with an API key; a user token reads its own inbox.' })
  @IsUserId()
  userId?: string | null;

  // The upper bound is a setting, checked by InboxService.assertPageSize.
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to INBOX_MAX_PAGE_SIZE (default 100).' })
  @Min(1)
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;

  @Field(() => NotificationFilter, { nullable: true })
  filter?: NotificationFilter | null;
}
