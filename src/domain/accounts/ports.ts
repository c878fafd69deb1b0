/**
 * What the account use cases need from the outside world. Infra implements these over Kysely
 * (SQLite or PostgreSQL), argon2id and the mail outbox; tests may use the same real ones.
 */
import type { AuditLog } from '../audit/ports.js';
import type { Clock } from '../clock.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';

export interface Account {
  id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  activatedAt: Date | null;
}

export type TokenPurpose = 'activation' | 'reset' | 'email-change';

export interface AccountToken {
  tokenHash: string;
  accountId: string;
  purpose: TokenPurpose;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** An email-change link's address: the account takes it when the link is opened. */
  newEmail?: string | undefined;
}

export interface AccountRepository {
  findByEmail(email: string): Promise<Account | undefined>;
  findById(id: string): Promise<Account | undefined>;
  /** The account of a session not expired at `now`: every page asks, in one query. */
  findBySession(sessionIdHash: string, now: Date): Promise<Account | undefined>;
  /** Inserts; returns false when the email is already taken (a concurrent double submit). */
  insert(account: Account): Promise<boolean>;
  /** Marks the account active unless it already is; returns whether this call activated it. */
  activate(id: string, at: Date): Promise<boolean>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /**
   * Gives the account the address `email` unless another account has it; returns false then.
   * On false the transaction must be abandoned (throw): on PostgreSQL, an account created
   * with that address by a concurrent transaction has aborted it.
   */
  changeEmail(id: string, email: string): Promise<boolean>;
  /** Deletes never-activated accounts created at or before `cutoff`, with all they own. */
  deleteUnactivatedCreatedAtOrBefore(cutoff: Date): Promise<number>;
}

export interface TokenRepository {
  insert(token: AccountToken): Promise<void>;
  find(tokenHash: string, purpose: TokenPurpose): Promise<AccountToken | undefined>;
  /** Spends every unused token of that purpose for the account; single use is this update. */
  consumeAll(accountId: string, purpose: TokenPurpose, at: Date): Promise<number>;
}

export interface Session {
  idHash: string;
  accountId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface SessionRepository {
  insert(session: Session): Promise<void>;
  delete(idHash: string): Promise<void>;
  deleteForAccount(accountId: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export interface Outbox {
  enqueue(mail: OutgoingMail, accountId: string | null, at: Date): Promise<void>;
}

/** The repositories that one transaction sees. */
export interface AccountsUnit {
  accounts: AccountRepository;
  tokens: TokenRepository;
  sessions: SessionRepository;
  outbox: Outbox;
  audit: AuditLog;
}

export interface TransactionRunner<U> {
  /**
   * Runs `work` in one database transaction: all of its writes land, or none. `relaxed`: the
   * commit does not wait for the disk, for writes a power cut may lose without harm because
   * the candidate simply does them again (a wizard draft, a new session); see
   * src/infra/db/durability.ts.
   */
  transaction<T>(work: (unit: U) => Promise<T>, options?: { relaxed?: boolean }): Promise<T>;
  /**
   * Runs `work` that only reads, each statement on its own, without a transaction: for pages,
   * where a snapshot across statements is not worth a BEGIN and a COMMIT. Never for a write.
   */
  read<T>(work: (unit: U) => Promise<T>): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

export interface RateLimitRule {
  /** Names the counter, e.g. "sign-in:address". */
  bucket: string;
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one attempt; returns when to try again if this one is over the limit. */
  hit(
    rule: RateLimitRule,
    subject: string,
    now: Date,
  ): Promise<{ allowed: boolean; retryAt: Date }>;
}

/**
 * The mails the account life-cycle sends, rendered (French text and HTML) by infra/mail.
 * Synchronous on purpose: they are composed inside transactions, which must not wait on I/O.
 */
export interface AccountMails {
  activation(to: string, token: string, deadline: Date): OutgoingMail;
  alreadyRegistered(to: string, activation: { token: string; deadline: Date } | null): OutgoingMail;
  passwordReset(to: string, token: string, expiresAt: Date): OutgoingMail;
  passwordChanged(to: string): OutgoingMail;
  /** To the account's address: a change of address was asked (it takes effect at the link). */
  emailChangeRequested(to: string): OutgoingMail;
  /** To the new address: the link that makes it the account's. */
  emailChangeLink(to: string, token: string, expiresAt: Date): OutgoingMail;
  /** To an address asked for that already has an account: nothing changes. */
  emailChangeTaken(to: string): OutgoingMail;
  /** To the former address once the change is made. */
  emailReplaced(to: string): OutgoingMail;
}

export interface AccountsContext {
  store: TransactionRunner<AccountsUnit>;
  hasher: PasswordHasher;
  limiter: RateLimiter;
  mails: AccountMails;
  clock: Clock;
}
