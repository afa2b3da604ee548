import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';
import type { DownloadedDocument } from '../../portals/core/contract/documents';
import { emptyCounts } from '../../portals/core/contract/counts';
import { reasonResult, successResult, type RunResult } from '../../portals/core/outcomes/result';
import type { ConnectionRun, OperationRequest } from '../../portals/core/run/connection-run';
import { connectionState } from '../../portals/core/run/connection-state';

/**
 * A small stand-in for n8n's IExecuteFunctions: only what the Invoice Portal node calls. Unit
 * tests of the node's router and operations run against it, with the connection run mocked.
 */
export interface FakeOptions {
	/** Node parameters for every input item, or one set per item. */
	parameters: Record<string, unknown> | Record<string, unknown>[];
	items?: number;
	continueOnFail?: boolean;
	isTool?: boolean;
	credentials?: Record<string, IDataObject>;
	nodeCredentials?: INode['credentials'];
}

export interface FakeContext extends IExecuteFunctions {
	hintsAdded: NodeExecutionHint[];
	staticData: IDataObject;
	/** Which credential types were read, in order. */
	credentialsRead: string[];
}

export const demoCredentialData = {
	portal: 'demo-telecom',
	loginUrl: 'http://127.0.0.1:9',
	username: 'sara@example.test',
	password: 'unit-test-pass',
};

export function fakeExecute(options: FakeOptions): FakeContext {
	const count = options.items ?? 1;
	const parametersOf = (itemIndex: number) =>
		Array.isArray(options.parameters) ? options.parameters[itemIndex] : options.parameters;
	const node: INode = {
		id: 'node-1',
		name: 'Invoice Portal',
		type: 'n8n-nodes-invoice-portals.invoicePortal',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: options.nodeCredentials ?? {
			invoicePortalApi: { id: 'cred-1', name: 'Demo Telecom' },
		},
	};
	const credentials: Record<string, IDataObject> = {
		invoicePortalApi: demoCredentialData,
		...options.credentials,
	};
	const staticData: IDataObject = {};
	const hintsAdded: NodeExecutionHint[] = [];
	const credentialsRead: string[] = [];
	const ctx = {
		hintsAdded,
		staticData,
		credentialsRead,
		getInputData: () =>
			Array.from({ length: count }, (_, i): INodeExecutionData => ({ json: { index: i } })),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = parametersOf(itemIndex)[name];
			return value === undefined ? fallback : value;
		},
		getNode: () => node,
		getCredentials: async (type: string) => {
			credentialsRead.push(type);
			if (!credentials[type]) throw new Error(`no credential of type ${type}`);
			return credentials[type];
		},
		getWorkflowStaticData: () => staticData,
		getExecutionId: () => 'exec-unit',
		getMode: () => 'manual',
		getExecutionCancelSignal: () => undefined,
		continueOnFail: () => options.continueOnFail ?? false,
		isToolExecution: () => options.isTool ?? false,
		addExecutionHints: (...hints: NodeExecutionHint[]) => hintsAdded.push(...hints),
		helpers: {
			// n8n keeps the bytes elsewhere; here they stay in the item, as base64.
			prepareBinaryData: async (
				data: Buffer,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
			}),
		},
	};
	return ctx as unknown as FakeContext;
}

const base = {
	portal: 'demo-telecom',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};

export const pdf = (id: string): DownloadedDocument => ({
	id,
	accountId: 'CUST-3001',
	number: id,
	type: 'invoice',
	issueDate: '2026-11-01',
	portal: 'demo-telecom',
	fileName: `${id}.pdf`,
	mimeType: 'application/pdf',
	fileKind: 'pdf',
	sha256: `hash-${id}`,
	size: 3,
	data: Buffer.from('pdf'),
});

export function connectedResult(parts: Partial<RunResult> = {}): RunResult {
	const downloaded = parts.documents?.length ?? 0;
	return successResult(base, {
		counts: { ...emptyCounts(), found: downloaded, downloaded },
		...parts,
	});
}

export function smsCodeResult(): RunResult {
	return reasonResult(base, 'CODE_REQUIRED_SMS', 'We sent a 6-digit code by SMS.', {
		challenge: {
			method: 'sms',
			portalMessage: 'We sent a 6-digit code by SMS.',
			resumeToken: 'ipx1.unit-token',
			expiresAt: new Date(Date.now() + 300_000).toISOString(),
		},
		debug: { screenshot: Buffer.from('png') },
	});
}

export const DELIVERED_MARK = 'state-with-this-run-delivered';

/** The connection's saved state in the fake's static data (one connection in these tests). */
export function savedState(ctx: FakeContext): IDataObject | undefined {
	const connections = (ctx.staticData.invoicePortals as IDataObject | undefined)?.connections as
		| Record<string, IDataObject>
		| undefined;
	return connections ? Object.values(connections)[0] : undefined;
}

/** What runConnection answers: the operation that ran (the request's, or a token's) and the result. */
export function connectionRun(operation: OperationRequest, result: RunResult): ConnectionRun {
	const state = connectionState(undefined);
	// Marked, so that a test can tell which of the two states was saved.
	const delivered = { ...state, completeScan: DELIVERED_MARK };
	return { ran: true, operation, result, state, delivered, newLockout: false };
}
