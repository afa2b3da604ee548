import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

/**
 * The Invoice Portal node's output schemas (nodes/InvoicePortal/__schema__), read as n8n 2.8.4
 * reads them: the editor asks /schemas/<type>/<version>/<resource>/<operation>.json, its version
 * padded to three parts (1 → 1.0.0), and the server answers with
 * __schema__/v<version>/<resource>/<operation>.json from the folder of the node's file.
 */
export const SCHEMA_ROOT = join(__dirname, '..', '..', 'nodes', 'InvoicePortal', '__schema__');

/** As the editor pads a node's version for the schema's URL (1 → 1.0.0, 1.1 → 1.1.0). */
export function paddedVersion(version: number): string {
	return version.toString().split('.').concat(['0', '0']).slice(0, 3).join('.');
}

export interface Operation {
	/** As the editor puts it in the URL: 1.0.0 */
	version: string;
	resource: string;
	operation: string;
	/** Relative to the node's folder, as n8n resolves it: __schema__/v1.0.0/document/list.json */
	schemaPath: string;
}

/** Every version × resource × operation the node offers in the editor, and where its schema belongs. */
export function operationsOf(description: INodeTypeDescription): Operation[] {
	const versions = [description.version].flat();
	const resources = optionValues(description.properties.find((p) => p.name === 'resource'));
	return versions.flatMap((version) =>
		resources.flatMap((resource) =>
			description.properties
				.filter(
					(p) =>
						p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource) === true,
				)
				.flatMap(optionValues)
				.map((operation) => ({
					version: paddedVersion(version),
					resource,
					operation,
					schemaPath: `__schema__/v${paddedVersion(version)}/${resource}/${operation}.json`,
				})),
		),
	);
}

function optionValues(property: INodeProperties | undefined): string[] {
	return (property?.options ?? []).map((o) => String((o as { value: unknown }).value));
}

/** Every schema file under __schema__, relative to the node's folder. */
export function schemaFiles(): string[] {
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
		);
	return walk(SCHEMA_ROOT)
		.map((file) => relative(join(SCHEMA_ROOT, '..'), file))
		.sort();
}

export function readSchema(schemaPath: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(SCHEMA_ROOT, '..', schemaPath), 'utf8'));
}

/**
 * One validator per schema file. The files refer to each other (Submit Code ends with another
 * operation's items) by their $id, so all are added before any is compiled.
 */
export function validators(): (schemaPath: string) => ValidateFunction {
	const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
	for (const file of schemaFiles()) ajv.addSchema(readSchema(file));
	return (schemaPath) => {
		const validate = ajv.getSchema(String(readSchema(schemaPath).$id));
		if (!validate) throw new Error(`no schema ${schemaPath}`);
		return validate;
	};
}
