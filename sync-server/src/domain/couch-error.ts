/** An error answered in CouchDB's `{error, reason}` shape with its HTTP status. */
export class CouchError extends Error {
	constructor(
		readonly status: number,
		readonly error: string,
		readonly reason: string
	) {
		super(`${error}: ${reason}`);
	}

	toJSON(): { error: string; reason: string } {
		return { error: this.error, reason: this.reason };
	}
}

export const badRequest = (reason: string) => new CouchError(400, 'bad_request', reason);
export const notFound = (reason = 'missing') => new CouchError(404, 'not_found', reason);
export const conflict = () => new CouchError(409, 'conflict', 'Document update conflict.');
export const forbidden = (reason: string) => new CouchError(403, 'forbidden', reason);
export const unauthorized = (reason = 'You are not signed in.') =>
	new CouchError(401, 'unauthorized', reason);
