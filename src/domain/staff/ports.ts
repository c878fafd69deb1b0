/**
 * What the staff use cases need from the outside world. Staff accounts live apart from
 * candidate accounts (their own tables for people, pôles, links and sessions), so no query on
 * one side can ever return a row of the other.
 */
import type { Outbox, PasswordHasher, RateLimiter, TransactionRunner } from '../accounts/ports.js';
import type { AuditJournal, AuditLog } from '../audit/ports.js';
import type { Clock } from '../clock.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';

export const STAFF_ROLES = ['admin', 'gestionnaire'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  id: string;
  /** Normalised (trimmed, lower case), unique among staff. */
  email: string;
  name: string;
  role: StaffRole;
  /** The pôles (desk codes) a gestionnaire works; empty for an administrator. */
  desks: string[];
  /** Null until the person has chosen a password through their setup link. */
  passwordHash: string | null;
  /** The TOTP secret, sealed (AES-256-GCM); null until the setup step first shows it. */
  totpSecret: string | null;
  /** When a first valid code confirmed the secret; until then sign-in shows the setup. */
  totpConfirmedAt: Date | null;
  /** The last TOTP time step accepted: a code of that step or earlier is refused. */
  totpLastStep: number | null;
  createdAt: Date;
  disabledAt: Date | null;
}

export interface StaffRepository {
  findByEmail(email: string): Promise<StaffMember | undefined>;
  findById(id: string): Promise<StaffMember | undefined>;
  list(): Promise<StaffMember[]>;
  /** Inserts with its pôles; false when the email is already taken. */
  insert(member: StaffMember): Promise<boolean>;
  /** Sets the password and forgets any TOTP secret (a setup link starts the second factor over). */
  setPassword(id: string, passwordHash: string): Promise<void>;
  /** Forgets the password and the TOTP secret: only a new setup link lets the member back in. */
  clearCredentials(id: string): Promise<void>;
  /** Keeps a new, unconfirmed secret unless one is already there; returns the one kept. */
  keepUnconfirmedSecret(id: string, sealed: string): Promise<string>;
  /**
   * Accepts TOTP step `step` if it is later than the last accepted one (atomic: two requests
   * with the same code cannot both pass); confirms the secret if `confirm`. False if refused.
   */
  acceptStep(id: string, step: number, confirmAt: Date | null): Promise<boolean>;
  /** Marks the member disabled unless it already is; returns whether this call did. */
  disable(id: string, at: Date): Promise<boolean>;
}

export interface StaffToken {
  tokenHash: string;
  staffId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface StaffTokenRepository {
  insert(token: StaffToken): Promise<void>;
  find(tokenHash: string): Promise<StaffToken | undefined>;
  /** Spends every unused setup link of the member; single use is this update. */
  consumeAll(staffId: string, at: Date): Promise<number>;
}

/**
 * `password`: the password was right, the second factor is still to come (minutes);
 * `signed-in`: both factors passed (8 hours).
 */
export type StaffSessionStage = 'password' | 'signed-in';

export interface StaffSession {
  idHash: string;
  staffId: string;
  stage: StaffSessionStage;
  createdAt: Date;
  expiresAt: Date;
}

export interface StaffSessionRepository {
  insert(session: StaffSession): Promise<void>;
  findActive(idHash: string, now: Date): Promise<StaffSession | undefined>;
  delete(idHash: string): Promise<void>;
  deleteForStaff(staffId: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

export interface StaffUnit {
  staff: StaffRepository;
  tokens: StaffTokenRepository;
  sessions: StaffSessionRepository;
  /** The desk codes among `codes` that exist in the catalogue. */
  knownDesks(codes: readonly string[]): Promise<string[]>;
  outbox: Outbox;
  audit: AuditLog;
}

/** Seals and opens small secrets (the TOTP secrets) bound to a context (the member's id). */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws when the text was not sealed with this key for this context. */
  open(sealed: string, context: string): string;
}

export interface StaffMails {
  /** The setup link mailed to a person an administrator added (or gave a new link: `renewed`). */
  setupLink(
    to: string,
    name: string,
    link: string,
    expiresAt: Date,
    renewed?: boolean,
  ): OutgoingMail;
}

export interface StaffContext {
  store: TransactionRunner<StaffUnit>;
  hasher: PasswordHasher;
  limiter: RateLimiter;
  secrets: SecretBox;
  mails: StaffMails;
  clock: Clock;
  /** Builds the absolute setup link for a token (PUBLIC_URL + /gestion/activation?jeton=…). */
  setupLink(token: string): string;
  /** Shown by authenticator apps next to the code: the académie's name. */
  issuer(): string;
  /** The audit log's reading side, for the administrators' journal. */
  journal: AuditJournal;
}
