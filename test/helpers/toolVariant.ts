/*
 * The `…Tool` variant of a usable-as-tool node, built the way n8n's node loader does it
 * (packages/cli tool-generation: name + "Tool", no main input, one ai_tool output, a Tool
 * Description parameter), and an agent stand-in that calls the tool through n8n-core's own
 * tool machinery (getInputConnectionData → createNodeAsTool → the node's execute()).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, deepCopy } from 'n8n-workflow';

export function toolVariantOf(nodeType: INodeType): INodeType {
	const description = deepCopy(nodeType.description) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete (description as Partial<INodeTypeDescription>).usableAsTool;
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: description.description,
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	};
	description.properties = [descriptionType, toolDescription, ...description.properties];
	return { description, methods: nodeType.methods, execute: nodeType.execute } as INodeType;
}

/** Calls its first connected tool once per input item with the item's JSON as the tool's arguments. */
export class AgentStandIn implements INodeType {
	description = {
		displayName: 'Agent Stand-In',
		name: 'agentStandIn',
		group: ['transform'],
		version: 1,
		description: 'Invokes a connected tool',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tool' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, i)) as Array<{
				name: string;
				description: string;
				invoke(args: IDataObject): Promise<string>;
			}>;
			const tool = Array.isArray(tools) ? tools[0] : (tools as unknown as (typeof tools)[0]);
			let answer: string;
			try {
				answer = await tool.invoke(items[i].json);
			} catch (error) {
				answer = `ERROR: ${(error as Error).message}`;
			}
			out.push({ json: { toolName: tool.name, toolDescription: tool.description, answer }, pairedItem: { item: i } });
		}
		return [out];
	}
}
