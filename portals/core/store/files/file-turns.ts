import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashedName } from '../hashed-name';
import type { DeliveryTurn, TurnResource } from '../store';
import { writeAtomically } from './write-atomically';

/** Delivery turns as small JSON files ({"turn","at"}), one per scope. */
export class FileTurns implements TurnResource {
	constructor(private readonly dir: string) {}

	private file(scope: string): string {
		return join(this.dir, `${hashedName(scope)}.json`);
	}

	async lastTurn(scope: string): Promise<DeliveryTurn | undefined> {
		try {
			return JSON.parse(readFileSync(this.file(scope), 'utf8')) as DeliveryTurn;
		} catch {
			return undefined;
		}
	}

	async nextTurn(scope: string, at: number, after = 0): Promise<DeliveryTurn> {
		const next = { turn: Math.max((await this.lastTurn(scope))?.turn ?? 0, after) + 1, at };
		mkdirSync(this.dir, { recursive: true });
		writeAtomically(this.file(scope), JSON.stringify(next));
		return next;
	}
}
