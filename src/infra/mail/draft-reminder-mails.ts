/** The reminder to a registration started but never saved with « Enregistrer ». */
import type { DraftRemindersContext } from '../../domain/registrations/unsaved-draft-reminders.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';
import { contact, describe } from './review-mails.js';

export function unsavedDraftMail(ctx: MailContext): DraftRemindersContext['mail'] {
  return (draft, closesAt, catalogue) => {
    const { title, desk } = describe(draft, catalogue);
    return composeMail(ctx, draft.email, `Votre inscription n’est pas enregistrée – ${title}`, [
      `Vous avez commencé votre inscription (${title}) sans cliquer sur « Enregistrer » : vous n’êtes pas inscrit. Les inscriptions closent le ${formatParisDateTime(closesAt)} (heure de Paris) : après, il ne sera plus possible de vous inscrire.`,
      'Ce que vous avez saisi est conservé. Dans « Mes inscriptions », cliquez sur « Reprendre mon inscription », vérifiez le récapitulatif puis cliquez sur « Enregistrer » avant la clôture.',
      { label: 'Mes inscriptions', link: new URL('/espace', ctx.publicUrl).toString() },
      contact(desk),
    ]);
  };
}
