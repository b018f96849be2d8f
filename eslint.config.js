import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Libraries that touch the DOM, storage, the network or the UI: pure domain code must not import them. */
const IO_AND_UI = [
	'svelte',
	'svelte/*',
	'$app/*',
	'$lib/*',
	'dexie',
	'pouchdb*',
	'tesseract.js',
	'jspdf',
	'qrcode',
	'workbox-*',
	'node:*',
	'fs',
	'path',
	'better-sqlite3',
	'pg',
	'fastify',
	'@fastify/*'
];

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'sync-server/dist/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'tests/bench/results/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
		}
	},
	{
		// The server never reaches into the browser app, and the app never into the server.
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [{ group: ['**/sync-server/**'], message: 'the app talks to the server over HTTP only' }]
				}
			]
		}
	},
	{
		// The first visit of `/` stays within its budget (npm run bench:shell): these big modules are loaded on
		// demand with import(), never statically (a type import costs nothing and is fine).
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: ['src/**/*.test.ts', 'src/lib/device/device-db.ts', 'src/lib/officer/officer-db.ts'],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['dexie', '**/device/device-db', '$lib/device/device-db'],
							allowTypeImports: true,
							message: 'open the device database with openDeviceDb() ($lib/device/open-device-db)'
						},
						{
							group: ['$domain/accounts/common-passwords', '**/domain/accounts/common-passwords'],
							allowTypeImports: true,
							message: 'load the list with loadCommonPasswords() ($lib/accounts/common-passwords)'
						}
					]
				}
			]
		}
	},
	{
		// The layer rule of ARCHITECTURE.md: domain code is pure TypeScript.
		files: ['src/lib/domain/**/*.ts', 'sync-server/src/domain/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ group: IO_AND_UI, message: 'domain code stays pure: no UI, storage or I/O' },
						{ group: ['**/sync-server/**'], message: 'the app talks to the server over HTTP only' }
					]
				}
			],
			'no-restricted-globals': [
				'error',
				'window',
				'document',
				'localStorage',
				'indexedDB',
				'fetch',
				'navigator'
			]
		}
	}
);
