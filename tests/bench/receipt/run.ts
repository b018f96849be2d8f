/**
 * Receipt benchmark (npm run bench:receipt): token size and QR version (COSE/CWT+zlib+Base45 against compact
 * JWS, same payload, same run), and, in Chromium as on a device, offline verification time and the receipt
 * and FMM PDF generation time and size. The app's own modules run in the page, bundled by esbuild (bundle.ts).
 */
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { benchBundle } from './bundle';
import { kb, median, writeReport } from '../report';
import { coseToken, entryClaims, jwsToken, keyring, qrVersion, receiptClaims } from './tokens';

const VERIFY_RUNS = 200;
const PDF_RUNS = 10;
/** Spanish + English (Latin font only) and Spanish + Japanese (with the CJK font embedded). */
const PDF_LOCALES = ['en', 'ja'] as const;
const CJK_FONT = path.resolve(import.meta.dirname, '..', '..', '..', 'static', 'fonts', 'arribo-cjk.ttf');

async function main(): Promise<void> {
	const receipt = await coseToken(receiptClaims);
	const entry = await coseToken(entryClaims);
	const jws = jwsToken(receiptClaims);
	const sizes = {
		coseReceipt: { characters: receipt.length, qrVersion: qrVersion(receipt, true) },
		coseEntry: { characters: entry.length, qrVersion: qrVersion(entry, true) },
		jwsReceipt: { characters: jws.length, qrVersion: qrVersion(jws, false) }
	};

	const script = await benchBundle();
	// A localhost origin, so WebCrypto is available (secure context) as on a device.
	const http = createServer((request, response) => {
		if (request.url === '/fonts/arribo-cjk.ttf') {
			response.setHeader('content-type', 'font/ttf');
			response.end(fs.readFileSync(CJK_FONT));
			return;
		}
		response.setHeader('content-type', 'text/html');
		response.end(
			`<!doctype html><title>bench</title><script>${script.replace(/<\/script/g, '<\\/script')}</script>`
		);
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
	});
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		// tsx keeps function names with an esbuild helper that the page does not have.
		await page.addInitScript('globalThis.__name = (fn) => fn');
		await page.goto(url);
		// The catalogs and the CJK font are fetched while online, as the history page does ahead of time.
		await page.evaluate(async (locales) => {
			const bench = (window as unknown as { ArriboBench: Record<string, (l: string) => Promise<unknown>> })
				.ArriboBench;
			const languages: Record<string, unknown> = {};
			for (const locale of locales) languages[locale] = await bench.pdfLanguagesFor!(locale);
			(window as unknown as { pdfLanguages: unknown }).pdfLanguages = languages;
		}, PDF_LOCALES);
		await context.setOffline(true);
		const jwk = keyring.publicJwks().keys[0]!;
		const inPage = await page.evaluate(
			async ({ receipt, entry, jwk, receiptClaims, entryClaims, VERIFY_RUNS, PDF_RUNS, PDF_LOCALES }) => {
				type Fn = (...args: never[]) => Promise<unknown>;
				const bench = (window as unknown as { ArriboBench: Record<string, Fn> }).ArriboBench;
				const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
					'verify'
				]);
				const lookup = () => (data: Uint8Array, signature: Uint8Array) =>
					crypto.subtle.verify(
						{ name: 'ECDSA', hash: 'SHA-256' },
						key,
						signature as BufferSource,
						data as BufferSource
					);
				const verifyToken = bench.verifyToken as unknown as (
					t: string,
					k: unknown,
					n: number
				) => Promise<{ ok: boolean }>;
				const now = Math.floor(Date.now() / 1000);
				const verifyMs: number[] = [];
				for (let i = 0; i < VERIFY_RUNS; i++) {
					const start = performance.now();
					const result = await verifyToken(receipt, lookup, now);
					verifyMs.push(performance.now() - start);
					if (!result.ok) throw new Error('benchmark token did not verify');
				}
				const renderQr = bench.renderQr as unknown as (t: string) => Promise<{ dataUrl: string }>;
				const receiptPdf = bench.receiptPdf as unknown as (...a: unknown[]) => Promise<Uint8Array>;
				const fmmPdf = bench.fmmPdf as unknown as (...a: unknown[]) => Promise<Uint8Array>;
				const pdfLanguages = (window as unknown as { pdfLanguages: Record<string, unknown> }).pdfLanguages;
				const pdfs: Record<
					string,
					{ receiptMs: number[]; fmmMs: number[]; receiptBytes: number; fmmBytes: number }
				> = {};
				for (const locale of PDF_LOCALES) {
					const languages = pdfLanguages[locale];
					const result = { receiptMs: [] as number[], fmmMs: [] as number[], receiptBytes: 0, fmmBytes: 0 };
					for (let i = 0; i < PDF_RUNS; i++) {
						let start = performance.now();
						const qr = await renderQr(receipt);
						result.receiptBytes = (await receiptPdf(receiptClaims, qr.dataUrl, 'a4', languages)).length;
						result.receiptMs.push(performance.now() - start);
						start = performance.now();
						const entryQr = await renderQr(entry);
						result.fmmBytes = (
							await fmmPdf(receiptClaims, entryClaims, entryQr.dataUrl, 'a4', languages)
						).length;
						result.fmmMs.push(performance.now() - start);
					}
					pdfs[locale] = result;
				}
				return { verifyMs, pdfs };
			},
			{ receipt, entry, jwk, receiptClaims, entryClaims, VERIFY_RUNS, PDF_RUNS, PDF_LOCALES }
		);
		const data = {
			sizes,
			verify: { runs: VERIFY_RUNS, medianMs: median(inPage.verifyMs) },
			pdfs: Object.fromEntries(
				Object.entries(inPage.pdfs).map(([locale, pdf]) => [
					locale,
					{
						runs: PDF_RUNS,
						receipt: { medianMs: median(pdf.receiptMs), bytes: pdf.receiptBytes },
						fmm: { medianMs: median(pdf.fmmMs), bytes: pdf.fmmBytes }
					}
				])
			)
		};
		const ms = (value: number) => `${value.toFixed(2)} ms`;
		writeReport(
			'receipt',
			data,
			[
				'## Receipt tokens, QR and PDFs',
				'',
				'| token | characters | QR version (EC Q) |',
				'|---|---|---|',
				`| receipt, COSE_Sign1 ES256 + zlib + Base45 (alphanumeric QR) | ${sizes.coseReceipt.characters} | ${sizes.coseReceipt.qrVersion} |`,
				`| receipt, compact JWS ES256, same claims (byte-mode QR) | ${sizes.jwsReceipt.characters} | ${sizes.jwsReceipt.qrVersion} |`,
				`| entry record (FMM), COSE | ${sizes.coseEntry.characters} | ${sizes.coseEntry.qrVersion} |`,
				'',
				`Chromium, offline: verification median ${ms(data.verify.medianMs)} (${VERIFY_RUNS} runs, key imported once).`,
				'',
				`| PDF languages | receipt (QR + A4 PDF) median | receipt size | FMM median | FMM size |`,
				'|---|---|---|---|---|',
				...Object.entries(data.pdfs).map(
					([locale, pdf]) =>
						`| Spanish + ${locale} | ${ms(pdf.receipt.medianMs)} | ${kb(pdf.receipt.bytes)} | ${ms(pdf.fmm.medianMs)} | ${kb(pdf.fmm.bytes)} |`
				),
				'',
				`${PDF_RUNS} runs each; the Japanese PDFs embed the used glyphs of the CJK font.`
			].join('\n')
		);
	} finally {
		await browser.close();
		http.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
