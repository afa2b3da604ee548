import type { IDataObject } from 'n8n-workflow';
import { browserLaunchCount, closeBrowser } from '../../../portals/core/browser/launch';
import { pollWorkflow, runWorkflow } from '../../../testbeds/n8n-engine';
import { startDemo } from '../../helpers/demo';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Bad input, through n8n's engine: one clear error that names the field and says what is wrong,
 * and nothing else happens — no browser, not a single request to the portal.
 */
const download = loadWorkflow('download.json');

async function expectRefusedUpFront(
	field: RegExp,
	run: () => Promise<Error | undefined>,
): Promise<void> {
	const demo = await startDemo();
	await closeBrowser();
	const launches = browserLaunchCount();
	const error = await run.call(demo);
	expect(error?.message).toMatch(/INVALID_INPUT/);
	expect(error?.message).toMatch(field);
	expect((error as Error & { description?: string }).description).toMatch(
		/Correct the field named in the message/,
	);
	expect(browserLaunchCount()).toBe(launches);
	expect(demo.state.hostsSeen.size).toBe(0);
}

describe('the action node refuses bad input before anything happens', () => {
	const cases: [string, RegExp, Record<string, string>, IDataObject][] = [
		['a user name of spaces', /username: is empty/, { username: '   ' }, {}],
		['an empty password', /password: is empty/, { password: '' }, {}],
		[
			'an authenticator secret that is not Base32',
			/authenticatorSecret/,
			{ authenticatorSecret: 'not a secret!' },
			{},
		],
		[
			'a login URL that is not a web address',
			/loginUrl: .* is not a web address/,
			{ loginUrl: 'ftp://portal' },
			{},
		],
		[
			'an end date before the start date',
			/endDate: the end date 2026-01-01 is before the start date 2026-06-01/,
			{},
			{ startDate: '2026-06-01T00:00:00', endDate: '2026-01-01T00:00:00' },
		],
		['a limit below one', /limit: must be a whole number of at least 1/, {}, { limit: -5 }],
		[
			'a maximum amount below the minimum',
			/maxAmount: the maximum amount 10 is below the minimum 50/,
			{},
			{ minAmount: 50, maxAmount: 10 },
		],
	];
	test.each(cases)('%s', async (_name, field, credentialOverrides, filters) => {
		await expectRefusedUpFront(field, async function (this: Awaited<ReturnType<typeof startDemo>>) {
			const workflow = withParameters(download, 'Invoice Portal', {
				resource: 'document',
				operation: 'download',
				filters,
				onlyNew: true,
			});
			const run = await runWorkflow(workflow, {
				credentials: {
					'cred-1': { ...demoCredential(this, 'tom@example.test'), ...credentialOverrides },
				},
			});
			return run.error('Invoice Portal');
		});
	});
});

describe('the trigger refuses bad settings before anything happens', () => {
	const cases: [string, RegExp, IDataObject][] = [
		[
			'a time zone that does not exist',
			/timezone: "Mars\/Olympus" is not a time zone/,
			{ timezone: 'Mars/Olympus' },
		],
		[
			'a cadence of 0 days',
			/everyDays: must be a whole number of days from 1 to 100/,
			{ everyDays: 0 },
		],
		[
			'an hour range that ends before it starts',
			/hourRanges: 18–8 is not a range/,
			{ hourRanges: { range: [{ from: 18, to: 8 }] } },
		],
		['no weekday at all', /weekdays: choose at least one weekday/, { weekdays: [] }],
	];
	test.each(cases)('%s', async (_name, field, parameters) => {
		await expectRefusedUpFront(field, async function (this: Awaited<ReturnType<typeof startDemo>>) {
			const base = loadWorkflow('trigger.json');
			const node = base.nodes.find((n) => n.name === 'Invoice Portal Trigger')!;
			const workflow = withParameters(base, 'Invoice Portal Trigger', {
				...node.parameters,
				...parameters,
			});
			return pollWorkflow(workflow, {
				credentials: { 'cred-1': demoCredential(this, 'anna@example.test') },
			}).then(
				() => undefined,
				(error: Error) => error,
			);
		});
	});
});
