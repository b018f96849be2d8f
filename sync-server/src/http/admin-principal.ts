import { timingSafeEqual, createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { PrincipalResolver } from './principal.js';

/** Equal-length digests compared in constant time, so neither length nor content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/**
 * The server admin, as CouchDB's: HTTP basic auth with ADMIN_USER/ADMIN_PASSWORD. Exists only when an
 * operator configured it; with no admin configured this resolver is not installed at all.
 */
export function adminPrincipalResolver(admin: NonNullable<Config['admin']>): PrincipalResolver {
	return async (request) => {
		const header = request.headers.authorization;
		if (typeof header !== 'string' || !/^basic /i.test(header)) return null;
		let decoded: string;
		try {
			decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
		} catch {
			return null;
		}
		const colon = decoded.indexOf(':');
		if (colon < 0) return null;
		const userOk = sameSecret(decoded.slice(0, colon), admin.user);
		const passwordOk = sameSecret(decoded.slice(colon + 1), admin.password);
		return userOk && passwordOk ? { role: 'admin', userId: 'admin' } : null;
	};
}

/** The resolvers main.ts installs from configuration. */
export function configuredResolvers(config: Config): PrincipalResolver[] {
	return config.admin ? [adminPrincipalResolver(config.admin)] : [];
}
