import { createInterface } from 'node:readline/promises';
import { createAdministrator } from '../auth/administrators';
import { databaseTarget, readConfig } from '../config';
import { openDatabase } from '../db/database';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return await rl.question('Password (at least 8 characters): ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  const username = process.argv[2];
  if (!username) throw new Error('Usage: npm run create-admin -- <username>   (password from ADMIN_PASSWORD or a prompt)');
  const db = await openDatabase(databaseTarget(readConfig(process.env, [])));
  try {
    const user = await createAdministrator(db, username, await readPassword());
    console.log(`Administrator ${user.username} created.`);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
