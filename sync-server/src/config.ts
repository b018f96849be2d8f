import path from 'node:path';

/** Everything the server reads from the environment, parsed and validated once at start-up. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** Where the built PWA lives; the server serves it on the same origin as the API. */
	appDir: string;
	/** The origin users reach us at; https turns on HSTS and Secure cookies. */
	publicUrl: URL;
	/** PostgreSQL for production; absent means the embedded SQLite store in dataDir. */
	databaseUrl: string | undefined;
	smtpUrl: string | undefined;
	admin: { user: string; password: string } | undefined;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const;

function parsePort(raw: string | undefined): number {
	if (raw === undefined || raw === '') return 8080;
	const port = Number(raw);
	// 0 asks the OS for a free port, which the tests rely on.
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
	}
	return port;
}

function parseUrl(name: string, raw: string): URL {
	try {
		return new URL(raw);
	} catch {
		throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
	}
}

function parseAdmin(env: NodeJS.ProcessEnv): Config['admin'] {
	const user = env.ADMIN_USER;
	const password = env.ADMIN_PASSWORD;
	if (!user && !password) return undefined; // no server admin unless an operator asks for one
	if (!user || !password) throw new ConfigError('ADMIN_USER and ADMIN_PASSWORD must be set together');
	if (password.length < 12) throw new ConfigError('ADMIN_PASSWORD must have at least 12 characters');
	return { user, password };
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
	const port = parsePort(env.PORT);
	const host = env.HOST || 'localhost';
	const dataDir = path.resolve(cwd, env.DATA_DIR || 'data');
	const appDir = path.resolve(cwd, env.APP_DIR || 'build');
	const publicUrl = parseUrl('PUBLIC_URL', env.PUBLIC_URL || `http://localhost:${port}`);
	const databaseUrl = env.DATABASE_URL || undefined;
	if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
		throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
	}
	const smtpUrl = env.SMTP_URL || undefined;
	if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
		throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
	const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
	if (!LOG_LEVELS.includes(logLevel))
		throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
	return { port, host, dataDir, appDir, publicUrl, databaseUrl, smtpUrl, admin: parseAdmin(env), logLevel };
}
