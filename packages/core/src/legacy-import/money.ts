/** Legacy amounts are dollars: REAL in the classic tables, whatever was typed in the grid's cells. */
export type ParsedMoney = { ok: true; minor: number | null } | { ok: false; raw: string };

const SUFFIX: Record<string, number> = { k: 1_000, m: 1_000_000, mm: 1_000_000, b: 1_000_000_000, bn: 1_000_000_000 };

// Commas only as thousands separators: "1,5M" (a decimal comma?) is ambiguous, so it is reported, not guessed.
const AMOUNT = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(k|mm|m|bn|b)?$/;

/** `1500000`, `$1,500,000.00`, `1.5M`, `750k`, `USD 2mm` → cents; blank → null; anything else is unparseable. */
export function parseLegacyMoney(value: unknown): ParsedMoney {
  if (value === null || value === undefined) return { ok: true, minor: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, minor: Math.round(value * 100) } : { ok: false, raw: String(value) };
  const raw = String(value).trim();
  if (raw === '' || raw === '-') return { ok: true, minor: null };
  const cleaned = raw
    .replace(/^(usd|us\$|\$)\s*/i, '')
    .replace(/\s*usd$/i, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  const match = AMOUNT.exec(cleaned);
  if (!match) return { ok: false, raw };
  const multiplier = match[2] ? (SUFFIX[match[2]] ?? 1) : 1;
  return { ok: true, minor: Math.round(Number((match[1] as string).replaceAll(',', '')) * multiplier * 100) };
}
