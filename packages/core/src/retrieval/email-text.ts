import EmailReplyParser from 'email-reply-parser';

/**
 * The part of an email body worth indexing: the reply itself, without the quoted earlier messages and
 * the signature (email-reply-parser). Answers the region's offsets in the original body so chunks point
 * into what the message view shows; falls back to the whole body when the visible text cannot be located.
 */
export function visibleRegion(body: string): { start: number; end: number } {
  if (body.trim() === '') return { start: 0, end: 0 };
  let visible: string;
  try {
    visible = new EmailReplyParser().read(body.replace(/\r\n/g, '\n')).getVisibleText().trim();
  } catch {
    return { start: 0, end: body.length };
  }
  if (visible === '') return { start: 0, end: 0 };
  const normalized = body.replace(/\r\n/g, '\n');
  const at = normalized.indexOf(visible);
  if (at < 0) return { start: 0, end: body.length };
  if (normalized.length === body.length) return { start: at, end: at + visible.length };
  // Map offsets in the \n-normalized text back to the \r\n original.
  const map = (offset: number) => {
    let crlfBefore = 0;
    for (let i = body.indexOf('\r\n'); i >= 0 && i - crlfBefore < offset; i = body.indexOf('\r\n', i + 2)) crlfBefore += 1;
    return offset + crlfBefore;
  };
  return { start: map(at), end: map(at + visible.length) };
}
