import { createHash } from 'node:crypto';

/**
 * SvelteKit's SPA shell starts the app from one inline <script>. Rather than allow 'unsafe-inline',
 * we hash every inline script of the built shell at start-up and allow exactly those.
 */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	const scriptPattern = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;
	for (const match of html.matchAll(scriptPattern)) {
		const body = match[1] ?? '';
		if (body.trim() === '') continue;
		hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
	}
	return hashes;
}

/**
 * Svelte templates with a static `style="…"` attribute (SvelteKit's own route announcer has one) are
 * parsed from HTML at run time; CSP blocks those unless each exact value is allowed by hash with
 * 'unsafe-hashes'. We allow exactly the values present in the built code, nothing else.
 */
export function styleAttributeHashes(code: string[]): string[] {
	const hashes = new Set<string>();
	for (const source of code) {
		for (const match of source.matchAll(/style="([^"]*)"/g)) {
			hashes.add(
				`'sha256-${createHash('sha256')
					.update(match[1] ?? '', 'utf8')
					.digest('base64')}'`
			);
		}
	}
	return [...hashes];
}

export function contentSecurityPolicy(
	scriptHashes: string[],
	https: boolean,
	styleHashes: string[] = []
): string {
	const directives: Record<string, string[]> = {
		'default-src': ["'self'"],
		// 'wasm-unsafe-eval' lets the OCR engine compile WebAssembly; it does not allow eval() of JS.
		'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes],
		'style-src': ["'self'", ...(styleHashes.length ? ["'unsafe-hashes'", ...styleHashes] : [])],
		'img-src': ["'self'", 'data:', 'blob:'],
		'font-src': ["'self'"],
		'connect-src': ["'self'"],
		'media-src': ["'self'", 'blob:'],
		'worker-src': ["'self'", 'blob:'],
		'manifest-src': ["'self'"],
		'object-src': ["'none'"],
		'base-uri': ["'none'"],
		'form-action': ["'self'"],
		'frame-ancestors': ["'none'"]
	};
	const policy = Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`);
	if (https) policy.push('upgrade-insecure-requests');
	return policy.join('; ');
}
