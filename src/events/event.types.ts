import { ArrayMinSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Channel } from '../shared/enums.js';

@ObjectType({ description: 'A named event and what triggering it sends.' })
export class EventDefinition {
  @Field(() => ID, { description: 'The event name: one definition per name.' })
  id!: string;

  @Field()
  event!: string;

  @Field(() => [String], { description: 'The template(s) it sends; built-in billing picks one by data.type.' })
  templateKeys!: string[];

  @Field(() => [Channel], { nullable: true, description: "Null: each template's own channels." })
  channels!: Channel[] | null;

  @Field()
  builtIn!: boolean;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@InputType({ description: 'Maps an event name to a template. Defining a built-in name overrides it.' })
export class DefineEventInput {
  @Field()
  @Matches(/^[a-z0-9][a-z0-9_.:-]{0,99}$/, {
    message: 'event must be lower-case letters, digits, _ . : - (at most 100)',
  })
  event!: string;

  @Field()
  templateKey!: string;

  @Field(() => [Channel], { nullable: true, description: "Omit to use the template's channels." })
  @IsOptional()
  @ArrayMinSize(1)
  channels?: Channel[] | null;
}
