/** Which database engine a store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';
