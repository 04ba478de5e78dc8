import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalisedField } from '../common/i18n/localised-field.js';

/** Who a marking releases to (releasability_marking.scope). */
export enum MarkingScope {
  /** Everyone, signed in or not. */
  PUBLIC = 'PUBLIC',
  /** Every partner that is not suspended, and NATO staff. */
  PARTNERS = 'PARTNERS',
  /** The partners and frameworks listed on the offering, and NATO staff. */
  LISTED = 'LISTED',
}
registerEnumType(MarkingScope, { name: 'MarkingScope', description: 'Who a releasability marking releases to.' });

@ObjectType({ description: 'A releasability marking from the controlled list (PUBLIC, NATO UNCLASSIFIED, RELEASABLE TO …).' })
export class ReleasabilityMarking {
  @Field({ description: 'The marking, as offerings and requests carry it.' })
  code: string;

  @Field(() => MarkingScope)
  scope: MarkingScope;

  @LocalisedField('labelEn', 'labelFr', { description: 'The label in the content language.' })
  label?: string;

  @Field()
  labelEn: string;

  @Field()
  labelFr: string;

  @Field(() => Int)
  position: number;
}
