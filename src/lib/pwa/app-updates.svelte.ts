import { Workbox } from 'workbox-window';

/**
 * Registers the service worker and holds a new version back until the traveller agrees:
 * switching code under a half-filled form could lose their work.
 */
class AppUpdates {
	/** A new version is installed and waiting for the traveller's go-ahead. */
	waiting = $state(false);
	private workbox: Workbox | undefined;
	private accepted = false;

	register(): void {
		if (!('serviceWorker' in navigator)) return;
		this.workbox = new Workbox('/service-worker.js');
		this.workbox.addEventListener('waiting', () => (this.waiting = true));
		this.workbox.addEventListener('controlling', () => {
			// Only a version the traveller accepted triggers a reload; the very first install does not.
			if (this.accepted) window.location.reload();
		});
		void this.workbox.register();
	}

	reloadNow(): void {
		this.accepted = true;
		this.waiting = false;
		this.workbox?.messageSkipWaiting();
	}

	later(): void {
		this.waiting = false;
	}
}

export const appUpdates = new AppUpdates();
