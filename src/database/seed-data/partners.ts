import type { SeedPartner } from './types.js';

/**
 * NATO partners (public, as of 2025). Nations use ISO 3166-1 alpha-3 codes; international
 * organisations use short codes (UN, EU, OSCE, AU, COE = Council of Europe).
 *
 * programmeFlags:
 *  - 'DCB'  Defence Capacity Building: Bosnia and Herzegovina, Georgia, Iraq, Jordan, Mauritania,
 *           Republic of Moldova, Tunisia, United Nations.
 *  - 'DEEP' Defence Education Enhancement Programme (illustrative list of DEEP partners).
 *
 * Suspended partners (cooperation frozen): Belarus, Russia, Afghanistan.
 */
export const seedPartners: SeedPartner[] = [
  // --- Euro-Atlantic Partnership Council / Partnership for Peace ---
  { code: 'ARM', kind: 'NATION', nameEn: 'Armenia', nameFr: 'Arménie', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'AUT', kind: 'NATION', nameEn: 'Austria', nameFr: 'Autriche', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false },
  { code: 'AZE', kind: 'NATION', nameEn: 'Azerbaijan', nameFr: 'Azerbaïdjan', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'BLR', kind: 'NATION', nameEn: 'Belarus', nameFr: 'Bélarus', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: true },
  { code: 'BIH', kind: 'NATION', nameEn: 'Bosnia and Herzegovina', nameFr: 'Bosnie-Herzégovine', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'GEO', kind: 'NATION', nameEn: 'Georgia', nameFr: 'Géorgie', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'IRL', kind: 'NATION', nameEn: 'Ireland', nameFr: 'Irlande', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false },
  { code: 'KAZ', kind: 'NATION', nameEn: 'Kazakhstan', nameFr: 'Kazakhstan', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'KGZ', kind: 'NATION', nameEn: 'Kyrgyz Republic', nameFr: 'République kirghize', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'MLT', kind: 'NATION', nameEn: 'Malta', nameFr: 'Malte', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false },
  { code: 'MDA', kind: 'NATION', nameEn: 'Republic of Moldova', nameFr: 'République de Moldova', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'RUS', kind: 'NATION', nameEn: 'Russia', nameFr: 'Russie', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: true },
  { code: 'SRB', kind: 'NATION', nameEn: 'Serbia', nameFr: 'Serbie', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'CHE', kind: 'NATION', nameEn: 'Switzerland', nameFr: 'Suisse', frameworkCodes: ['EAPC_PFP'], programmeFlags: [], suspended: false },
  { code: 'TJK', kind: 'NATION', nameEn: 'Tajikistan', nameFr: 'Tadjikistan', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'TKM', kind: 'NATION', nameEn: 'Turkmenistan', nameFr: 'Turkménistan', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'UKR', kind: 'NATION', nameEn: 'Ukraine', nameFr: 'Ukraine', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'UZB', kind: 'NATION', nameEn: 'Uzbekistan', nameFr: 'Ouzbékistan', frameworkCodes: ['EAPC_PFP'], programmeFlags: ['DEEP'], suspended: false },

  // --- Mediterranean Dialogue ---
  { code: 'DZA', kind: 'NATION', nameEn: 'Algeria', nameFr: 'Algérie', frameworkCodes: ['MD'], programmeFlags: [], suspended: false },
  { code: 'EGY', kind: 'NATION', nameEn: 'Egypt', nameFr: 'Égypte', frameworkCodes: ['MD'], programmeFlags: [], suspended: false },
  { code: 'ISR', kind: 'NATION', nameEn: 'Israel', nameFr: 'Israël', frameworkCodes: ['MD'], programmeFlags: [], suspended: false },
  { code: 'JOR', kind: 'NATION', nameEn: 'Jordan', nameFr: 'Jordanie', frameworkCodes: ['MD'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'MRT', kind: 'NATION', nameEn: 'Mauritania', nameFr: 'Mauritanie', frameworkCodes: ['MD'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'MAR', kind: 'NATION', nameEn: 'Morocco', nameFr: 'Maroc', frameworkCodes: ['MD'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'TUN', kind: 'NATION', nameEn: 'Tunisia', nameFr: 'Tunisie', frameworkCodes: ['MD'], programmeFlags: ['DCB', 'DEEP'], suspended: false },

  // --- Istanbul Cooperation Initiative ---
  { code: 'BHR', kind: 'NATION', nameEn: 'Bahrain', nameFr: 'Bahreïn', frameworkCodes: ['ICI'], programmeFlags: [], suspended: false },
  { code: 'KWT', kind: 'NATION', nameEn: 'Kuwait', nameFr: 'Koweït', frameworkCodes: ['ICI'], programmeFlags: [], suspended: false },
  { code: 'QAT', kind: 'NATION', nameEn: 'Qatar', nameFr: 'Qatar', frameworkCodes: ['ICI'], programmeFlags: [], suspended: false },
  { code: 'ARE', kind: 'NATION', nameEn: 'United Arab Emirates', nameFr: 'Émirats arabes unis', frameworkCodes: ['ICI'], programmeFlags: [], suspended: false },

  // --- Partners across the globe ---
  { code: 'AUS', kind: 'NATION', nameEn: 'Australia', nameFr: 'Australie', frameworkCodes: ['PAG'], programmeFlags: [], suspended: false },
  { code: 'COL', kind: 'NATION', nameEn: 'Colombia', nameFr: 'Colombie', frameworkCodes: ['PAG'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'IRQ', kind: 'NATION', nameEn: 'Iraq', nameFr: 'Iraq', frameworkCodes: ['PAG'], programmeFlags: ['DCB', 'DEEP'], suspended: false },
  { code: 'JPN', kind: 'NATION', nameEn: 'Japan', nameFr: 'Japon', frameworkCodes: ['PAG'], programmeFlags: [], suspended: false },
  { code: 'KOR', kind: 'NATION', nameEn: 'Republic of Korea', nameFr: 'République de Corée', frameworkCodes: ['PAG'], programmeFlags: [], suspended: false },
  { code: 'MNG', kind: 'NATION', nameEn: 'Mongolia', nameFr: 'Mongolie', frameworkCodes: ['PAG'], programmeFlags: ['DEEP'], suspended: false },
  { code: 'NZL', kind: 'NATION', nameEn: 'New Zealand', nameFr: 'Nouvelle-Zélande', frameworkCodes: ['PAG'], programmeFlags: [], suspended: false },
  { code: 'PAK', kind: 'NATION', nameEn: 'Pakistan', nameFr: 'Pakistan', frameworkCodes: ['PAG'], programmeFlags: [], suspended: false },
  { code: 'AFG', kind: 'NATION', nameEn: 'Afghanistan', nameFr: 'Afghanistan', frameworkCodes: ['PAG'], programmeFlags: ['DEEP'], suspended: true },

  // --- International organisations ---
  { code: 'UN', kind: 'ORGANISATION', nameEn: 'United Nations', nameFr: 'Organisation des Nations unies', frameworkCodes: ['IO'], programmeFlags: ['DCB'], suspended: false },
  { code: 'EU', kind: 'ORGANISATION', nameEn: 'European Union', nameFr: 'Union européenne', frameworkCodes: ['IO'], programmeFlags: [], suspended: false },
  { code: 'OSCE', kind: 'ORGANISATION', nameEn: 'Organization for Security and Co-operation in Europe', nameFr: 'Organisation pour la sécurité et la coopération en Europe', frameworkCodes: ['IO'], programmeFlags: [], suspended: false },
  { code: 'AU', kind: 'ORGANISATION', nameEn: 'African Union', nameFr: 'Union africaine', frameworkCodes: ['IO'], programmeFlags: [], suspended: false },
  { code: 'COE', kind: 'ORGANISATION', nameEn: 'Council of Europe', nameFr: "Conseil de l'Europe", frameworkCodes: ['IO'], programmeFlags: [], suspended: false },
];
