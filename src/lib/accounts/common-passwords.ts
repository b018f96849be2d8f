import type { CommonPasswords } from '$domain/accounts/password-policy';

let loading: Promise<CommonPasswords> | null = null;

/**
 * The shipped common-password list (~10 KB gzip), downloaded only by the screens where a password is
 * chosen (register, reset, change password), in their route's load, so the form has it before it shows.
 */
export function loadCommonPasswords(): Promise<CommonPasswords> {
	loading ??= import('$domain/accounts/common-passwords').then(
		({ COMMON_PASSWORDS }) => new Set(COMMON_PASSWORDS),
		(error: unknown) => {
			// A failed download (offline before the app was cached) may succeed on the next call.
			loading = null;
			throw error;
		}
	);
	return loading;
}
