import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeSetup } from '../../scripts/smoke/readme.js';

// `npm run smoke` runs what the README says; these pin how it reads the README.
describe('reading the newcomer’s set-up from the README', () => {
  it('reads the README’s own commands, demo sign-in and the number of the journey', () => {
    const setup = readmeSetup(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));

    expect(setup.commands).toEqual(['npm ci', 'npm start']);
    expect(setup.email).toBe('agent@example.com');
    expect(setup.password).toMatch(/\S{8,}/);
    expect(setup.contactNumber).toMatch(/^\d{10}$/);
    expect(setup.contactName).toBe('Jordan Sample');
  });

  it('follows the README when its commands change', () => {
    const readme = [
      '# App',
      '',
      '```sh',
      '# install',
      'npm ci --prefer-offline',
      '',
      'npm run start:demo',
      '```',
      '',
      '```sh',
      'npm test',
      '```',
      'sign in as **a@b.example** with the password **pw-2027**.',
      'Type `6045550100` (Pat Doe’s number).',
    ].join('\n');
    const setup = readmeSetup(readme);

    expect(setup.commands).toEqual(['npm ci --prefer-offline', 'npm run start:demo']);
    expect(setup).toMatchObject({ email: 'a@b.example', password: 'pw-2027' });
    expect(setup).toMatchObject({ contactNumber: '6045550100', contactName: 'Pat Doe' });
  });

  it('says what is missing when the README no longer tells a newcomer how to start', () => {
    expect(() => readmeSetup('# App\n\nNo commands here.')).toThrow(/no code block/);
    expect(() => readmeSetup('```sh\nnpm start\n```\n')).toThrow(/sign in as/);
  });
});
