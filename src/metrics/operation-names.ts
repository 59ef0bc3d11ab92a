/** Distinct operation names kept as labels; later new names count as `other`, so a client cannot grow the label set without bound. */
const MAX_NAMES = 200;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Turns client-chosen operation names into bounded metric labels: `anonymous` for unnamed
 * operations, `invalid` for names GraphQL would not accept, the name itself for the first
 * {@link MAX_NAMES} distinct ones, `other` after that.
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!VALID_NAME.test(name)) return 'invalid';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_NAMES) return 'other';
    this.seen.add(name);
    return name;
  }
}
