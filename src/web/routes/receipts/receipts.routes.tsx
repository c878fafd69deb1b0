/**
 * « Mes documents » (owner only: another candidate's registration is not found), its PDF files
 * and the documents the office published, and the public « Vérifier un récapitulatif » pages
 * (no account needed).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { documentListPdf } from '../../../domain/receipts/document-list.js';
import { myDocuments } from '../../../domain/receipts/my-documents.js';
import { openPublishedDocument } from '../../../domain/receipts/open-published-document.js';
import { publishedDocuments } from '../../../domain/receipts/published-documents.js';
import type { PdfFile } from '../../../domain/receipts/ports.js';
import { MAX_CODE_INPUT } from '../../../domain/receipts/receipt-code.js';
import { receiptPdf } from '../../../domain/receipts/receipt-pdf.js';
import { verifyReceipt } from '../../../domain/receipts/verify-receipt.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { sendUpload } from '../documents/upload-response.js';
import { MyDocumentsPage } from './my-documents.view.js';
import { InvalidCodePage, VerifiedPage, VerifyFormPage } from './verify.view.js';

const numberParams = z.object({ number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
const versionQuery = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
const codeQuery = z.object({ code: z.string().optional() });

/**
 * Sends a PDF to be shown in the browser's viewer. The pages' Content-Security-Policy and
 * X-Frame-Options are removed from this response only: they protect HTML, and browsers'
 * built-in PDF viewers (Chromium's runs the file inside a frame of its own page) refuse to
 * display a file served with `frame-ancestors 'none'` or a restrictive `default-src`.
 */
function sendPdf(reply: FastifyReply, file: PdfFile): FastifyReply {
  reply.raw.removeHeader('content-security-policy');
  reply.raw.removeHeader('x-frame-options');
  return reply
    .code(200)
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${file.filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.bytes));
}

export const receiptRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.receipts;

  app.get('/inscriptions/:number/documents', async (request, reply) => {
    const params = numberParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const mine = await myDocuments(ctx, {
      accountId: request.account.id,
      number: params.data.number,
    });
    const published = await publishedDocuments(deps.review, {
      accountId: request.account.id,
      registrationNumber: params.data.number,
    });
    return sendPage(
      reply,
      200,
      <MyDocumentsPage
        ctx={pageContext(deps, request, reply)}
        mine={mine}
        published={published}
        catalogue={deps.catalogue.current()}
      />,
    );
  });

  // A document the office published: its owner only (404 to anyone else), shown inline.
  app.get('/mes-documents/publies/:id', async (request, reply) => {
    const params = z.object({ id: z.uuid() }).safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const { document, content } = await openPublishedDocument(deps.review, {
      accountId: request.account.id,
      documentId: params.data.id,
    });
    // As for the récapitulatif: browsers' PDF viewers refuse a file sent with the pages' CSP.
    reply.raw.removeHeader('content-security-policy');
    reply.raw.removeHeader('x-frame-options');
    return sendUpload(reply, { ...document, originalName: document.title }, content);
  });

  app.get('/inscriptions/:number/recapitulatif.pdf', async (request, reply) => {
    const params = numberParams.safeParse(request.params);
    const query = versionQuery.safeParse(request.query);
    if (!params.success || !query.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const file = await receiptPdf(ctx, {
      accountId: request.account.id,
      number: params.data.number,
      ...(query.data.version !== undefined ? { version: query.data.version } : {}),
    });
    return sendPdf(reply, file);
  });

  app.get('/inscriptions/:number/pieces.pdf', async (request, reply) => {
    const params = numberParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const file = await documentListPdf(ctx, {
      accountId: request.account.id,
      number: params.data.number,
    });
    return sendPdf(reply, file);
  });

  app.get('/verifier', (request, reply) => {
    const code = codeQuery.safeParse(request.query).data?.code?.trim();
    if (code && code.length <= MAX_CODE_INPUT)
      return reply.redirect(`/verifier/${encodeURIComponent(code)}`, 303);
    if (code)
      return sendPage(reply, 404, <InvalidCodePage ctx={pageContext(deps, request, reply)} />);
    return sendPage(reply, 200, <VerifyFormPage ctx={pageContext(deps, request, reply)} />);
  });

  // A wildcard rather than `:code`: the router refuses parameters over 100 characters with its
  // own 404, and an over-long code deserves the same answer as any other wrong code.
  app.get('/verifier/*', async (request, reply) => {
    const code = (request.params as { '*': string })['*'];
    reply.header('x-robots-tag', 'noindex');
    try {
      const result = await verifyReceipt(ctx, code);
      return sendPage(
        reply,
        200,
        <VerifiedPage ctx={pageContext(deps, request, reply)} result={result} />,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
      return sendPage(reply, 404, <InvalidCodePage ctx={pageContext(deps, request, reply)} />);
    }
  });
  return Promise.resolve();
};
