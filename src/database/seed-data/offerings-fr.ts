/**
 * The French side of the seed catalogue's prerequisites, cost notes and iteration locations, keyed by the
 * English text in offerings.ts: publishing needs both languages for every text (issue #15), so the sample
 * catalogue, which the seed inserts as published, carries both. A text missing here is a test failure
 * (test/intake-bilingual.e2e-spec.ts), not a silent English fallback.
 */

const NSO_PREREQ_FR =
  "Anglais STANAG 6001 PLS 3-3-3-3 (compréhension de l'oral, expression orale, compréhension de l'écrit, expression écrite) ; officiers OF-2 à OF-5, sous-officiers OR-7 et au-dessus, ou civils de niveau équivalent ; aucune habilitation de sécurité requise.";

export const PREREQUISITES_FR: Record<string, string> = {
  "English STANAG 6001 SLP 3-3-3-3 (listening, speaking, reading, writing); officers OF-2 to OF-5, NCOs OR-7 and above, or civilian equivalents; no security clearance required.":
    NSO_PREREQ_FR,
  "English STANAG 6001 SLP 3-3-3-3 (listening, speaking, reading, writing); officers OF-2 to OF-5, NCOs OR-7 and above, or civilian equivalents; no security clearance required. Completion of the WPS and gender perspective e-learning course (ELN-WPS-GENDER) is required.":
    `${NSO_PREREQ_FR} Le cours en ligne sur les femmes, la paix et la sécurité et la perspective de genre (ELN-WPS-GENDER) doit avoir été suivi.`,
  "Co-directors required: one from a NATO member country and one from a partner country; the application must address an SPS key priority and be endorsed by the partner's national authorities.":
    "Deux codirecteurs sont requis, l'un d'un pays membre de l'OTAN et l'autre d'un pays partenaire ; la demande doit répondre à une priorité clé du programme SPS et être appuyée par les autorités nationales du partenaire.",
  "Working knowledge of English or French; participants from ministries of defence, interior or justice, or security services.":
    "Connaissance pratique de l'anglais ou du français ; participants issus des ministères de la défense, de l'intérieur ou de la justice, ou des services de sécurité.",
  "Sponsorship by a NATO body (e.g. IMS Cooperative Security Division or ACT) and agreement of the partner.":
    "Parrainage par un organe de l'OTAN (par exemple la Division Sécurité coopérative de l'EMI ou l'ACT) et accord du partenaire.",
  "Short biography of each expert and an abstract of the contribution.": "Courte biographie de chaque expert et résumé de sa contribution.",
  "Request from the partner's defence education institution, endorsed by the ministry of defence; a DEEP programme agreed with NATO.":
    "Demande de l'établissement de formation militaire du partenaire, appuyée par le ministère de la défense ; un programme DEEP convenu avec l'OTAN.",
  "Request from the UN Secretariat; design agreed with Allies.": "Demande du Secrétariat de l'ONU ; conception convenue avec les Alliés.",
  "Request from the Presidency of Bosnia and Herzegovina; package design agreed with Allies.":
    "Demande de la Présidence de Bosnie-Herzégovine ; conception du module convenue avec les Alliés.",
  "Request from the Government of the Republic of Moldova; package design agreed with Allies.":
    "Demande du Gouvernement de la République de Moldova ; conception du module convenue avec les Alliés.",
  "Request from the Government of Tunisia; package design agreed with Allies.": "Demande du Gouvernement tunisien ; conception du module convenue avec les Alliés.",
  "Request from the Government of Mauritania; package design agreed with Allies.": "Demande du Gouvernement mauritanien ; conception du module convenue avec les Alliés.",
  "Request from the Government of Jordan; package design agreed with Allies.": "Demande du Gouvernement jordanien ; conception du module convenue avec les Alliés.",
  "Request from the Government of Iraq; coordination with NATO Mission Iraq.": "Demande du Gouvernement iraquien ; coordination avec la Mission OTAN en Iraq.",
  "Request from the Government of Georgia; needs assessment and package design agreed with Allies.":
    "Demande du Gouvernement géorgien ; évaluation des besoins et conception du module convenues avec les Alliés.",
  "Request from the African Union Commission specifying the event and the expertise needed.":
    "Demande de la Commission de l'Union africaine précisant l'activité et l'expertise recherchée.",
  "Request endorsed by the partner's national authority for civil preparedness; a national coordinator is designated.":
    "Demande appuyée par l'autorité nationale du partenaire chargée de la préparation du secteur civil ; un coordonnateur national est désigné.",
  "Participation by nation; systems must be registered with technical data by the application deadline; frequency clearance required.":
    "Participation par pays ; les systèmes doivent être enregistrés avec leurs données techniques avant la date limite de candidature ; autorisation de fréquences requise.",
  "Participation by nation through the national civil protection authority.": "Participation par pays, par l'intermédiaire de l'autorité nationale de protection civile.",
  "Participants from national crisis management, civil protection, health and security authorities.":
    "Participants issus des autorités nationales de gestion de crise, de protection civile, de santé et de sécurité.",
  "Nominees should be national EADRCC points of contact or civil protection officials.":
    "Les candidats doivent être des points de contact nationaux de l'EADRCC ou des responsables de la protection civile.",
  "Nominated national scientists; approval by the STO panel and the Science and Technology Board for partner participation.":
    "Scientifiques nationaux désignés ; approbation de la participation du partenaire par la commission de la STO et par le Conseil pour la science et la technologie.",
  "Nominated national experts; approval by the STO panel.": "Experts nationaux désignés ; approbation par la commission de la STO.",
  "Nominated experts from defence staffs, academia or think tanks.": "Experts désignés issus des états-majors, du monde universitaire ou de groupes de réflexion.",
  "Nominated briefer at senior official level; draft outline of the briefing shared three weeks before the session.":
    "Intervenant désigné de rang de haut fonctionnaire ; projet de plan de l'exposé communiqué trois semaines avant la séance.",
  "National team registered through the national EADRCC point of contact; teams must be self-sufficient.":
    "Équipe nationale inscrite par le point de contact national de l'EADRCC ; les équipes doivent être autonomes.",
  "List of delegation members and proposed agenda submitted with the request.": "Liste des membres de la délégation et projet d'ordre du jour joints à la demande.",
  "JADL account requested through the partner's national training coordinator.": "Compte JADL demandé par l'intermédiaire du coordonnateur national de la formation du partenaire.",
  "Host nation provides the venue, interpretation if needed, and a national course coordinator.":
    "Le pays hôte fournit le lieu, l'interprétation si nécessaire et un coordonnateur national du cours.",
  "Formal request from the ministry of defence identifying the institutions concerned.": "Demande officielle du ministère de la défense désignant les établissements concernés.",
  "English STANAG 6001 SLP 3-3-3-3; staff assigned to lessons learned, analysis or planning duties.":
    "Anglais STANAG 6001 PLS 3-3-3-3 ; personnel affecté à des fonctions de retour d'expérience, d'analyse ou de planification.",
  "English STANAG 6001 SLP 3-3-3-3; public affairs, strategic communication or counter-terrorism staff.":
    "Anglais STANAG 6001 PLS 3-3-3-3 ; personnel chargé des affaires publiques, de la communication stratégique ou de la lutte contre le terrorisme.",
  "English STANAG 6001 SLP 3-3-3-3; officers OF-3 and above or civilian equivalents working on counter-terrorism or financial intelligence.":
    "Anglais STANAG 6001 PLS 3-3-3-3 ; officiers OF-3 et au-dessus ou civils de niveau équivalent travaillant dans la lutte contre le terrorisme ou le renseignement financier.",
  "English STANAG 6001 SLP 3-3-3-3; officers OF-2 to OF-5 or civilian equivalents.": "Anglais STANAG 6001 PLS 3-3-3-3 ; officiers OF-2 à OF-5 ou civils de niveau équivalent.",
  "English STANAG 6001 SLP 3-3-3-3; legal or policy background recommended.": "Anglais STANAG 6001 PLS 3-3-3-3 ; formation juridique ou en politiques publiques recommandée.",
  "English STANAG 6001 SLP 3-3-3-3; energy, infrastructure or security background.": "Anglais STANAG 6001 PLS 3-3-3-3 ; expérience dans l'énergie, les infrastructures ou la sécurité.",
  "English STANAG 6001 SLP 3-3-3-3; communication, analysis or policy staff.": "Anglais STANAG 6001 PLS 3-3-3-3 ; personnel chargé de la communication, de l'analyse ou des politiques.",
  "English STANAG 6001 SLP 3-3-3-3; civil protection, emergency management or military planning staff.":
    "Anglais STANAG 6001 PLS 3-3-3-3 ; personnel de la protection civile, de la gestion des urgences ou de la planification militaire.",
  "English STANAG 6001 SLP 3-3-3-3; background in counter-terrorism, cyber security or intelligence.":
    "Anglais STANAG 6001 PLS 3-3-3-3 ; expérience de la lutte contre le terrorisme, de la cybersécurité ou du renseignement.",
  "English STANAG 6001 SLP 3-3-3-3; CIMIC, planning or legal staff.": "Anglais STANAG 6001 PLS 3-3-3-3 ; personnel CIMIC, de planification ou juridique.",
  "English STANAG 6001 SLP 3-3-3-3.": "Anglais STANAG 6001 PLS 3-3-3-3.",
  "English STANAG 6001 SLP 3-3-2-2; completion of the Counter-IED awareness e-learning course; national security clearance at NATO RESTRICTED level or equivalent.":
    "Anglais STANAG 6001 PLS 3-3-2-2 ; avoir suivi le cours en ligne de sensibilisation à la lutte contre les engins explosifs improvisés ; habilitation nationale de sécurité de niveau NATO DIFFUSION RESTREINTE ou équivalent.",
  "A security agreement between NATO and the partner must be in force; attendees need a national security clearance recognised by NATO.":
    "Un accord de sécurité entre l'OTAN et le partenaire doit être en vigueur ; les participants doivent détenir une habilitation nationale de sécurité reconnue par l'OTAN.",
  "Delegation led by the partner's general staff or defence attaché.": "Délégation conduite par l'état-major général du partenaire ou par son attaché de défense.",
  "English STANAG 6001 SLP 3-3-2-2; CBRN defence, civil protection or medical background.":
    "Anglais STANAG 6001 PLS 3-3-2-2 ; expérience de la défense NRBC, de la protection civile ou du domaine médical.",
  "A DEEP programme agreed with NATO; nominated faculty available for the full workshop.":
    "Un programme DEEP convenu avec l'OTAN ; les enseignants désignés sont disponibles pour toute la durée de l'atelier.",
  "Approval by the lead nation of the project and by the Defence Against Terrorism working group.":
    "Approbation par le pays chef de file du projet et par le groupe de travail Défense contre le terrorisme.",
  "An agreed DCB package.": "Un module DCB convenu.",
  "A sponsor and a clearly scoped analysis requirement; access for the project team to relevant data and interviewees.":
    "Un parrain et un besoin d'analyse clairement délimité ; accès de l'équipe de projet aux données et aux interlocuteurs utiles.",
};

