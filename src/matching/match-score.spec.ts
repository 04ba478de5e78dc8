import { MatchReason, scoreMatch } from './match-score.js';

const offer = { areaIds: ['training'], topicIds: ['ct', 'cbrn'], languages: ['en', 'fr'], from: '2027-03-01', to: '2027-06-30' };

describe('scoreMatch', () => {
  it('adds each criterion that holds and names it', () => {
    expect(scoreMatch(offer, { areaIds: ['training'], topicIds: ['ct', 'cbrn'], languages: ['fr'], from: '2027-05-01', to: '2027-05-10' })).toEqual({
      score: 3 + 2 * 2 + 1 + 2,
      reasons: [MatchReason.AREA, MatchReason.TOPIC, MatchReason.LANGUAGE, MatchReason.PERIOD],
    });
  });

  it('gives nothing for another area, no shared topic or language, and a period outside the availability', () => {
    expect(scoreMatch(offer, { areaIds: ['science'], topicIds: ['cyber'], languages: ['ar'], from: '2027-07-01', to: '2027-08-01' })).toEqual({ score: 0, reasons: [] });
  });

  it('treats an open-ended desired period as overlapping, and no period as neither for nor against', () => {
    expect(scoreMatch(offer, { areaIds: ['training'], topicIds: [], languages: [], from: '2027-01-01', to: null }).reasons).toEqual([MatchReason.AREA, MatchReason.PERIOD]);
    expect(scoreMatch(offer, { areaIds: ['training'], topicIds: [], languages: [], from: null, to: null })).toEqual({ score: 3, reasons: [MatchReason.AREA] });
  });

  it('makes no match from a fitting period or language alone', () => {
    expect(scoreMatch(offer, { areaIds: ['science'], topicIds: [], languages: ['en'], from: '2027-04-01', to: '2027-04-02' })).toEqual({ score: 0, reasons: [] });
  });
});
