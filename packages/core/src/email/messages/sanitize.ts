import sanitizeHtml from 'sanitize-html';

/**
 * What captured HTML may keep when it is shown: sanitize-html's default tags (no script, style, iframe,
 * form or img), no event handlers or inline styles, links only to http(s) and mailto, opened apart from
 * the app. The pipeline sanitizes on the way in; reads sanitize again (defense in depth), so a row
 * written by an older pipeline or by hand never reaches the browser unsanitized.
 */
export const EMAIL_HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'img'),
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
};

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, EMAIL_HTML_OPTIONS);
}
