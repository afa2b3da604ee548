import type { AdapterEnv } from '../core/contract/adapter';
import type { RawFile } from '../core/contract/raw-file';
import { PortalError } from '../core/outcomes/errors';

/**
 * `documents.download.print`: the portal shows the invoice as a page and offers no file. The
 * browser opens that page (inside the allowed sites, time-limited), checks that it shows the
 * row's number, and prints it to PDF; the item says `printed: true` and its file name
 * `.printed.pdf`, so a printed page is never taken for the portal's own PDF. Plain HTTP cannot
 * print: a definition with print runs in the browser (portal.ts).
 */
export function printInvoice(env: AdapterEnv, url: string, number: string): Promise<RawFile> {
	if (!env.surface.printPage)
		throw new PortalError(
			'BROWSER_UNAVAILABLE',
			'This portal offers its invoices as pages to print (documents.download.print), which needs the browser; plain HTTP cannot print them.',
		);
	return env.surface.printPage(url, number, env.maxFileBytes);
}
