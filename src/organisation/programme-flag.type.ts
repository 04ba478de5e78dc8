import { Field, Int, ObjectType } from '@nestjs/graphql';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** A programme that serves some partners (DCB, DEEP…): a row of programme_flag, the controlled list of partner.programme_flags. */
@ObjectType({ description: 'A programme flag: which partners a programme serves, e.g. DCB. Offerings may require flags (requiredProgrammeFlags).' })
export class ProgrammeFlag {
  @Field()
  code: string;

  @LocalisedField('nameEn', 'nameFr', { description: 'The name in the content language.' })
  name?: string;

  @Field()
  nameEn: string;

  @Field()
  nameFr: string;

  @Field(() => Int)
  position: number;
}
