/** Minimal typings for the PouchDB revision-tree helpers the sync-server reuses (they ship no types). */
declare module 'pouchdb-merge' {
	export interface RevNodeOpts {
		status?: 'available' | 'missing';
		deleted?: boolean;
	}
	export type RevNode = [string, RevNodeOpts, RevNode[]];
	export interface RevPath {
		pos: number;
		ids: RevNode;
	}
	export type RevTree = RevPath[];
	export interface DocMetadata {
		id?: string;
		rev_tree: RevTree;
		deleted?: boolean;
	}
	export function merge(
		tree: RevTree,
		path: RevPath,
		depth: number
	): { tree: RevTree; conflicts: 'new_leaf' | 'new_branch' | 'internal_node'; stemmedRevs?: string[] };
	export function winningRev(metadata: DocMetadata): string;
	export function collectConflicts(metadata: DocMetadata): string[];
	export function collectLeaves(tree: RevTree): { rev: string; pos: number; opts: RevNodeOpts }[];
	export function rootToLeaf(tree: RevTree): { pos: number; ids: { id: string; opts: RevNodeOpts }[] }[];
	export function revExists(tree: RevTree, rev: string): boolean;
	export function isDeleted(metadata: DocMetadata, rev?: string): boolean;
	export function latest(rev: string, metadata: DocMetadata): string;
}

declare module 'pouchdb-adapter-utils' {
	import type { RevTree } from 'pouchdb-merge';
	export interface ParsedDoc {
		metadata: { id: string; rev: string; rev_tree: RevTree; deleted?: boolean; [key: string]: unknown };
		data: Record<string, unknown>;
		stemmedRevs?: string[];
		error?: boolean;
		status?: number;
		name?: string;
		message?: string;
	}
	export function parseDoc(
		doc: Record<string, unknown>,
		newEdits: boolean,
		dbOpts?: { deterministic_revs: boolean }
	): ParsedDoc;
}
