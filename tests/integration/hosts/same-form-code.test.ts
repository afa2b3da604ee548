import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * A code field that appears in the sign-in form itself once the password is accepted (issue 33,
 * section 4): the demo's /hosts/samecode/login keeps the filled password field and shows a notice
 * beside the new code field. It is a code step, never a wrong password (which would set the
 * lockout guard), for discovery and for the definition it writes.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const tomsNumbers = () =>
	demo.state.documents
		.filter((d) => d.login === 'tom@example.test')
		.map((d) => d.number)
		.sort();

test('discovery reads it as an authenticator step, answers it and lists the documents; the definition it writes does the same', async () => {
	const first = await runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/hosts/samecode/login` }),
		credentials: credentials('tom@example.test'),
		mode: 'list',
	});
	expect(first.reason).toBeUndefined();
	expect(first.status).toBe('connected');
	expect(first.challengesPassed?.map((c) => c.method)).toEqual(['authenticator_app']);
	expect(first.selected.map((d) => d.number).sort()).toEqual(tomsNumbers());
	expect(demo.state.failedLogins.get('tom@example.test')).toBeUndefined();
	const definition = (first.learned as AutomaticLearned).definition!;
	expect(definition.login.codePrompts).toEqual([
		expect.objectContaining({ method: 'authenticator_app', input: '#otp', submit: '#sign-in' }),
	]);
	// The written definition in the browser (the form works by script): its codePrompts detect it.
	const again = await runPortal({
		portal: definitionPortal({ ...definition, engine: 'browser' }),
		credentials: credentials('tom@example.test'),
		mode: 'list',
	});
	expect(again.status).toBe('connected');
	expect(again.challengesPassed?.map((c) => c.method)).toEqual(['authenticator_app']);
});

test('without the authenticator secret it asks for the code: action required, not a wrong password', async () => {
	const result = await runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/hosts/samecode/login` }),
		credentials: credentials('tom@example.test', { authenticatorSecret: undefined }),
		mode: 'list',
	});
	expect(result.status).toBe('action_required');
	expect(result.reason).not.toBe('WRONG_CREDENTIALS');
	expect(result.challenge?.method).toBe('authenticator_app');
	expect(demo.state.failedLogins.get('tom@example.test')).toBeUndefined();
});
