/**
 * "1 contact", "875 contacts", "1,204 organizations": a count with its noun in the right number,
 * shared by every door and screen so no list says "1 contacts".
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** The noun alone, for sentences that place the number themselves. */
export function nounFor(count: number, singular: string, plural = `${singular}s`): string {
  return count === 1 ? singular : plural;
}
