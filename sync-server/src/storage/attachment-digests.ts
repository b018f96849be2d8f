/** The attachment digests that stored revision bodies refer to (`_attachments.*.digest`). */
export function attachmentDigests(revs: { body: string }[]): Set<string> {
	const digests = new Set<string>();
	for (const { body } of revs) {
		const attachments = (JSON.parse(body) as { _attachments?: Record<string, { digest?: unknown }> })
			._attachments;
		for (const attachment of Object.values(attachments ?? {})) {
			if (typeof attachment.digest === 'string') digests.add(attachment.digest);
		}
	}
	return digests;
}
