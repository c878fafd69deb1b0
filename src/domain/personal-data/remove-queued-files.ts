/**
 * Removes the bytes of files whose rows are already deleted. A deletion queues the files'
 * keys in the transaction that deletes their rows; the bytes go only after that commit (a
 * failed transaction leaves rows and files as they were: never a row without its file). A
 * crash or an error after the commit leaves keys in the queue, and the next run removes them.
 */
import type { PersonalDataContext } from './ports.js';

const BATCH = 200;

export async function removeQueuedFiles(ctx: PersonalDataContext): Promise<{ removed: number }> {
  let removed = 0;
  for (;;) {
    const keys = await ctx.store.transaction((unit) => unit.data.queuedFileDeletions(BATCH));
    for (const key of keys) {
      await ctx.files.delete(key); // a file already gone is fine: deleting is idempotent
      await ctx.store.transaction((unit) => unit.data.forgetFileDeletion(key));
      removed += 1;
    }
    if (keys.length < BATCH) return { removed };
  }
}
