/** The dashboard's only way to the emulator: every call goes through api(), which marks it as the dashboard's. */

export interface ApiAnswer<T> {
  status: number;
  ok: boolean;
  /** The parsed body; null when it was empty or not JSON. */
  json: T | null;
  text: string;
}

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
  // The header marks the dashboard's own calls: the terminal log shows its reads at debug level only.
  const headers: Record<string, string> = { accept: 'application/json', 'x-mock-dashboard': '1' };
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json: T | null = null;
  try { json = text ? (JSON.parse(text) as T) : null; } catch { json = null; }
  return { status: response.status, ok: response.ok, json, text };
}

/** An answer built from data the page already has (the inlined first data). */
export const okAnswer = <T>(json: T): ApiAnswer<T> => ({ ok: true, status: 200, json, text: JSON.stringify(json) });

interface ErrorBody {
  message?: string;
  error_description?: string;
  error?: string;
}

export const errorText = (answer: ApiAnswer<unknown>): string => {
  const body = answer.json as ErrorBody | null;
  return (body && (body.message || body.error_description || body.error)) || ('HTTP ' + answer.status);
};
