import { captchaSolverOf, SOLVER_CREDENTIAL_TYPE } from '../../../../nodes/shared/connection';
import { InvoicePortal } from '../../../../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../../../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';

const solver = { baseUrl: 'https://solver.example', apiKey: ' key-123 ', timeoutSeconds: 60 };
function source() {
	const read: string[] = [];
	return {
		read,
		getCredentials: async (type: string) => {
			read.push(type);
			return solver;
		},
	};
}

test('Captcha Solver None (or unset): the solver credential is not read, even when one is still selected on the node', async () => {
	for (const option of ['none', undefined, '']) {
		const ctx = source();
		expect(await captchaSolverOf(ctx, option, 0)).toBeUndefined();
		expect(ctx.read).toEqual([]);
	}
});

test('Captcha Solver Solver Service: the credential is read and checked', async () => {
	const ctx = source();
	expect(await captchaSolverOf(ctx, 'solverService', 0)).toEqual({
		baseUrl: 'https://solver.example',
		apiKey: 'key-123',
		timeoutSeconds: 60,
	});
	expect(ctx.read).toEqual([SOLVER_CREDENTIAL_TYPE]);
});

test.each([new InvoicePortal(), new InvoicePortalTrigger()])(
	'$description.displayName: one credential dropdown by default, the solver one only behind Captcha Solver',
	(node) => {
		const option = node.description.properties.find((p) => p.name === 'captchaSolver');
		expect(option).toMatchObject({
			displayName: 'Captcha Solver',
			type: 'options',
			default: 'none',
		});
		expect(option?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'none',
			'solverService',
		]);
		const [account, captcha] = node.description.credentials ?? [];
		expect(account).toMatchObject({ name: 'invoicePortalApi', required: true });
		// Always there, except for the action's Get Many (reads every connection) and Read Invoice
		// Data (reads files): they sign in nowhere.
		if (node instanceof InvoicePortal)
			expect(account.displayOptions).toEqual({
				hide: { operation: ['getMany', 'readInvoiceData'] },
			});
		else expect(account.displayOptions).toBeUndefined();
		expect(captcha).toMatchObject({
			name: SOLVER_CREDENTIAL_TYPE,
			required: true,
			displayOptions: { show: { captchaSolver: ['solverService'] } },
		});
	},
);
