/**
 * Text folded for matching (lower case, no accents: "Müller" → "muller", "Æsir" → "aesir") with, for every
 * folded position, the position it came from in the original, so a match found in the folded text is
 * replaced in the original. ASCII text (the usual case) takes the fast path: the same positions.
 */
export interface FoldedText {
  folded: string;
  /** origin[i] = index in the original of folded[i]; origin[folded.length] = original length. */
  origin: Int32Array | null;
}

const ASCII = /^[ -~\t\n\r]*$/;
const COMBINING = /\p{M}+/gu;
const SPECIAL: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', '’': "'" };

export function foldChar(char: string): string {
  const lower = char.toLowerCase();
  return SPECIAL[lower] ?? lower.normalize('NFD').replace(COMBINING, '');
}

/** Folds a dictionary word the same way the text is folded. */
export function foldWord(text: string): string {
  return ASCII.test(text) ? text.toLowerCase() : Array.from(text, foldChar).join('');
}

export function foldText(text: string): FoldedText {
  if (ASCII.test(text)) return { folded: text.toLowerCase(), origin: null };
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    folded += piece;
    for (let i = 0; i < piece.length; i += 1) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { folded, origin: Int32Array.from(origin) };
}

/** The original span [start, end) of a folded span (a folded span that ends inside "ß" → "ss" takes the whole "ß"). */
export function originalSpan(text: FoldedText, start: number, end: number): [number, number] {
  const origin = text.origin;
  if (!origin) return [start, end];
  const last = origin[end - 1] as number;
  let next = end;
  while (next < origin.length - 1 && origin[next] === last) next += 1;
  return [origin[start] as number, origin[next] as number];
}
