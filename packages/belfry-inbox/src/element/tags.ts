/** The `tags` attribute: comma-separated, trimmed, empty entries dropped; undefined when none is left. */
export function parseTags(attribute: string | null | undefined): string[] | undefined {
  const tags = (attribute ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return tags.length ? tags : undefined;
}
