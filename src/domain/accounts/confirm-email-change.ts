/**
 * « Confirmer ma nouvelle adresse »: the link mailed to the new address (48 hours, single use,
 * only its hash stored) makes it the account's. The link opens a page with one button and the
 * change happens on its POST, as activation does, so a mail scanner following links cannot
 * spend it. At that moment the address must still be free (another account may have taken it
 * since the request: 409, nothing changed); then every session of the account ends (the
 * confirming browser's, if it is the account's, is replaced by a new one), reset links sent
 * to the former address are spent, and the former address is told it was replaced.
 */
import { DomainError } from '../errors.js';
import { openSession } from './open-session.js';
import type { AccountToken, AccountsContext, AccountsUnit } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export type EmailChangeLinkState =
  | { state: 'valid'; email: string; expiresAt: Date }
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'unknown' };

export async function inspectEmailChangeLink(
  ctx: AccountsContext,
  token: unknown,
): Promise<EmailChangeLinkState> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  const link = await ctx.store.read((unit) => linkState(unit, token, ctx.clock.now()));
  return link.state === 'valid'
    ? { state: 'valid', email: link.email, expiresAt: link.token.expiresAt }
    : link;
}

export interface ConfirmEmailChangeInput {
  token: unknown;
  /** The confirming browser's session cookie, if any: kept (renewed) when it is the account's. */
  sessionToken: unknown;
  clientAddress: string;
}

export async function confirmEmailChange(
  ctx: AccountsContext,
  input: ConfirmEmailChangeInput,
): Promise<{ email: string; sessionToken: string | undefined }> {
  if (!looksLikeToken(input.token)) throw unknownLink();
  const token = input.token;
  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const link = await linkState(unit, token, now);
    if (link.state === 'unknown') throw unknownLink();
    if (link.state === 'used') throw usedLink();
    if (link.state === 'expired') throw expiredLink();
    const accountId = link.token.accountId;
    const account = await unit.accounts.findById(accountId);
    if (!account) throw unknownLink();
    if ((await unit.tokens.consumeAll(accountId, 'email-change', now)) === 0) throw usedLink(); // a concurrent click won
    if (!(await unit.accounts.changeEmail(accountId, link.email))) {
      throw new DomainError(
        'conflict',
        'Cette adresse électronique est déjà celle d’un autre compte : l’adresse de votre compte n’a pas été modifiée.',
      );
    }
    const signedInHere =
      looksLikeToken(input.sessionToken) &&
      (await unit.accounts.findBySession(hashToken(input.sessionToken), now))?.id === accountId;
    await unit.sessions.deleteForAccount(accountId);
    await unit.tokens.consumeAll(accountId, 'reset', now);
    await unit.outbox.enqueue(ctx.mails.emailReplaced(account.email), accountId, now);
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: accountId },
      action: 'account.email_changed',
      subject: { type: 'account', id: accountId },
      clientAddress: input.clientAddress,
    });
    return {
      email: link.email,
      sessionToken: signedInHere ? await openSession(unit.sessions, accountId, now) : undefined,
    };
  });
}

type LinkState =
  | { state: 'valid'; token: AccountToken; email: string }
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'unknown' };

async function linkState(unit: AccountsUnit, token: string, now: Date): Promise<LinkState> {
  const found = await unit.tokens.find(hashToken(token), 'email-change');
  if (!found?.newEmail) return { state: 'unknown' };
  if (found.usedAt) return { state: 'used' };
  if (now.getTime() >= found.expiresAt.getTime()) return { state: 'expired' };
  return { state: 'valid', token: found, email: found.newEmail };
}

function unknownLink(): DomainError {
  return new DomainError('invalid_token', 'Ce lien de confirmation d’adresse n’est pas valide.');
}

function usedLink(): DomainError {
  return new DomainError(
    'invalid_token',
    'Ce lien de confirmation d’adresse a déjà servi, ou a été remplacé par un lien plus récent.',
  );
}

function expiredLink(): DomainError {
  return new DomainError(
    'expired_token',
    'Ce lien de confirmation d’adresse a expiré : il n’est valable que 48 heures.',
  );
}
