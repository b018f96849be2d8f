import { badRequest } from '../../domain/couch-error.js';
import { parseJson } from './body.js';

/** CouchDB query parameters: strings in, checked values out; bad values answer 400. */
export type Query = Record<string, string | string[] | undefined>;

function one(query: Query, name: string): string | undefined {
	const value = query[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}

export function bool(query: Query, name: string, fallback = false): boolean {
	const value = one(query, name);
	if (value === undefined) return fallback;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw badRequest(`Query parameter ${name} must be true or false.`);
}

export function int(query: Query, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
	const value = one(query, name);
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw badRequest(`Query parameter ${name} must be a non-negative integer.`);
	return Math.min(n, max);
}

export function str(query: Query, name: string): string | undefined {
	return one(query, name);
}

/** A JSON-encoded parameter (`startkey`, `keys`, `open_revs`). */
export function json(query: Query, name: string): unknown {
	const value = one(query, name);
	return value === undefined ? undefined : parseJson(value);
}

export function stringKey(value: unknown, name: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badRequest(`${name} must be a string.`);
	return value;
}
