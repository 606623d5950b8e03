/**
 * Regulatory domain core: pure TypeScript, no I/O. Import from here rather than from
 * individual files.
 */
export * from './message';
export * from './case';
export * from './fixtures';
export * from './masking';
export * from './resident-id';
export * from './policy-term';
export * from './eligibility';
export * from './recorded-sale';
export * from './cooling-off-length';
export * from './list-extraction';
export * from './schedule';
export * from './calendar';
export * from './script';
export * from './outcome';
export * from './phone';
export * from './dialable-number';
export * from './red-flags';
export * from './synthetic-cases';
export * from './calling-hours';
export * from './calling-window';
