import { kiosk } from '$lib/device/kiosk.svelte';
import type { DeviceCredential } from '$lib/device/device-db';
import { openDeviceDb } from '$lib/device/open-device-db';
import { forgetTraveller, wipeDeviceData } from '$lib/device/wipe';
import { obtainCredential, releaseCredential } from '$lib/outbox/delivery-credential';
import { OUTBOX_TABLE } from '$lib/outbox/outbox';
import { outboxSender } from '$lib/outbox/sender.svelte';
import {
	normaliseEmail,
	type RegistrationErrors,
	type RegistrationForm
} from '$domain/accounts/registration';
import { call, NetworkError, type ServerSession } from './api';
import { decryptJson, deriveKeys, encryptJson, newSalt, PBKDF2_ITERATIONS, sameVerifier } from './device-key';

/** Where the traveller's account stands, as the UI tells it. */
export type AccountState = 'device_only' | 'pending_confirmation' | 'confirmed';

export interface Traveller {
	email: string;
	userId: string | null;
	givenNames: string;
	surnames: string;
	/** A locale tag of src/lib/i18n/locales.ts (validated by the server). */
	language: string;
	state: AccountState;
	/** True when logged in on this device only (no server session: offline, or the server account is pending). */
	offline: boolean;
}

export type LoginError =
	| { code: 'invalid_credentials' }
	| { code: 'too_many_attempts'; retryAfter: number }
	| { code: 'offline_unknown_device' }
	| { code: 'offline_kiosk' }
	| { code: 'server_error' };

export type RegisterOutcome =
	{ ok: true } | { ok: false; errors: RegistrationErrors } | { ok: false; code: 'server_error' };

function fromServer(session: ServerSession, offline = false): Traveller {
	return {
		email: session.email,
		userId: session.userId,
		givenNames: session.givenNames,
		surnames: session.surnames,
		language: session.language,
		state: session.confirmed ? 'confirmed' : 'pending_confirmation',
		offline
	};
}

/**
 * The traveller's session in the app: server session when there is a connection, device log-in when there
 * is not. Holds the records key (AES-GCM) in memory only, while logged in.
 */
class AccountSession {
	traveller = $state<Traveller | null>(null);
	/** False until the first session check has finished. */
	ready = $state(false);
	private recordsKey: CryptoKey | null = null;
	/** A kiosk's offline registration waits in memory only, never on the shared device. */
	private kioskPending: (RegistrationForm & { email: string }) | null = null;

	get signedIn(): boolean {
		return this.traveller !== null;
	}

	/** Asks the server whether this browser has a session; offline, the traveller logs in again on the device. */
	async init(): Promise<void> {
		try {
			// A kiosk traveller who left while the server was unreachable is logged out before anything else.
			if (!(await this.finishKioskLogout())) return;
			const answer = await call<ServerSession>('GET', 'session');
			if (answer.status === 200) {
				this.traveller = fromServer(answer.body);
				await this.rememberServerState(answer.body);
				if (kiosk.enabled) await obtainCredential();
			}
		} catch (error) {
			if (!(error instanceof NetworkError)) throw error;
		} finally {
			this.ready = true;
		}
	}

	async refresh(): Promise<void> {
		try {
			const answer = await call<ServerSession>('GET', 'session');
			if (answer.status === 200) {
				this.traveller = fromServer(answer.body);
				await this.rememberServerState(answer.body);
			}
		} catch {
			// Offline: keep what we know.
		}
	}

