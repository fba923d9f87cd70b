/**
 * Text folding shared by the name normalizers: mojibake repair, accent removal and transliteration.
 * Precomputed tables and regexes only; these run for every record of a 10k scan.
 */

// Windows-1252 code points 0x80–0x9F that differ from Latin-1, mapped back to their byte.
const CP1252_BYTES = new Map<number, number>([
  [0x20ac, 0x80], [0x201a, 0x82], [0x0192, 0x83], [0x201e, 0x84], [0x2026, 0x85], [0x2020, 0x86], [0x2021, 0x87],
  [0x02c6, 0x88], [0x2030, 0x89], [0x0160, 0x8a], [0x2039, 0x8b], [0x0152, 0x8c], [0x017d, 0x8e], [0x2018, 0x91],
  [0x2019, 0x92], [0x201c, 0x93], [0x201d, 0x94], [0x2022, 0x95], [0x2013, 0x96], [0x2014, 0x97], [0x02dc, 0x98],
  [0x2122, 0x99], [0x0161, 0x9a], [0x203a, 0x9b], [0x0153, 0x9c], [0x017e, 0x9e], [0x0178, 0x9f],
]);
/** A UTF-8 lead byte read as Latin-1/1252 (Ã, Â, Å, Ä, …) followed by a continuation byte read the same way. */
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** "MÃ¼ller" → "Müller": text that was UTF-8 but decoded as Latin-1 / Windows-1252. Unchanged when not mojibake. */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const byte = code < 0x100 ? code : CP1252_BYTES.get(code);
    if (byte === undefined) return text;
    bytes[i] = byte;
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return text;
  }
}

// Letters NFD does not decompose, folded to their usual ASCII spelling.
const SPECIAL_LETTERS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
// German/Scandinavian transliteration: ü → ue rather than u.
const TRANSLITERATIONS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', å: 'aa', ø: 'oe' };
const SPECIAL = /[ßøæœłđðþı]/g;
const TRANSLITERABLE = /[äöüåø]/g;
const COMBINING = /[\u0300-\u036f]/g;

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, accents removed (ü → u, ø → o, ß → ss). */
export function foldAccents(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.toLowerCase().replace(SPECIAL, (c) => SPECIAL_LETTERS[c] ?? c).normalize('NFD').replace(COMBINING, '');
}

/** Lower-case, German/Scandinavian transliteration (ü → ue, å → aa), other accents removed. */
export function transliterate(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return foldAccents(text.toLowerCase().normalize('NFC').replace(TRANSLITERABLE, (c) => TRANSLITERATIONS[c] ?? c));
}

/** Both ASCII spellings of a word (one when it has no umlaut-like letters). */
export function asciiForms(text: string): string[] {
  if (ASCII.test(text)) return [text.toLowerCase()];
  const folded = foldAccents(text);
  const translit = transliterate(text);
  return folded === translit ? [folded] : [folded, translit];
}

/**
 * A bounded memo for pure string → value normalizers: real data repeats names and organizations, and a
 * 10k-record scan should not normalize "Harbor Capital, LLC" a thousand times. Cleared when full.
 */
export function memoize<T>(compute: (key: string) => T, limit = 50_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
