import { parsePhone } from '../identity/normalize/phones.js';
import type { CoreContext } from '../kernel/context.js';
import { detect } from './detect.js';
import { currentDictionary, type NameDictionary, organizationKey, personKey, wordTokens } from './dictionary.js';
import { PLACEHOLDER_PATTERN, type PlaceholderKind, RedactionError, isWholePlaceholder } from './placeholders.js';
import { SessionMap } from './session-map.js';

/**
 * What an agent's tools pass every value through. `redact` on the way to the model, `unredact` on the way
 * back in (tool arguments), `rehydrate` for the model's answer shown to a person.
 */
export interface Redactor {
  /** A deep copy of a JSON-like value with PII replaced by this session's placeholders. */
  redact<T>(value: T): Promise<T>;
  /** Placeholders anywhere in a tool's input → the real values; a placeholder this session never issued → RedactionError. */
  unredact<T>(value: T): Promise<T>;
  /** Placeholders in a model's answer → the real values (unknown ones are left as they are). */
  rehydrate(text: string): Promise<string>;
}

export interface RedactorOptions {
  /** The agent session (MCP session id): placeholders are stable within it and meaningless outside it. */
  sessionId: string;
  /** Also replace money amounts ([AMOUNT_n]). */
  amounts: boolean;
}

/** For API keys with redaction off: values pass unchanged. */
export const noRedaction: Redactor = {
  redact: async (value) => value,
  unredact: async (value) => value,
  rehydrate: async (text) => text,
};

export async function openRedactor(core: CoreContext, options: RedactorOptions): Promise<Redactor> {
  const session = new SessionMap(core, options.sessionId);
  await session.load();
  return new SessionRedactor(core, session, options.amounts);
}

// Keys whose values are never PII: ids, dates, vocabularies.
const SKIP_KEY =
  /^(id|ids|version|stage|kind|status|type|role|currency|door|action|entity|entityType|direction|priority|mode|citation|score|rank|k|limit|offset|total|count|dryRun|idempotencyKey)$|(Id|Ids|At|On|Date|Type|Kind|Status|Stage|Count)$/;
const PERSON_KEY =
  /^(firstName|lastName|middleName|fullName|authorName|contactName|personName|ownerName|createdByName|updatedByName|assigneeName|fromName|toName|senderName)$/;
const EMAIL_KEY = /^(email|emails|emailNormalized|emailAddress|primaryEmail)$/;
const PHONE_KEY = /^(phone|phones|phoneE164|e164|mobile|phoneNumber|primaryPhone|fax)$/;
const ORG_KEY = /^(organizationName|company|employer|orgName|firmName|investorName|primaryOrganizationName|organizationSortName)$/;
const ACCOUNT_KEY = /^(iban|accountNumber|bankAccount)$/;
const AMOUNT_KEY = /^(amount|total)$|(Amount|Amounts|Minor|Total)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

class SessionRedactor implements Redactor {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly core: CoreContext,
    private readonly session: SessionMap,
    private readonly amounts: boolean,
  ) {}

  /** One operation at a time per session: the numbering is decided in memory, then saved. */
  private exclusive<R>(run: () => Promise<R>): Promise<R> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  redact<T>(value: T): Promise<T> {
    return this.exclusive(async () => {
      const dictionary = await currentDictionary(this.core);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const copy = this.redactValue(value, undefined, dictionary) as T;
        if (await this.session.commit()) return copy;
        await this.session.load();
      }
      throw new Error(`Could not issue placeholders for session ${this.session.sessionId}: too many concurrent writers`);
    });
  }

  unredact<T>(value: T): Promise<T> {
    return this.exclusive(async () => {
      if (this.unknownIn(value).length > 0) await this.session.load();
      const unknown = this.unknownIn(value);
      if (unknown.length > 0) throw new RedactionError([...new Set(unknown)]);
      return this.mapStrings(value, (text) => {
        if (isWholePlaceholder(text)) return this.session.lookup(text)?.value;
        return text.replace(PLACEHOLDER_PATTERN, (placeholder) => String(this.session.lookup(placeholder)?.value ?? placeholder));
      }) as T;
    });
  }

  rehydrate(text: string): Promise<string> {
    return this.exclusive(async () => {
      if (this.unknownIn(text).length > 0) await this.session.load();
      return text.replace(PLACEHOLDER_PATTERN, (placeholder) => {
        const issued = this.session.lookup(placeholder);
        return issued === undefined ? placeholder : String(issued.value);
      });
    });
  }

  private unknownIn(value: unknown): string[] {
    const unknown: string[] = [];
    this.mapStrings(value, (text) => {
      for (const match of text.matchAll(PLACEHOLDER_PATTERN)) if (!this.session.lookup(match[0])) unknown.push(match[0]);
      return text;
    });
    return unknown;
  }

  private mapStrings(value: unknown, map: (text: string) => unknown): unknown {
    if (typeof value === 'string') return map(value);
    if (Array.isArray(value)) return value.map((item) => this.mapStrings(item, map));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.mapStrings(item, map)]));
    return value;
  }

  private redactValue(value: unknown, key: string | undefined, dictionary: NameDictionary): unknown {
    if (typeof value === 'string') return this.redactString(value, key, dictionary);
    if (typeof value === 'number') {
      if (this.amounts && key !== undefined && AMOUNT_KEY.test(key) && Number.isFinite(value))
        return this.session.placeholderFor('AMOUNT', `amount:${value}`, value);
      return value;
    }
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item, key, dictionary));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, this.redactValue(item, name, dictionary)]));
    return value;
  }

  private redactString(text: string, key: string | undefined, dictionary: NameDictionary): string {
    if (text.trim() === '' || UUID.test(text) || ISO_DATE.test(text) || isWholePlaceholder(text)) return text;
    if (key !== undefined) {
      if (SKIP_KEY.test(key)) return text;
      const whole = this.wholeField(text, key);
      if (whole) return this.session.placeholderFor(whole.kind, whole.key, text);
    }
    const findings = detect(text, dictionary, { amounts: this.amounts, defaultRegion: this.core.settings.defaultPhoneRegion });
    if (findings.length === 0) return text;
    let out = '';
    let from = 0;
    for (const finding of findings) {
      out += text.slice(from, finding.start) + this.session.placeholderFor(finding.kind, finding.key, finding.value);
      from = finding.end;
    }
    return out + text.slice(from);
  }

  /** A field that is PII as a whole (a first name, an email field): replaced whatever it holds. */
  private wholeField(text: string, key: string): { kind: PlaceholderKind; key: string } | null {
    if (PERSON_KEY.test(key)) {
      const tokens = wordTokens(text);
      return tokens.length > 0 ? { kind: 'PERSON', key: personKey(tokens) } : null;
    }
    if (EMAIL_KEY.test(key)) return { kind: 'EMAIL', key: `email:${text.trim().toLowerCase()}` };
    if (PHONE_KEY.test(key)) {
      const parsed = parsePhone(text, this.core.settings.defaultPhoneRegion);
      return { kind: 'PHONE', key: parsed ? `phone:${parsed.e164}` : `phone:${text.replace(/\D/g, '')}` };
    }
    if (ORG_KEY.test(key)) return { kind: 'ORG', key: organizationKey(text) };
    if (ACCOUNT_KEY.test(key)) return { kind: 'ACCOUNT', key: `account:${text.replace(/[\s-]/g, '').toUpperCase()}` };
    if (this.amounts && AMOUNT_KEY.test(key)) return { kind: 'AMOUNT', key: `amount:${text.trim().toLowerCase()}` };
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