	/**
	 * Creates the account. On a personal device the account exists locally at once (offline log-in
	 * verifier, encrypted pending registration); the server account follows when there is a connection.
	 */
	async register(form: RegistrationForm): Promise<RegisterOutcome> {
		const email = normaliseEmail(form.email);
		const body = { ...form, email };
		try {
			const answer = await call<{ fields?: RegistrationErrors }>('POST', 'register', body);
			if (answer.status === 400 && answer.body?.fields) return { ok: false, errors: answer.body.fields };
			if (answer.status !== 202) return { ok: false, code: 'server_error' };
		} catch (error) {
			if (!(error instanceof NetworkError)) throw error;
			// Offline: the account starts on this device.
			await this.startOnDevice(body);
			return { ok: true };
		}
		const login = await this.login(email, form.password, false);
		if (!login) return { ok: true };
		// The e-mail already had an account (the server does not say so): the traveller hears by e-mail.
		this.traveller = {
			email,
			userId: null,
			givenNames: form.givenNames.trim(),
			surnames: form.surnames.trim(),
			language: form.language,
			state: 'pending_confirmation',
			offline: true
		};
		return { ok: true };
	}

	private async startOnDevice(form: RegistrationForm & { email: string }): Promise<void> {
		if (kiosk.enabled) {
			this.kioskPending = form;
		} else {
			const salt = newSalt();
			const { verifier, recordsKey } = await deriveKeys(form.password, salt);
			this.recordsKey = recordsKey;
			const deviceDb = await openDeviceDb();
			await deviceDb.credentials.put({
				email: form.email,
				userId: null,
				salt,
				iterations: PBKDF2_ITERATIONS,
				verifier,
				profile: {
					givenNames: form.givenNames.trim(),
					surnames: form.surnames.trim(),
					language: form.language
				},
				serverState: 'device_only',
				updatedAt: Date.now()
			});
			const sealed = await encryptJson(recordsKey, form);
			await deviceDb.pendingRegistrations.put({ email: form.email, ...sealed, createdAt: Date.now() });
		}
		this.traveller = {
			email: form.email,
			userId: null,
			givenNames: form.givenNames.trim(),
			surnames: form.surnames.trim(),
			language: form.language,
			state: 'device_only',
			offline: true
		};
	}

	private syncing: Promise<void> | null = null;

	/** Sends an offline registration once there is a connection, then opens the server session. */
	syncPending(): Promise<void> {
		this.syncing ??= this.sendPending().finally(() => (this.syncing = null));
		return this.syncing;
	}

	private async sendPending(): Promise<void> {
		const traveller = this.traveller;
		if (!traveller || traveller.state !== 'device_only') return;
		let form: (RegistrationForm & { email: string }) | null = this.kioskPending;
		if (!form) {
			const sealed = await (await openDeviceDb()).pendingRegistrations.get(traveller.email);
			if (!sealed || !this.recordsKey) return;
			form = await decryptJson<RegistrationForm & { email: string }>(this.recordsKey, sealed);
		}
		try {
			const answer = await call('POST', 'register', form);
			if (answer.status !== 202) return;
		} catch {
			return; // still offline; the next 'online' event tries again
		}
		this.kioskPending = null;
		const deviceDb = await openDeviceDb();
		await deviceDb.pendingRegistrations.delete(form.email);
		const credential = await deviceDb.credentials.get(form.email);
		if (credential) await deviceDb.credentials.update(form.email, { serverState: 'pending_confirmation' });
		this.traveller = { ...traveller, state: 'pending_confirmation' };
		const login = await this.serverLogin(form.email, form.password, false);
		if (login.kind === 'ok') this.traveller = fromServer(login.session);
	}

	private async serverLogin(
		email: string,
		password: string,
		remember: boolean
	): Promise<
		{ kind: 'ok'; session: ServerSession } | { kind: 'error'; error: LoginError } | { kind: 'network' }
	> {
		try {
			const answer = await call<ServerSession & { retryAfter?: number }>('POST', 'login', {
				email,
				password,
				remember
			});
			if (answer.status === 200) return { kind: 'ok', session: answer.body };
			if (answer.status === 429) {
				return {
					kind: 'error',
					error: { code: 'too_many_attempts', retryAfter: answer.body?.retryAfter ?? 60 }
				};
			}
			if (answer.status === 401) return { kind: 'error', error: { code: 'invalid_credentials' } };
			return { kind: 'error', error: { code: 'server_error' } };
		} catch (error) {
			if (error instanceof NetworkError) return { kind: 'network' };
			throw error;
		}
	}

