/** Sizes as the pages say them, in French binary units: « 10 Mo », « 1,5 Mo », « 820 Ko ». */

const UNITS = [
  { size: 1024 * 1024 * 1024, name: 'Go' },
  { size: 1024 * 1024, name: 'Mo' },
  { size: 1024, name: 'Ko' },
] as const;

export function formatSize(bytes: number): string {
  for (const unit of UNITS) {
    if (bytes >= unit.size) {
      const value = Math.round((bytes / unit.size) * 10) / 10;
      return `${value.toLocaleString('fr-FR')} ${unit.name}`;
    }
  }
  return `${bytes} octet${bytes > 1 ? 's' : ''}`;
}
