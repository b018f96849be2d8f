/* Loose types for the PouchDB client the tests load with createRequire (no DOM typings pulled into the server). */
/* eslint-disable @typescript-eslint/no-explicit-any */
declare namespace PouchDB {
	/** Any method, any result; the common ones accept a type argument as PouchDB's own typings do. */
	interface Database {
		[method: string]: any;
		get<T = any>(id: string, options?: any): Promise<T & { _id: string; _rev: string } & Record<string, any>>;
		put<T = any>(doc: T, options?: any): Promise<any>;
		bulkDocs<T = any>(docs: T[], options?: any): Promise<any>;
		allDocs<_T = any>(options?: any): Promise<any>;
		bulkGet<_T = any>(options: any): Promise<any>;
		changes<_T = any>(options?: any): any;
	}
	namespace Configuration {
		type RemoteDatabaseConfiguration = any;
	}
}
