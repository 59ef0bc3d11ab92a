import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Preference } from './preference.entity.js';
import { PREFERENCE_FIELDS, type PreferenceField } from './preference-fields.js';

// The seed's preference shape is 32 flat booleans (a master toggle per channel and one
// per channel × category). They are declared once, in preference-fields.ts, and the
// GraphQL fields are applied from that list rather than written out 64 times.

ObjectType('Preferences', {
  description:
    "A user's notification preferences: a master toggle per channel and a toggle per channel × category. Defaults: all on except marketing.",
})(Preference);
Field(() => ID, { name: 'id', description: 'The user id: one Preferences per user.' })(Preference.prototype, 'cacheId');
Field(() => String)(Preference.prototype, 'userId');
Field(() => Date)(Preference.prototype, 'updatedAt');
for (const field of PREFERENCE_FIELDS) Field(() => Boolean)(Preference.prototype, field);

/** A partial update: only the flags given change. */
@InputType({ description: 'Flags to change; omitted flags keep their value.' })
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-extraneous-class -- its fields come from PREFERENCE_FIELDS, merged in below
export class PreferencesInput {}
/** Each flag, optional: absent keeps the stored value; null is refused by the service. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- see the class above
export interface PreferencesInput extends Partial<Record<PreferenceField, boolean | null>> {}
for (const field of PREFERENCE_FIELDS) Field(() => Boolean, { nullable: true })(PreferencesInput.prototype, field);

export { Preference };