export const COST_NOTES_FR: Record<string, string> = {
  "Tuition fee per the NATO School Oberammergau fee schedule for partner students; travel, accommodation and subsistence at the sending nation's expense.":
    "Frais de scolarité selon le barème de l'École de l'OTAN d'Oberammergau pour les stagiaires des pays partenaires ; voyage, hébergement et frais de séjour à la charge du pays d'envoi.",
  "No tuition fee for partner participants; travel, accommodation and subsistence at the sending nation's expense.":
    "Aucuns frais de scolarité pour les participants des pays partenaires ; voyage, hébergement et frais de séjour à la charge du pays d'envoi.",
  "Grant covers eligible costs of the activity according to SPS rules (equipment, training, travel, organisation); no fee. Events typically start 12–15 months after submission.":
    "La subvention couvre les coûts admissibles de l'activité selon les règles du programme SPS (équipement, formation, voyages, organisation) ; aucuns frais. Les activités commencent en général 12 à 15 mois après le dépôt de la demande.",
  "No fee.": "Gratuit.",
  "Funded by the DCB trust fund and Allied contributions.": "Financé par le fonds d'affectation spéciale DCB et par des contributions des Alliés.",
  "Free of charge.": "Gratuit.",
  "No fee; travel at the partner's expense.": "Gratuit ; voyage à la charge du partenaire.",
  "No fee; delegation travel at the partner's expense.": "Gratuit ; voyage de la délégation à la charge du partenaire.",
  "NATO may cover travel of invited experts on a case-by-case basis.": "L'OTAN peut prendre en charge, au cas par cas, le voyage des experts invités.",
  "No fee; for a session in the partner's capital, the partner provides the venue.": "Gratuit ; pour une séance dans la capitale du partenaire, celui-ci fournit le lieu.",
  "Expert travel funded by NATO; the partner provides venues and interpretation if needed.":
    "Voyage des experts financé par l'OTAN ; le partenaire fournit les lieux et, si nécessaire, l'interprétation.",
  "Instructors funded by NATO; the host nation provides venue and local logistics; other participants' travel at their nation's expense.":
    "Instructeurs financés par l'OTAN ; le pays hôte fournit le lieu et la logistique locale ; le voyage des autres participants est à la charge de leur pays.",
  "No fee; travel at the sending nation's expense.": "Gratuit ; voyage à la charge du pays d'envoi.",
  "Instructor costs covered by COE-DAT; local logistics by the host nation.": "Coût des instructeurs pris en charge par le COE-DAT ; logistique locale assurée par le pays hôte.",
  "Course fee per the CCDCOE fee schedule for partner participants; travel and accommodation at the sending nation's expense.":
    "Frais de cours selon le barème du CCDCOE pour les participants des pays partenaires ; voyage et hébergement à la charge du pays d'envoi.",
  "Expert travel funded by NATO common funding and Allied contributions; the institution provides facilities.":
    "Voyage des experts financé par le financement commun de l'OTAN et par des contributions des Alliés ; l'établissement fournit les installations.",
  "Expert travel funded by NATO and Allies; no fee.": "Voyage des experts financé par l'OTAN et par les Alliés ; gratuit.",
  "Funded by NATO and Allied contributions; no fee.": "Financé par l'OTAN et par des contributions des Alliés ; gratuit.",
  "Participating nations bear the costs of their systems and personnel; range costs covered by the DAT PoW.":
    "Les pays participants prennent en charge le coût de leurs systèmes et de leur personnel ; les frais de champ d'essai sont couverts par le DAT PoW.",
  "Partners fund their own participation; voluntary financial contributions are welcome.":
    "Les partenaires financent leur propre participation ; les contributions financières volontaires sont les bienvenues.",
  "Funded by the DCB trust fund, NATO common funding and bilateral Allied contributions.":
    "Financé par le fonds d'affectation spéciale DCB, le financement commun de l'OTAN et des contributions bilatérales des Alliés.",
  "Funded by the DCB trust fund, NATO common funding and Allied contributions.":
    "Financé par le fonds d'affectation spéciale DCB, le financement commun de l'OTAN et des contributions des Alliés.",
  "Funded by the DCB trust fund.": "Financé par le fonds d'affectation spéciale DCB.",
  "Participants fund their own travel and research; no fee.": "Les participants financent leur voyage et leurs recherches ; gratuit.",
  "Participating nations bear the costs of their teams; the host nation provides the exercise area and host nation support.":
    "Les pays participants prennent en charge le coût de leurs équipes ; le pays hôte fournit la zone d'exercice et le soutien du pays hôte.",
  "No fee; travel at the participating nation's expense.": "Gratuit ; voyage à la charge du pays participant.",
  "Participating nations bear the costs of their delegations.": "Les pays participants prennent en charge le coût de leurs délégations.",
  "No fee; the requesting partner funds its own experts' participation. Typical duration six to nine months.":
    "Gratuit ; le partenaire demandeur finance la participation de ses propres experts. Durée habituelle : six à neuf mois.",
  "No fee. Typical duration six to nine months.": "Gratuit. Durée habituelle : six à neuf mois.",
  "Expert travel funded by NATO; the African Union hosts the event.": "Voyage des experts financé par l'OTAN ; l'Union africaine accueille l'activité.",
};

