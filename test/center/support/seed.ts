import { makeCase, type DeepPartial } from '../../../shared/domain/fixtures';
import type { PolicyCase } from '../../../shared/domain/case';
import { hashPassword, type ScryptParams } from '../../../center/auth/password';
import { upsertUser } from '../../../center/store/users-repo';
import { storeImportChunk, type PreparedCase } from '../../../center/store/import-repo';
import { assessCase } from '../../../center/import/assess-case';
import type { Store } from '../../../center/store/open-store';
import type { Role } from '../../../shared/sync';
import { reassignCase } from '../../../center/store/cases-repo';
import type { EngineUnderTest } from './engines';

/** Cheap scrypt parameters for test accounts (the default is deliberately slow). */
export const CHEAP: ScryptParams = { N: 1 << 10, r: 8, p: 1 };
export const PASSWORD = 'secret-pass-1';
export const TODAY = '2026-03-10';

/** Test accounts: two agents in A (one speaks Cantonese), one in B, a lead of A and B, QA, admin. */
export const USERS: { staffNo: string; name: string; role: Role; team: string; languages: string[] }[] = [
  { staffNo: '1001', name: '坐席甲', role: 'agent', team: 'A', languages: ['mandarin'] },
  { staffNo: '1002', name: '坐席乙', role: 'agent', team: 'A', languages: ['mandarin', 'cantonese'] },
  { staffNo: '1101', name: '坐席丙', role: 'agent', team: 'B', languages: ['mandarin'] },
  { staffNo: '2001', name: '组长A', role: 'team_lead', team: 'A', languages: ['mandarin'] },
  { staffNo: '2101', name: '组长B', role: 'team_lead', team: 'B', languages: ['mandarin'] },
  { staffNo: '3001', name: '质检', role: 'qa', team: 'A', languages: ['mandarin'] },
  { staffNo: '9001', name: '管理员', role: 'admin', team: 'A', languages: ['mandarin'] },
];

export async function seedUsers(store: Store): Promise<void> {
  const hash = await hashPassword(PASSWORD, CHEAP);
  for (const u of USERS) await upsertUser(store, { ...u, passwordHash: hash });
}

/** A prepared (validated + assessed) case for storing directly. */
export function prepared(
  policyNo: string,
  opts: { team?: string; language?: string; kind?: PreparedCase['kind']; returnMonth?: string | null; overrides?: DeepPartial<PolicyCase> } = {},
): PreparedCase {
  const data = makeCase({ ...opts.overrides, policyNo });
  const a = assessCase(data, TODAY);
  return {
    line: 2,
    data,
    team: opts.team ?? 'A',
    language: opts.language ?? 'mandarin',
    kind: opts.kind ?? 'new',
    returnMonth: opts.returnMonth ?? null,
    eligible: a.eligible,
    deadline: a.deadline,
    holderAge: a.holderAge,
    visitMode: a.visitMode,
    flags: a.flags,
  };
}

/** Stores cases as an import would. */
export async function seedCases(store: Store, cases: PreparedCase[]): Promise<void> {
  await storeImportChunk(store, cases, TODAY);
}

/** Stores cases and assigns each to `to` (as team lead `by` would), failing loudly if one is refused. */
export async function seedAssignedCases(store: Store, cases: PreparedCase[], to = '1001', by = '2001'): Promise<void> {
  await seedCases(store, cases);
  for (const c of cases) {
    const r = await reassignCase(store, c.data.policyNo, to, by);
    if (!r.ok) throw new Error(`could not assign ${c.data.policyNo} to ${to}: ${JSON.stringify(r.error)}`);
  }
}

/**
 * For every test of the surrounding block: a fresh store on `engine` with the test users (and
 * whatever `extra` seeds), handed to `use` before the test and removed after it.
 */
export function freshStoreEachTest(engine: EngineUnderTest, use: (store: Store) => void, extra?: (store: Store) => Promise<void>): void {
  let dispose: () => Promise<void> = async () => undefined;
  beforeEach(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    await seedUsers(opened.store);
    await extra?.(opened.store);
    use(opened.store);
  });
  afterEach(async () => dispose());
}
