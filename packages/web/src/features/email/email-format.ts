import type { EmailAddressView, EmailLinkView, EmailSyncRunView, EmailThreadView } from '@lpdesk/contracts';

// Pure display rules for captured email, kept out of the components so they are tested on their own.

/** "exact email", "domain 60 %", "manual": how a link came to be, as the chips show it. */
export function matchLabel(link: Pick<EmailLinkView, 'matchKind' | 'confidence'>): string {
  if (link.matchKind === 'manual') return 'manual';
  if (link.matchKind === 'exact_email') return 'exact email';
  return `domain ${Math.round(link.confidence * 100)} %`;
}

/** A name when the message gave one, else the address. */
export function addressLabel(address: EmailAddressView | null): string {
  if (!address) return 'unknown sender';
  return address.name?.trim() || address.address;
}

/** `Jane Doe <jane@x.example>` for the header lines, where the address matters. */
export function addressFull(address: EmailAddressView): string {
  const name = address.name?.trim();
  return name && name.toLowerCase() !== address.address.toLowerCase() ? `${name} <${address.address}>` : address.address;
}

/** Everyone who wrote or was written to in a thread, senders first, each address once. */
export function threadParticipants(thread: Pick<EmailThreadView, 'messages'>, max = 4): { names: string[]; more: number } {
  const seen = new Map<string, string>();
  const add = (address: EmailAddressView | null) => {
    if (!address) return;
    const key = address.address.toLowerCase();
    if (!seen.has(key)) seen.set(key, addressLabel(address));
  };
  for (const message of thread.messages) add(message.from);
  for (const message of thread.messages) for (const address of [...message.to, ...message.cc]) add(address);
  const names = [...seen.values()];
  return { names: names.slice(0, max), more: Math.max(0, names.length - max) };
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 || value >= 10 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** The counts of a run on one line: "12 fetched · 10 stored · 4 matched · 2 duplicates · 0 errors". */
export function runCounts(run: Pick<EmailSyncRunView, 'fetched' | 'stored' | 'matched' | 'duplicates' | 'errors'>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 || word.endsWith('ed') ? '' : 's'}`;
  return [
    plural(run.fetched, 'fetched'),
    plural(run.stored, 'stored'),
    plural(run.matched, 'matched'),
    plural(run.duplicates, 'duplicate'),
    plural(run.errors, 'error'),
  ].join(' · ');
}

/** A run that failed, or finished with errors, shows red. */
export function runHasProblems(run: Pick<EmailSyncRunView, 'status' | 'errors'>): boolean {
  return run.status === 'failed' || run.errors > 0;
}

/** Links of a thread worth a chip: one per record, the strongest way it matched. */
export function distinctLinks(links: EmailLinkView[]): EmailLinkView[] {
  const best = new Map<string, EmailLinkView>();
  for (const link of links) {
    const key = `${link.entityType}:${link.entityId}`;
    const current = best.get(key);
    if (!current || rank(link) > rank(current)) best.set(key, link);
  }
  return [...best.values()].sort((a, b) => rank(b) - rank(a) || a.label.localeCompare(b.label));
}

function rank(link: EmailLinkView): number {
  return link.matchKind === 'manual' ? 3 : link.confidence + (link.matchKind === 'exact_email' ? 1 : 0);
}

/**
 * Frames an already sanitized HTML body as a document for a sandboxed iframe: its own content security
 * policy (nothing loads but inline images and styles, nothing runs), links open in a new tab, and a light
 * page whatever the app's theme, because mail is written for white paper.
 */
export function emailFrameDocument(html: string): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<base target="_blank">',
    `<style>${FRAME_CSS}</style>`,
    `</head><body>${html}</body></html>`,
  ].join('');
}

/** The page of the frame; the measurement of its height (email-body-frame.tsx) applies the same to its wrapper. */
export const FRAME_BODY_CSS =
  'margin:0;padding:12px;background:#fff;color:#1f2328;overflow-wrap:anywhere;' +
  'font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';
/** Rules for the mail's own elements, shared by the frame and the measurement so the two lay out alike. */
export const FRAME_CONTENT_CSS =
  // Only inline images load (the frame's policy); others would show as broken icons.
  'img{max-width:100%;height:auto}img:not([src^="data:"]){display:none}table{max-width:100%;border-collapse:collapse}pre{white-space:pre-wrap}' +
  'blockquote{margin:0 0 0 8px;padding-left:8px;border-left:3px solid #d0d7de;color:#57606a}p{margin:0 0 10px}';
const FRAME_CSS = `html{margin:0;background:#fff}body{${FRAME_BODY_CSS}}${FRAME_CONTENT_CSS}`;
