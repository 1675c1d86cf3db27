import type { AppConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import { createContact } from '../crm/contacts.repo.js';
import { normalisePhone } from '../crm/phone-number.js';
import { upsertUser } from '../crm/users.repo.js';

export const demoAgentEmail = 'agent@example.com';

/** The demo agent's Zoom Phone number in the simulator (555-01xx numbers are fictional). */
export const demoAgentZoomNumber = '+16045550100';

// Demo data only: these people exist nowhere. Two share a household number on purpose, so
// the demo shows one call linked to both.
const demoContacts = [
  {
    name: 'Jordan Sample',
    email: 'jordan.sample@example.com',
    phones: [['mobile', '+1 604 555 0147']],
  },
  {
    name: 'Dana Reyes',
    email: 'dana.reyes@example.com',
    phones: [
      ['mobile', '(604) 555-0162'],
      ['work', '604-555-0199 x204'],
    ],
  },
  { name: 'Sam Ortiz', email: null, phones: [['home', '604.555.0188']] },
  { name: 'Kim Ortiz', email: null, phones: [['home', '604 555 0188']] },
] as const;

/** The demo contacts' numbers in E.164, for the simulator's made-up call history. */
export const demoContactNumbers = ['+16045550147', '+16045550162', '+16045550188'];

/**
 * Creates (or resets the password of) the demo agent and gives them contacts the first time.
 * Returns the agent's user id.
 */
export async function seedDemoAgent(
  db: Db,
  config: Readonly<AppConfig>,
  now: number,
): Promise<string> {
  const region = config.DEFAULT_PHONE_REGION;
  const userId = await upsertUser(
    db,
    {
      email: demoAgentEmail,
      name: 'Avery Agent',
      password: config.DEMO_PASSWORD,
      isAdmin: true,
      defaultRegion: region,
    },
    now,
  );
  const existing = await db
    .selectFrom('contacts')
    .select('id')
    .where('owner_id', '=', userId)
    .limit(1)
    .execute();

  if (existing.length > 0) return userId;

  for (const contact of demoContacts) {
    await createContact(
      db,
      userId,
      {
        name: contact.name,
        email: contact.email,
        phones: contact.phones.map(([label, raw]) => {
          const normalised = normalisePhone(raw, region);

          if (!normalised) throw new Error(`Demo phone number does not parse: ${raw}`);

          return { label, raw, normalised };
        }),
      },
      now,
    );
  }

  return userId;
}
