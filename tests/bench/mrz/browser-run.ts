import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { ManifestEntry } from '../../mrz/generate';
import { startServer } from '../../e2e/server';
import type { Outcome } from './metrics';

const BUILD = path.resolve(import.meta.dirname, '..', '..', '..', 'build');

/** The app's OCR worker as built (hashed name under _app/immutable/workers/). */
export function builtWorkerUrl(): string {
	const dir = path.join(BUILD, '_app', 'immutable', 'workers');
	const name = fs.readdirSync(dir).find((file) => /^mrz\.worker.*\.js$/.test(file));
	if (!name) throw new Error('no built OCR worker: run "npm run build" first');
	return `/_app/immutable/workers/${name}`;
}

/**
 * Reads every image in headless Chromium through the app's own OCR worker, served by the real sync-server
 * from the production build. Images reach the page through a same-origin route. The worker is warmed up
 * first (its start-up time is reported separately), as it is when the traveller opens the Documents step.
 */
export async function runBrowser(dir: string, manifest: ManifestEntry[], lang: 'mrz' | 'eng') {
	const server = await startServer();
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(30 * 60_000);
		// tsx keeps function names with an `__name` helper that does not exist inside the page.
		await page.addInitScript('globalThis.__name = (f) => f');
		await page.route('**/__bench/**', (route) =>
			route.fulfill({
				path: path.join(dir, decodeURIComponent(new URL(route.request().url()).pathname.slice(9)))
			})
		);
		await page.goto(server.baseURL);
		const result = await page.evaluate(
			async ({ workerUrl, files, lang }) => {
				const worker = new Worker(workerUrl, { type: 'module' });
				let id = 0;
				const ask = (message: Record<string, unknown>) =>
					new Promise<Record<string, unknown>>((resolve) => {
						const myId = ++id;
						const listener = (event: MessageEvent) => {
							if (event.data.id !== myId || event.data.kind === 'progress') return;
							worker.removeEventListener('message', listener);
							resolve(event.data);
						};
						worker.addEventListener('message', listener);
						worker.postMessage({ ...message, id: myId });
					});
				const t0 = performance.now();
				const ready = await ask({ kind: 'warm-up', lang });
				const startupMs = performance.now() - t0;
				if (ready.kind !== 'ready') throw new Error(`worker failed to start: ${JSON.stringify(ready)}`);
				const outcomes = [];
				for (const file of files) {
					const blob = await (await fetch(`/__bench/${encodeURIComponent(file)}`)).blob();
					const started = performance.now();
					const answer = (await ask({ kind: 'read-file', file: blob })) as {
						kind: string;
						reading?: { lines: string[]; fields: Record<string, unknown> | null; accepted: boolean };
					};
					const ms = performance.now() - started;
					const reading = answer.reading ?? { lines: [], fields: null, accepted: false };
					outcomes.push({
						file,
						lines: reading.lines,
						fields: reading.fields,
						accepted: reading.accepted,
						ms
					});
				}
				worker.terminate();
				return { startupMs, outcomes };
			},
			{ workerUrl: builtWorkerUrl(), files: manifest.map((entry) => entry.file), lang }
		);
		return result as { startupMs: number; outcomes: Outcome[] };
	} finally {
		await browser.close();
		await server.stop();
	}
}
