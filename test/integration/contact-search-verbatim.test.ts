import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/http-client.js';
import { recordReliabilityFigure } from '../support/reliability-figures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 9, part 5: text that looks like SQL or like LIKE's wildcards is data. It is stored as
 * typed and the contact search finds it as typed: `%` and `_` match themselves, not anything.
 */
const names = [
  `'; DROP TABLE contacts; --`,
  `Robert'); DELETE FROM users; --`,
  '100% Realty',
  'snake_case Homes',
  'Back\\slash Properties',
  'C:\\Temp\\%_\\',
  `O'Brien "Quoted" Name`,
  'Plain Neighbour',
];
// Each search and exactly the names it must find.
const searches: [string, string[]][] = [
  [`'; DROP`, [`'; DROP TABLE contacts; --`]],
  ['%', ['100% Realty', 'C:\\Temp\\%_\\']],
  ['_', ['snake_case Homes', 'C:\\Temp\\%_\\']],
  ['0% r', ['100% Realty']],
  ['\\', ['Back\\slash Properties', 'C:\\Temp\\%_\\']],
  ['\\%_', ['C:\\Temp\\%_\\']],
  [`o'brien "quoted"`, [`O'Brien "Quoted" Name`]],
  ['--', [`'; DROP TABLE contacts; --`, `Robert'); DELETE FROM users; --`]],
];

let app: TestApp;
let agent: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  agent = await app.createAgent('sql@crm.example.com');

  for (const name of names) {
    const response = await agent.post('/api/contacts', { name, phones: [] });

    if (response.status !== 201) throw new Error(`contact: ${response.status} ${response.text}`);
  }
});
afterAll(async () => app.close());

const found = async (q: string) =>
  (
    (await agent.get(`/api/contacts?q=${encodeURIComponent(q)}`)).json.contacts as {
      name: string;
    }[]
  )
    .map((contact) => contact.name)
    .sort();

describe('SQL-looking names and wildcards in the contact search', () => {
  it('stores every name exactly as typed', async () => {
    const stored = (await agent.get('/api/contacts')).json.contacts.map(
      (contact: { name: string }) => contact.name,
    );

    expect(stored.sort()).toEqual([...names].sort());
  });

  it('finds each search term literally: % and _ and \\ match only themselves', async () => {
    const wrong: string[] = [];

    for (const [q, expected] of searches) {
      const got = await found(q);

      if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) {
        wrong.push(`${q} → ${JSON.stringify(got)}`);
      }
    }

    expect(wrong).toEqual([]);
    recordReliabilityFigure({
      area: 'Hostile content',
      fault: 'contact searches for SQL-looking text, %, _ and backslashes',
      tried: searches.length,
      wrong: wrong.length,
      wrongMeans: 'searches with other results than typed',
    });
  });
});
