/*
 * A test-only node that does what n8n's HTTP Request node does with a predefined credential type
 * (issue 12, custom API calls): one request to any URL, signed by the credential through n8n's
 * helpers — `httpRequestWithAuthentication`, or the legacy `requestWithAuthentication` the HTTP
 * Request node v3 uses. It shows where the credential lets its token go.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export class CredentialProbe implements INodeType {
	description = {
		displayName: 'Credential Probe',
		name: 'credentialProbe',
		group: ['transform'],
		version: 1,
		description: 'One request signed by an Engage Voice credential',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'engageVoiceJwtApi', required: false },
			{ name: 'engageVoiceLoginApi', required: false },
			{ name: 'engageVoiceTokenApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'httpRequestWithAuthentication' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const p = this.getNode().parameters as IDataObject;
		const type = String(p.credentialType);
		const url = String(p.url);
		const body =
			p.helper === 'requestWithAuthentication'
				? // eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions -- the HTTP Request node v3 uses it
					await this.helpers.requestWithAuthentication.call(this, type, { method: 'GET', uri: url, json: true })
				: await this.helpers.httpRequestWithAuthentication.call(this, type, { method: 'GET', url, json: true });
		return [[{ json: { body } as IDataObject, pairedItem: { item: 0 } }]];
	}
}
