import { createHash } from 'node:crypto';
import { EMAIL_DEFAULTS } from '@lpdesk/contracts';
import { simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { newId } from '../../kernel/ids.js';
import type { WriteScope } from '../../kernel/write.js';
import { lockIngest } from './lock.js';

// Whole messages → what is kept for a linked message: text, sanitized HTML, a snippet, attachments by hash.

export interface ParsedAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
}

export interface ParsedBody {
  bodyText: string;
  bodyHtml: string | null;
  snippet: string;
  attachments: ParsedAttachment[];
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'center'],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Remote images are trackers (they tell the sender the mail was opened): only inline parts and data URIs.
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  // script, style, iframe, form and the like go with their content (sanitize-html's default nonTextTags).
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  // An image whose source was not allowed is dropped whole rather than left as an empty <img>.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** The first 200 characters of the text, whitespace collapsed. */
export function snippetOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

export async function parseBody(source: Buffer): Promise<ParsedBody> {
  const parsed = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  const html = typeof parsed.html === 'string' && parsed.html.trim() !== '' ? parsed.html : null;
  // mailparser derives text from the HTML when the message has no text part.
  const bodyText = (parsed.text ?? '').trim();
  const attachments = parsed.attachments
    .filter((attachment) => attachment.contentDisposition !== 'inline' || attachment.filename)
    .map((attachment, index) => ({
      filename: attachment.filename?.trim() || `attachment-${index + 1}`,
      contentType: attachment.contentType || 'application/octet-stream',
      size: attachment.content.length,
      sha256: createHash('sha256').update(attachment.content).digest('hex'),
      content: attachment.content,
    }));
  return { bodyText, bodyHtml: html ? sanitizeEmailHtml(html) : null, snippet: snippetOf(bodyText), attachments };
}

/**
 * Keep the body of linked messages: text, HTML, snippet, attachments (bytes once per SHA-256, none over the
 * size limit). A message that lost its links meanwhile keeps nothing: the check is in this transaction.
 */
export async function storeBodies(
  scope: WriteScope,
  bodies: readonly { messageRowId: string; body: ParsedBody }[],
  limit: number = EMAIL_DEFAULTS.attachmentMaxBytes,
): Promise<number> {
  if (bodies.length === 0) return 0;
  await lockIngest(scope);
  const ids = [...new Set(bodies.map((b) => b.messageRowId))];
  const linked = new Set(
    (await scope.tx.selectFrom('emailLinks').select('messageRowId').distinct().where('messageRowId', 'in', ids).execute()).map((row) => row.messageRowId),
  );
  let stored = 0;
  for (const { messageRowId, body } of bodies) {
    if (!linked.has(messageRowId)) continue;
    await scope.tx
      .updateTable('emailMessages')
      .set({ bodyText: body.bodyText, bodyHtml: body.bodyHtml, snippet: body.snippet, hasBody: 1, needsBody: 0, updatedAt: scope.now })
      .where('id', '=', messageRowId)
      .execute();
    const previous = await scope.tx.selectFrom('emailAttachments').select('sha256').where('messageRowId', '=', messageRowId).execute();
    await scope.tx.deleteFrom('emailAttachments').where('messageRowId', '=', messageRowId).execute();
    for (const [position, attachment] of body.attachments.entries()) {
      const keep = attachment.size <= limit;
      if (keep) {
        await scope.tx
          .insertInto('emailBlobs')
          .values({ sha256: attachment.sha256, size: attachment.size, content: attachment.content, createdAt: scope.now })
          .onConflict((conflict) => conflict.column('sha256').doNothing())
          .execute();
      }
      await scope.tx
        .insertInto('emailAttachments')
        .values({ id: newId(), messageRowId, filename: attachment.filename.slice(0, 500), contentType: attachment.contentType, size: attachment.size, sha256: attachment.sha256, stored: keep ? 1 : 0, position })
        .execute();
    }
    await pruneBlobs(scope, previous.map((row) => row.sha256));
    stored += 1;
  }
  return stored;
}

/** Drop the body and attachments of messages that are no longer linked, and blobs no attachment needs any more. */
export async function dropBodies(scope: WriteScope, messageRowIds: readonly string[]): Promise<void> {
  if (messageRowIds.length === 0) return;
  const hashes = (await scope.tx.selectFrom('emailAttachments').select('sha256').distinct().where('messageRowId', 'in', messageRowIds).execute()).map((row) => row.sha256);
  await scope.tx.deleteFrom('emailAttachments').where('messageRowId', 'in', messageRowIds).execute();
  await scope.tx
    .updateTable('emailMessages')
    .set({ bodyText: null, bodyHtml: null, snippet: '', hasBody: 0, needsBody: 0, updatedAt: scope.now })
    .where('id', 'in', messageRowIds)
    .execute();
  await pruneBlobs(scope, hashes);
}

/** Remove blobs of these hashes that no kept attachment (stored = 1) refers to any more. */
async function pruneBlobs(scope: WriteScope, hashes: readonly string[]): Promise<void> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return;
  const stillUsed = new Set(
    (await scope.tx.selectFrom('emailAttachments').select('sha256').distinct().where('sha256', 'in', unique).where('stored', '=', 1).execute()).map((row) => row.sha256),
  );
  const orphans = unique.filter((hash) => !stillUsed.has(hash));
  if (orphans.length > 0) await scope.tx.deleteFrom('emailBlobs').where('sha256', 'in', orphans).execute();
}
