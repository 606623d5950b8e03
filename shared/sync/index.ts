/** Sync protocol between workstation and case centre: plain TypeScript + zod, no Node or DOM. */
export * from './errors';
export * from './ids';
export * from './cursor';
export * from './auth';
export * from './push';
export * from './pull';
export * from './channel';
export * from './work-orders';
export * from './roster';
export * from './desk-config';
export * from './live';
export * from './monitor';
export * from './team';
export * from './archive';
export * from './sip-account';
export * from './health';
export * from './result-flags';
