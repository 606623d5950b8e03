import type { z } from 'zod';

/** Flattens zod issues into `{ path, message }` pairs a person can read. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
