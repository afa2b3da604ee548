import type { Failure, RunBase } from '../../../../../portals/core/outcomes/result';
import type { DownloadedDocument } from '../../../../../portals/core/contract/documents';
import { safeUrl } from '../../../../../portals/core/outcomes/errors';
import {
	REASONS,
	REASON_CODES,
	type ReasonCode,
} from '../../../../../portals/core/outcomes/reasons';
import { successResult } from '../../../../../portals/core/outcomes/result';

/**
 * Issue 35, item 6: one status for a blocked download everywhere (the run's reason always has the
 * status the reasons table gives it), and no "null" in printed page addresses. The checker's line
 * for such a download is checked where the checker runs as a user runs it
 * (tests/integration/hostile/hostile-redirects.test.ts).
 */
const base: RunBase = {
	portal: 'hostile',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};
const blocked: Failure = {
	documentId: 'h1',
	number: 'RE-2026-0001',
	reason: 'NAVIGATION_BLOCKED',
	message:
		'The portal tried to lead to http://127.0.0.2:4000/files/h1.pdf, outside its own address; the request was not sent.',
};
const delivered = { number: 'RE-2026-0002' } as DownloadedDocument;

describe('a download that leads to another website', () => {
	test('is connected / PARTIAL_RUN, whether it was the only document or others were delivered', () => {
		for (const documents of [[], [delivered]]) {
			const result = successResult(base, { failures: [blocked], documents });
			expect(result).toMatchObject({ status: 'connected', reason: 'PARTIAL_RUN' });
			expect(result.failures.map((f) => f.reason)).toEqual(['NAVIGATION_BLOCKED']);
			expect(result.message).toContain('http://127.0.0.2:4000/files/h1.pdf');
		}
	});
});

test.each(REASON_CODES)(
	'a run whose one document failed with %s has a reason of its own status',
	(code: ReasonCode) => {
		const result = successResult(base, { failures: [{ ...blocked, reason: code }] });
		expect(result.status).toBe('connected');
		expect(REASONS[result.reason!].status).toBe(result.status);
	},
);

test.each([
	['about:blank', 'about:blank'],
	['chrome-error://chromewebdata/', 'chrome-error://chromewebdata/'],
	['file:///tmp/page.html?sid=1', 'file:///tmp/page.html'],
	['data:text/html,<p>secret</p>', 'data:…'],
	['blob:http://portal.example/1c9a', 'blob:…'],
	['javascript:alert(1)', 'javascript:…'],
	['https://portal.example:8443/a/b?sid=1#x', 'https://portal.example:8443/a/b'],
	['', ''],
])('the page address %j is printed as %j, never with "null"', (url, printed) => {
	expect(safeUrl(url)).toBe(printed);
});
