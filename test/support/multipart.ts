/** A multipart/form-data body written by hand, in the order a browser sends a form's fields. */
export type FormPart =
  { name: string; value: string } | { name: string; filename: string; data: Buffer; type?: string };

export const MULTIPART_BOUNDARY = '----candidat-form-boundary-Qx81Zr';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;

export function multipartBody(parts: readonly FormPart[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if ('value' in part) {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `${head}; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'application/pdf'}\r\n\r\n`,
        ),
        part.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${MULTIPART_BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}
