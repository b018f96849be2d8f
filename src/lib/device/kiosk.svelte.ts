/**
 * Kiosk mode (shared airport tablets), switched on per device by an operator at /kiosk/setup. In kiosk
 * mode nothing personal survives a session: logout and 3 minutes without interaction wipe the device
 * (a warning with a "continue" button appears 30 seconds before). No offline log-in verifier is kept.
 */
const KIOSK_KEY = 'arribo.kiosk';
/** Set when a kiosk log-out got no answer from the server: the next chance ends that server session. */
export const KIOSK_LOGOUT_PENDING_KEY = 'arribo.kiosk.logout-pending';
export const KIOSK_IDLE_MS = 3 * 60_000;
export const KIOSK_WARNING_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

class Kiosk {
	enabled = $state(false);
	/** True while the "are you still there?" warning shows. */
	warning = $state(false);
	private warnTimer: ReturnType<typeof setTimeout> | undefined;
	private endTimer: ReturnType<typeof setTimeout> | undefined;

	init(): void {
		try {
			this.enabled = localStorage.getItem(KIOSK_KEY) === 'on';
		} catch {
			this.enabled = false;
		}
	}

	setEnabled(on: boolean): void {
		if (on) localStorage.setItem(KIOSK_KEY, 'on');
		else localStorage.removeItem(KIOSK_KEY);
		this.enabled = on;
	}

	logoutPending(): boolean {
		try {
			return localStorage.getItem(KIOSK_LOGOUT_PENDING_KEY) === '1';
		} catch {
			return false;
		}
	}

	setLogoutPending(pending: boolean): void {
		try {
			if (pending) localStorage.setItem(KIOSK_LOGOUT_PENDING_KEY, '1');
			else localStorage.removeItem(KIOSK_LOGOUT_PENDING_KEY);
		} catch {
			// Storage blocked: the server session still ends at its idle timeout.
		}
	}

	/** Watches for interaction and calls `onIdle` after 3 idle minutes; returns the function that stops it. */
	watchIdle(onIdle: () => void | Promise<void>): () => void {
		const restart = () => {
			clearTimeout(this.warnTimer);
			clearTimeout(this.endTimer);
			this.warning = false;
			this.warnTimer = setTimeout(() => (this.warning = true), KIOSK_IDLE_MS - KIOSK_WARNING_MS);
			this.endTimer = setTimeout(() => {
				this.warning = false;
				void onIdle();
			}, KIOSK_IDLE_MS);
		};
		// While the warning shows, only the "continue" button keeps the session (stay()).
		const activity = () => {
			if (!this.warning) restart();
		};
		this.stay = restart;
		restart();
		for (const event of ACTIVITY_EVENTS)
			window.addEventListener(event, activity, { passive: true, capture: true });
		return () => {
			clearTimeout(this.warnTimer);
			clearTimeout(this.endTimer);
			this.warning = false;
			for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, activity, { capture: true });
		};
	}

	/** The warning's "continue": the traveller is still there. */
	stay: () => void = () => {};
}

export const kiosk = new Kiosk();
