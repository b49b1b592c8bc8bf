/**
 * Money helpers: integer minor units, ISO 4217 exponents and parsing of the
 * amounts shops print ("1.234,56 €", "$1,234.56", "CHF 1'234.50",
 * "1 234,56 €") or put into JSON (12.5, "12.50").
 *
 * Amounts are never multiplied as floats: numbers are turned into their
 * shortest decimal string and the digit string is shifted by the exponent.
 */
export {
  type AmountHint,
  type AmountLocale,
  formatMoney,
  type MoneyResult,
  toMinor,
} from './amount';
export {
  currencyExponent,
  currencySymbols,
  isCurrencyCode,
  MAX_MAJOR_UNITS,
  normaliseCurrency,
} from './currency';
export { localeFromLang, moneyFrom, parseAmount } from './parse';
