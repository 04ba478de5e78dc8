import { ListSizes } from './list-sizes.js';
import { UNMEASURED_SIZES, type MeasuredSizes } from './query-cost.js';

const measured = (sections: number): MeasuredSizes => ({ ...UNMEASURED_SIZES, sections });

describe('measured list sizes', () => {
  it('waits for the first measurement only, then serves the last one without asking the database', async () => {
    let calls = 0;
    const sizes = new ListSizes(async () => measured(++calls * 10), () => undefined, 60_000).start();
    expect((await sizes.current()).sections).toBe(10);
    expect((await sizes.current()).sections).toBe(10);
    expect(calls).toBe(1);
  });

  it('keeps generous defaults when the database cannot be asked, and says so', async () => {
    const errors: unknown[] = [];
    const sizes = new ListSizes(async () => Promise.reject(new Error('connection refused')), (e) => errors.push(e), 60_000).start();
    expect(await sizes.current()).toEqual(UNMEASURED_SIZES);
    // Started once, asked again by the request that found no measurement yet.
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });
});