export const LOCATIONS_FR: Record<string, string> = {
  "Amman, Jordan": "Amman (Jordanie)",
  "C-IED COE, Madrid, Spain": "C-IED COE, Madrid (Espagne)",
  "CCDCOE, Tallinn, Estonia": "CCDCOE, Tallinn (Estonie)",
  "CCOE, The Hague, Netherlands": "CCOE, La Haye (Pays-Bas)",
  "CMDR COE, Sofia, Bulgaria": "CMDR COE, Sofia (Bulgarie)",
  "COE-DAT, Ankara, Türkiye (and online)": "COE-DAT, Ankara (Türkiye) et en ligne",
  "COE-DAT, Ankara, Türkiye": "COE-DAT, Ankara (Türkiye)",
  "Doha, Qatar": "Doha (Qatar)",
  "ENSEC COE, Vilnius, Lithuania (and online)": "ENSEC COE, Vilnius (Lituanie) et en ligne",
  "ENSEC COE, Vilnius, Lithuania": "ENSEC COE, Vilnius (Lituanie)",
  "Host partner nation (Tbilisi, Georgia)": "Pays partenaire hôte (Tbilissi, Géorgie)",
  "JALLC, Lisbon, Portugal": "JALLC, Lisbonne (Portugal)",
  "JCBRN Defence COE, Vyškov, Czechia": "JCBRN Defence COE, Vyškov (Tchéquie)",
  "NATO Headquarters, Brussels, Belgium": "Siège de l'OTAN, Bruxelles (Belgique)",
  "NATO School Oberammergau, Germany": "École de l'OTAN, Oberammergau (Allemagne)",
  "Nouakchott, Mauritania": "Nouakchott (Mauritanie)",
  Online: "En ligne",
  "Rabat, Morocco": "Rabat (Maroc)",
  "StratCom COE, Riga, Latvia": "StratCom COE, Riga (Lettonie)",
  "Tunis, Tunisia": "Tunis (Tunisie)",
  "Vredepeel, Netherlands": "Vredepeel (Pays-Bas)",
};