	/** Logs in online, or on the device when offline (not on kiosks). Returns null on success. */
	async login(emailInput: string, password: string, remember: boolean): Promise<LoginError | null> {
		const email = normaliseEmail(emailInput);
		const result = await this.serverLogin(email, password, remember && !kiosk.enabled);
		if (result.kind === 'ok') {
			kiosk.setLogoutPending(false); // the log-in rotated whatever session this browser had
			this.traveller = fromServer(result.session);
			if (!kiosk.enabled) await this.keepDeviceCredential(result.session, password);
			// What lets this kiosk deliver the traveller's submission after they have left (confirmed only).
			else if (result.session.confirmed) await obtainCredential();
			return null;
		}
		if (result.kind === 'error') {
			// A registration made offline that the server does not know yet: the device can still vouch for it.
			if (result.error.code === 'invalid_credentials' && (await this.deviceLogin(email, password, true)))
				return null;
			return result.error;
		}
		if (kiosk.enabled) return { code: 'offline_kiosk' };
		if (await this.deviceLogin(email, password, false)) return null;
		const known = await (await openDeviceDb()).credentials.get(email);
		return known ? { code: 'invalid_credentials' } : { code: 'offline_unknown_device' };
	}

	private async deviceLogin(email: string, password: string, pendingOnly: boolean): Promise<boolean> {
		if (kiosk.enabled) return false;
		const credential = await (await openDeviceDb()).credentials.get(email);
		if (!credential || (pendingOnly && credential.serverState !== 'device_only')) return false;
		const { verifier, recordsKey } = await deriveKeys(password, credential.salt, credential.iterations);
		if (!sameVerifier(verifier, credential.verifier)) return false;
		this.recordsKey = recordsKey;
		this.traveller = {
			email,
			userId: credential.userId,
			...credential.profile,
			state: credential.serverState,
			offline: true
		};
		if (credential.serverState === 'device_only') void this.syncPending();
		return true;
	}

	private async keepDeviceCredential(session: ServerSession, password: string): Promise<void> {
		const deviceDb = await openDeviceDb();
		const existing = await deviceDb.credentials.get(session.email);
		const salt = newSalt();
		const { verifier, recordsKey } = await deriveKeys(password, salt);
		this.recordsKey = recordsKey;
		const credential: DeviceCredential = {
			email: session.email,
			userId: session.userId,
			salt,
			iterations: PBKDF2_ITERATIONS,
			verifier,
			profile: { givenNames: session.givenNames, surnames: session.surnames, language: session.language },
			serverState: session.confirmed ? 'confirmed' : 'pending_confirmation',
			updatedAt: Date.now()
		};
		if (existing?.serverState === 'device_only') await deviceDb.pendingRegistrations.delete(session.email);
		await deviceDb.credentials.put(credential);
	}

	private async rememberServerState(session: ServerSession): Promise<void> {
		if (kiosk.enabled) return;
		const state: AccountState = session.confirmed ? 'confirmed' : 'pending_confirmation';
		const deviceDb = await openDeviceDb();
		const existing = await deviceDb.credentials.get(session.email);
		if (existing && existing.serverState !== state)
			await deviceDb.credentials.update(session.email, { serverState: state });
	}

	async resendConfirmation(): Promise<boolean> {
		if (!this.traveller) return false;
		try {
			return (await call('POST', 'resend', { email: this.traveller.email })).status === 202;
		} catch {
			return false;
		}
	}

