import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../parameters/displayOptions';
import { engageRequest, familyTarget } from '../../api/onDemand';
import type { EngageResponse } from '../../transport';
import {
	apiFamily,
	maxRetriesOption,
	maxRetryAfterOption,
	rcAccountIdOption,
	retryBackoffOption,
	timeoutOption,
} from '../../parameters/properties';
import type { OperationContext } from '../operationContext';
import { segmentParameters } from './common';
import type { SegmentTarget } from './segmentTarget';

const AUDIO_FORMATS = ['mp3', 'wav'] as const;
type AudioFormat = (typeof AUDIO_FORMATS)[number];
const LINK_AUTH = ['basic', 'none'] as const;

/** The API sends MP3 instead of WAV to a browser (API doc §5.8). */
const BROWSER_USER_AGENT =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) n8n-nodes-engage-voice';

const FALLBACK_MIME: Record<AudioFormat, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };
const EXTENSIONS: Record<string, string> = {
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/wave': 'wav',
	'audio/x-wav': 'wav',
};

const cxOnly = { show: { apiFamily: ['cx'] } };
const classicOnly = { show: { apiFamily: ['classic'] } };

const properties: INodeProperties[] = [
	{
		...apiFamily,
		description:
			'RingCX (CX) downloads a recording by dialog and segment ID; Classic downloads the segmentRecordingUrl of a classic Interaction Metadata row',
	},
	...segmentParameters.map((parameter) => ({ ...parameter, displayOptions: cxOnly })),
	{
		displayName: 'Recording URL',
		name: 'recordingUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://c02-recordings.virtualacd.biz/api/v1/calls/recordings/?v=1&file=…',
		description:
			'The segmentRecordingUrl of a classic Interaction Metadata row (empty for a few minutes after the call)',
		displayOptions: classicOnly,
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Audio Format',
				name: 'audioFormat',
				type: 'options',
				default: 'wav',
				description: 'WAV (PCM, as the API sends by default) or MP3 (smaller; the API sends it to browsers)',
				options: [
					{ name: 'MP3', value: 'mp3' },
					{ name: 'WAV', value: 'wav' },
				],
			},
			maxRetriesOption,
			maxRetryAfterOption,
			{
				displayName: 'Recording Link Authentication',
				name: 'linkAuthentication',
				type: 'options',
				default: 'none',
				description:
					'Classic recording links are fetched without the Engage token; some accounts protect them with a username and password',
				options: [
					{
						name: 'Basic (Engage Login Username and Password)',
						value: 'basic',
						description: 'Send the username and password of the Engage Login credential',
					},
					{ name: 'None', value: 'none' },
				],
				displayOptions: { show: { '/apiFamily': ['classic'] } },
			},
			{
				displayName: 'Hosts for Basic Authentication',
				name: 'basicAuthHosts',
				type: 'string',
				default: '',
				placeholder: 'e.g. c02-recordings.virtualacd.biz',
				description:
					"Recording hosts, besides the credential's Engage host, that may receive the username and password (comma-separated host names, with :port if not 443). Basic authentication is only ever sent over https.",
				displayOptions: { show: { '/apiFamily': ['classic'], linkAuthentication: ['basic'] } },
			},
			retryBackoffOption,
			{ ...rcAccountIdOption, displayOptions: { show: { '/apiFamily': ['cx'] } } },
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['recording'], operation: ['download'] } },
	properties,
);

const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 180);

function mimeOf(response: EngageResponse, format: AudioFormat): string {
	const type = response.contentType.split(';')[0].trim().toLowerCase();
	return type && type !== 'application/octet-stream' ? type : FALLBACK_MIME[format];
}

function withExtension(base: string, mimeType: string, format: AudioFormat): string {
	const extension = EXTENSIONS[mimeType] ?? format;
	return `${base.replace(/\.(wav|mp3)$/i, '')}.${extension}`;
}

