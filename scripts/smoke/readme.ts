/**
 * What the README tells a newcomer, read from the README itself so the smoke test follows it
 * when it changes: the set-up commands (its first code block) and the demo sign-in.
 */
export interface ReadmeSetup {
  /** Every command of the first code block; the last one starts the app and keeps running. */
  commands: string[];
  email: string;
  password: string;
  /** The number the journey dials, with the name of the contact the README says it belongs to. */
  contactNumber: string;
  contactName: string;
}

export function readmeSetup(readme: string): ReadmeSetup {
  const block = /^```[\w-]*\n([\s\S]*?)^```/m.exec(readme);

  if (!block?.[1]) throw new Error('the README has no code block with the set-up commands');

  const commands = block[1]
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  if (commands.length === 0) throw new Error('the README’s first code block is empty');

  const signIn = /sign in as \*\*([^*\s]+@[^*\s]+)\*\*\s+with the password\s+\*\*([^*]+)\*\*/.exec(
    readme,
  );

  if (!signIn?.[1] || !signIn[2]) {
    throw new Error('the README does not say “sign in as **email** with the password **…**”');
  }

  const dial = /type `(\d{10,15})` \(([^)]+?)[’']s number\)/i.exec(readme);

  if (!dial?.[1] || !dial[2]) {
    throw new Error('the README does not name the number to call (“type `…` (Name’s number)”)');
  }

  return {
    commands,
    email: signIn[1],
    password: signIn[2],
    contactNumber: dial[1],
    contactName: dial[2],
  };
}
