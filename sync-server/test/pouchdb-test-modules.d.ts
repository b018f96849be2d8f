/* Loose typings for the PouchDB packages the tests use as a real replication client. */
declare module 'pouchdb-core' {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	type Any = any;
	namespace PouchDB {
		type Database = Any;
		namespace Configuration {
			type RemoteDatabaseConfiguration = Any;
		}
	}
	const PouchDB: Any;
	export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-adapter-memory' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-replication' {
	const plugin: unknown;
	export default plugin;
}
