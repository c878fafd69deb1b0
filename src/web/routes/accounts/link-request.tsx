/**
 * A « send me a link » form (new activation link, forgotten password): one address field,
 * the same answer whether or not an account matches it, and the refusal of a malformed
 * address or of too many requests shown on the form.
 */
import type { FastifyInstance } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { z } from 'zod';
import { normalizeEmail } from '../../../domain/accounts/email-address.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import { Alert, CsrfField, Field } from '../../views/forms.js';
import { MessagePage } from '../../views/message-page.js';
import type { PageContext } from '../../views/page-context.js';
import type { WebDeps } from '../../web-deps.js';

export interface LinkRequestTexts {
  title: string;
  /** Shown before the form until a request is sent. */
  intro: ComponentChildren;
  /** Shown once sent: what happens if an account matches. */
  sent: string;
  hint: string;
  button: string;
}

interface LinkRequestPageProps {
  ctx: PageContext;
  action: string;
  texts: LinkRequestTexts;
  email?: string;
  error?: string | undefined;
  alert?: string | undefined;
  sent?: boolean;
}

export function LinkRequestPage({
  ctx,
  action,
  texts,
  email = '',
  error,
  alert,
  sent = false,
}: LinkRequestPageProps): VNode {
  return (
    <MessagePage ctx={ctx} title={texts.title}>
      {sent ? (
        <Alert kind="success" title="Demande enregistrée">
          <p>{texts.sent}</p>
        </Alert>
      ) : (
        texts.intro
      )}
      {alert && <Alert kind="error" title={alert} />}
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="email"
          type="email"
          label="Adresse électronique"
          hint={texts.hint}
          autocomplete="email"
          value={email}
          error={error}
        />
        <button type="submit" class="fr-btn">
          {texts.button}
        </button>
      </form>
    </MessagePage>
  );
}

const emailForm = z.object({ email: textField });

/** Registers GET and POST `path` for a link request handled by `request`. */
export function registerLinkRequest(
  app: FastifyInstance,
  deps: WebDeps,
  path: string,
  texts: LinkRequestTexts,
  request: (input: { email: string; clientAddress: string }) => Promise<void>,
): void {
  app.get(path, (req, reply) =>
    sendPage(
      reply,
      200,
      <LinkRequestPage ctx={pageContext(deps, req, reply)} action={path} texts={texts} />,
    ),
  );

  app.post(path, async (req, reply) => {
    const { email } = parseForm(emailForm, req.body);
    try {
      await request({ email, clientAddress: req.ip });
      return sendPage(
        reply,
        200,
        <LinkRequestPage
          ctx={pageContext(deps, req, reply)}
          action={path}
          texts={texts}
          email={normalizeEmail(email)}
          sent
        />,
      );
    } catch (error) {
      const failure = formFailure(error, reply, deps.accounts.clock.now());
      return sendPage(
        reply,
        failure.status,
        <LinkRequestPage
          ctx={pageContext(deps, req, reply)}
          action={path}
          texts={texts}
          email={email.trim()}
          error={failure.fieldErrors.email}
          alert={failure.alert}
        />,
      );
    }
  });
}
