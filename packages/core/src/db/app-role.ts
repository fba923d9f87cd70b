const ROLE_NAME = /^[a-z_][a-z0-9_$]{0,62}$/i;

/** `SET ROLE` for a configured role name (validated: it goes into SQL text, not a parameter). */
export function setRoleStatement(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a valid PostgreSQL role name`);
  return `SET ROLE "${role}"`;
}
