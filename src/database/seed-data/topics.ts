import type { SeedTopic } from './types.js';

/** Topics: tags, many per offering. Human-security subtopics are separate tags next to HUMAN_SECURITY. */
export const seedTopics: SeedTopic[] = [
  { code: 'COUNTER_TERRORISM', nameEn: 'Counter-terrorism', nameFr: 'Lutte contre le terrorisme' },
  { code: 'CBRN', nameEn: 'Chemical, biological, radiological and nuclear (CBRN) defence', nameFr: 'Défense chimique, biologique, radiologique et nucléaire (CBRN)' },
  { code: 'COUNTER_IED', nameEn: 'Countering improvised explosive devices (C-IED)', nameFr: 'Lutte contre les engins explosifs improvisés (C-IED)' },
  { code: 'CYBER_DEFENCE', nameEn: 'Cyber defence', nameFr: 'Cyberdéfense' },
  { code: 'RESILIENCE', nameEn: 'Resilience and civil preparedness', nameFr: 'Résilience et préparation du secteur civil' },
  { code: 'FIMI', nameEn: 'Countering foreign information manipulation and interference (FIMI) and disinformation', nameFr: "Lutte contre la manipulation de l'information et l'ingérence étrangères (FIMI) et la désinformation" },
  { code: 'ENERGY_SECURITY', nameEn: 'Energy security', nameFr: 'Sécurité énergétique' },
  { code: 'CLIMATE_SECURITY', nameEn: 'Climate change and security', nameFr: 'Changement climatique et sécurité' },
  { code: 'EDT', nameEn: 'Emerging and disruptive technologies', nameFr: 'Technologies émergentes et de rupture' },
  { code: 'HUMAN_SECURITY', nameEn: 'Human security', nameFr: 'Sécurité humaine' },
  { code: 'TRAFFICKING_HUMAN_BEINGS', nameEn: 'Combatting trafficking in human beings', nameFr: 'Lutte contre la traite des êtres humains' },
  { code: 'CHILDREN_ARMED_CONFLICT', nameEn: 'Children and armed conflict', nameFr: 'Enfants et conflits armés' },
  { code: 'CRSV', nameEn: 'Conflict-related sexual violence', nameFr: 'Violences sexuelles liées aux conflits' },
  { code: 'PROTECTION_OF_CIVILIANS', nameEn: 'Protection of civilians', nameFr: 'Protection des civils' },
  { code: 'CULTURAL_PROPERTY', nameEn: 'Cultural property protection', nameFr: 'Protection des biens culturels' },
  { code: 'WPS', nameEn: 'Women, Peace and Security', nameFr: 'Femmes, paix et sécurité' },
  { code: 'DEFENCE_INSTITUTION_BUILDING', nameEn: 'Defence institution building', nameFr: 'Renforcement des institutions de défense' },
  { code: 'LESSONS_LEARNED', nameEn: 'Lessons learned', nameFr: "Retour d'expérience" },
];
