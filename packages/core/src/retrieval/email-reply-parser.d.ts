// email-reply-parser 1.9 ships CommonJS without types; only what core/retrieval/email-text.ts uses.
declare module 'email-reply-parser' {
  interface ParsedEmail {
    /** The reply itself: fragments that are neither quoted, nor a signature, nor hidden. */
    getVisibleText(): string;
    getQuotedText(): string;
  }
  export default class EmailReplyParser {
    read(text: string): ParsedEmail;
    parseReply(text: string): string;
  }
}
