import type Database from 'better-sqlite3';

/**
 * Prepared statements compiled once per SQL text: compiling costs more than most of our queries, and the
 * per-request ones (session look-up, document reads) run thousands of times a second under load.
 */
export function statementCache(db: Database.Database): (text: string) => Database.Statement {
	const statements = new Map<string, Database.Statement>();
	return (text) => {
		let statement = statements.get(text);
		if (!statement) {
			statement = db.prepare(text);
			statements.set(text, statement);
		}
		return statement;
	};
}
