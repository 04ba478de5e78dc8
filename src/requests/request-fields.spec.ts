import { checkFields, labelOf, optionListsOf, schemaProblem, type FieldCheck } from './request-fields.js';

const schema = {
  type: 'object',
  required: ['director', 'start'],
  properties: {
    director: {
      type: 'object',
      title: 'Director',
      'x-title-fr': 'Directeur',
      required: ['country'],
      properties: { country: { type: 'string', title: 'Country', 'x-title-fr': 'Pays', 'x-options': 'allied-nations' } },
    },
    start: { type: 'string', format: 'date', title: 'Start', 'x-months-after-submission': { min: 12, max: 15 } },
    items: { type: 'array', title: 'Items', items: { type: 'object', properties: { when: { type: 'string', format: 'date', title: 'When' } } } },
  },
};

const check = (mode: FieldCheck['mode'], language: FieldCheck['language'] = 'en'): FieldCheck => ({
  mode,
  today: '2026-01-31',
  language,
  options: { 'allied-nations': { noun: 'an Allied nation', codes: new Set(['NOR', 'FRA']) } },
});

describe('request fields', () => {
  it('labels a path from the schema titles, in either language, numbering array entries', () => {
    expect(labelOf(schema, '/director/country', 'en')).toBe('Director › Country');
    expect(labelOf(schema, '/director/country', 'fr')).toBe('Directeur › Pays');
    expect(labelOf(schema, '/items/1/when', 'en')).toBe('Items 2 › When');
  });

  it('reports one problem per field: missing, reference list, calendar date', () => {
    expect(checkFields(schema, { director: { country: 'GEO' }, items: [{ when: '2026-02-30' }] }, check('draft'))).toEqual([
      { path: '/start', code: 'REQUIRED', message: 'Give Start.' },
      { path: '/items/0/when', code: 'INVALID_DATE', message: 'Items 1 › When must be a date as YYYY-MM-DD.' },
      { path: '/director/country', code: 'NOT_IN_LIST', message: 'Director › Country: "GEO" is not an Allied nation; give the code of one (e.g. NOR, FRA).' },
    ]);
  });

  it('checks months after submission only on submission, clamping to the end of a shorter month', () => {
    const values = { director: { country: 'NOR' }, start: '2026-06-01' };
    expect(checkFields(schema, values, check('draft'))).toEqual([]);
    const [problem] = checkFields(schema, values, check('submit'));
    expect(problem).toMatchObject({ path: '/start', code: 'OUTSIDE_LEAD_TIME' });
    expect(problem!.message).toContain('between 2027-01-31 and 2027-04-30');
    expect(checkFields(schema, { ...values, start: '2027-04-30' }, check('submit'))).toEqual([]);
    expect(checkFields(schema, { ...values, start: '2027-05-01' }, check('submit'))).toHaveLength(1);
  });

  it('tells why a schema cannot be used, and which lists it names', () => {
    expect(schemaProblem([])).toBe('The schema must be a JSON object.');
    expect(schemaProblem({ type: 'string' })).toBe('The schema must describe an object: set "type": "object" at its root.');
    expect(schemaProblem({ type: 'object', properties: { a: { type: 'wrong' } } })).toMatch(/^The schema is not a valid JSON Schema: /);
    expect(schemaProblem(schema)).toBeNull();
    expect([...optionListsOf(schema)]).toEqual(['allied-nations']);
  });
});
