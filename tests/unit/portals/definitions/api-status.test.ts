import type { ApiAnswer } from '../../../../portals/core/contract/api-call';
import { PortalError } from '../../../../portals/core/outcomes/errors';
import { throwForApiStatus } from '../../../../portals/definitions/api-status';

const answer = (status: number): ApiAnswer => ({
	status,
	url: 'https://app.example.com/api/invoices?token=s3cr3t',
	headers: { 'retry-after': '30' },
	body: Buffer.from(''),
});

function reasonOf(status: number): PortalError | undefined {
	try {
		throwForApiStatus(answer(status));
		return undefined;
	} catch (e) {
		return e as PortalError;
	}
}

/** Each API status as the reason a user reads, with what to do (issue 33). */
test.each([
	[200, undefined],
	[401, 'SESSION_EXPIRED'],
	[403, 'SESSION_EXPIRED'],
	[429, 'RATE_LIMITED'],
	[404, 'LAYOUT_CHANGED'],
	[400, 'LAYOUT_CHANGED'],
	[408, 'PORTAL_UNAVAILABLE'],
	[503, 'PORTAL_UNAVAILABLE'],
])('HTTP %i is %s', (status, code) => {
	const error = reasonOf(status);
	expect(error?.code).toBe(code);
	if (error) expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain('s3cr3t');
});

test('a request the portal no longer knows says how to check the definition', () => {
	expect(reasonOf(404)?.message).toMatch(/portal:check/);
});
