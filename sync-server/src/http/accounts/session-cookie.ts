import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure (and the __Host- prefix, which the browser
 * enforces) when the public URL is https. Remembered devices get a persistent cookie; others a browser
 * session cookie. The server-side expiry is what counts either way.
 */
export function cookieName(https: boolean): string {
	return https ? '__Host-arribo_session' : 'arribo_session';
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
	const header = request.headers.cookie;
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const index = part.indexOf('=');
		if (index < 0) continue;
		if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
	}
	return undefined;
}

export function setSessionCookie(
	reply: FastifyReply,
	https: boolean,
	token: string,
	maxAgeSeconds: number | null
): void {
	const attributes = [`${cookieName(https)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
	if (https) attributes.push('Secure');
	if (maxAgeSeconds !== null) attributes.push(`Max-Age=${Math.floor(maxAgeSeconds)}`);
	reply.header('Set-Cookie', attributes.join('; '));
}

export function clearSessionCookie(reply: FastifyReply, https: boolean): void {
	const attributes = [`${cookieName(https)}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
	if (https) attributes.push('Secure');
	reply.header('Set-Cookie', attributes.join('; '));
}
