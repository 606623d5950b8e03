import { makeCase } from '../../shared/domain/fixtures';
import { makeResidentId } from '../../shared/domain/resident-id';
import { demoFrequency, demoPerson, nextPremiumDue } from './demo-people';
import { hashPassword } from '../auth/password';
import { upsertUser } from '../store/users-repo';
import { getSetting } from '../store/settings-repo';
import { storeImportChunk, type PreparedCase } from '../store/import-repo';
import { assignCases } from '../assign/assign-cases';
import { assessCase } from '../import/assess-case';
import { centreCalendar } from '../calendar/calendar-years-repo';
import type { Store } from '../store/open-store';
import { addDays } from '../assign/priority';
import { seedDemoWorkOrders } from './demo-work-orders';
import type { Role } from '../../shared/sync';

/** Demo accounts (password `demo1234`): an agent, a Cantonese-speaking agent, a lead, QA, an admin, a department head (branch staff: demo-work-orders.ts). */
export const DEMO_ACCOUNTS: readonly { staffNo: string; name: string; role: Role; team: string; languages: string[] }[] = [
  { staffNo: '1001', name: '演示坐席', role: 'agent', team: 'A', languages: ['mandarin'] },
  { staffNo: '1002', name: '演示坐席（粤语）', role: 'agent', team: 'A', languages: ['mandarin', 'cantonese'] },
  { staffNo: '2001', name: '演示组长', role: 'team_lead', team: 'A', languages: ['mandarin'] },
  { staffNo: '3001', name: '演示质检', role: 'qa', team: 'A', languages: ['mandarin'] },
  { staffNo: '9001', name: '演示管理员', role: 'admin', team: 'A', languages: ['mandarin'] },
  { staffNo: '8001', name: '演示部门负责人', role: 'dept_head', team: 'A', languages: ['mandarin'] },
];
export const DEMO_PASSWORD = 'demo1234';

/**
 * Seeds a clearly synthetic dataset once: the demo accounts and `count` policies whose holders have
 * made-up names (`demo-people.ts`), resident IDs in the non-existent area 999999 and phones
 * 1390000xxxx, receipts signed a few days before `today` so the queue has live deadlines, and premium
 * dates that follow from the application date and the way of paying. Then assigns them.
 */
export async function seedDemo(store: Store, today: string, count = 40): Promise<{ seeded: boolean }> {
  if ((await getSetting(store, 'demo_seeded')) === '1') return { seeded: false };
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of DEMO_ACCOUNTS) await upsertUser(store, { ...a, passwordHash: hash });

  const rows: PreparedCase[] = [];
  const calendar = await centreCalendar(store);
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(4, '0');
    const signed = addDays(today, -(i % 8) - 1);
    const application = addDays(signed, -6);
    const person = demoPerson(i);
    const frequency = demoFrequency(i);
    const data = makeCase({
      policyNo: `DEMO${n.padStart(6, '0')}`,
      premium: {
        frequency,
        amount: frequency === 'monthly' ? 500 + (i % 6) * 100 : 3000 + (i % 9) * 1000,
        nextDueDate: nextPremiumDue(application, frequency),
      },
      policyholder: {
        name: person.name,
        birthDate: person.birthDate,
        gender: person.gender,
        idNumber: makeResidentId(person.birthDate, person.gender, person.idSequence),
        phones: [`1390000${n}`],
      },
      dates: {
        application,
        underwriting: addDays(signed, -5),
        print: addDays(signed, -4),
        receiptSigned: signed,
        receiptEntered: addDays(signed, 1),
        receiptWrittenOff: addDays(signed, 1),
      },
    });
    const a = assessCase(data, today, calendar);
    rows.push({
      line: i + 1,
      data,
      team: 'A',
      language: i % 10 === 3 ? 'cantonese' : 'mandarin',
      kind: i % 13 === 0 ? 'verification' : 'new',
      returnMonth: null,
      eligible: a.eligible,
      deadline: a.deadline,
      holderAge: a.holderAge,
      visitMode: a.visitMode,
      flags: a.flags,
    });
  }
  await storeImportChunk(store, rows, today);
  await assignCases(store, { capacity: 60, actor: 'demo-seed' });
  // After the assignment run: the demo queues stay as they were.
  await seedDemoWorkOrders(store, today, hash);
  await store.db
    .insertInto('settings')
    .values({ key: 'demo_seeded', value: '1' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: '1' }))
    .execute();
  return { seeded: true };
}
