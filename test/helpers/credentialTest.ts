/*
 * The credential's Test button, in-process: what n8n 2.41's CredentialsTester.runRequestTest does
 * (packages/cli/src/services/credentials-tester.service.ts), with n8n-core's RoutingNode running the
 * credential's test request through httpRequestWithAuthentication and the harness's credentials
 * helper, which (like n8n's) always runs preAuthentication for a test node. The real thing is
 * exercised in test/e2e; this one runs in `npm test`.
 */
import { ExecuteContext, ExecutionLifecycleHooks, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRunExecutionData,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from './harness';
import { additionalDataFor, credentialTypes } from './harness';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** Presses Test for credential `id` of `type` with `data` (what the editor sends: saved + edited fields). */
export async function testCredential(
	creds: TestCredentialsHelper,
	type: string,
	id: string,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const testRequest = credentialTypes[type]?.test;
	if (!testRequest) throw new Error(`credential type ${type} has no test request`);
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id, name: id } },
	};
	const nodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'credential test',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		} as unknown as INodeTypeDescription,
	} as INodeType;
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {} as IWorkflowBase);
	const additionalData = additionalDataFor(creds, hooks, 'credential-test');
	const runExecutionData: IRunExecutionData = createRunExecutionData({});
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node: workflow.getNode(node.name)!, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id, name: id, type, data: { ...data } };
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const e = error as { message: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		if (e.cause?.response) {
			const status = e.cause.response.status;
			const rule = testRequest.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
			if (rule) return { status: 'Error', message: (rule.properties as { message: string }).message };
			if (status < 199 || status > 299) {
				return { status: 'Error', message: e.cause.response.statusText || `Received HTTP status code: ${status}` };
			}
		} else if (e.cause?.code) {
			return { status: 'Error', message: e.cause.code };
		}
		return { status: 'Error', message: String(e.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
