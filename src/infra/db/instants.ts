/** Instants cross the database boundary as ISO-8601 UTC text; these convert both ways. */
export function toDb(instant: Date): string {
  return instant.toISOString();
}

export function fromDb(text: string): Date {
  return new Date(text);
}

export function fromDbNullable(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
