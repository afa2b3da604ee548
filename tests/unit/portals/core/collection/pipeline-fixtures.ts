import type {
	AdapterEnv,
	ListControl,
	PortalAdapter,
} from '../../../../../portals/core/contract/adapter';
import type { PortalDocument } from '../../../../../portals/core/contract/documents';
import type { RawFile } from '../../../../../portals/core/contract/raw-file';
import type { StageCounts } from '../../../../../portals/core/contract/counts';
import type { CollectOptions } from '../../../../../portals/core/collection/pipeline';
import { PortalError } from '../../../../../portals/core/outcomes/errors';

// What the pipeline's tests share: PDFs, documents, a fake portal with sub-accounts and pages,
// the adapter's env and the options.

/** A real (if empty) PDF; the comment line makes each document's file its own. */
export function pdf(marker: string): Buffer {
	return Buffer.from(
		[
			'%PDF-1.4',
			`% ${marker}`,
			'1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
			'2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj',
			'trailer <</Root 1 0 R>>',
			'%%EOF',
			'',
		].join('\n'),
	);
}

export function doc(id: string, fields: Partial<PortalDocument> = {}): PortalDocument {
	return {
		id,
		accountId: id.split(':')[0],
		number: `INV-${id.replace(':', '-')}`,
		type: 'invoice',
		issueDate: '2026-03-01',
		amount: 100,
		currency: 'EUR',
		...fields,
	};
}

export type Download = (doc: PortalDocument) => Promise<RawFile> | RawFile;

/**
 * A portal with sub-accounts, each a list of pages (newest first), behaving like a real adapter:
 * it asks the engine after each page whether to go on, and downloads documents without a URL
 * itself. It records which pages were read and which documents were downloaded.
 */
export function fakePortal(
	accounts: PortalDocument[][][],
	download: Download = (d) => ({ body: pdf(d.id), contentType: 'application/pdf' }),
	failAfterPages?: number,
) {
	const listedPages: string[][] = [];
	const downloaded: string[] = [];
	const adapter: PortalAdapter = {
		isLoggedIn: async () => true,
		login: async () => ({ kind: 'loggedIn' }),
		submitCode: async () => ({ kind: 'loggedIn' }),
		async *listDocuments(_env, _filters, control?: ListControl) {
			for (const pages of accounts) {
				for (const page of pages) {
					if (failAfterPages !== undefined && listedPages.length >= failAfterPages) {
						throw new PortalError('SESSION_EXPIRED', 'The portal ended the session on page 2.');
					}
					listedPages.push(page.map((d) => d.id));
					yield* page;
					if (control?.pageDone(page)) break;
				}
			}
		},
		async download(_env, d) {
			downloaded.push(d.id);
			return download(d);
		},
	};
	return { adapter, listedPages, downloaded };
}

export const env = {
	baseUrl: 'https://portal.example',
	credentials: { username: 'anna', password: 'x' },
	maxFileBytes: 100_000,
} as AdapterEnv;

export function options(extra: Partial<CollectOptions> = {}): CollectOptions {
	return { portal: 'demo', filters: {}, fetch: true, listing: 'all', concurrency: 2, ...extra };
}

/** Every listed document is in exactly one place: a stage that stopped it, delivered, or failed. */
export function accountedFor(counts: StageCounts): number {
	return Object.values(counts).reduce((a, b) => a + b, 0) - counts.found;
}
