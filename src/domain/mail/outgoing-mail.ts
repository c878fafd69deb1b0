/** A mail as the outbox stores it: one recipient, a French subject, plain text and HTML. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}
