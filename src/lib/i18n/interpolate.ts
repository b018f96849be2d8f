/** Fills `{name}` placeholders. A missing parameter stays visible as `{name}` so the gap is noticed, not hidden. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** The `{name}` placeholders of a message, sorted, so catalogs can be compared. */
export function placeholders(template: string): string[] {
	return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
