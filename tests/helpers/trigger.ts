import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { browserLaunchCount, closeBrowser } from '../../portals/core/browser/launch';
import type { DemoPortal } from '../../testbeds/demo-portal';
import { pollWorkflow, type PollRun } from '../../testbeds/n8n-engine';
import { startDemo } from './demo';
import { useFakeDate } from './fake-date';
import { demoCredential, loadWorkflow, withParameters } from './workflows';

/**
 * The Invoice Portal Trigger as n8n runs it: each wake-up is one poll in a PollContext; when it
 * emits, n8n saves the static data and runs the workflow with the emitted items. Only what n8n
 * saved is passed to the next wake-up, so nothing is carried over in memory. The clock is faked
 * (Date only; timers stay real, so Playwright and the demo portal work as usual).
 */
export const ZONE = 'Europe/Amsterdam';
export const TRIGGER = 'Invoice Portal Trigger';
export const ANNA = 'anna@example.test';

/** Fakes Date for the test file (wake() sets it); every timer stays real. */
export function fakeDateOnly(): void {
	beforeAll(() => useFakeDate());
	afterAll(() => {
		jest.useRealTimers();
	});
}

/** The test workflow with the trigger's parameters changed and its own credential id (and so its own connection). */
export function triggerWorkflow(credentialId: string, parameters: IDataObject = {}) {
	const base = loadWorkflow('trigger.json');
	const node = base.nodes.find((n) => n.name === TRIGGER)!;
	const copy = withParameters(base, TRIGGER, { ...node.parameters, ...parameters });
	copy.nodes.find((n) => n.name === TRIGGER)!.credentials = {
		invoicePortalApi: { id: credentialId, name: 'Demo Telecom' },
	};
	return copy;
}

export interface Connection {
	workflow: ReturnType<typeof triggerWorkflow>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData: IDataObject;
}

/** A connection of the demo portal's account `login`, with nothing stored yet. */
export function triggerConnection(
	demo: DemoPortal,
	credentialId: string,
	login: string,
	parameters: IDataObject = {},
	overrides: Record<string, string> = {},
): Connection {
	return {
		workflow: triggerWorkflow(credentialId, parameters),
		credentials: { [credentialId]: demoCredential(demo, login, overrides) },
		staticData: {},
	};
}

/** One wake-up at a local time in Amsterdam; keeps only what n8n would have saved. */
export async function wake(conn: Connection, localTime: string): Promise<PollRun> {
	jest.setSystemTime(DateTime.fromISO(localTime, { zone: ZONE }).toJSDate());
	const run = await pollWorkflow(conn.workflow, {
		credentials: conn.credentials,
		staticData: conn.staticData,
	});
	conn.staticData = run.staticData;
	return run;
}

export const documents = (run: PollRun): INodeExecutionData[] => run.emitted?.[0] ?? [];
export const changes = (run: PollRun): INodeExecutionData[] => run.emitted?.[1] ?? [];
export const idsOf = (items: INodeExecutionData[]) =>
	items.map((i) => String(i.json.number)).sort();

/** The numbers of the account's documents issued on or after `since`, sorted. */
export function demoIds(demo: DemoPortal, login: string, since: string): string[] {
	return demo.state.documents
		.filter((d) => d.login === login && d.issueDate >= since)
		.map((d) => d.number)
		.sort();
}

/**
 * What a trigger test file sets up: a demo portal that lists two documents a page (started
 * before the file's tests), Date faked, and connections of the portal's accounts.
 */
export function triggerBed() {
	let started: DemoPortal | undefined;
	beforeAll(async () => {
		started = await startDemo({ pageSize: 2 });
	});
	fakeDateOnly();
	const demo = () => {
		if (!started) throw new Error('the demo portal has not started');
		return started;
	};
	return {
		/** The file's demo portal (once its tests run). */
		get demo(): DemoPortal {
			return demo();
		},
		/** A connection of the account `login` (see triggerConnection), with nothing stored yet. */
		connection: (
			credentialId: string,
			login: string,
			parameters?: IDataObject,
			overrides?: Record<string, string>,
		) => triggerConnection(demo(), credentialId, login, parameters, overrides),
		/** The numbers of the account's documents issued on or after `since` (see demoIds). */
		expectedIds: (login: string, since: string) => demoIds(demo(), login, since),
	};
}

/**
 * Runs `body` (wake-ups that should not run) and checks that it started no browser: the shared
 * browser is closed first, so that any run would have to launch one.
 */
export async function withoutBrowserLaunch<T>(body: () => Promise<T>): Promise<T> {
	await closeBrowser();
	const launches = browserLaunchCount();
	const result = await body();
	expect(browserLaunchCount()).toBe(launches);
	return result;
}
