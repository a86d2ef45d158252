// One small HTTP client for the apps under test: JSON in, JSON (or text) out, optional headers (API keys).
export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the endpoint returns
  body: any;
}

export type JsonCall = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiAnswer>;

export function jsonClient(baseUrl: string): JsonCall {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text === '' ? undefined : text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // HTML, XML and CSV answers stay text
    }
    return { status: response.status, body: parsed };
  };
}
