/**
 * The frame every mail shares, in plain text and in HTML: a greeting, the body, then the
 * académie's name and its pôles with their phones and addresses, as the notice ends.
 */
import type { ComponentChildren } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';
import type { Desk } from '../../domain/desks/desk.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';

export interface MailContext {
  publicUrl: URL;
  /** The académie's name and pôles as last loaded; read synchronously because mails are
   * composed inside transactions. */
  academyName(): string;
  desks(): readonly Desk[];
}

/** A paragraph of the body, or a link shown as a button in HTML and as a bare URL in text. */
export type MailBlock = string | { link: string; label: string };

export function composeMail(
  ctx: MailContext,
  to: string,
  subject: string,
  blocks: readonly MailBlock[],
): OutgoingMail {
  const desks = ctx.desks();
  const footer = [
    `${ctx.academyName()} – service des examens`,
    ...desks.map((d) => `${d.name} : ${[...d.phones, d.email].join(' / ')}`),
    'Ce message est envoyé automatiquement : merci de ne pas y répondre.',
  ];
  const text = [
    'Bonjour,',
    '',
    ...blocks.flatMap((b) => (typeof b === 'string' ? [b, ''] : [`${b.label} : ${b.link}`, ''])),
    '-- ',
    ...footer,
    '',
  ].join('\n');
  const html =
    '<!doctype html>' +
    renderToStaticMarkup(
      <html lang="fr">
        <head>
          <meta charset="utf-8" />
          <title>{subject}</title>
        </head>
        <body style="font-family: Arial, sans-serif; color: #161616; line-height: 1.5">
          <p>Bonjour,</p>
          {blocks.map((b) =>
            typeof b === 'string' ? (
              <p>{b}</p>
            ) : (
              <p>
                <a
                  href={b.link}
                  style="display: inline-block; background: #000091; color: #fff; padding: 8px 16px; text-decoration: none"
                >
                  {b.label}
                </a>
                <br />
                <small>
                  Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :{' '}
                  {b.link}
                </small>
              </p>
            ),
          )}
          <hr />
          <Footer lines={footer} />
        </body>
      </html>,
    );
  return { to, subject, text, html };
}

function Footer({ lines }: { lines: string[] }): ComponentChildren {
  return (
    <p style="font-size: 0.875em; color: #3a3a3a">
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}
