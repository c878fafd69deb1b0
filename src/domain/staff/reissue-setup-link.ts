/**
 * A new setup link for a member who lost their phone or password (or after SESSION_SECRET
 * changed, which makes every sealed TOTP secret unreadable): their password and TOTP secret
 * are forgotten, their sessions and older links end, and the new link (24 hours, once) lets
 * them choose a password and set up TOTP again. From « Personnel » it is mailed; `candidat
 * staff reset` prints it (the way back in when no administrator can sign in).
 */
import type { AuditActor } from '../audit/ports.js';
import { normalizeEmail } from '../accounts/email-address.js';
import { hashToken, newSecretToken } from '../accounts/secret-token.js';
import { DomainError } from '../errors.js';
import type { StaffContext, StaffMember } from './ports.js';
import { SETUP_LINK_PERIOD_MS } from './staff-rules.js';

export interface ReissueInput {
  /** The member, by id (from the page) or by email (from the command line). */
  staff: { id: string } | { email: string };
  actor: AuditActor;
  clientAddress?: string | undefined;
  mailLink: boolean;
}

export async function reissueSetupLink(
  ctx: StaffContext,
  input: ReissueInput,
): Promise<{ member: StaffMember; setupLink: string; expiresAt: Date }> {
  return ctx.store.transaction(async (unit) => {
    const member =
      'id' in input.staff
        ? await unit.staff.findById(input.staff.id)
        : await unit.staff.findByEmail(normalizeEmail(input.staff.email));
    if (!member) throw new DomainError('not_found', 'Ce membre du personnel n’existe pas.');
    if (member.disabledAt) throw new DomainError('conflict', 'Cet accès est désactivé.');
    if (input.actor.kind === 'staff' && input.actor.id === member.id)
      throw new DomainError(
        'conflict',
        'Vous ne pouvez pas vous envoyer un nouveau lien : demandez-le à un autre administrateur.',
      );
    const now = ctx.clock.now();
    await unit.tokens.consumeAll(member.id, now);
    await unit.staff.clearCredentials(member.id);
    await unit.sessions.deleteForStaff(member.id);
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
      await unit.outbox.enqueue(
        ctx.mails.setupLink(member.email, member.name, setupLink, expiresAt, true),
        null,
        now,
      );
    await unit.audit.record({
      at: now,
      actor: input.actor,
      action: 'staff.setup_link_reissued',
      subject: { type: 'staff', id: member.id },
      clientAddress: input.clientAddress,
    });
    return { member, setupLink, expiresAt };
  });
}
