import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { CenterDatabase } from './db-schema';
import type { StoreEngine } from './engine';

/** Stands for one named value while a query is compiled; the compiled parameter list is then filled from the call's values. */
class Slot {
  constructor(readonly name: string) {}
}

type Compiled = { readonly query: CompiledQuery<unknown>; readonly params: readonly unknown[] };

/**
 * A query built and compiled once per engine, then run with fresh values: the same SQL text and
 * parameter order Kysely produces for it (compiled with each value replaced by a marker whose
 * place in the parameter list is remembered). Building and compiling a small query cost a tenth of
 * a sync request's centre time; the hottest ones (every request's caller, every pull's feed, every
 * push's look-up and writes) use this.
 *
 * `build` must use each value of `p` as a plain bound value only (`where(col, '=', p.x)`,
 * `.values({ col: p.x })`, `.limit(p.n)`): never to decide the query's shape (a branch, a list's
 * length), which would be fixed by the first call's markers. Constants may appear as they are.
 */
export function compiledOnce<P extends Record<string, unknown>, R>(
  build: (db: Kysely<CenterDatabase>, p: P) => Compilable<R>,
): (db: Kysely<CenterDatabase>, engine: StoreEngine, values: P) => Promise<R[]> {
  const byEngine = new Map<StoreEngine, Compiled>();
  const slots = new Proxy({} as P, { get: (_t, name) => new Slot(String(name)) });
  const compile = (db: Kysely<CenterDatabase>, engine: StoreEngine): Compiled => {
    const query = build(db, slots).compile() as CompiledQuery<unknown>;
    const compiled = { query, params: [...query.parameters] };
    byEngine.set(engine, compiled);
    return compiled;
  };
  return async (db, engine, values) => {
    const { query, params } = byEngine.get(engine) ?? compile(db, engine);
    const parameters = params.map((p) => {
      if (!(p instanceof Slot)) return p;
      if (!(p.name in values)) throw new Error(`compiledOnce: no value for ${p.name}`);
      return values[p.name];
    });
    const result = await db.executeQuery<R>({ ...query, parameters } as CompiledQuery<R>);
    return result.rows;
  };
}
