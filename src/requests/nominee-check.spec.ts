import { ClearanceLevel, shortfallsOf } from './nominee-check.js';

const req = (minClearance: ClearanceLevel | null, language: string | null = null, minSlp: string | null = null) => ({ minClearance, language, minSlp });

describe('nominee check against a course requirement', () => {
  it('passes everyone when the course declares nothing', () => {
    expect(shortfallsOf({ name: 'A' }, null)).toEqual([]);
    expect(shortfallsOf({ name: 'A' }, req(null))).toEqual([]);
  });

  it('orders clearances NONE < RESTRICTED < CONFIDENTIAL < SECRET < COSMIC TOP SECRET', () => {
    const need = req(ClearanceLevel.NATO_SECRET);
    expect(shortfallsOf({ name: 'A', clearanceLevel: ClearanceLevel.COSMIC_TOP_SECRET }, need)).toEqual([]);
    expect(shortfallsOf({ name: 'A', clearanceLevel: ClearanceLevel.NATO_SECRET }, need)).toEqual([]);
    expect(shortfallsOf({ name: 'A', clearanceLevel: ClearanceLevel.NATO_CONFIDENTIAL }, need)).toEqual(['clearance NATO CONFIDENTIAL is below the required NATO SECRET']);
    expect(shortfallsOf({ name: 'A', clearanceLevel: ClearanceLevel.NONE }, need)).toEqual(['clearance no clearance is below the required NATO SECRET']);
    expect(shortfallsOf({ name: 'A' }, need)).toEqual(['no clearance recorded (NATO SECRET required)']);
  });

  it('compares a validated SLP skill by skill and names each skill short', () => {
    const need = req(null, 'en', '3232');
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'en', slp: '3333', validated: true }] }, need)).toEqual([]);
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'en', slp: '3232', validated: true }] }, need)).toEqual([]);
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'en', slp: '3131', validated: true }] }, need)).toEqual([
      'SLP 3131 in en is below the required 3232 (speaking 1 < 2, writing 1 < 2)',
    ]);
    // 4000 is not "more" than 3232: every skill must reach its minimum.
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'en', slp: '5000', validated: true }] }, need)[0]).toContain('speaking 0 < 2, reading 0 < 3, writing 0 < 2');
  });

  it('does not count a self-declared profile, nor one in another language', () => {
    const need = req(null, 'en', '2222');
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'en', slp: '4444', validated: false }] }, need)).toEqual([
      'SLP 4444 in en is not validated by a STANAG 6001 test (2222 required)',
    ]);
    expect(shortfallsOf({ name: 'A', languageProfiles: [{ language: 'fr', slp: '4444', validated: true }] }, need)).toEqual(['no SLP in en recorded (2222 required)']);
  });

  it('keeps the better of two validated profiles in the language', () => {
    const need = req(null, 'en', '3232');
    const profiles = [{ language: 'en', slp: '2121', validated: true }, { language: 'en', slp: '3232', validated: true }];
    expect(shortfallsOf({ name: 'A', languageProfiles: profiles }, need)).toEqual([]);
  });

  it('reports clearance and language together', () => {
    expect(shortfallsOf({ name: 'A', clearanceLevel: ClearanceLevel.NATO_RESTRICTED }, req(ClearanceLevel.NATO_SECRET, 'en', '2222'))).toHaveLength(2);
  });
});
