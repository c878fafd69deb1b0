/**
 * Adds a staff member (`candidat staff add`, or an administrator on « Personnel »): checks the
 * fields, stores the person without a password, and issues a single-use setup link valid
 * 24 hours where they choose a password and set up their second factor. From the page the
 * link is mailed to the person; the command line prints it. Audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AuditActor } from '../audit/ports.js';
import { emailProblem, normalizeEmail } from '../accounts/email-address.js';
import { hashToken, newSecretToken } from '../accounts/secret-token.js';
import { validationError } from '../errors.js';
import { STAFF_ROLES, type StaffContext, type StaffMember, type StaffRole } from './ports.js';
import { SETUP_LINK_PERIOD_MS } from './staff-rules.js';

export interface AddStaffInput {
  email: string;
  name: string;
  role: string;
  desks: readonly string[];
  actor: AuditActor;
  clientAddress?: string | undefined;
  /** Mail the setup link to the person (from the page); the command line prints it instead. */
  mailLink: boolean;
}

export interface AddedStaff {
  member: StaffMember;
  setupLink: string;
  expiresAt: Date;
}

const NAME_MAX = 200;

export async function addStaff(ctx: StaffContext, input: AddStaffInput): Promise<AddedStaff> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim().replace(/\s+/g, ' ');
  const desks = [...new Set(input.desks.map((d) => d.trim()).filter((d) => d !== ''))];
  const errors: Record<string, string> = {};
  const badEmail = emailProblem(email);
  if (badEmail) errors.email = badEmail;
  if (name === '') errors.name = 'Indiquez le nom de la personne.';
  else if (name.length > NAME_MAX || /\p{Cc}/u.test(name))
    errors.name = `Le nom doit tenir en ${NAME_MAX} caractères, sur une ligne.`;
  const role = STAFF_ROLES.find((r) => r === input.role);
  if (!role) errors.role = 'Choisissez un rôle : administrateur ou gestionnaire.';
  if (role === 'gestionnaire' && desks.length === 0)
    errors.desks = 'Choisissez au moins un pôle pour un gestionnaire.';
  if (role === 'admin' && desks.length > 0)
    errors.desks = 'Un administrateur a accès à tous les pôles : n’en choisissez aucun.';
  if (Object.keys(errors).length > 0) throw validationError(errors);

  return ctx.store.transaction(async (unit) => {
    const known = await unit.knownDesks(desks);
    const unknown = desks.filter((d) => !known.includes(d));
    if (unknown.length > 0)
      throw validationError({ desks: `Pôle inconnu : ${unknown.join(', ')}.` });
    const now = ctx.clock.now();
    const member: StaffMember = {
      id: randomUUID(),
      email,
      name,
      role: role as StaffRole,
      desks,
      passwordHash: null,
      totpSecret: null,
      totpConfirmedAt: null,
      totpLastStep: null,
      createdAt: now,
      disabledAt: null,
    };
    if (!(await unit.staff.insert(member)))
      throw validationError({ email: 'Un membre du personnel a déjà cette adresse électronique.' });
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + SETUP_LINK_PERIOD_MS);
    await unit.tokens.insert({
      tokenHash: hashToken(token),
      staffId: member.id,
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    const setupLink = ctx.setupLink(token);
    if (input.mailLink)
      await unit.outbox.enqueue(ctx.mails.setupLink(email, name, setupLink, expiresAt), null, now);
    await unit.audit.record({
      at: now,
      actor: input.actor,
      action: 'staff.created',
      subject: { type: 'staff', id: member.id },
      after: { role: member.role, desks: member.desks },
      clientAddress: input.clientAddress,
    });
    return { member, setupLink, expiresAt };
  });
}
