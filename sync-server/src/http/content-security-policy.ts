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

export function contentSecurityPolicy(scriptHashes: string[], https: boolean): string {
	const directives: Record<string, string[]> = {
		'default-src': ["'self'"],
		// 'wasm-unsafe-eval' lets the OCR engine compile WebAssembly; it does not allow eval() of JS.
		'script-src': ["'self'", "'wasm-unsafe-eval'", ...scriptHashes],
		'style-src': ["'self'"],
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
