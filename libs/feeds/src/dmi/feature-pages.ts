// Walks DMI's OGC Features paging: follow links[rel=next] until a short or empty page or no next link.
import { DmiHttp } from './dmi-http';
import { malformed, readFeatureCollection } from './response-validation';

export interface DmiFeaturePage<F> {
  features: F[];
  numberReturned: number;
  /** When DMI generated this page. */
  timeStamp: string;
}

/**
 * Yields every non-empty page. Stops on numberReturned 0, on numberReturned below `limit` (DMI's documented
 * end-of-data signal; it sends a next link whenever a page is full), or when no next link is given.
 */
export async function* fetchFeaturePages<F>(
  http: DmiHttp,
  firstUrl: string,
  limit: number,
  checkFeature: (value: unknown) => string | null,
): AsyncGenerator<DmiFeaturePage<F>, void, undefined> {
  const visited = new Set<string>();
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    visited.add(url);
    const response = await http.getJson(url);
    const page = readFeatureCollection<F>(response, checkFeature);
    if (page.numberReturned === 0 || page.features.length === 0) return;
    yield { features: page.features, numberReturned: page.numberReturned, timeStamp: page.timeStamp };
    if (page.numberReturned < limit) return;
    const next = page.links.find((link) => link.rel === 'next');
    if (!next) return;
    url = new URL(next.href, response.url).href; // DMI sends absolute links; relative ones are resolved anyway
    if (visited.has(url)) throw malformed(response, `next link repeats an earlier page: ${url}`);
  }
}
