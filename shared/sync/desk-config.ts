import { z } from 'zod';
import { calendarOverridesSchema } from '../domain/calendar/calendar-overrides';
import { callingHoursSchema, DEFAULT_CALLING_HOURS } from '../domain/calling-hours';

/**
 * Centre-wide settings an admin sets (POST /api/admin/desk-config):
 * - `companyName`: the insurer's name the script says on the phone (placeholder {companyName});
 * - `maxAttempts`: unreached attempts after which a case becomes a verification case (docs/domain.md §4);
 * - `callingHours`: when cases may be dialled, in the policyholder's local time (`calling-hours.ts`;
 *   09:00–21:00 by default after 保监发〔2013〕40号). Settings stored before it existed read as the default;
 * - `inboundCallers`: which inbound calls ring at a free desk — `case` (default): only a caller whose
 *   number matches a case in that desk's queue (policyholders ring back the number that called them);
 *   `any`: every caller, an unmatched one answered first and attached to the case the agent finds;
 * - `trainingAgents`: staff numbers of agents an admin put on the training line (new-hire practice):
 *   their desks call simulated customers only, even with a SIP account (README "The training line");
 * - `localAudioDays`: days a desk keeps a recording's local audio after the centre acknowledged its
 *   archive (default 30; 0 = delete right after the acknowledgement). The session record stays on the
 *   desk; replaying fetches the audio back from the centre (README "Evidence archive");
 * - `boardAlerts`: the minutes after which the team lead's live board raises a call, a wrap-up or a
 *   pause (15, 2 and 15 by default; README "Team-lead coaching").
 */
export const inboundCallersSchema = z.enum(['case', 'any']);
export type InboundCallers = z.infer<typeof inboundCallersSchema>;

/** The live board's timed alerts (minutes): a call, a wrap-up or a pause longer than these is raised. */
export const boardAlertLimitsSchema = z
  .object({
    longCallMinutes: z.number().int().min(1).max(240),
    longWrapUpMinutes: z.number().int().min(1).max(240),
    longPauseMinutes: z.number().int().min(1).max(480),
  })
  .strict();
export type BoardAlertLimits = z.infer<typeof boardAlertLimitsSchema>;

/** The limits of a centre where no admin set them. */
export const DEFAULT_BOARD_ALERT_LIMITS: BoardAlertLimits = { longCallMinutes: 15, longWrapUpMinutes: 2, longPauseMinutes: 15 };

export const deskSettingsSchema = z
  .object({
    companyName: z.string().trim().min(2).max(60),
    maxAttempts: z.number().int().min(1).max(10),
    callingHours: callingHoursSchema.default(DEFAULT_CALLING_HOURS),
    inboundCallers: inboundCallersSchema.default('case'),
    trainingAgents: z
      .array(z.string().regex(/^\d{3,12}$/, 'staff number: 3–12 digits'))
      .max(5000)
      .default([]),
    localAudioDays: z.number().int().min(0).max(3650).default(30),
    boardAlerts: boardAlertLimitsSchema.default(DEFAULT_BOARD_ALERT_LIMITS),
  })
  .strict();
export type DeskSettings = z.infer<typeof deskSettingsSchema>;

/**
 * What an admin posts: the settings, `callingHours`, `inboundCallers`, `trainingAgents` and `localAudioDays` optional — left out, the
 * stored values stay (an older admin tool that knows only the name and the attempt limit cannot reset them).
 */
export const deskSettingsUpdateSchema = deskSettingsSchema
  .extend({
    callingHours: callingHoursSchema.optional(),
    inboundCallers: inboundCallersSchema.optional(),
    trainingAgents: deskSettingsSchema.shape.trainingAgents.unwrap().optional(),
    localAudioDays: deskSettingsSchema.shape.localAudioDays.unwrap().optional(),
    boardAlerts: boardAlertLimitsSchema.optional(),
  })
  .strict();

/**
 * What every desk follows (GET /api/desk-config): the admin's settings plus `calendarYears`, the
 * official holiday schedules loaded at the centre for years the bundled calendar data lack, keyed
 * by year (`CalendarOverrides`; loaded with `calendar load` or POST /api/admin/calendar, never
 * through the desk settings). The desk builds its working calendar with them, so a date resting
 * on a year nobody loaded stays marked uncertain. Absent from older centres: read as none.
 */
export const deskConfigSchema = deskSettingsSchema
  .extend({
    calendarYears: calendarOverridesSchema.default({}),
  })
  .strict();
export type DeskConfig = z.infer<typeof deskConfigSchema>;

/** What a centre without stored settings answers. */
export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  companyName: '示例人寿保险股份有限公司',
  maxAttempts: 3,
  callingHours: DEFAULT_CALLING_HOURS,
  inboundCallers: 'case',
  trainingAgents: [],
  localAudioDays: 30,
  boardAlerts: DEFAULT_BOARD_ALERT_LIMITS,
};

/** What a centre without stored settings or loaded holiday schedules answers. */
export const DEFAULT_DESK_CONFIG: DeskConfig = { ...DEFAULT_DESK_SETTINGS, calendarYears: {} };
