/** China working-day calendar: public API. */
export * from './iso-date';
export * from './statutory-holidays';
export * from './calendar-overrides';
export * from './holiday-schedule';
export * from './working-calendar';
export * from './default-calendar';
