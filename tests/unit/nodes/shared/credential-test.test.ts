import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { invoicePortalLoginTest } from '../../../../nodes/shared/credential-test';
import { runPortal } from '../../../../portals/core/run/portal-run';
import { reasonResult } from '../../../../portals/core/outcomes/result';
import { REASONS } from '../../../../portals/core/outcomes/reasons';
import { connectedResult, demoCredentialData, smsCodeResult } from '../../../helpers/fake-execute';

jest.mock('../../../../portals/core/run/portal-run', () => ({
	...jest.requireActual('../../../../portals/core/run/portal-run'),
	runPortal: jest.fn(),
}));
const portal = runPortal as jest.MockedFunction<typeof runPortal>;
beforeEach(() => portal.mockReset());

const base = {
	portal: 'demo-telecom',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};
const credential = (data: object): ICredentialsDecrypted => ({
	id: 'cred-1',
	name: 'Demo Telecom',
	type: 'invoicePortalApi',
	data: data as never,
});
const pressTest = (data: object = demoCredentialData) =>
	invoicePortalLoginTest.call({} as ICredentialTestFunctions, credential(data));

test('the Test button logs in only (check mode) with the credential as typed, and says OK when the login works', async () => {
	portal.mockResolvedValue(connectedResult());
	expect(await pressTest()).toEqual({ status: 'OK', message: 'Login works.' });
	expect(portal).toHaveBeenCalledTimes(1);
	expect(portal.mock.calls[0][0]).toMatchObject({
		mode: 'check',
		baseUrl: 'http://127.0.0.1:9',
		credentials: { username: 'sara@example.test', password: 'unit-test-pass' },
	});
	expect(portal.mock.calls[0][0].portal.slug).toBe('demo-telecom');
});

test('a portal that asks for a code: the login data is fine, but downloads need the two-factor template', async () => {
	portal.mockResolvedValue(smsCodeResult());
	const result = await pressTest();
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(
		/^Credentials accepted, but this portal asks for .*SMS.* at login\. Downloads need the two-factor workflow template/,
	);
});

test('a failed login says what happened and what to do', async () => {
	portal.mockResolvedValue(
		reasonResult(base, 'WRONG_CREDENTIALS', 'The portal says: wrong password.'),
	);
	expect(await pressTest()).toEqual({
		status: 'Error',
		message: `The portal says: wrong password. — ${REASONS.WRONG_CREDENTIALS.remedy}`,
	});
});

test('a credential the engine rejects (unknown portal) is answered without a browser, with the remedy', async () => {
	const result = await pressTest({ ...demoCredentialData, portal: 'no-such-portal' });
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^portal: "no-such-portal" is not a known portal.* — /);
	expect(portal).not.toHaveBeenCalled();
});

test('an unexpected error: its first line, without query strings', async () => {
	portal.mockRejectedValue(
		new Error('browser crashed at https://portal.example/login?session=s3cret\n    at stack line'),
	);
	expect(await pressTest()).toEqual({
		status: 'Error',
		message: 'browser crashed at https://portal.example/login',
	});
});
