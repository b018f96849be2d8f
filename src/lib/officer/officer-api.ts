/** The officer HTTP API (/api/officer/*), same origin, cookies included. */

/** Thrown when the request never got an answer (offline, server unreachable). */
export class OfflineError extends Error {}

export interface Answer<T> {
	status: number;
	body: T;
}

export async function officerCall<T = Record<string, unknown>>(
	method: 'GET' | 'POST',
	path: string,
	body?: unknown
): Promise<Answer<T>> {
	let response: Response;
	try {
		response = await fetch(`/api/officer/${path}`, {
			method,
			credentials: 'same-origin',
			cache: 'no-store',
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		throw new OfflineError((error as Error).message);
	}
	const text = await response.text();
	let parsed: unknown = null;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		// Not JSON (a proxy's error page): the status says enough.
	}
	return { status: response.status, body: parsed as T };
}

/** A file of a registration (passport image, attachment) as a blob; null when it cannot be had. */
export async function officerFile(registrationId: string, fileId: string): Promise<Blob | null> {
	try {
		const response = await fetch(
			`/api/officer/registrations/${encodeURIComponent(registrationId)}/files/${encodeURIComponent(fileId)}`,
			{ credentials: 'same-origin', cache: 'no-store' }
		);
		return response.ok ? await response.blob() : null;
	} catch {
		return null;
	}
}
