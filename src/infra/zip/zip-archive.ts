/**
 * Writes an archive's entries as a ZIP file, streamed (yazl): the response starts at once and
 * holds one stored file open at a time, whatever the number and size of the files. A file
 * whose size differs from the one recorded stops the archive with an error rather than
 * sending something else than what the rows describe.
 */
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ArchiveEntry } from '../../domain/personal-data/ports.js';

export function zipArchive(entries: readonly ArchiveEntry[]): Readable {
  const zip = new ZipFile();
  for (const entry of entries) {
    const options = { mtime: entry.mtime, compress: entry.compress };
    const content = entry.content;
    if (Buffer.isBuffer(content)) {
      zip.addBuffer(content, entry.path, options);
      continue;
    }
    zip.addReadStreamLazy(entry.path, { ...options, size: content.size }, (done) => {
      content.open().then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, Readable.from([])),
      );
    });
  }
  zip.end();
  const output = Readable.from(zip.outputStream);
  // yazl reports a failed entry on the ZipFile, not on its output: end the output with it.
  zip.on('error', (error: Error) => output.destroy(error));
  return output;
}
