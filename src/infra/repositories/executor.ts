/** A repository works on the database or inside a transaction alike. */
import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../db/schema.js';

export type Executor = Kysely<Schema> | Transaction<Schema>;
