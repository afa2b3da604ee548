import type { AdapterEnv } from '../../../../portals/core/contract/adapter';
import type { PortalDocument } from '../../../../portals/core/contract/documents';
import { downloadLocator } from '../../../../portals/definitions/api-download';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { readDefinition as read } from './shipped-definitions';

/**
 * Where an API document's file comes from (documents.api.download, issue 33): an address on the
 * portal whose calls need no header goes to the collection as a plain link (fetched with the
 * session's cookies while the listing goes on); an address on a download host never does, since
 * the session's cookies must not reach that host. Files the reader fetches from Node are fetched
 * side by side while the listing goes on (fetchAlongside); calls inside the page are not.
 */
const spec = read('demo/demo-spa.json') as DefinitionSpec;
delete spec.documents.api!.auth;
spec.documents.api!.download = { urlField: 'files.pdf' };
spec.downloadDomains = ['files.cdn.example'];
const env = {} as AdapterEnv;
const address = (_: AdapterEnv, target: string) => new URL(target, 'https://demo-spa.example').href;
const listed = (pdf: string) => {
	const doc = { id: '1', number: 'INV-1' } as PortalDocument;
	downloadLocator(
		env,
		spec,
		address,
		doc,
		{ files: { pdf } },
		'https://demo-spa.example/spa/api/invoices',
	);
	return {
		downloadUrl: doc.downloadUrl,
		locator: doc.locator && JSON.parse(doc.locator),
		fetchAlongside: doc.fetchAlongside,
	};
};

test('a file on the portal without headers is a plain download link', () => {
	expect(listed('/spa/api/invoices/1/pdf')).toEqual({
		downloadUrl: 'https://demo-spa.example/spa/api/invoices/1/pdf',
		locator: undefined,
		fetchAlongside: undefined,
	});
});

test('a file on a download host is fetched by the API reader, without the session', () => {
	expect(listed('https://files.cdn.example/signed/abc.pdf')).toEqual({
		downloadUrl: undefined,
		locator: { kind: 'url', url: 'https://files.cdn.example/signed/abc.pdf' },
		fetchAlongside: true,
	});
});

test('calls with a header are made from Node side by side while the listing goes on; calls inside the page are not', () => {
	spec.documents.api!.auth = {
		headers: { Authorization: { template: 'Bearer {value}', from: { sessionStorage: 'token' } } },
	};
	try {
		expect(listed('/spa/api/invoices/1/pdf')).toEqual({
			downloadUrl: undefined,
			locator: { kind: 'url', url: 'https://demo-spa.example/spa/api/invoices/1/pdf' },
			fetchAlongside: true,
		});
		spec.documents.api!.inPage = true;
		expect(listed('/spa/api/invoices/1/pdf')).toMatchObject({ fetchAlongside: undefined });
	} finally {
		delete spec.documents.api!.auth;
		delete spec.documents.api!.inPage;
	}
});
