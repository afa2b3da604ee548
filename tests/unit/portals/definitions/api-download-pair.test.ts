import type { AdapterEnv } from '../../../../portals/core/contract/adapter';
import type { PortalDocument } from '../../../../portals/core/contract/documents';
import { downloadLocator } from '../../../../portals/definitions/api-download';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { readDefinition as read } from './shipped-definitions';

/**
 * An app that gives one contract's PDFs as base64 inside the JSON and another's through a second
 * call (the demo's /spa/): `download` names base64Field and the call, and each item's file is
 * taken the way that item offers it. With base64Field alone, an item without it has no file yet:
 * that document's failure when it is downloaded (no-file.ts), not the list's.
 */
const env = {} as AdapterEnv;
const address = (_: AdapterEnv, target: string) => new URL(target, 'https://demo-spa.example').href;
const PDF = Buffer.from('%PDF-1.4 one\n').toString('base64');

function locate(download: object, item: object) {
	const spec = read('demo/demo-spa.json') as DefinitionSpec;
	spec.documents.api!.download = download;
	const doc = { id: '1', number: 'INV-1' } as PortalDocument;
	downloadLocator(env, spec, address, doc, item, 'https://demo-spa.example/spa/api/invoices');
	return JSON.parse(doc.locator!);
}

const pair = {
	base64Field: 'document.content',
	call: { url: '/spa/api/invoices/{id}/download', urlField: 'signedUrl' },
};

test('an item with the base64 gives its file inline; one without it gets the second call', () => {
	expect(locate(pair, { id: 'a1', document: { content: PDF } })).toEqual({
		kind: 'base64',
		data: PDF,
	});
	expect(locate(pair, { id: 'b2' })).toEqual({
		kind: 'call',
		url: 'https://demo-spa.example/spa/api/invoices/b2/download',
	});
});

test('base64Field alone: an item without it has no file yet, said when it is downloaded', () => {
	expect(locate({ base64Field: 'document.content' }, { id: 'b2' })).toEqual({
		noFile: {
			element: 'documents.api.download.base64Field',
			message: "its item has no base64Field in the API's answer",
		},
	});
});
