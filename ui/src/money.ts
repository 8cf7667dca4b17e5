// Amounts are integer minor units everywhere; text is parsed and printed without floating point.

function fractionDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 usd -> "$1,234.56". */
export function formatAmount(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const part = digits === 0 ? '' : '.' + String(abs % scale).padStart(digits, '0');
  // Format only the integer part through Intl (grouping, symbol), then append the exact fraction.
  const formatted = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 })
    .format(whole);
  return (negative ? '-' : '') + formatted + part;
}

/** "12.5" -> 1250 for usd; null when the text is not an amount with at most the currency's decimals. */
export function parseAmount(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[2] ?? '').length > digits) {
    return null;
  }
  const minor = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}
