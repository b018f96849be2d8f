import fs from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/**
 * The app's receipt modules bundled for a plain page (window.ArriboBench), with the SvelteKit aliases
 * resolved and the message catalogs (import.meta.glob in the app) read at bundle time. Same code as the
 * app ships; only the module loading differs.
 */
const appAliases: Plugin = {
	name: 'app-aliases',
	setup(b) {
		b.onResolve({ filter: /^\$lib\/i18n\/catalogs$/ }, () => ({ path: 'catalogs', namespace: 'catalogs' }));
		b.onLoad({ filter: /.*/, namespace: 'catalogs' }, () => {
			const dir = path.join(ROOT, 'src/lib/i18n/messages');
			const catalogs: Record<string, Record<string, string>> = {};
			for (const locale of fs.readdirSync(dir)) {
				for (const file of fs.readdirSync(path.join(dir, locale))) {
					const messages = JSON.parse(fs.readFileSync(path.join(dir, locale, file), 'utf8'));
					catalogs[locale] = { ...catalogs[locale], ...messages };
				}
			}
			return {
				contents: `const catalogs = ${JSON.stringify(catalogs)};
					export const loadCatalog = async (locale) => catalogs[locale];`,
				loader: 'js'
			};
		});
		b.onResolve({ filter: /^\$(lib|domain)\// }, async (args) => {
			const base = args.path.startsWith('$lib/') ? 'src/lib/' : 'src/lib/domain/';
			const target = path.join(ROOT, base, args.path.replace(/^\$(lib|domain)\//, ''));
			for (const candidate of [`${target}.ts`, path.join(target, 'index.ts'), target]) {
				if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { path: candidate };
			}
			return undefined;
		});
	}
};

export async function benchBundle(): Promise<string> {
	const entry = `
		export { verifyToken } from '$domain/receipt-token';
		export { renderQr } from '$lib/receipts/qr';
		export { receiptPdf } from '$lib/receipts/receipt-pdf';
		export { fmmPdf } from '$lib/receipts/fmm-pdf';
		export { pdfLanguagesFor } from '$lib/receipts/pdf-languages';
	`;
	const result = await build({
		stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
		bundle: true,
		format: 'iife',
		globalName: 'ArriboBench',
		platform: 'browser',
		write: false,
		plugins: [appAliases],
		logLevel: 'error'
	});
	return result.outputFiles[0]!.text;
}
