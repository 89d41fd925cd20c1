/**
 * Countries as ISO 3166-1 alpha-2 codes, named in any language by the runtime's own CLDR data
 * (Intl.DisplayNames), so no country list has to be translated by hand.
 */
const namesIn = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string): Intl.DisplayNames {
  let names = namesIn.get(locale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'none' });
    } catch {
      // Not a language tag at all: English names rather than an error.
      names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    }
    namesIn.set(locale, names);
  }
  return names;
}

/** Codes CLDR names that are not countries a person holds: macro-regions, reserved and withdrawn codes. */
const NOT_COUNTRIES = new Set(['AC', 'AN', 'BU', 'CP', 'CS', 'DD', 'DG', 'EA', 'EU', 'EZ', 'FX', 'IC', 'NT', 'QO', 'SU', 'TA', 'TP', 'UN', 'XA', 'XB', 'YD', 'YU', 'ZR', 'ZZ']);

/** True for a current ISO 3166-1 alpha-2 code (plus XK, Kosovo) that CLDR can name. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && displayNames('en').of(code) !== undefined;
}

export function countryName(code: string, locale: string): string {
  return (isCountryCode(code) && displayNames(locale).of(code)) || code;
}

/** Every assigned country code, for pickers. */
export const COUNTRY_CODES: readonly string[] = (() => {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    if (isCountryCode(code)) codes.push(code);
  }
  return codes;
})();
