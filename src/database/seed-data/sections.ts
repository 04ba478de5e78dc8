import type { SeedSection } from './types.js';

/**
 * The routing targets: a node of NATO's organisation tree (division → section; commands; schools;
 * COEs). Ordered parents before children. An administrator can edit this tree after seeding.
 *
 * DEFAULT_SECTION_CODE: 'PASP_PARTNERSHIPS' — the Partnerships and Cooperative Security Directorate
 * of PASP is the natural default intake section for requests that match no routing rule and whose
 * offering has no owning section (e.g. open requests in an area when nothing in the catalogue fits).
 *
 * Mailboxes use the reserved example.nato.int domain (never real addresses). Service targets are in
 * working days: acknowledgeTargetDays (acknowledge the request), decideTargetDays (approve/decline).
 */
export const seedSections: SeedSection[] = [
  // ===================== NATO International Staff (NATO HQ, Brussels) =====================
  {
    code: 'IS', nameEn: 'NATO International Staff', nameFr: "Secrétariat international de l'OTAN",
    kind: 'STAFF', parentCode: null, mailbox: 'is@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Political Affairs and Security Policy Division ---
  {
    code: 'PASP', nameEn: 'Political Affairs and Security Policy Division', nameFr: 'Division Affaires politiques et politique de sécurité',
    kind: 'DIVISION', parentCode: 'IS', mailbox: 'pasp@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    // Natural DEFAULT_SECTION_CODE (default intake).
    code: 'PASP_PARTNERSHIPS', nameEn: 'Partnerships and Cooperative Security Directorate', nameFr: 'Direction Partenariats et sécurité coopérative',
    kind: 'DIRECTORATE', parentCode: 'PASP', mailbox: 'partnerships@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 3, decideTargetDays: 20,
  },
  {
    code: 'PASP_DESK_WEST', nameEn: 'Partnerships West Section (Western Balkans and European partners)', nameFr: 'Section Partenariats Ouest (Balkans occidentaux et partenaires européens)',
    kind: 'SECTION', parentCode: 'PASP_PARTNERSHIPS', mailbox: 'partnerships-west@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'PASP_DESK_EAST', nameEn: 'Partnerships East Section (Eastern Europe, South Caucasus and Central Asia)', nameFr: 'Section Partenariats Est (Europe orientale, Caucase du Sud et Asie centrale)',
    kind: 'SECTION', parentCode: 'PASP_PARTNERSHIPS', mailbox: 'partnerships-east@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'PASP_DESK_SOUTH', nameEn: 'Middle East and North Africa Section (Mediterranean Dialogue and ICI)', nameFr: "Section Moyen-Orient et Afrique du Nord (Dialogue méditerranéen et ICI)",
    kind: 'SECTION', parentCode: 'PASP_PARTNERSHIPS', mailbox: 'partnerships-south@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'PASP_DESK_GLOBAL', nameEn: 'Global Partners and International Organisations Section', nameFr: 'Section Partenaires dans le monde et organisations internationales',
    kind: 'SECTION', parentCode: 'PASP_PARTNERSHIPS', mailbox: 'partnerships-global@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Operations Division ---
  {
    code: 'OPS', nameEn: 'Operations Division', nameFr: 'Division Opérations',
    kind: 'DIVISION', parentCode: 'IS', mailbox: 'ops@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'DSCD', nameEn: 'Defence and Security Cooperation Directorate', nameFr: 'Direction Coopération de défense et de sécurité',
    kind: 'DIRECTORATE', parentCode: 'OPS', mailbox: 'dscd@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 60,
  },
  {
    code: 'EADRCC', nameEn: 'Euro-Atlantic Disaster Response Coordination Centre', nameFr: 'Centre euro-atlantique de coordination des réactions en cas de catastrophe',
    kind: 'CENTRE', parentCode: 'OPS', mailbox: 'eadrcc@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 2, decideTargetDays: 20,
  },

  // --- Defence Policy and Planning Division ---
  {
    code: 'DPP', nameEn: 'Defence Policy and Planning Division', nameFr: 'Division Politique de défense et planification',
    kind: 'DIVISION', parentCode: 'IS', mailbox: 'dpp@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'DPP_RESILIENCE', nameEn: 'Resilience and Civil Preparedness Section', nameFr: 'Section Résilience et préparation du secteur civil',
    kind: 'SECTION', parentCode: 'DPP', mailbox: 'resilience@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Public Diplomacy Division ---
  {
    code: 'PDD', nameEn: 'Public Diplomacy Division', nameFr: 'Division Diplomatie publique',
    kind: 'DIVISION', parentCode: 'IS', mailbox: 'pdd@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'PDD_STRATCOM', nameEn: 'Strategic Communications and Countering FIMI Section', nameFr: 'Section Communication stratégique et lutte contre la FIMI',
    kind: 'SECTION', parentCode: 'PDD', mailbox: 'stratcom@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Innovation, Hybrid and Cyber Division (formerly Emerging Security Challenges Division) ---
  {
    code: 'ESC', nameEn: 'Innovation, Hybrid and Cyber Division (formerly Emerging Security Challenges Division)', nameFr: 'Division Innovation, hybride et cyber (anciennement Division Défis de sécurité émergents)',
    kind: 'DIVISION', parentCode: 'IS', mailbox: 'ihc@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'CTS', nameEn: 'Counter-Terrorism Section', nameFr: 'Section Lutte contre le terrorisme',
    kind: 'SECTION', parentCode: 'ESC', mailbox: 'cts@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'SPS', nameEn: 'Science for Peace and Security Programme', nameFr: 'Programme pour la science au service de la paix et de la sécurité',
    kind: 'SECTION', parentCode: 'ESC', mailbox: 'sps@example.nato.int', timeZone: 'Europe/Brussels',
    // Applications go through peer review and committee endorsement: longer decision target.
    acknowledgeTargetDays: 10, decideTargetDays: 120,
  },
  {
    code: 'ESC_CYBER', nameEn: 'Cyber Defence Section', nameFr: 'Section Cyberdéfense',
    kind: 'SECTION', parentCode: 'ESC', mailbox: 'cyber@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'ESC_ENSEC', nameEn: 'Energy Security and Climate Security Section', nameFr: 'Section Sécurité énergétique et sécurité climatique',
    kind: 'SECTION', parentCode: 'ESC', mailbox: 'ensec@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Human security and Women, Peace and Security (Office of the Secretary General) ---
  {
    code: 'HSU', nameEn: 'Human Security Unit', nameFr: 'Unité Sécurité humaine',
    kind: 'SECTION', parentCode: 'IS', mailbox: 'human-security@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'SR_WPS', nameEn: "Office of the Secretary General's Special Representative for Women, Peace and Security", nameFr: 'Bureau de la Représentante spéciale du Secrétaire général pour les femmes, la paix et la sécurité',
    kind: 'SECTION', parentCode: 'IS', mailbox: 'wps@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // ===================== NATO International Military Staff =====================
  {
    code: 'IMS', nameEn: 'International Military Staff', nameFr: 'État-major militaire international',
    kind: 'STAFF', parentCode: null, mailbox: 'ims@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'IMS_CSD', nameEn: 'Cooperative Security Division', nameFr: 'Division Sécurité coopérative',
    kind: 'DIVISION', parentCode: 'IMS', mailbox: 'ims-csd@example.nato.int', timeZone: 'Europe/Brussels',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // ===================== Allied Command Transformation (Norfolk) and its bodies =====================
  {
    code: 'ACT', nameEn: 'Allied Command Transformation', nameFr: 'Commandement allié Transformation',
    kind: 'COMMAND', parentCode: null, mailbox: 'act-partnerships@example.nato.int', timeZone: 'America/New_York',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'ETOC', nameEn: 'Education and Training Opportunities Catalogue (ETOC) and Joint Education, Training and Exercises', nameFr: "Catalogue des possibilités d'enseignement et de formation (ETOC) et enseignement, formation et exercices interarmées",
    kind: 'SECTION', parentCode: 'ACT', mailbox: 'etoc@example.nato.int', timeZone: 'America/New_York',
    acknowledgeTargetDays: 5, decideTargetDays: 20,
  },
  {
    code: 'DEEP', nameEn: 'Defence Education Enhancement Programme (DEEP) Support', nameFr: 'Soutien au Programme de perfectionnement de la formation dans le domaine de la défense (DEEP)',
    kind: 'SECTION', parentCode: 'ACT', mailbox: 'deep@example.nato.int', timeZone: 'America/New_York',
    acknowledgeTargetDays: 5, decideTargetDays: 45,
  },
  {
    code: 'NSO', nameEn: 'NATO School Oberammergau', nameFr: "École de l'OTAN d'Oberammergau",
    kind: 'SCHOOL', parentCode: 'ACT', mailbox: 'nso-registrar@example.nato.int', timeZone: 'Europe/Berlin',
    acknowledgeTargetDays: 5, decideTargetDays: 20,
  },
  {
    code: 'JALLC', nameEn: 'Joint Analysis and Lessons Learned Centre', nameFr: "Centre interarmées d'analyse et de retour d'expérience",
    kind: 'CENTRE', parentCode: 'ACT', mailbox: 'jallc@example.nato.int', timeZone: 'Europe/Lisbon',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // --- Accredited NATO Centres of Excellence (coordinated by ACT; not part of the command structure) ---
  {
    code: 'COE_DAT', nameEn: 'Centre of Excellence Defence Against Terrorism (COE-DAT)', nameFr: "Centre d'excellence pour la défense contre le terrorisme (COE-DAT)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-dat@example.nato.int', timeZone: 'Europe/Istanbul',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_CIED', nameEn: 'Counter Improvised Explosive Devices Centre of Excellence (C-IED COE)', nameFr: "Centre d'excellence pour la lutte contre les engins explosifs improvisés (C-IED COE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-cied@example.nato.int', timeZone: 'Europe/Madrid',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_CCD', nameEn: 'Cooperative Cyber Defence Centre of Excellence (CCDCOE)', nameFr: "Centre d'excellence pour la cyberdéfense en coopération (CCDCOE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-ccd@example.nato.int', timeZone: 'Europe/Tallinn',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_STRATCOM', nameEn: 'Strategic Communications Centre of Excellence (StratCom COE)', nameFr: "Centre d'excellence pour la communication stratégique (StratCom COE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-stratcom@example.nato.int', timeZone: 'Europe/Riga',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_ENSEC', nameEn: 'Energy Security Centre of Excellence (ENSEC COE)', nameFr: "Centre d'excellence pour la sécurité énergétique (ENSEC COE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-ensec@example.nato.int', timeZone: 'Europe/Vilnius',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_JCBRN', nameEn: 'Joint Chemical, Biological, Radiological and Nuclear Defence Centre of Excellence (JCBRN Defence COE)', nameFr: "Centre d'excellence pour la défense interarmées chimique, biologique, radiologique et nucléaire (JCBRN Defence COE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-jcbrn@example.nato.int', timeZone: 'Europe/Prague',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_CIMIC', nameEn: 'Civil-Military Cooperation Centre of Excellence (CCOE)', nameFr: "Centre d'excellence pour la coopération civilo-militaire (CCOE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-cimic@example.nato.int', timeZone: 'Europe/Amsterdam',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },
  {
    code: 'COE_CMDR', nameEn: 'Crisis Management and Disaster Response Centre of Excellence (CMDR COE)', nameFr: "Centre d'excellence pour la gestion des crises et la réponse aux catastrophes (CMDR COE)",
    kind: 'COE', parentCode: 'ACT', mailbox: 'coe-cmdr@example.nato.int', timeZone: 'Europe/Sofia',
    acknowledgeTargetDays: 5, decideTargetDays: 30,
  },

  // ===================== Science and Technology Organization =====================
  {
    code: 'STO', nameEn: 'Science and Technology Organization', nameFr: 'Organisation pour la science et la technologie',
    kind: 'AGENCY', parentCode: null, mailbox: 'sto-partners@example.nato.int', timeZone: 'Europe/Paris',
    acknowledgeTargetDays: 10, decideTargetDays: 60,
  },
];

/** The natural DEFAULT_SECTION_CODE: default intake when no routing rule and no owning section apply. */
export const seedDefaultSectionCode = 'PASP_PARTNERSHIPS';
