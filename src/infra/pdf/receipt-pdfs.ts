/**
 * The two PDF files of « Mes documents », drawn from plain values (domain/receipts/ports.ts):
 * the récapitulatif of a registration version (« Confirmation d'inscription »), with its
 * verification QR code, and the « Liste des pièces justificatives » with each document's state.
 * French text, A4, Helvetica; see pdf-writer.ts for determinism.
 */
import type { Desk } from '../../domain/desks/desk.js';
import type { DocumentList, Receipt, ReceiptRenderer } from '../../domain/receipts/ports.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { BLUE, GREY, PdfWriter } from './pdf-writer.js';
import { drawQrCode, qrSide, qrSymbol } from './qr-code.js';

const QR_MODULE = 2.6;

function deskBlock(pdf: PdfWriter, desk: Desk | undefined): void {
  pdf.heading('Pôle à contacter');
  if (!desk) {
    pdf.text('Le service des examens de l’académie.');
    return;
  }
  pdf.row('Pôle', desk.name);
  if (desk.phones.length > 0)
    pdf.row(desk.phones.length > 1 ? 'Téléphones' : 'Téléphone', desk.phones.join(' / '));
  pdf.row('Courriel', desk.email);
}

export async function renderReceipt(receipt: Receipt): Promise<Uint8Array> {
  const saved = formatParisDateTime(receipt.savedAt);
  const pdf = await PdfWriter.create({
    title: `Confirmation d’inscription n° ${receipt.number} – version ${receipt.version}`,
    subject: `${receipt.examName} ${receipt.specialtyName} – ${receipt.sessionName}`,
    author: receipt.academyName,
    at: receipt.savedAt,
    footer: `Inscription n° ${receipt.number} – version ${receipt.version} – code de vérification ${receipt.verification.code}`,
  });

  // The QR code sits in the top right corner of the first page, its code under it.
  const symbol = qrSymbol(receipt.verification.url);
  const side = qrSide(symbol, QR_MODULE);
  const qrLeft = pdf.left + pdf.width - side;
  const top = pdf.cursor + 8;
  drawQrCode(pdf.currentPage, symbol, { x: qrLeft, top, module: QR_MODULE });
  const codeSize = 8;
  const codeText = pdf.sanitize(receipt.verification.code);
  pdf.currentPage.drawText(codeText, {
    x: qrLeft + (side - pdf.bold.widthOfTextAtSize(codeText, codeSize)) / 2,
    y: top - side - 2,
    size: codeSize,
    font: pdf.bold,
    color: GREY,
  });
  const beside = pdf.width - side - 16;

  pdf.text(receipt.academyName, { size: 11, bold: true, color: BLUE }, beside);
  pdf.text('Inscriptions aux examens', { size: 9, color: GREY, after: 10 }, beside);
  pdf.text('Confirmation d’inscription', { size: 20, bold: true, after: 4 }, beside);
  pdf.text(
    `Récapitulatif de l’inscription n° ${receipt.number}, version ${receipt.version}, enregistrée le ${saved} (heure de Paris).`,
    { size: 10.5, after: 4 },
    beside,
  );
  pdf.text(
    'Conservez ce document : il atteste de votre inscription telle qu’elle a été enregistrée.',
    { size: 9, color: GREY },
    beside,
  );
  pdf.moveBelow(top - side - 12);

  let section = '';
  for (const line of receipt.lines) {
    if (line.section !== section) {
      section = line.section;
      pdf.heading(section);
    }
    pdf.row(line.label, line.value);
  }

  pdf.heading('Pièces justificatives à fournir');
  if (receipt.documents.length === 0) {
    pdf.text('Aucune pièce justificative n’est demandée pour cette inscription.');
  } else {
    receipt.documents.forEach((d, i) => {
      pdf.ensure(40);
      pdf.text(`${i + 1}. ${d.label}`, { bold: true });
      pdf.text(d.reason, { size: 9, color: GREY, indent: 14, after: 4 });
    });
  }
  pdf.text(
    `Déposez-les dans « Mes justificatifs »${receipt.closesAt ? ` avant le ${formatParisDateTime(receipt.closesAt)} (heure de Paris)` : ''}, puis cliquez sur « J’ai fourni toutes mes pièces ». L’état de chaque pièce (attendu, transmis, validé, refusé, non concerné) figure dans la « Liste des pièces justificatives » de l’espace « Mes documents ».`,
    { size: 9, color: GREY },
  );

  deskBlock(pdf, receipt.desk);

  pdf.heading('Vérifier ce récapitulatif');
  pdf.text(
    'Toute personne à qui vous présentez ce document peut vérifier qu’il a été délivré par le service des examens, en lisant le code QR ou en saisissant le code à l’adresse suivante :',
    { size: 9.5, after: 4 },
  );
  pdf.row('Adresse', receipt.verification.url);
  pdf.row('Code de vérification', receipt.verification.code);

  return pdf.save();
}

export async function renderDocumentList(list: DocumentList): Promise<Uint8Array> {
  const asOf = formatParisDateTime(list.asOf);
  const pdf = await PdfWriter.create({
    title: `Liste des pièces justificatives – inscription n° ${list.number}`,
    subject: `${list.examName} ${list.specialtyName} – ${list.sessionName}`,
    author: list.academyName,
    at: list.asOf,
    footer: `Liste des pièces justificatives – inscription n° ${list.number} – état au ${asOf}`,
  });
  pdf.text(list.academyName, { size: 11, bold: true, color: BLUE });
  pdf.text('Inscriptions aux examens', { size: 9, color: GREY, after: 10 });
  pdf.text('Liste des pièces justificatives', { size: 20, bold: true, after: 6 });
  pdf.row('Inscription', `n° ${list.number} (version ${list.version})`);
  pdf.row('Candidat', list.candidateName);
  pdf.row('Session', list.sessionName);
  pdf.row('Examen', list.examName);
  pdf.row('Spécialité', list.specialtyName);
  if (list.closesAt)
    pdf.row('Date limite de dépôt', `${formatParisDateTime(list.closesAt)} (heure de Paris)`);
  pdf.space(4);
  pdf.text(`État des pièces au ${asOf} (heure de Paris).`, { bold: true, after: 2 });
  pdf.text(
    'Déposez chaque pièce attendue dans « Mes justificatifs », puis cliquez sur « J’ai fourni toutes mes pièces ». Le pôle examine les pièces transmises : une pièce refusée peut être déposée à nouveau.',
    { size: 9, color: GREY },
  );

  pdf.heading('Pièces justificatives');
  if (list.documents.length === 0)
    pdf.text('Aucune pièce justificative n’est demandée pour cette inscription.');
  list.documents.forEach((d, i) => {
    pdf.ensure(60);
    pdf.text(`${i + 1}. ${d.label}`, { bold: true, after: 1 });
    pdf.row('Pourquoi', d.reason, 110);
    pdf.row('État', d.state, 110);
    if (d.refusalReason) pdf.row('Motif du refus', d.refusalReason, 110);
    if (d.waiverReason) pdf.row('Raison du pôle', d.waiverReason, 110);
    if (d.reopenedUntil)
      pdf.row(
        'Nouveau dépôt',
        `possible jusqu’au ${formatParisDateTime(d.reopenedUntil)} (heure de Paris)`,
        110,
      );
    pdf.space(4);
  });

  deskBlock(pdf, list.desk);
  return pdf.save();
}

export const pdfReceiptRenderer: ReceiptRenderer = {
  receipt: renderReceipt,
  documentList: renderDocumentList,
};
