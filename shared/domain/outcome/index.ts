/** Outcome classification: schemes as data, classification, call attempts. */
export * from './outcome-scheme';
export * from './default-scheme';
export * from './alternative-scheme';
export * from './attempt-outcome';
export * from './classify';
export * from './cut-off';
