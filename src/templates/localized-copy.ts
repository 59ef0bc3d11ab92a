/** A template's copy in one locale, as a translation gives it: a field null or missing falls back to the template's own. */
export interface LocalizedCopy {
  /** Canonical BCP 47 tag (`de-AT`). */
  readonly locale: string;
  readonly subjectTemplate?: string | null;
  readonly messageTemplate?: string | null;
  readonly htmlTemplate?: string | null;
  readonly smsTemplate?: string | null;
  readonly pushTitleTemplate?: string | null;
  readonly pushBodyTemplate?: string | null;
}

/** The canonical form of a BCP 47 tag (`de-at` → `de-AT`), or null when it is not one. */
export function canonicalLocale(tag: string | null | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The copy for `locale` by BCP 47 lookup, field by field: each copy field comes from the
 * whole tag's translation, else from the one with its last subtag dropped, and so on
 * (`de-AT` → `de`); a field none of them gives is left out (the template's own is used).
 * Undefined when no translation matches at all.
 */
export function translationFor(
  translations: readonly LocalizedCopy[] | undefined,
  locale: string | null | undefined,
): LocalizedCopy | undefined {
  const canonical = canonicalLocale(locale);
  if (!canonical || !translations?.length) return undefined;
  const byLocale = new Map(translations.map((translation) => [translation.locale.toLowerCase(), translation]));
  const subtags = canonical.toLowerCase().split('-');
  const chain: LocalizedCopy[] = [];
  for (let length = subtags.length; length > 0; length--) {
    const found = byLocale.get(subtags.slice(0, length).join('-'));
    if (found) chain.push(found);
  }
  const [closest] = chain;
  if (!closest) return undefined;
  const pick = (field: Exclude<keyof LocalizedCopy, 'locale'>) =>
    chain.find((translation) => translation[field] != null)?.[field] ?? null;
  return {
    locale: closest.locale,
    subjectTemplate: pick('subjectTemplate'),
    messageTemplate: pick('messageTemplate'),
    htmlTemplate: pick('htmlTemplate'),
    smsTemplate: pick('smsTemplate'),
    pushTitleTemplate: pick('pushTitleTemplate'),
    pushBodyTemplate: pick('pushBodyTemplate'),
  };
}
