/** The accounts HTTP API (/api/accounts/*), same origin, cookies included. */

export interface ServerSession {
	userId: string;
	sessionId: string;
	role: 'traveller' | 'officer';
	confirmed: boolean;
	email: string;
	givenNames: string;
	surnames: string;
	/** A locale tag of src/lib/i18n/locales.ts (validated by the server). */
	language: string;
	remember: boolean;
	expiresAt: number;
}

/** Thrown when the request never got an answer (offline, server unreachable). */
export class NetworkError extends Error {}

export interface ApiAnswer<T = unknown> {
	status: number;
	body: T;
}

export async function call<T = Record<string, unknown>>(
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	body?: unknown
): Promise<ApiAnswer<T>> {
	let response: Response;
	try {
		response = await fetch(`/api/accounts/${path}`, {
			method,
			credentials: 'same-origin',
			cache: 'no-store',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		throw new NetworkError((error as Error).message);
	}
	// The service worker answers offline navigations, never API calls: a 5xx here is the server's own.
	const text = await response.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// Not JSON (a proxy's error page): the status says enough.
	}
	return { status: response.status, body: parsed as T };
}
