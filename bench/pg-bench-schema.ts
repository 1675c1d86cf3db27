import pg from 'pg';

/** The PostgreSQL server the benchmarks use; each run works in a schema of its own on it. */
export const benchPostgresUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Creates an empty schema for one benchmark run and returns a DATABASE_URL that selects it,
 * so runs never meet each other's rows (or anyone's tables in `public`). `drop` removes it.
 */
export async function createBenchSchema(label: string) {
  const schema = `bench_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: benchPostgresUrl });

  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();

  const url = new URL(benchPostgresUrl);

  url.searchParams.set('options', `-c search_path=${schema}`);

  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: benchPostgresUrl });

      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