function classicUrl(ctx: IExecuteFunctions, itemIndex: number): URL {
	const text = String(ctx.getNodeParameter('recordingUrl', itemIndex, '') ?? '').trim();
	if (!text) {
		throw new NodeOperationError(ctx.getNode(), '"Recording URL" is empty', {
			itemIndex,
			description:
				'Map the segmentRecordingUrl of a classic Interaction Metadata row. The API leaves it empty for a few minutes after the call: read the segment again later.',
		});
	}
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol)) {
		throw new NodeOperationError(ctx.getNode(), `"Recording URL" is not an http(s) URL: "${text.slice(0, 80)}"`, {
			itemIndex,
			description: 'Use the full segmentRecordingUrl of a classic Interaction Metadata row, starting with https://.',
		});
	}
	return url;
}

/** "Hosts for Basic Authentication": host names (a pasted URL is reduced to its host), lower case. */
function listedHosts(value: unknown): string[] {
	return String(value ?? '')
		.split(/[,;\s]+/)
		.map((entry) =>
			entry
				.trim()
				.toLowerCase()
				.replace(/^https?:\/\//, '')
				.replace(/\/.*$/, ''),
		)
		.filter(Boolean);
}

/**
 * The Engage username and password for a classic link, sent only over https to the credential's
 * Engage host or to a host the user listed: a link is data from a report, and could name any host.
 */
async function basicAuthOf(ctx: IExecuteFunctions, context: OperationContext, options: IDataObject, url: URL) {
	const { requireOneOf } = await import('../../parameters/validate');
	const mode = requireOneOf(
		ctx,
		options.linkAuthentication ?? 'none',
		'Recording Link Authentication',
		LINK_AUTH,
		context.itemIndex,
	);
	if (mode === 'none') return undefined;
	const { connection } = context;
	if (connection.authentication !== 'engageLogin') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Basic authentication for recording links needs the Engage Login credential',
			{
				itemIndex: context.itemIndex,
				description:
					'Choose "Engage Login" in Authentication (its username and password are sent to the recording host), or set Recording Link Authentication to None.',
			},
		);
	}
	const engageHost = new URL(connection.apiRoot).host;
	const target = `${url.protocol}//${url.host}`;
	if (url.protocol !== 'https:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`Basic authentication is sent only over https; the recording link goes to ${target}`,
			{
				itemIndex: context.itemIndex,
				description:
					'The username and password would cross the network readable by anyone on the way. Use the https:// form of the link if the host offers it, or set Recording Link Authentication to None.',
			},
		);
	}
	if (
		url.host.toLowerCase() !== engageHost.toLowerCase() &&
		!listedHosts(options.basicAuthHosts).includes(url.host.toLowerCase())
	) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The recording link goes to ${url.host}, which is not the Engage host (${engageHost}): the username and password were not sent`,
			{
				itemIndex: context.itemIndex,
				description: `If ${url.host} is your account's recording host, add it to Options › Hosts for Basic Authentication; otherwise set Recording Link Authentication to None.`,
			},
		);
	}
	return {
		username: String(connection.credentials.username ?? ''),
		password: String(connection.credentials.password ?? ''),
	};
}

/** Rewrites the transport's 404/401 into what they mean for a recording. */
function explain(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	what: string,
	notFound: string,
	unauthorized?: string,
): unknown {
	if (!(error instanceof NodeApiError)) return error;
	if (error.httpCode === '404') {
		return new NodeApiError(
			ctx.getNode(),
			{ httpCode: '404', response: error.message },
			{
				message: `${what} was not found (HTTP 404)`,
				description: notFound,
				httpCode: '404',
				itemIndex,
			},
		);
	}
	if (error.httpCode === '401' && unauthorized) {
		return new NodeApiError(
			ctx.getNode(),
			{ httpCode: '401', response: error.message },
			{
				message: `The recording host refused the request (HTTP 401)`,
				description: unauthorized,
				httpCode: '401',
				itemIndex,
			},
		);
	}
	return error;
}

