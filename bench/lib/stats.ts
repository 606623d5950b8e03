/** Median of a non-empty sample. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Smallest and largest value and the count of a non-empty sample (printed beside its median). */
export function spread(values: readonly number[]): { min: number; max: number; n: number } {
  return { min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Spread of the per-repetition ratios `values[i] / baselines[i]` (each figure paired with the baseline measured beside it). */
export function ratioSpread(values: readonly number[], baselines: readonly number[]): { min: number; max: number; n: number } {
  return spread(values.map((v, i) => v / baselines[i]!));
}
