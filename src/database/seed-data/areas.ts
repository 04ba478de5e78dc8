import type { SeedArea } from './types.js';

/** The six areas of cooperation (from NATO's "Counter-Terrorism Cooperation with Partners"). */
export const seedAreas: SeedArea[] = [
  {
    code: 'CONSULTATION',
    position: 1,
    nameEn: 'Consultations and information sharing',
    nameFr: "Consultations et partage d'informations",
    descriptionEn:
      'Shared awareness of threats and vulnerabilities among Allies and partners: partner briefings to Allies, staff-to-staff talks with visiting delegations, engagement of experts from academia and think tanks, and opportunities for information and intelligence sharing.',
  },
  {
    code: 'TRAINING',
    position: 2,
    nameEn: 'Training, education and exercises',
    nameFr: 'Formation, enseignement et exercices',
    descriptionEn:
      'Remote courses and e-learning, cooperation with NATO Centres of Excellence (COE), the Defence Education Enhancement Programme (DEEP), tailor-made workshops and training courses through the SPS Programme, NATO School Oberammergau courses, and sharing lessons learned and best practices.',
  },
  {
    code: 'CAPABILITY',
    position: 3,
    nameEn: 'Capability development and support to operations',
    nameFr: 'Développement des capacités et soutien aux opérations',
    descriptionEn:
      'Capabilities to prevent, protect against and respond to asymmetric threats, including the Defence Against Terrorism Programme of Work (DAT PoW), Defence Capacity Building and direct support to operations and missions.',
  },
  {
    code: 'SCIENCE',
    position: 4,
    nameEn: 'Science and technology cooperation',
    nameFr: 'Coopération scientifique et technologique',
    descriptionEn:
      'Scientific research and innovation with Allies and partners, such as detection of dangerous materials, emergency preparedness, human factors and risk management, through the Science for Peace and Security (SPS) Programme and collaboration with the Science and Technology Organization (STO).',
  },
  {
    code: 'CIVIL_EMERGENCY',
    position: 5,
    nameEn: 'Civil emergency planning and crisis management',
    nameFr: "Planification civile d'urgence et gestion des crises",
    descriptionEn:
      'Civil-military and civil emergency planning tools and procedures, including for CBRN/WMD terrorism: cooperation with the Euro-Atlantic Disaster Response Coordination Centre (EADRCC), and related training opportunities and exercises.',
  },
  {
    code: 'INTERNATIONAL_ORGS',
    position: 6,
    nameEn: 'Cooperation with international organisations',
    nameFr: 'Coopération avec les organisations internationales',
    descriptionEn:
      'A holistic approach with the wider international community, in particular the United Nations, the European Union, the OSCE, the African Union and the Council of Europe.',
  },
];
