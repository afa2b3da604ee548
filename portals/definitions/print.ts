import type { AdapterEnv } from '../core/contract/adapter';
import type { RawFile } from '../core/contract/raw-file';
import type { PortalDocument } from '../core/contract/documents';
import { PortalError } from '../core/outcomes/errors';
import { urlAllowed } from '../core/contract/origins';

/**
 * `documents.download.print`: the portal shows the invoice as a page and offers no file. The
 * browser opens that page (inside the allowed sites, time-limited), checks that it shows the
 * row's number, and prints it to PDF; the item says `printed: true` and its file name
 * `.printed.pdf`, so a printed page is never taken for the portal's own PDF. Plain HTTP cannot
 * print: a definition with print runs in the browser (portal.ts).
 */
export async function printInvoice(
	env: AdapterEnv,
	url: string,
	number: string,
	domains: string[],
): Promise<RawFile> {
	// The invoice page is one of the portal's own pages: on the site the run uses or in domains.
	const target = new URL(url);
	if (target.origin !== new URL(env.baseUrl).origin && !urlAllowed(target, domains))
		throw new PortalError(
			'NAVIGATION_BLOCKED',
			`The invoice page of ${number} is on ${target.host}, outside the portal's domains: it was not opened.`,
		);
	if (!env.surface.printPage)
		throw new PortalError(
			'BROWSER_UNAVAILABLE',
			'This portal offers its invoices as pages to print (documents.download.print), which needs the browser; plain HTTP cannot print them.',
		);
	return env.surface.printPage(url, number, env.maxFileBytes);
}

/**
 * A row without a file link whose invoice page the definition says to print (`href`, read from
 * download.print.open): notes the page's address in the document's locator (read back by
 * printTarget) and says so.
 */
export function printLocator(
	doc: PortalDocument,
	pageUrl: string,
	href: string | undefined,
): boolean {
	if (!href) return false;
	doc.locator = JSON.stringify({ print: new URL(href, pageUrl).toString() });
	return true;
}

/** The invoice page to print for a document, where printLocator noted one. */
export function printTarget(doc: PortalDocument): string | undefined {
	if (!doc.locator) return undefined;
	return (JSON.parse(doc.locator) as { print?: string }).print;
}
