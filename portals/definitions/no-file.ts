import { PortalError } from '../core/outcomes/errors';
import type { PortalDocument } from '../core/contract/documents';
import type { DefinitionSpec } from './spec';

/**
 * A listed document the portal offers no file for (a row without its download link, an API item
 * without its file field). Portals list an invoice before its PDF is ready, so one such row is
 * that document's failure (DOWNLOAD_FAILED: not delivered, not recorded, tried again next run),
 * never a stop for the others. Only when no row of a page has its file has the portal changed:
 * then the run stops with LAYOUT_CHANGED, naming the part of the definition to check.
 */
interface NoFile {
	element: string;
	message: string;
}

/** Notes on the document why it has no file; its download then fails with that message. */
export function markNoFile(doc: PortalDocument, element: string, message: string): void {
	delete doc.downloadUrl;
	doc.locator = JSON.stringify({ noFile: { element, message } satisfies NoFile });
}

function noFileOf(doc: PortalDocument): NoFile | undefined {
	if (!doc.locator?.includes('"noFile"')) return undefined;
	return (JSON.parse(doc.locator) as { noFile?: NoFile }).noFile;
}

/** The failure of a document the portal offers no file for, or nothing when it has one. */
export function throwIfNoFile(doc: PortalDocument): void {
	const missing = noFileOf(doc);
	if (missing)
		throw new PortalError(
			'DOWNLOAD_FAILED',
			`The portal offers no file for it yet (${missing.message}); it is not delivered, and the next run tries again.`,
		);
}

/** LAYOUT_CHANGED when a page lists documents and not one of them has its file. */
export function throwIfNoFileOnPage(spec: DefinitionSpec, docs: PortalDocument[]): void {
	const missing = docs.map(noFileOf);
	if (!missing.length || missing.some((m) => !m)) return;
	throw new PortalError('LAYOUT_CHANGED', `${spec.name}: ${missing[0]!.message}`, {
		missingElement: missing[0]!.element,
	});
}
