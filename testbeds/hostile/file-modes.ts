import type { IncomingMessage } from 'node:http';
import type { HostileMode } from './index';

/**
 * Scenarios about the files a hostile portal serves (issue 35, items 5 and 6): a web page that
 * dresses as a PDF, and a download that leads to the other site. Each takes over one document's
 * file (`/files/<id>.pdf`) for a signed-in user and leaves the others to the portal.
 */

const fileOf = (req: IncomingMessage) => /^\/files\/(h\d)\.pdf$/.exec(req.url ?? '')?.[1];

/**
 * A page whose first kilobyte holds `%PDF-1.7` (in its title) and whose end holds `%%EOF` (in a
 * comment): what passed as a PDF when the check looked for `%PDF-` anywhere in the first 1024 bytes.
 */
export const PDF_DRESSED_PAGE =
	'<!doctype html><html><head><meta charset="utf-8"><title>%PDF-1.7</title></head>' +
	'<body><h1>Your invoice</h1><p>Sign in again to see it.</p></body></html><!-- %%EOF -->';

/** Document `id`'s file is PDF_DRESSED_PAGE, served with `contentType` and status 200. */
export function pageDressedAsPdf(id: string, contentType = 'application/pdf'): HostileMode {
	return {
		name: `page-as-pdf-${id}`,
		handle: (req, res, ctx) => {
			if (!ctx.signedIn || fileOf(req) !== id) return false;
			res.writeHead(200, { 'content-type': contentType });
			res.end(PDF_DRESSED_PAGE);
			return true;
		},
	};
}

/** Document `id`'s download answers 302 to the same path on the other site. */
export function downloadLeadsAway(id: string): HostileMode {
	return {
		name: `download-away-${id}`,
		handle: (req, res, ctx) => {
			if (!ctx.signedIn || fileOf(req) !== id) return false;
			res.writeHead(302, { location: `${ctx.other}${req.url}` });
			res.end();
			return true;
		},
	};
}
