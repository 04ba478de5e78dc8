import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** A view of the triage queue a person saved for themself: a name and the filter the web app applies. */
@ObjectType()
export class SavedView {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: "The web app's filter as JSON text (statuses, sections, partners, search, assignee); read back as saved." })
  filter: string;

  @Field()
  createdAt: Date;
}

@InputType()
export class SaveViewInput {
  @Field({ description: 'Shown on the queue; saving under an existing name replaces that view.' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(80)
  name: string;

  @Field({ description: 'A JSON object of at most 2,000 characters.' })
  @IsString()
  @MaxLength(2000)
  filter: string;
}
