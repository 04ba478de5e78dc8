import type { SeedFramework } from './types.js';

/** Partnership frameworks (public, as of 2025). A partner belongs to zero or more frameworks. */
export const seedFrameworks: SeedFramework[] = [
  {
    code: 'EAPC_PFP',
    nameEn: 'Euro-Atlantic Partnership Council / Partnership for Peace',
    nameFr: 'Conseil de partenariat euro-atlantique / Partenariat pour la paix',
  },
  {
    code: 'MD',
    nameEn: 'Mediterranean Dialogue',
    nameFr: 'Dialogue méditerranéen',
  },
  {
    code: 'ICI',
    nameEn: 'Istanbul Cooperation Initiative',
    nameFr: "Initiative de coopération d'Istanbul",
  },
  {
    code: 'PAG',
    nameEn: 'Partners across the globe',
    nameFr: 'Partenaires dans le monde',
  },
  {
    code: 'IO',
    nameEn: 'International organisations',
    nameFr: 'Organisations internationales',
  },
];
