import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiFamily, ClassicOutputFormat } from '../reports';
import { API_FAMILIES } from '../reports/definitions';
import { INTERVAL_MINUTES } from '../reports/windowSizes';
import type { ParameterReader } from './reader';
import { DEFAULT_MAX_ANSWER_MEGABYTES, DEFAULT_MAX_FIELD_KILOBYTES } from './properties';
import { optionalNumericId, requireIntegerInRange, requireNumericId, requireOneOf, requireTimeZone } from './validate';

/*
 * The parameters the action node and the triggers share (see ./properties.ts for how they look),
 * read and checked the same way everywhere, before any request is sent.
 */

const CLASSIC_FORMATS: readonly ClassicOutputFormat[] = ['CSV', 'XML'];

/** "Sub-Account": a resource locator holding a numeric id. */
export function readSubAccountId(params: ParameterReader): string {
	return requireNumericId(params, params.get('subAccount', '', { extractValue: true }), 'Sub-Account', params.itemIndex);
}

/** "Sub-Account" for a dropdown or list that depends on it: unset → "choose a sub-account first". */
export function readChosenSubAccount(params: ParameterReader): string {
	if (!String(params.get('subAccount', '', { extractValue: true }) ?? '').trim()) {
		throw new NodeOperationError(params.getNode(), 'Choose a sub-account first', {
			description: 'The list depends on "Sub-Account": pick one from its list or enter its numeric ID.',
		});
	}
	return readSubAccountId(params);
}

/** "API Family": RingCX (CX, the default) or classic. */
export function readApiFamily(params: ParameterReader): ApiFamily {
	return requireOneOf(params, params.get('apiFamily', 'cx'), 'API Family', API_FAMILIES, params.itemIndex);
}

/** "Time Zone": the chosen tz name, or the workflow's when none is chosen. */
export function readTimeZone(params: ParameterReader): string {
	const chosen = String(params.get('timeZone', '') ?? '').trim();
	return requireTimeZone(params, chosen || params.workflowTimeZone(), 'Time Zone', params.itemIndex);
}

/** The "Options › RingCentral Account ID" override, which only CX requests use. */
export function readRcAccountOverride(
	params: ParameterReader,
	family: ApiFamily,
	options: IDataObject,
): string | undefined {
	if (family !== 'cx') return undefined;
	return optionalNumericId(params, options.rcAccountId, 'RingCentral Account ID', params.itemIndex);
}

/** "Interval": 15, 30, 45 or 60 minutes. */
export function readIntervalMinutes(params: ParameterReader, fallback: number): number {
	const value = String(params.get('interval', fallback));
	return Number(requireOneOf(params, value, 'Interval', INTERVAL_MINUTES.map(String), params.itemIndex));
}

/** "Options › Classic Output Format", for classic statistics reports only. */
export function readClassicOutputFormat(
	params: ParameterReader,
	family: ApiFamily,
	options: IDataObject,
): ClassicOutputFormat | undefined {
	if (family !== 'classic') return undefined;
	return requireOneOf(params, options.outputFormat ?? 'CSV', 'Classic Output Format', CLASSIC_FORMATS, params.itemIndex);
}

/** Where a request goes: the sub-account, the API family and (CX) the RingCentral account override. */
export interface AccountScope {
	subAccountId: string;
	family: ApiFamily;
	rcOverride?: string;
	/** The node's Options collection, read once. */
	options: IDataObject;
}

export function readAccountScope(params: ParameterReader): AccountScope {
	const subAccountId = readSubAccountId(params);
	const family = readApiFamily(params);
	const options = params.get<IDataObject>('options', {}) ?? {};
	return { subAccountId, family, rcOverride: readRcAccountOverride(params, family, options), options };
}

/** Options › Max Answer Size and Max Field Size, as bytes and characters. */
export function readReportSizeBounds(
	params: ParameterReader,
	options: IDataObject,
): { maxAnswerBytes: number; maxFieldChars: number } {
	const answerMb = requireIntegerInRange(
		params,
		options.maxAnswerMegabytes ?? DEFAULT_MAX_ANSWER_MEGABYTES,
		'Max Answer Size (MB)',
		1,
		2048,
		params.itemIndex,
	);
	const fieldKb = requireIntegerInRange(
		params,
		options.maxFieldKilobytes ?? DEFAULT_MAX_FIELD_KILOBYTES,
		'Max Field Size (KB)',
		1,
		1_048_576,
		params.itemIndex,
	);
	return { maxAnswerBytes: answerMb * 1024 * 1024, maxFieldChars: fieldKb * 1024 };
}
