/**
 * « Activer mon compte »: spends the link's token, activates the account and signs the
 * candidate in. The link is single use and good until 48 hours after the account's creation;
 * `inspectActivationLink` tells the page which case it is before the candidate confirms.
 */
import { DomainError } from '../errors.js';
import { activationDeadline, canStillActivate } from './account-rules.js';
import { openSession } from './open-session.js';
import type { AccountsContext, AccountsUnit } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export type ActivationLinkState =
  | { state: 'valid'; accountId: string; email: string; deadline: Date }
  | { state: 'expired'; deadline: Date }
  | { state: 'used' }
  | { state: 'unknown' };

export async function inspectActivationLink(
  ctx: AccountsContext,
  token: unknown,
): Promise<ActivationLinkState> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  return ctx.store.read((unit) => linkState(unit, token, ctx.clock.now()));
}

export async function activateAccount(
  ctx: AccountsContext,
  token: unknown,
): Promise<{ sessionToken: string }> {
  if (!looksLikeToken(token)) throw unknownLink();
  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const link = await linkState(unit, token, now);
    if (link.state === 'unknown') throw unknownLink();
    if (link.state === 'used') throw usedLink();
    if (link.state === 'expired') {
      throw new DomainError('expired_token', 'Ce lien d’activation a expiré.', {
        retryAt: link.deadline,
      });
    }
    await unit.tokens.consumeAll(link.accountId, 'activation', now);
    if (!(await unit.accounts.activate(link.accountId, now))) throw usedLink(); // a concurrent click won
    return { sessionToken: await openSession(unit.sessions, link.accountId, now) };
  });
}

async function linkState(
  unit: AccountsUnit,
  token: string,
  now: Date,
): Promise<ActivationLinkState> {
  const found = await unit.tokens.find(hashToken(token), 'activation');
  if (!found) return { state: 'unknown' };
  const account = await unit.accounts.findById(found.accountId);
  if (!account) return { state: 'unknown' };
  if (account.activatedAt || found.usedAt) return { state: 'used' };
  if (!canStillActivate(account.createdAt, now))
    return { state: 'expired', deadline: activationDeadline(account.createdAt) };
  return {
    state: 'valid',
    accountId: account.id,
    email: account.email,
    deadline: activationDeadline(account.createdAt),
  };
}

function unknownLink(): DomainError {
  return new DomainError('invalid_token', 'Ce lien d’activation n’est pas valide.');
}

function usedLink(): DomainError {
  return new DomainError(
    'invalid_token',
    'Ce lien d’activation a déjà servi : votre compte est activé.',
  );
}
