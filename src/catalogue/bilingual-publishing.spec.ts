import { DomainError } from '../common/errors/domain-error.js';
import { assertBilingual, missingIterationTexts, missingOfferingTexts, missingTranslations, refuseUntranslated, type OfferingTexts } from './bilingual-publishing.js';

const complete: OfferingTexts = {
  titleEn: 'Course', titleFr: 'Cours', summaryEn: 'S', summaryFr: 'R', descriptionEn: 'D', descriptionFr: 'D',
  prerequisitesEn: null, prerequisitesFr: null, costNotesEn: 'No fee.', costNotesFr: 'Gratuit.',
};

describe('missingTranslations', () => {
  it('accepts a complete offering, with optional texts absent in both languages', () => {
    expect(missingTranslations(complete, [{ startDate: '2030-01-01', locationEn: 'Rome', locationFr: 'Rome' }])).toEqual([]);
  });

  it('lists every missing side as a field path, blanks included, iterations by position', () => {
    const offering = { ...complete, titleFr: null, summaryEn: '  ', prerequisitesEn: 'English B2', costNotesEn: null };
    const iterations = [
      { startDate: '2030-01-01', locationEn: 'Rome', locationFr: 'Rome' },
      { startDate: '2030-06-01', locationEn: 'Oberammergau', locationFr: null },
    ];
    expect(missingTranslations(offering, iterations)).toEqual(['titleFr', 'summaryEn', 'prerequisitesFr', 'costNotesEn', 'iterations[1].locationFr']);
  });

  it('refuses with TRANSLATION_REQUIRED, the paths in extensions and the message', () => {
    let error: unknown;
    try {
      assertBilingual('CT-X', 'published', { ...complete, descriptionFr: null }, []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'TRANSLATION_REQUIRED', details: { missing: ['descriptionFr'] } });
    expect((error as Error).message).toBe('CT-X cannot be published: a published offering needs every text in English and French. Missing: descriptionFr. Fill them in and try again.');
  });

  it('checks the parts an edit of a published offering touches with the same paths and message', () => {
    expect(missingOfferingTexts({ ...complete, costNotesFr: ' ' })).toEqual(['costNotesFr']);
    expect(missingIterationTexts({ startDate: '2030-06-01', locationEn: 'Rome', locationFr: null }, 2)).toEqual(['iterations[2].locationFr']);
    expect(() => refuseUntranslated('CT-X', 'saved', [])).not.toThrow();
    expect(() => refuseUntranslated('CT-X', 'saved', ['titleFr'])).toThrow('CT-X cannot be saved: a published offering needs every text in English and French. Missing: titleFr. Fill them in and try again.');
  });
});
