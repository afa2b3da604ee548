import type { DemoSeed } from './seed';

/** The authenticator secret of every bench account (the demo's public test secret). */
export const BENCH_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface BenchAccount {
	login: string;
	password: string;
}

/**
 * A demo portal seed for the benchmark: one account with `documents` documents over two
 * customer numbers (full and incremental scenarios), and `parallel` accounts that share
 * `documents` between them (the parallel scenario). All log in with an authenticator code.
 */
export function benchSeed(
	documents: number,
	parallel: number,
): { seed: DemoSeed; main: BenchAccount; others: BenchAccount[] } {
	const account = (login: string, subAccounts: string[], perSubAccount: number) => ({
		login,
		password: `${login.split('@')[0]}-pass`,
		name: login,
		secondFactor: ['totp' as const],
		totpSecret: BENCH_TOTP_SECRET,
		documentsPerSubAccount: perSubAccount,
		subAccounts: subAccounts.map((id) => ({ id, label: `Line ${id}` })),
	});
	const main = account('bench@example.test', ['CUST-9001', 'CUST-9002'], Math.ceil(documents / 2));
	const others = Array.from({ length: parallel }, (_, i) =>
		account(
			`bench-${String(i + 1).padStart(2, '0')}@example.test`,
			[`CUST-8${String(i + 1).padStart(3, '0')}`],
			Math.ceil(documents / parallel),
		),
	);
	return {
		seed: {
			company: 'Demo Telecom',
			documents: { seed: 7, perSubAccount: 1, latest: '2026-10-01', everyDays: 7 },
			accounts: [main, ...others],
		},
		main: { login: main.login, password: main.password },
		others: others.map((a) => ({ login: a.login, password: a.password })),
	};
}
