import { registerEnumType } from '@nestjs/graphql';

export enum PartnerKind {
  NATION = 'NATION',
  ORGANISATION = 'ORGANISATION',
}
registerEnumType(PartnerKind, { name: 'PartnerKind', description: 'A partner nation or an international organisation.' });

export enum SectionKind {
  DIVISION = 'DIVISION',
  DIRECTORATE = 'DIRECTORATE',
  SECTION = 'SECTION',
  COMMAND = 'COMMAND',
  SCHOOL = 'SCHOOL',
  CENTRE = 'CENTRE',
  COE = 'COE',
  AGENCY = 'AGENCY',
  STAFF = 'STAFF',
}
registerEnumType(SectionKind, { name: 'SectionKind', description: 'What kind of node of the NATO organisation tree a section is.' });
