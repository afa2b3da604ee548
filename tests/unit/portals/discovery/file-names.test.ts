import type { AdapterEnv, PortalAdapter } from '../../../../portals/core/contract/adapter';
import type { PortalDocument } from '../../../../portals/core/contract/documents';
import { collect } from '../../../../portals/core/collection/pipeline';
import { automaticPortal, siteLabel } from '../../../../portals/discovery/automatic-portal';
import { renderPdf } from '../../../../testbeds/demo-portal/pdf';

/**
 * Issue 35, item 7: an Automatic portal's files are named by its site, as a definition's by its
 * slug, so that five Automatic portals' files are told apart; the extension comes once.
 */
test.each([
	['https://billing.example.com/login', 'billing-example-com'],
	['https://www.Billing.Example.com:8443/de/login?next=/', 'billing-example-com'],
	['http://127.0.0.1:3300/eu/login', '127-0-0-1'],
	['https://kundenportal.stadtwerke-münchen.de/', 'kundenportal-stadtwerke-munchen-de'],
])('%s is named %s', (url, label) => {
	expect(siteLabel(url)).toBe(label);
	expect(automaticPortal({ loginUrl: url }).fileLabel).toBe(label);
});

test('a collection names files by the Automatic portal site, with the extension once, and keeps the slug as the portal', async () => {
	const doc: PortalDocument = {
		id: 'RE-2026-0003',
		number: 'RE-2026-0003.pdf',
		accountId: '',
		type: 'invoice',
		issueDate: '2026-06-12',
		downloadUrl: 'https://billing.example.com/files/RE-2026-0003.pdf',
	};
	const adapter = {
		async *listDocuments() {
			yield doc;
		},
	} as unknown as PortalAdapter;
	const env = {
		maxFileBytes: 1_000_000,
		surface: {
			fetchFile: async () => ({
				body: renderPdf(['RE-2026-0003']),
				contentType: 'application/pdf',
			}),
		},
	} as unknown as AdapterEnv;
	const portal = automaticPortal({ loginUrl: 'https://www.billing.example.com/login' });
	const { documents } = await collect(adapter, env, {
		portal: portal.slug,
		fileLabel: portal.fileLabel,
		filters: {},
		fetch: true,
		listing: 'all',
		concurrency: 1,
	});
	expect(documents.map((d) => [d.portal, d.fileName])).toEqual([
		['automatic', '2026-06-12_billing-example-com_RE-2026-0003.pdf'],
	]);
});
