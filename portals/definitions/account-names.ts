import type { PortalDocument } from '../core/contract/documents';

/**
 * A sub-account's name from the text a portal shows for it (a link, button or option label):
 * the text without the id it also names, and without the dash, colon or brackets that joined
 * them ("CUST-1001 – Household" → "Household"). Undefined when the text is only the id: a name
 * that repeats the id tells a user nothing more.
 */
export function nameFromLabel(label: string, id: string): string | undefined {
	const text = label.replace(/\s+/g, ' ').trim();
	if (!id) return text || undefined;
	// Only an id at either end goes: one inside the text ("Vertrag 42: Strom") is part of the name.
	const quoted = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const rest = text
		.replace(new RegExp(`^[#([]*${quoted}(?![\\p{L}\\p{N}])[)\\]]*`, 'u'), '')
		.replace(new RegExp(`(?<![\\p{L}\\p{N}])[#([]*${quoted}[)\\]]*$`, 'u'), '');
	const name = rest
		.replace(/^[\s\-–—:·|,/#]+|[\s\-–—:·|,/#]+$/g, '')
		.replace(/^\((.*)\)$|^\[(.*)\]$/, '$1$2')
		.trim();
	return name || undefined;
}

/**
 * Gives the listed account's name to its documents. An item that names another account itself
 * (fields.accountId) keeps that account, and no name: the listed account's would be wrong.
 */
export function withAccountName(
	docs: PortalDocument[],
	accountId: string,
	name: string | undefined,
): PortalDocument[] {
	if (!name) return docs;
	for (const doc of docs) if (doc.accountId === accountId) doc.accountName = name;
	return docs;
}
