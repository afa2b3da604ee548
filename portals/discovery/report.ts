/**
 * What discovery found, step by step, for people: the checker prints it, the Discover operation
 * outputs it. Plain data; it never holds a secret (no form values, no cookies, no codes).
 */
export type DiscoveryStepName =
	| 'login form'
	| 'code page'
	| 'logged in'
	| 'documents page'
	| 'rows'
	| 'fields'
	| 'id'
	| 'pagination'
	| 'sub-accounts'
	| 'download'
	| 'api';

export interface DiscoveryStep {
	step: DiscoveryStepName;
	ok: boolean;
	/** One line: what was found and why ("/invoices scored 14 against /dashboard 3, /profile 0"). */
	summary: string;
	/** Further lines: selectors, sample values, runners-up. */
	details?: string[];
}

export class DiscoveryReport {
	readonly steps: DiscoveryStep[] = [];

	add(step: DiscoveryStep): void {
		this.steps.push(step);
	}

	/** Printable lines: "✓ rows: ..." then indented details. */
	lines(): string[] {
		return this.steps.flatMap((s) => [
			`${s.ok ? '✓' : '✗'} ${s.step}: ${s.summary}`,
			...(s.details ?? []).map((d) => `  ${d}`),
		]);
	}
}
