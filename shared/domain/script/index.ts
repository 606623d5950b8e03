/** Call-back scripts as data and the pure script engine: public API. */
export * from './answer';
export * from './script-definition';
export * from './applies';
export * from './placeholders';
export * from './default-script';
export * from './script-state';
export * from './script-engine';
export * from './script-selectors';
export * from './authorised-proxy';
export * from './carried-progress';
