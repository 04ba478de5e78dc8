import { RoutingReason } from './request.enums.js';

/** What a routing rule can match on, for one request. */
export interface RoutingFacts {
  offeringId: string | null;
  offeringKind: string | null;
  areaIds: readonly string[];
  topicIds: readonly string[];
  partnerId: string;
  frameworkIds: readonly string[];
}

export interface RoutingCriteria {
  id: string;
  position: number;
  offeringId: string | null;
  offeringKind: string | null;
  areaId: string | null;
  topicId: string | null;
  partnerId: string | null;
  frameworkId: string | null;
  targetSectionId: string;
}

export interface RoutingDecision {
  sectionId: string;
  ruleId: string | null;
  reason: RoutingReason;
}

/** Every criterion that is set must hold; a rule with none set matches every request. */
export function ruleMatches(rule: RoutingCriteria, facts: RoutingFacts): boolean {
  return (
    (rule.offeringId === null || rule.offeringId === facts.offeringId) &&
    (rule.offeringKind === null || rule.offeringKind === facts.offeringKind) &&
    (rule.areaId === null || facts.areaIds.includes(rule.areaId)) &&
    (rule.topicId === null || facts.topicIds.includes(rule.topicId)) &&
    (rule.partnerId === null || rule.partnerId === facts.partnerId) &&
    (rule.frameworkId === null || facts.frameworkIds.includes(rule.frameworkId))
  );
}

/** First matching rule by position, else the offering's owning section, else the default section. */
export function decideRoute(rules: readonly RoutingCriteria[], facts: RoutingFacts, owningSectionId: string | null, defaultSectionId: string): RoutingDecision {
  const rule = [...rules].sort((a, b) => a.position - b.position).find((r) => ruleMatches(r, facts));
  if (rule) return { sectionId: rule.targetSectionId, ruleId: rule.id, reason: RoutingReason.RULE };
  if (owningSectionId) return { sectionId: owningSectionId, ruleId: null, reason: RoutingReason.OWNING_SECTION };
  return { sectionId: defaultSectionId, ruleId: null, reason: RoutingReason.DEFAULT_SECTION };
}
