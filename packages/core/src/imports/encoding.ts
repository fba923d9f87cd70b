import { Invalid } from '../kernel/errors.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** The file started with a byte-order mark (Excel's "CSV UTF-8" does). */
  bom: boolean;
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (curly quotes, €, dashes…). Node's TextDecoder
 * treats the label as Latin-1, so the 27 printable characters are mapped here (undefined bytes stay).
 */
const WINDOWS_1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const slice = bytes.subarray(start, start + 8192);
    out += Array.from(slice, (byte) => WINDOWS_1252_HIGH[byte] ?? String.fromCharCode(byte)).join('');
  }
  return out;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 without a BOM: text in the ASCII range puts a NUL in every other byte. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 2000));
  if (sample.length < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < sample.length; index += 1) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenNuls += 1;
    else oddNuls += 1;
  }
  const half = sample.length / 2;
  if (oddNuls > half * 0.6 && evenNuls < half * 0.05) return 'utf-16le';
  if (evenNuls > half * 0.6 && oddNuls < half * 0.05) return 'utf-16be';
  return null;
}

/**
 * Decode an uploaded file: a BOM decides (UTF-8, UTF-16 LE/BE), else UTF-16 by its NUL pattern, else
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel on Windows writes by default).
 * Bytes that are not text at all (images, zip files, executables) are refused.
 */
export function decodeUpload(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new Invalid('The file is empty');
  let decoded: DecodedText;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  else if (startsWith(bytes, [0xff, 0xfe])) decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  else if (startsWith(bytes, [0xfe, 0xff])) decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  else {
    const utf16 = guessUtf16(bytes);
    if (utf16) decoded = { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false };
    else {
      try {
        decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
      } catch {
        decoded = { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
      }
    }
  }
  refuseBinary(decoded.text);
  return decoded;
}

/** Control characters other than tab, CR and LF (and NUL anywhere) mean the file is not a text table. */
function refuseBinary(text: string): void {
  const sample = text.slice(0, 20_000);
  if (sample.trim() === '') throw new Invalid('The file has no rows: it is empty or only blank lines');
  let control = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if (code === 0) throw new Invalid('This does not look like a CSV or TSV file (it contains binary data)');
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd) control += 1;
  }
  if (control > Math.max(3, sample.length * 0.01)) throw new Invalid('This does not look like a CSV or TSV file (it contains binary data)');
}
