import { MAX_PAGE_BYTES } from '../../../portals/core/http/guarded-fetch';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { addSecret } from '../../helpers/secret-scan';
import { PASSWORD, USERNAME, startHostile, type Hostile } from '../../../testbeds/hostile';
import { hugeDocumentsPage } from '../../../testbeds/hostile/size-modes';

/**
 * Issue 35, item 4: one size cap (MAX_PAGE_BYTES) for every page, fetched or rendered. A 50 MB
 * documents page is refused with the HTTP engine's reason on both engines, before it is read
 * whole: the portal never gets to send it all, and no part of it goes into the result (the
 * browser engine once rendered it whole and put it into the item as portal.html). The browser
 * renders the documents page right after signing in (the form's answer redirects there).
 */
let hostile: Hostile;
beforeAll(async () => {
	hostile = await startHostile();
	addSecret(PASSWORD);
});
afterAll(() => hostile?.stop());
afterEach(() => hostile.use());

describe.each(['http', 'browser'] as const)('on the %s engine', (engine) => {
	test.each([
		['streamed without a length', false],
		['with its Content-Length', true],
	])(
		'a 50 MB documents page %s is refused with the cap’s reason, before it is read whole',
		async (_what, declareLength) => {
			const huge = hugeDocumentsPage(declareLength);
			hostile.use(huge);
			const result = await runPortal({
				portal: definitionPortal({
					...hostile.definition(),
					engine,
				} as unknown as DefinitionSpec),
				credentials: { username: USERNAME, password: PASSWORD },
				mode: 'download',
			});
			expect(result.reason).toBe('PORTAL_UNAVAILABLE');
			expect(result.message).toBe(
				`The portal sent a page larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB at ${hostile.url}/documents; it was not read.`,
			);
			expect(result.documents).toEqual([]);
			// The portal was cut off: the page was never read to its end (so never held whole here,
			// nor in the browser, nor read with page.content()).
			expect(huge.sent().bytes).toBeGreaterThan(0);
			expect(huge.sent().whole).toBe(false);
			// Nothing of the page went into the result (no debug HTML of it, no message with it).
			expect(JSON.stringify(result).length).toBeLessThan(64 * 1024);
		},
	);
});
