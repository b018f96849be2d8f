/* Loose types for the PouchDB client the tests load with createRequire (no DOM typings pulled into the server). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPouch = any;
declare namespace PouchDB {
	type Database = AnyPouch;
	namespace Configuration {
		type RemoteDatabaseConfiguration = AnyPouch;
	}
}