	/** Changes the password online; every other session ends and the offline verifier follows the new one. */
	async changePassword(
		currentPassword: string,
		newPassword: string
	): Promise<null | 'wrong' | 'offline' | 'server_error' | { field: string }> {
		let answer;
		try {
			answer = await call<ServerSession & { fields?: { newPassword?: string } }>('POST', 'password', {
				currentPassword,
				newPassword
			});
		} catch {
			return 'offline';
		}
		if (answer.status === 401) return 'wrong';
		if (answer.status === 400) return { field: answer.body?.fields?.newPassword ?? 'too_short' };
		if (answer.status !== 200) return 'server_error';
		this.traveller = fromServer(answer.body);
		if (!kiosk.enabled) await this.keepDeviceCredential(answer.body, newPassword);
		return null;
	}

	/**
	 * Ends the session; on a kiosk, every trace of the traveller leaves the device except a submission the
	 * server has not acknowledged, which waits encrypted in the outbox.
	 */
	async logout(): Promise<void> {
		try {
			await call('POST', 'logout', {});
		} catch {
			// No answer: the cookie is HttpOnly, so a kiosk ends the server session as soon as it can.
			if (kiosk.enabled) kiosk.setLogoutPending(true);
		}
		this.traveller = null;
		this.recordsKey = null;
		this.kioskPending = null;
		if (kiosk.enabled) await this.leaveKiosk();
	}

	private async leaveKiosk(): Promise<void> {
		await releaseCredential();
		outboxSender.forgetOwn();
		await wipeDeviceData({ keepStores: [OUTBOX_TABLE] });
	}

	/**
	 * Ends the server session of a kiosk traveller whose log-out got no answer. Returns false while the
	 * server cannot be reached (then no session may be trusted yet).
	 */
	async finishKioskLogout(): Promise<boolean> {
		if (!kiosk.logoutPending()) return true;
		try {
			await call('POST', 'logout', {});
		} catch (error) {
			if (error instanceof NetworkError) return false;
			throw error;
		}
		kiosk.setLogoutPending(false);
		return true;
	}

	/**
	 * Everything Arribo holds about the traveller, as one ZIP: the server's archive (account, every record,
	 * each file as itself) with `this-device.json` added, what this device keeps. Offline, the device's part.
	 */
	async exportData(): Promise<Blob> {
		const traveller = this.traveller;
		if (!traveller) throw new Error('not signed in');
		const { strToU8, unzipSync, zipSync } = await import('fflate');
		let entries: Record<string, Uint8Array> = {};
		try {
			const response = await fetch('/api/accounts/export', { credentials: 'same-origin', cache: 'no-store' });
			if (response.ok) entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
		} catch {
			entries = {};
		}
		const credential = await (await openDeviceDb()).credentials.get(traveller.email);
		const device = {
			format: 'arribo-my-data/2',
			exportedAt: new Date().toISOString(),
			serverIncluded: 'arribo-my-data.json' in entries,
			device: credential
				? {
						email: credential.email,
						profile: credential.profile,
						accountState: credential.serverState,
						offlineLogin: true,
						updatedAt: new Date(credential.updatedAt).toISOString()
					}
				: null
		};
		entries['this-device.json'] = strToU8(JSON.stringify(device, null, 2));
		const archive = zipSync(entries, { level: 0 });
		return new Blob([archive], { type: 'application/zip' });
	}

	/** Deletes the account on the server and every record of it on this device. */
	async deleteAccount(): Promise<'deleted' | 'offline' | 'failed'> {
		const traveller = this.traveller;
		if (!traveller) return 'failed';
		if (traveller.state !== 'device_only') {
			try {
				const answer = await call('DELETE', 'me');
				if (answer.status !== 204) return 'failed';
			} catch {
				return 'offline';
			}
		}
		await forgetTraveller(traveller.email);
		this.traveller = null;
		this.recordsKey = null;
		this.kioskPending = null;
		if (kiosk.enabled) await this.leaveKiosk();
		return 'deleted';
	}
}

export const session = new AccountSession();
