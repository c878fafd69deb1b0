/**
 * Password hashing with argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane).
 * @node-rs/argon2 ships prebuilt binaries (no compiler at install) and runs off the main
 * thread, so a sign-in does not block other requests while it hashes.
 *
 * At most one hash per core at a time: it runs on libuv's thread pool (four threads), which
 * file reads, writes and fsyncs share. With four hashes in flight on the last day, uploads
 * waited behind them (and four hashes hold 76 MiB); more than one per core is not faster.
 */
import { availableParallelism } from 'node:os';
import { type Options, hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import type { PasswordHasher } from '../../domain/accounts/ports.js';

const oneHashPerCore = pLimit(Math.max(1, availableParallelism()));

export const ARGON2_PARAMETERS: Options = {
  algorithm: 2, // Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const argon2Hasher: PasswordHasher = {
  hash: (password) => oneHashPerCore(() => hash(password, ARGON2_PARAMETERS)),
  async verify(passwordHash, password) {
    try {
      return await oneHashPerCore(() => verify(passwordHash, password));
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  },
};