async function downloadCx(
	ctx: IExecuteFunctions,
	context: OperationContext,
	options: IDataObject,
	format: AudioFormat,
): Promise<{ response: EngageResponse<Buffer>; json: IDataObject; baseName: string }> {
	const { rcOverrideOf, readSegment, segmentPath } = await import('./segmentTarget');
	const i = context.itemIndex;
	const segment: SegmentTarget = readSegment(ctx, context);
	const target = await familyTarget(ctx, context, 'cx', rcOverrideOf(ctx, options, i));
	const what = `The recording of segment ${segment.segmentId}`;
	let response: EngageResponse<Buffer>;
	try {
		response = (await engageRequest.call(
			ctx,
			context.connection,
			{
				method: 'GET',
				path: segmentPath('recordings', target.rcAccountId ?? '', segment),
				headers: format === 'mp3' ? { 'User-Agent': BROWSER_USER_AGENT } : undefined,
				endpointClass: 'recording',
				budgetScope: segment.subAccountId,
				response: 'binary',
				followsToStorage: true,
				itemIndex: i,
				context: `recording of dialog ${segment.dialogId}, segment ${segment.segmentId}`,
			},
			context.transport,
		)) as EngageResponse<Buffer>;
	} catch (error) {
		throw explain(
			ctx,
			error,
			i,
			what,
			'Check the dialog and segment IDs (from Interaction Metadata, where hasRecording is true). Recordings are processed 10 minutes or more after the segment ends, and exist only where recording is enabled for the queue or campaign.',
		);
	}
	return {
		response,
		json: { ...segment },
		baseName: safeName(`recording_${segment.dialogId}_${segment.segmentId}`),
	};
}

async function downloadClassic(
	ctx: IExecuteFunctions,
	context: OperationContext,
	options: IDataObject,
	format: AudioFormat,
): Promise<{ response: EngageResponse<Buffer>; json: IDataObject; baseName: string }> {
	const i = context.itemIndex;
	const url = classicUrl(ctx, i);
	const basicAuth = await basicAuthOf(ctx, context, options, url);
	let response: EngageResponse<Buffer>;
	try {
		response = (await engageRequest.call(
			ctx,
			context.connection,
			{
				method: 'GET',
				path: url.pathname,
				absoluteUrl: url.toString(),
				authentication: 'none',
				basicAuth,
				headers: format === 'mp3' ? { 'User-Agent': BROWSER_USER_AGENT } : undefined,
				endpointClass: 'recording',
				budgetScope: url.host,
				response: 'binary',
				followsToStorage: true,
				itemIndex: i,
				context: `recording link on ${url.host}`,
			},
			context.transport,
		)) as EngageResponse<Buffer>;
	} catch (error) {
		throw explain(
			ctx,
			error,
			i,
			'The classic recording',
			'The link answers 404 until the file is ready (the URL appears 1–2 minutes after the call, the file some minutes later). Run the node again later; if it persists, read the segment again for a fresh link.',
			basicAuth
				? 'The recording host did not accept the Engage Login username and password.'
				: 'This account protects its recording links: set Options › Recording Link Authentication to Basic and use the Engage Login credential.',
		);
	}
	const file = url.searchParams.get('file') ?? url.pathname;
	const baseName = safeName(file.split('/').filter(Boolean).pop() ?? 'recording');
	return { response, json: { recordingUrl: url.toString() }, baseName: baseName || 'recording' };
}

/** One recording as binary data, with the Content-Type the API sent (WAV, or MP3 on request). */
export async function execute(this: IExecuteFunctions, context: OperationContext): Promise<INodeExecutionData[]> {
	// loaded on the first run: n8n loads this file for its description when it starts
	const { itemParameters } = await import('../../parameters/reader');
	const { readApiFamily } = await import('../../parameters/common');
	const { requireOneOf } = await import('../../parameters/validate');
	const i = context.itemIndex;
	const family = readApiFamily(itemParameters(this, i));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const format = requireOneOf(this, options.audioFormat ?? 'wav', 'Audio Format', AUDIO_FORMATS, i);
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim() || 'data';

	const { response, json, baseName } =
		family === 'cx'
			? await downloadCx(this, context, options, format)
			: await downloadClassic(this, context, options, format);
	const mimeType = mimeOf(response, format);
	const fileName = withExtension(baseName, mimeType, format);
	const binary = await this.helpers.prepareBinaryData(response.body, fileName, mimeType);
	return [
		{
			json: { ...json, mimeType, fileName, fileSize: response.body.length },
			binary: { [binaryPropertyName]: binary },
		},
	];
}
