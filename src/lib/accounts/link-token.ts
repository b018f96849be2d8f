import { replaceState } from '$app/navigation';

/**
 * Reads the single-use token of a confirmation or reset link (from the fragment, or the query of older
 * links) and removes it from the address bar and history at once, so it is not bookmarked or shared.
 * Call from onMount (the router must be ready).
 */
export function takeToken(): string | null {
	const url = new URL(location.href);
	const fromHash = new URLSearchParams(url.hash.slice(1)).get('token');
	const token = fromHash ?? url.searchParams.get('token');
	if (token) {
		url.hash = '';
		url.searchParams.delete('token');
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- this page's own resolved path, minus the token
		replaceState(url.pathname + url.search, {});
	}
	return token;
}
