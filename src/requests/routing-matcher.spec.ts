import { decideRoute, ruleMatches, type RoutingCriteria, type RoutingFacts } from './routing-matcher.js';
import { RoutingReason } from './request.enums.js';

const facts: RoutingFacts = {
  offeringId: 'o1',
  offeringKind: 'TRAINING_COURSE',
  areaIds: ['a-training'],
  topicIds: ['t-ct', 't-cbrn'],
  partnerId: 'p-geo',
  frameworkIds: ['f-pfp'],
};

function rule(over: Partial<RoutingCriteria>): RoutingCriteria {
  return { id: 'r', position: 1, offeringId: null, offeringKind: null, areaId: null, topicId: null, partnerId: null, frameworkId: null, targetSectionId: 's', ...over };
}

describe('routing rule matching', () => {
  it.each([
    ['no criteria', {}, true],
    ['the offering', { offeringId: 'o1' }, true],
    ['another offering', { offeringId: 'o2' }, false],
    ['the kind', { offeringKind: 'TRAINING_COURSE' }, true],
    ['another kind', { offeringKind: 'SPS_GRANT' }, false],
    ['one of the areas', { areaId: 'a-training' }, true],
    ['another area', { areaId: 'a-science' }, false],
    ['one of the topics', { topicId: 't-cbrn' }, true],
    ['another topic', { topicId: 't-cyber' }, false],
    ['the partner', { partnerId: 'p-geo' }, true],
    ['another partner', { partnerId: 'p-jor' }, false],
    ['a framework of the partner', { frameworkId: 'f-pfp' }, true],
    ['another framework', { frameworkId: 'f-md' }, false],
    ['all criteria matching', { offeringKind: 'TRAINING_COURSE', topicId: 't-ct', frameworkId: 'f-pfp' }, true],
    ['one criterion failing among matches', { offeringKind: 'TRAINING_COURSE', topicId: 't-ct', partnerId: 'p-jor' }, false],
  ])('%s', (_name, criteria, expected) => {
    expect(ruleMatches(rule(criteria), facts)).toBe(expected);
  });

  it('never matches an offering criterion on an open request', () => {
    expect(ruleMatches(rule({ offeringKind: 'TRAINING_COURSE' }), { ...facts, offeringId: null, offeringKind: null })).toBe(false);
  });
});

describe('routing decision', () => {
  it('takes the first matching rule by position, whatever the list order', () => {
    const rules = [
      rule({ id: 'late', position: 5, targetSectionId: 's-late' }),
      rule({ id: 'miss', position: 1, partnerId: 'p-jor', targetSectionId: 's-miss' }),
      rule({ id: 'first', position: 2, topicId: 't-ct', targetSectionId: 's-first' }),
    ];
    expect(decideRoute(rules, facts, 's-owner', 's-default')).toEqual({ sectionId: 's-first', ruleId: 'first', reason: RoutingReason.RULE });
  });

  it('falls back to the owning section, then to the default section', () => {
    const rules = [rule({ partnerId: 'p-jor' })];
    expect(decideRoute(rules, facts, 's-owner', 's-default')).toEqual({ sectionId: 's-owner', ruleId: null, reason: RoutingReason.OWNING_SECTION });
    expect(decideRoute(rules, { ...facts, offeringId: null }, null, 's-default')).toEqual({ sectionId: 's-default', ruleId: null, reason: RoutingReason.DEFAULT_SECTION });
  });
});
