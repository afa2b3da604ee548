import { startDirectus, type RealApp } from '../../../testbeds/real-apps';
import { automaticOnRealApp } from './automatic-on-app';

/**
 * Automatic on Directus 10.13.4 (npm, a headless content system nobody here wrote), given only
 * the login URL and the credentials (issue 33, section 6). The file library's grid lists the
 * files through the app's own API (`GET /files`), but its cards are not links and no file's
 * address shows on the list: discovery goes one level down (one click on one file's card, whose
 * detail view links to `/assets/<id>?download`), checks the address on a second file, and keeps
 * only the items whose type is a PDF (the library lists every file: the bed holds a text file
 * too). A later run reads it all over plain HTTP with every browser hidden.
 */
let app: RealApp;
beforeAll(async () => {
	app = await startDirectus();
}, 900_000);
afterAll(() => app?.stop());

automaticOnRealApp(() => app, {
	firstTitle:
		'signs in, finds the API and, one level down, the files; downloads the five PDFs byte for byte and nothing else',
	api: {
		request: { method: 'GET', url: expect.stringMatching(/^\/files\?fields%5B%5D=id&/) },
		paging: { page: { param: 'page', start: 1 } },
		items: 'data',
		fields: { id: 'id' },
		download: { urlTemplate: '/assets/{id}?download=' },
		where: { path: 'type', equals: ['application/pdf'] },
	},
	discovery: /file: one level down: the detail view of "/,
	discovered: [
		/✓ api: GET \/files\?.* → data: 5 item\(s\)/,
		/file: one level down: .*\/assets\/\{id\}\?download/,
		/only the items whose "type" is application\/pdf/,
	],
	checked: [/api items kept: those whose "type" is application\/pdf/],
	timeout: 240_000,
});
