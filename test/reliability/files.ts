/** The files the reliability tests' virtual candidates upload: small, a PDF and a JPEG. */
import type { UploadFile } from '../../bench/lib/files.js';
import { makeJpeg, makePdf } from '../support/files.js';

export async function journeyFiles(): Promise<UploadFile[]> {
  return [
    { name: 'carte-identite.pdf', type: 'application/pdf', bytes: await makePdf() },
    { name: 'certificat-jdc.jpg', type: 'image/jpeg', bytes: makeJpeg() },
    { name: 'attestation.pdf', type: 'application/pdf', bytes: await makePdf('Attestation') },
  ];
}
