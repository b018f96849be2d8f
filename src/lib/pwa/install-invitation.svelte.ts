/** Chromium's install event; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Safari deletes the storage of sites unused for 7 days unless they are installed to the home screen,
 * so the home page invites installation: with the browser's own prompt where it exists (Chromium),
 * otherwise with instructions.
 */
class InstallInvitation {
	/** The app already runs installed (standalone window): nothing to invite. */
	installed = $state(false);
	/** The browser offered its install prompt and we kept it for the traveller's click. */
	canPrompt = $state(false);
	private deferred: BeforeInstallPromptEvent | null = null;

	watch(): () => void {
		this.installed = window.matchMedia('(display-mode: standalone)').matches;
		const offered = (event: Event) => {
			event.preventDefault(); // keep it for our own button instead of the browser's mini-bar
			this.deferred = event as BeforeInstallPromptEvent;
			this.canPrompt = true;
		};
		const done = () => {
			this.installed = true;
			this.canPrompt = false;
		};
		window.addEventListener('beforeinstallprompt', offered);
		window.addEventListener('appinstalled', done);
		return () => {
			window.removeEventListener('beforeinstallprompt', offered);
			window.removeEventListener('appinstalled', done);
		};
	}

	async prompt(): Promise<void> {
		const event = this.deferred;
		if (!event) return;
		this.deferred = null;
		this.canPrompt = false;
		await event.prompt();
		if ((await event.userChoice).outcome === 'accepted') this.installed = true;
	}
}

export const installInvitation = new InstallInvitation();

/**
 * Asks the browser not to evict our storage under pressure: unsent registrations live there.
 * Best effort: browsers may say no, and some never ask the user.
 */
export async function requestPersistentStorage(): Promise<boolean> {
	try {
		if (!navigator.storage?.persist) return false;
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return false;
	}
}
