// Builds DMI request URLs; values are percent-encoded one by one so spaces become %20, not '+'.

/** Query parameters in the order given; undefined values are left out. */
export function dmiUrl(
  baseUrl: string,
  path: string,
  query: Record<string, string | number | undefined>,
): string {
  const pairs = Object.entries(query)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeQueryValue(String(value))}`);
  return `${baseUrl}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/**
 * encodeURIComponent, but keeps the characters DMI's own examples leave bare (`,` in bbox and sortorder,
 * `:` and `/` in datetime intervals, parentheses in POINT(...)); all are legal in a query string.
 */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
}

/** EDR/Features datetime: an instant, `A/B`, `A/..` or `../B`; undefined when neither end is given. */
export function datetimeInterval(from?: string, to?: string): string | undefined {
  if (from === undefined && to === undefined) return undefined;
  return `${from ?? '..'}/${to ?? '..'}`;
}
