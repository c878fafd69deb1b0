/**
 * The window rule, the heart of the notice: a registration may be created or changed when
 * opens ≤ now < closes, `now` being the server's clock at the moment of the write. After
 * the close nothing is accepted, whatever the form says or when the page was loaded.
 */
import { DomainError } from '../errors.js';
import { formatParisDateTime } from '../time/paris-time.js';
import type { RegistrationWindow } from './catalogue.js';

export type WindowState = 'upcoming' | 'open' | 'closed';

export function windowState(
  window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'>,
  now: Date,
): WindowState {
  const t = now.getTime();
  if (t < window.opensAt.getTime()) return 'upcoming';
  if (t < window.closesAt.getTime()) return 'open';
  return 'closed';
}

/** Throws the French refusal unless the window is open at `now`. */
export function assertWindowOpen(
  window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'>,
  now: Date,
): void {
  const state = windowState(window, now);
  if (state === 'closed') {
    throw new DomainError(
      'window_closed',
      `Les inscriptions pour cet examen sont closes depuis le ${formatParisDateTime(window.closesAt)}.`,
    );
  }
  if (state === 'upcoming') {
    throw new DomainError(
      'window_not_open',
      `Les inscriptions pour cet examen ouvriront le ${formatParisDateTime(window.opensAt)}.`,
    );
  }
}
