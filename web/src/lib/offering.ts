export interface IterationLike {
  startDate: string;
  status: string;
  seatsAvailable?: number | null;
}

/** The next iteration still to come and not cancelled or completed. */
export function nextIteration<T extends IterationLike>(iterations: readonly T[]): T | undefined {
  const today = new Date().toISOString().slice(0, 10);
  return iterations.find((i) => i.startDate >= today && i.status !== 'CANCELLED' && i.status !== 'COMPLETED');
}
