import { loadCommonPasswords } from '$lib/accounts/common-passwords';

/** A new password is chosen on this screen: the common-password list is loaded with it, and only here. */
export async function load() {
	return { commonPasswords: await loadCommonPasswords() };
}
