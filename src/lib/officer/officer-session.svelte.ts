import { OfflineError, officerCall } from './officer-api';

export interface OfficerView {
	userId: string;
	email: string;
	expiresAt: number;
}

/** Where the officer's log-in stands; each step is one screen of the console's log-in. */
export type LoginStage =
	| { step: 'credentials' }
	| { step: 'change_password'; challenge: string }
	| { step: 'enroll'; challenge: string; otpauthUri: string }
	| { step: 'verify'; challenge: string };

export type LoginFailure =
	| 'invalid_credentials'
	| 'too_many_attempts'
	| 'invalid_code'
	| 'expired'
	| 'offline'
	| 'server_error'
	| 'too_short'
	| 'too_long'
	| 'common'
	| 'is_email';

/**
 * The officer's session in the console: server-side only (HttpOnly cookie, 30 min idle, 12 h). The
 * tab remembers who is signed in (sessionStorage, gone with the tab) so a reload without a connection
 * keeps the console usable for scanning and queueing decisions until the session would have expired.
 */
const TAB_KEY = 'arribo.officer';

class OfficerSession {
	officer = $state<OfficerView | null>(null);
	stage = $state<LoginStage>({ step: 'credentials' });
	ready = $state(false);
	/** True when the server could not be asked and the tab's memory vouches for the officer. */
	offline = $state(false);

	async init(): Promise<void> {
		try {
			const answer = await officerCall<OfficerView>('GET', 'session');
			this.offline = false;
			this.set(answer.status === 200 ? answer.body : null);
		} catch (error) {
			if (!(error instanceof OfflineError)) throw error;
			const remembered = this.remembered();
			this.offline = remembered !== null;
			this.officer = remembered;
		} finally {
			this.ready = true;
		}
	}

	async start(email: string, password: string): Promise<LoginFailure | null> {
		return this.step('login', { email: email.trim(), password });
	}

	async changePassword(password: string): Promise<LoginFailure | null> {
		if (this.stage.step !== 'change_password') return 'expired';
		return this.step('login/password', { challenge: this.stage.challenge, password });
	}

	async verifyCode(code: string): Promise<LoginFailure | null> {
		if (this.stage.step !== 'enroll' && this.stage.step !== 'verify') return 'expired';
		return this.step('login/code', { challenge: this.stage.challenge, code: code.replace(/\s/g, '') });
	}

	/** Called when any officer endpoint answers 401: the session ran out. */
	expired(): void {
		this.set(null);
		this.stage = { step: 'credentials' };
	}

	async logout(): Promise<void> {
		try {
			await officerCall('POST', 'logout', {});
		} catch {
			// Offline: the server session ends by itself within 30 minutes; the cookie is HttpOnly.
		}
		this.expired();
	}

	private async step(path: string, body: object): Promise<LoginFailure | null> {
		let answer;
		try {
			answer = await officerCall<Record<string, unknown>>('POST', path, body);
		} catch {
			return 'offline';
		}
		const result = answer.body ?? {};
		if (answer.status === 200 && typeof result.challenge === 'string') {
			const challenge = result.challenge;
			if (result.next === 'change_password') this.stage = { step: 'change_password', challenge };
			else if (result.next === 'enroll')
				this.stage = { step: 'enroll', challenge, otpauthUri: String(result.otpauthUri) };
			else this.stage = { step: 'verify', challenge };
			return null;
		}
		if (answer.status === 200) {
			this.set(result as unknown as OfficerView);
			this.stage = { step: 'credentials' };
			return null;
		}
		if (answer.status === 401 && path !== 'login') {
			this.stage = { step: 'credentials' };
			return 'expired';
		}
		const error = String(result.error ?? '');
		const known: LoginFailure[] = ['invalid_credentials', 'too_many_attempts', 'invalid_code'];
		const password: LoginFailure[] = ['too_short', 'too_long', 'common', 'is_email'];
		if ([...known, ...password].includes(error as LoginFailure)) return error as LoginFailure;
		return 'server_error';
	}

	private set(view: OfficerView | null): void {
		this.officer = view ? { userId: view.userId, email: view.email, expiresAt: view.expiresAt } : null;
		try {
			if (view) sessionStorage.setItem(TAB_KEY, JSON.stringify(this.officer));
			else sessionStorage.removeItem(TAB_KEY);
		} catch {
			// Storage blocked: the console simply needs a connection after a reload.
		}
	}

	private remembered(): OfficerView | null {
		try {
			const view = JSON.parse(sessionStorage.getItem(TAB_KEY) ?? 'null') as OfficerView | null;
			return view && view.expiresAt > Date.now() ? view : null;
		} catch {
			return null;
		}
	}
}

export const officerSession = new OfficerSession();
