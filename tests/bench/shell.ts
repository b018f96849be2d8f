/**
 * Benchmark of the app shell: what the first visit of `/` transfers, what the service worker
 * precaches, and how fast the installed app starts with the network off (median of 10).
 * Run with `npm run bench:shell` after `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { startServer } from '../e2e/server';
import { kb, median, writeReport } from './report';

const BUILD = path.resolve('build');
const RUNS = 10;
const BUDGET_GZIP_BYTES = 80 * 1024;

function gzipSize(urlPath: string): number {
	const file = path.join(BUILD, urlPath);
	return fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : fs.statSync(file).size;
}

async function coldStarts(context: BrowserContext): Promise<number[]> {
	const times: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const page = await context.newPage();
		await page.goto('/');
		await page.waitForFunction(() => performance.getEntriesByName('arribo:interactive').length > 0);
		times.push(
			await page.evaluate(() => performance.getEntriesByName('arribo:interactive')[0]?.startTime ?? NaN)
		);
		await page.close();
	}
	return times;
}

async function main(): Promise<void> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
	});
	const server = await startServer();
	const context = await browser.newContext({ baseURL: server.baseURL });
	const page = await context.newPage();

	const assets: { url: string; type: string; transferred: number; gzip: number }[] = [];
	page.on('requestfinished', async (request) => {
		const type = request.resourceType();
		if (type !== 'script' && type !== 'stylesheet') return;
		const url = new URL(request.url()).pathname;
		assets.push({ url, type, transferred: (await request.sizes()).responseBodySize, gzip: gzipSize(url) });
	});
	await page.goto('/');
	await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
	await page.waitForLoadState('networkidle');

	const precache = await page.evaluate(async () => {
		let bytes = 0;
		let entries = 0;
		for (const name of await caches.keys()) {
			if (!name.includes('precache')) continue;
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
				entries++;
			}
		}
		return { bytes, entries };
	});
	await page.close();

	const online = await coldStarts(context);
	await server.stop();
	await context.setOffline(true);
	const offline = await coldStarts(context);
	await browser.close();

	const firstVisitGzip = assets.reduce((sum, asset) => sum + asset.gzip, 0);
	const firstVisitTransferred = assets.reduce((sum, asset) => sum + asset.transferred, 0);
	const data = {
		firstVisit: {
			files: assets.length,
			gzipBytes: firstVisitGzip,
			transferredBytes: firstVisitTransferred,
			// Largest first, so the next thing to make lazy is at the top.
			assets: [...assets].sort((a, b) => b.gzip - a.gzip)
		},
		budgetGzipBytes: BUDGET_GZIP_BYTES,
		withinBudget: firstVisitGzip <= BUDGET_GZIP_BYTES,
		precache,
		coldStartMs: { onlineMedian: median(online), offlineMedian: median(offline), online, offline }
	};
	writeReport(
		'shell',
		data,
		[
			'## App shell',
			'',
			'| figure | value |',
			'|---|---|',
			`| first visit of \`/\`: JS + CSS (gzip) | ${kb(firstVisitGzip)} in ${assets.length} files (budget ${kb(BUDGET_GZIP_BYTES)}: ${data.withinBudget ? 'met' : 'MISSED'}) |`,
			`| first visit of \`/\`: JS + CSS as transferred (brotli) | ${kb(firstVisitTransferred)} |`,
			`| precache (uncompressed) | ${kb(precache.bytes)} in ${precache.entries} entries |`,
			`| cold start, service worker warm, network off (median of ${RUNS}) | ${median(offline).toFixed(0)} ms |`,
			`| cold start, service worker warm, server on loopback (median of ${RUNS}) | ${median(online).toFixed(0)} ms |`,
			`| offline / online ratio | ${(median(offline) / median(online)).toFixed(2)} |`
		].join('\n')
	);
}

await main();
