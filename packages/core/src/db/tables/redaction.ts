/** One placeholder issued to an agent session (migration 0022, core/redaction). */
export interface RedactionPlaceholdersTable {
  sessionId: string;
  /** "[PERSON_3]" as the model sees it. */
  placeholder: string;
  kind: string;
  /** The normalized value ("person:jane doe", "phone:+14155550101"): one placeholder per value per session. */
  valueKey: string;
  /** The real value as first seen (JSON: a string, or a number for amounts). */
  valueJson: string;
  createdAt: string;
}
