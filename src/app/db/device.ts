import { v7 as uuidv7 } from 'uuid';
import { appDatabase } from './database';
import { writeWithReopen } from './storage';

/** This installation's id, made once and kept: every record names the device it was made on. */
export async function deviceId(): Promise<string> {
  return writeWithReopen(() => {
    const db = appDatabase();
    return db.transaction('rw', db.meta, async () => {
      const stored = await db.meta.get('deviceId');
      if (typeof stored?.value === 'string') return stored.value;
      const id = uuidv7();
      await db.meta.put({ key: 'deviceId', value: id });
      return id;
    });
  });
}
