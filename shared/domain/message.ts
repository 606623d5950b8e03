/** A human-readable message in both working languages (UI text in zh-CN, logs and reports in en). */
export interface Message {
  /** Simplified Chinese text shown to agents and branch staff. */
  readonly zh: string;
  /** English text for logs, reports and engineers. */
  readonly en: string;
}
