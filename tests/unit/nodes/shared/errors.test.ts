import { NodeOperationError, type INode } from 'n8n-workflow';
import { nodeErrorFrom, nodeErrorFromResult } from '../../../../nodes/shared/errors';
import { PortalError } from '../../../../portals/core/outcomes/errors';
import { REASONS, REASON_CODES } from '../../../../portals/core/outcomes/reasons';
import { reasonResult } from '../../../../portals/core/outcomes/result';

const node = {
	id: 'n1',
	name: 'Invoice Portal',
	type: 'n8n-nodes-invoice-portals.invoicePortal',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const base = {
	portal: 'demo',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};

test('a transient failure says what happened and that the next run tries again, never "Connected"', () => {
	const error = nodeErrorFromResult(
		node,
		reasonResult(
			base,
			'PORTAL_UNAVAILABLE',
			'The portal cannot be reached: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/login',
		),
		0,
	);
	expect(error.message).toBe(
		'Portal unavailable — the next run tries again: The portal cannot be reached: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/login [PORTAL_UNAVAILABLE]',
	);
	expect(error.description).toBe(REASONS.PORTAL_UNAVAILABLE.remedy);
	for (const code of REASON_CODES.filter((c) => REASONS[c].retryable)) {
		expect(
			nodeErrorFromResult(node, reasonResult(base, code, 'What the portal did.'), 0).message,
		).not.toMatch(/connected/i);
	}
});

test('other failures lead with their status; engine errors keep their remedy; unknown errors lose query strings', () => {
	expect(
		nodeErrorFromResult(
			node,
			reasonResult(base, 'WRONG_CREDENTIALS', 'The portal says: wrong password.'),
			0,
		).message,
	).toBe('Login failed: The portal says: wrong password. [WRONG_CREDENTIALS]');
	const setup = nodeErrorFrom(
		node,
		new PortalError('INVALID_INPUT', 'loginUrl: "x" is not a web address.'),
		2,
	);
	expect(setup).toBeInstanceOf(NodeOperationError);
	expect(setup.message).toBe('loginUrl: "x" is not a web address. [INVALID_INPUT]');
	expect(setup.description).toBe(REASONS.INVALID_INPUT.remedy);
	expect(
		nodeErrorFrom(node, new Error('failed at https://portal.example/doc?session=s3cret\nstack'), 0)
			.message,
	).toBe('failed at https://portal.example/doc');
});
