/*
 * A test-only node that sends one request through the transport with the parameters given, so the
 * transport's retry, budget and error mapping are tested over real HTTP inside WorkflowExecute.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { engageRequest, getConnection } from '../../nodes/EngageVoice/transport';

export class TransportProbe implements INodeType {
	description = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request through the Engage Voice transport',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'engageVoiceJwtApi', required: false },
			{ name: 'engageVoiceTokenApi', required: false },
		],
		properties: [
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'apiToken' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Path', name: 'path', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Idempotent', name: 'idempotent', type: 'string', default: '' },
			{ displayName: 'Endpoint Class', name: 'endpointClass', type: 'string', default: 'admin' },
			{ displayName: 'Budget Scope', name: 'budgetScope', type: 'string', default: '' },
			{ displayName: 'Context', name: 'context', type: 'string', default: '' },
			{ displayName: 'Transport', name: 'transport', type: 'json', default: '' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const p = this.getNode().parameters as IDataObject;
		const json = (value: unknown) => (value ? (JSON.parse(String(value)) as IDataObject) : undefined);
		const connection = await getConnection(this);
		const response = await engageRequest.call(
			this,
			connection,
			{
				method: (p.method as 'GET' | 'POST') ?? 'GET',
				path: String(p.path),
				body: json(p.body),
				idempotent: p.idempotent === '' ? undefined : p.idempotent === 'true',
				endpointClass: (p.endpointClass as 'report' | 'admin') || undefined,
				budgetScope: (p.budgetScope as string) || undefined,
				context: (p.context as string) || undefined,
			},
			json(p.transport) ?? { backoffBaseMs: 20, reportBackoffBaseMs: 20 },
		);
		return [[{ json: { statusCode: response.statusCode, body: response.body as IDataObject }, pairedItem: { item: 0 } }]];
	}
}
