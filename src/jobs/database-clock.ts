import { sql } from 'kysely';

/**
 * PostgreSQL's own time in epoch milliseconds, for leases that several processes compare.
 * Each process's clock may be off by seconds or minutes; had each written and read leases by
 * its own clock, a worker running ahead would see a live worker's lease as run out and start
 * the same job beside it. Read from the one database, every process agrees on the time.
 * clock_timestamp(), not now(): now() stands still for the whole of a transaction.
 */
export const databaseNowMs = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/** The database's time plus `ms`, as a lease end. */
export const databaseNowPlusMs = (ms: number) => sql<number>`${databaseNowMs} + ${ms}`;
