/**
 * Reads the single-use token of a confirmation or reset link (from the fragment, or the query of older
 * links) and removes it from the address bar and history at once, so it is not bookmarked or shared.
 */
export function takeToken(): string | null {
	const url = new URL(location.href);
	const fromHash = new URLSearchParams(url.hash.slice(1)).get('token');
	const token = fromHash ?? url.searchParams.get('token');
	if (token) {
		url.hash = '';
		url.searchParams.delete('token');
		// The plain History API: SvelteKit's replaceState() refuses to run before the router has started, which
		// is exactly when a link opened from an e-mail is read. Keeping history.state keeps the router's index.
		history.replaceState(history.state, '', url.pathname + url.search);
	}
	return token;
}
