import { registerEnumType } from '@nestjs/graphql';

/** What a person does on the portal (see the roles table in the domain notes). */
export enum Role {
  PARTNER_LIAISON = 'PARTNER_LIAISON',
  SECTION_STAFF = 'SECTION_STAFF',
  COORDINATOR = 'COORDINATOR',
  ADMIN = 'ADMIN',
}

/** What an integration's API key may reach. */
export enum ApiKeyScope {
  /** Reads the catalogue only. */
  CATALOGUE = 'CATALOGUE',
  /** The catalogue and the requests of one partner. */
  PARTNER = 'PARTNER',
  /** The catalogue and the requests routed to one section. */
  SECTION = 'SECTION',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person does on the portal.',
  valuesMap: {
    PARTNER_LIAISON: { description: 'Officer of one partner nation or organisation: browses, submits and tracks requests.' },
    SECTION_STAFF: { description: 'NATO staff in one or more sections: triages the requests routed to them.' },
    COORDINATOR: { description: 'Partnership desk officer: sees every request of the partners covered.' },
    ADMIN: { description: 'Owns the catalogue, reference data, users and API keys.' },
  },
});

registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'What an integration key may read.',
  valuesMap: {
    CATALOGUE: { description: 'The catalogue only.' },
    PARTNER: { description: 'The catalogue and the requests of one partner.' },
    SECTION: { description: 'The catalogue and the requests routed to one section.' },
  },
});
