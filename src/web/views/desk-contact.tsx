/**
 * A pôle's contacts, as the notice gives them: its name, phones and email. Shown wherever a
 * candidate is told to contact the pôle that handles their exam, so they need not look it up.
 */
import type { VNode } from 'preact';
import type { Desk } from '../../domain/desks/desk.js';

export function DeskContact({
  desks,
  code,
}: {
  desks: readonly Desk[];
  code: string | undefined;
}): VNode | null {
  const desk = desks.find((d) => d.code === code);
  if (!desk) return null;
  return (
    <>
      <strong>{desk.name}</strong> : {desk.phones.map((phone) => `${phone} / `)}
      <a href={`mailto:${desk.email}`}>{desk.email}</a>
    </>
  );
}
