/**
 * The file store over a folder (`UPLOAD_DIR`, by default `$DATA_DIR/uploads`). Keys are random
 * (128 bits, in hexadecimal) and sharded by their first byte (`3f/a91c…`), never derived from
 * what the candidate sent. A file is streamed through a Transform that counts and hashes it
 * into a temporary file in `.tmp/`, synced, then renamed to its key, and the folder holding
 * the new name synced too: a file is visible whole or not at all, on any error (FileTooLarge
 * included) the temporary file is removed, and once `write` returns the file survives a power
 * cut, so the row that records it, committed afterwards, never points to nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type FileStore, FileTooLarge } from '../../domain/documents/ports.js';
import type { SweepableFiles } from '../../domain/documents/sweep-orphan-files.js';

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{30}$/;
const SHARD = /^[0-9a-f]{2}$/;
const NAME = /^[0-9a-f]{30}$/;
const TEMPORARY = '.tmp';
const PAGE = 500;

/** fsync of a folder: makes the names created in it (a rename, a new sub-folder) durable. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function folderFileStore(root: string): FileStore {
  const pathOf = (key: string): string => {
    // Keys come from our own rows; checking them anyway keeps a damaged row out of other folders.
    if (!KEY.test(key)) throw new Error(`not a file store key: ${JSON.stringify(key)}`);
    return path.join(root, key);
  };

  return {
    async write(source, maxBytes) {
      const hex = randomBytes(16).toString('hex');
      const key = `${hex.slice(0, 2)}/${hex.slice(2)}`;
      const target = pathOf(key);
      const temporary = path.join(root, TEMPORARY, `${randomBytes(16).toString('hex')}.part`);
      await mkdir(path.dirname(temporary), { recursive: true, mode: 0o700 });
      const newShard = await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const meter = new SizeAndHash(maxBytes);
      // The file is created before a byte flows: a stream left to open it lazily could create
      // it after a failure had already removed it, leaving a stray temporary file behind.
      const out = createWriteStream(temporary, { flags: 'wx', mode: 0o600 });
      await once(out, 'open');
      try {
        await pipeline(source, meter, out);
        const handle = await open(temporary, 'r');
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
        await syncFolder(path.dirname(target));
        if (newShard !== undefined) await syncFolder(root);
      } catch (error) {
        out.destroy();
        await rm(temporary, { force: true });
        throw error;
      }
      return { key, size: meter.size, sha256: meter.digest() };
    },

    async read(key) {
      // Opened first, so a missing file fails here rather than in the middle of a response.
      const handle = await open(pathOf(key), 'r');
      return handle.createReadStream();
    },

    async head(key, length) {
      const handle = await open(pathOf(key), 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** The same folder seen whole, for the sweep of files no row points to (sweep-orphan-files.ts). */
export function folderSweepableFiles(root: string): SweepableFiles {
  const names = async (folder: string): Promise<string[]> =>
    readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
  const modifiedAt = async (file: string): Promise<Date | undefined> =>
    stat(file).then(
      (s) => s.mtime,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    );

  return {
    async *keys() {
      for (const shard of (await names(root)).filter((n) => SHARD.test(n))) {
        const keys = (await names(path.join(root, shard)))
          .filter((n) => NAME.test(n))
          .map((n) => `${shard}/${n}`);
        for (let i = 0; i < keys.length; i += PAGE) yield keys.slice(i, i + PAGE);
      }
    },
    writtenAt: (key) => modifiedAt(path.join(root, key)),
    async delete(key) {
      if (!KEY.test(key)) throw new Error(`not a file store key: ${JSON.stringify(key)}`);
      await rm(path.join(root, key), { force: true });
    },
    async removeTemporaryBefore(before) {
      let removed = 0;
      const folder = path.join(root, TEMPORARY);
      for (const name of await names(folder)) {
        const file = path.join(folder, name);
        const at = await modifiedAt(file);
        if (at === undefined || at.getTime() >= before.getTime()) continue;
        await rm(file, { force: true });
        removed += 1;
      }
      return removed;
    },
  };
}

/** Passes bytes through, counting and hashing them; fails with FileTooLarge past `maxBytes`. */
class SizeAndHash extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(new FileTooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
