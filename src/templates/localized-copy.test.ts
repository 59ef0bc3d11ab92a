import { describe, expect, it } from 'vitest';
import { canonicalLocale, translationFor } from './localized-copy.js';

describe('translations by BCP 47 lookup', () => {
  const translations = [{ locale: 'de' }, { locale: 'de-AT' }, { locale: 'pt-BR' }];

  it('takes the whole tag, then drops subtags, else none', () => {
    expect(translationFor(translations, 'de-AT')?.locale).toBe('de-AT');
    expect(translationFor(translations, 'de-CH')?.locale).toBe('de');
    expect(translationFor(translations, 'de-Latn-AT')?.locale).toBe('de');
    expect(translationFor(translations, 'DE-at')?.locale).toBe('de-AT');
    expect(translationFor(translations, 'pt')).toBeUndefined();
    expect(translationFor(translations, 'fr')).toBeUndefined();
    expect(translationFor(translations, null)).toBeUndefined();
    expect(translationFor(translations, 'not a tag!')).toBeUndefined();
  });

  it('canonicalises tags and refuses what is not one', () => {
    expect(canonicalLocale('de-at')).toBe('de-AT');
    expect(canonicalLocale(' pt-br ')).toBe('pt-BR');
    expect(canonicalLocale('en_US')).toBeNull();
    expect(canonicalLocale('')).toBeNull();
  });
});
