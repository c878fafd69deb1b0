/**
 * Deletes the stored files that no row points to. A file is written (and fsynced) before the
 * transaction that records it commits, so a crash between the two, a refused upload whose
 * cleanup failed, or a removal whose delete failed after its commit leaves bytes nobody can
 * reach: personal documents kept for no one. The reverse, a row whose file is missing, cannot
 * happen: the row is never committed before its file is durable, and a file is deleted only
 * after its row.
 *
 * A file younger than `graceMs` is never touched, whatever the rows say: an upload in
 * progress (on this node or another sharing the folder) has written its file and not yet
 * committed its row. Temporary files of writes cut short are removed past the same age.
 * Run at start and periodically by the scheduler; safe on several nodes at once.
 */
import type { Clock } from '../clock.js';

/** The file store seen as a whole, for the sweep. */
export interface SweepableFiles {
  /** Every stored key, a page at a time. */
  keys(): AsyncIterable<string[]>;
  /** When the file was last written; undefined when it is gone. */
  writtenAt(key: string): Promise<Date | undefined>;
  delete(key: string): Promise<void>;
  /** Removes the temporary files of writes not touched since `before`; says how many. */
  removeTemporaryBefore(before: Date): Promise<number>;
}

export interface FileReferences {
  /** Those of `keys` that a row points to (an upload, a document the office published). */
  referenced(keys: readonly string[]): Promise<Set<string>>;
}

export interface OrphanSweepContext {
  files: SweepableFiles;
  references: FileReferences;
  clock: Clock;
  graceMs: number;
}

export interface SweepResult {
  /** Stored files looked at. */
  checked: number;
  /** Files without a row, older than the grace period, deleted. */
  deleted: number;
  /** Temporary files of interrupted writes deleted. */
  temporary: number;
}

export async function sweepOrphanFiles(ctx: OrphanSweepContext): Promise<SweepResult> {
  const before = ctx.clock.now().getTime() - ctx.graceMs;
  let checked = 0;
  let deleted = 0;
  for await (const keys of ctx.files.keys()) {
    checked += keys.length;
    const kept = await ctx.references.referenced(keys);
    for (const key of keys) {
      if (kept.has(key)) continue;
      // The age is read after the rows: a file whose row was about to be committed when the
      // rows were read is younger than the grace period, and stays.
      const writtenAt = await ctx.files.writtenAt(key);
      if (writtenAt === undefined || writtenAt.getTime() >= before) continue;
      await ctx.files.delete(key);
      deleted += 1;
    }
  }
  const temporary = await ctx.files.removeTemporaryBefore(new Date(before));
  return { checked, deleted, temporary };
}
