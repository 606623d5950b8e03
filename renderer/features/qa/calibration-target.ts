import { create } from 'zustand';

/** The calibration call a reviewer opened to score blind (README "QA evaluations", calibration). */
export interface CalibrationTarget {
  readonly calibrationId: string;
  readonly sessionId: string;
}

/**
 * Which call is being scored inside a calibration: set when a reviewer (or the lead, for the
 * reference) opens one from their calibrations, read by the scoring panel so the evaluation goes
 * with the calibration's id and nobody else's score is shown. Cleared when the list is back.
 */
export const useCalibrationTarget = create<{ target: CalibrationTarget | null; set: (t: CalibrationTarget | null) => void }>((set) => ({
  target: null,
  set: (target) => set({ target }),
}));
