import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Self-hosts tesseract.js: its worker script and every WebAssembly core variant it may pick for the LSTM engine
 * (plain, SIMD, relaxed SIMD) are served from `/ocr/` on our own origin — copied
 * from node_modules into the client build at build time (never committed), and served from node_modules by
 * the dev server. The MRZ model itself is `static/ocr/mrz.traineddata`.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const TESSERACT = path.join(ROOT, 'node_modules', 'tesseract.js', 'dist');
const CORE = path.join(ROOT, 'node_modules', 'tesseract.js-core');

export function ocrAssetFiles(): Map<string, string> {
	const files = new Map<string, string>([['ocr/worker.min.js', path.join(TESSERACT, 'worker.min.js')]]);
	for (const name of fs.readdirSync(CORE)) {
		// The `.wasm.js` builds embed the WebAssembly, which is what tesseract.js loads in browsers. The app always
		// runs the LSTM engine only (OEM.LSTM_ONLY), for which tesseract.js picks among exactly these three:
		// tesseract-core-lstm, -simd-lstm and -relaxedsimd-lstm (see tesseract.js worker-script/browser/getCore.js).
		if (/^tesseract-core.*-lstm\.wasm\.js$/.test(name)) files.set(`ocr/${name}`, path.join(CORE, name));
	}
	return files;
}

export function ocrAssets(): Plugin {
	let isSsrBuild = false;
	return {
		name: 'arribo-ocr-assets',
		configResolved(config) {
			isSsrBuild = Boolean(config.build.ssr);
		},
		configureServer(server) {
			const files = ocrAssetFiles();
			server.middlewares.use((request, response, next) => {
				const file = files.get((request.url ?? '').split('?')[0]!.replace(/^\//, ''));
				if (!file) return next();
				response.setHeader('Content-Type', 'text/javascript');
				fs.createReadStream(file).pipe(response);
			});
		},
		generateBundle() {
			if (isSsrBuild) return;
			for (const [fileName, file] of ocrAssetFiles()) {
				this.emitFile({ type: 'asset', fileName, source: new Uint8Array(fs.readFileSync(file)) });
			}
		}
	};
}
