/* Workflow JSON fixtures (test/workflows/fixtures/*.json): load, adapt to a credential and input items. */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { IDataObject, INode } from 'n8n-workflow';

import type { WorkflowFixture } from './harness';
import { CREDENTIALS } from './reportRun';

/** The fixtures are run with the JWT and the API token credentials. */
export type CredentialKind = 'jwt' | 'token';

export interface FixtureOptions {
	credential?: CredentialKind;
	/** Input items emitted by the Start node (one Engage Voice run per item). */
	items?: IDataObject[];
	/** Merged over the Engage Voice node's parameters (top-level keys replaced). */
	parameters?: IDataObject;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
}

const FIXTURES = join(__dirname, '..', 'workflows', 'fixtures');

export function loadFixture(name: string, options: FixtureOptions = {}): WorkflowFixture {
	const fixture = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as WorkflowFixture;
	const start = fixture.nodes.find((n) => n.name === 'Start') as INode;
	const engage = fixture.nodes.find((n) => n.name === 'Engage Voice') as INode;
	if (options.items) start.parameters = { ...start.parameters, items: JSON.stringify(options.items) };
	const credential = CREDENTIALS[options.credential ?? 'jwt'];
	engage.parameters = {
		...engage.parameters,
		authentication: credential.authentication,
		...(options.parameters ?? {}),
	} as INode['parameters'];
	engage.credentials = { [credential.type]: { id: credential.id, name: credential.id } };
	if (options.onError) engage.onError = options.onError;
	return fixture;
}

/** A resource locator value in "By ID" mode, as n8n stores it. */
export function byId(value: string | number): IDataObject {
	return { __rl: true, mode: 'id', value: String(value) };
}
