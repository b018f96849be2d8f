import type { RegistrationDraft } from '$domain/registration/draft';
import { saveDraft } from './drafts';

/** Well under the half second the traveller may lose: a keystroke is on disk 300 ms after typing stops. */
export const AUTOSAVE_DELAY_MS = 300;

/**
 * The draft being edited, saved on the device shortly after every change. Leaving the page, hiding the
 * tab or closing it flushes at once; a crash loses at most the last 300 ms of typing.
 */
export class DraftEditor {
	draft = $state<RegistrationDraft>() as RegistrationDraft;
	saving = $state(false);
	private timer: ReturnType<typeof setTimeout> | null = null;
	private pending: RegistrationDraft | null = null;

	constructor(initial: RegistrationDraft) {
		this.draft = initial;
	}

	/** Call from an $effect that reads the whole draft: every change schedules a save. */
	changed(snapshot: RegistrationDraft): void {
		this.pending = snapshot;
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
	}

	async flush(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		const snapshot = this.pending;
		this.pending = null;
		if (!snapshot) return;
		this.saving = true;
		try {
			await saveDraft(snapshot);
		} finally {
			this.saving = false;
		}
	}

	/** Saves when the page is hidden or unloaded (tab closed, app switched, phone locked). */
	watchPageLifecycle(): () => void {
		const flush = () => void this.flush();
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') flush();
		};
		window.addEventListener('pagehide', flush);
		document.addEventListener('visibilitychange', onVisibility);
		return () => {
			window.removeEventListener('pagehide', flush);
			document.removeEventListener('visibilitychange', onVisibility);
			flush();
		};
	}
}
