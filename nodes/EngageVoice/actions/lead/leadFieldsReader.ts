import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../../parameters/reader';
import { requireIntegerInRange, requireNumericId } from '../../parameters/validate';
import { LEAD_FIELDS } from './leadFields';

/*
 * The lead fields (./leadFields.ts) read into the lead the API gets, for Load, Update and Replace.
 * Values are sent as strings (decision 9), except the two the spec types as int32 and the
 * suppressed flag. Apart from the description because n8n loads descriptions at start: the
 * operations load this on their first run.
 */

const FIELD_BY_NAME = new Map(LEAD_FIELDS.map((field) => [field.name, field]));

export type EmptyFields = 'omit' | 'clear';

/**
 * The lead fields of a collection (and extended lead data) as the API gets them: text as strings,
 * Lead Priority and Max Passes as whole numbers, Suppressed as a boolean. An empty text field is
 * left out (`omit`) or sent as null, which clears it on a PATCH (`clear`).
 */
export function readLeadFields(params: ParameterReader, collection: string, empty: EmptyFields): IDataObject {
	const given = params.get<IDataObject>(collection, {}) ?? {};
	const lead: IDataObject = {};
	for (const [name, value] of Object.entries(given)) {
		const field = FIELD_BY_NAME.get(name);
		if (!field) continue;
		if (field.kind === 'number') {
			lead[name] = requireIntegerInRange(params, value, field.displayName, 0, 2_147_483_647, params.itemIndex);
		} else if (field.kind === 'boolean') {
			lead[name] = value === true || String(value).toLowerCase() === 'true';
		} else {
			const text = value === undefined || value === null ? '' : String(value).trim();
			if (text === '') {
				if (empty === 'clear') lead[name] = null;
				continue;
			}
			lead[name] = name === 'reserveAgent' ? requireNumericId(params, text, field.displayName, params.itemIndex) : text;
		}
	}
	const extended = readExtendedLeadData(params);
	if (extended) lead.extendedLeadData = extended;
	return lead;
}

function readExtendedLeadData(params: ParameterReader): IDataObject | undefined {
	const rows = (params.get<IDataObject>('extendedLeadData', {}) ?? {}).field;
	if (!Array.isArray(rows) || !rows.length) return undefined;
	const data: IDataObject = {};
	for (const row of rows as IDataObject[]) {
		const name = String(row.name ?? '').trim();
		if (!name) {
			throw new NodeOperationError(params.getNode(), '"Extended Lead Data" has a field without a name', {
				itemIndex: params.itemIndex,
				description: 'Give every Extended Lead Data field a name, or remove it.',
			});
		}
		const value = row.value;
		data[name] =
			value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return data;
}

/** The phone and external ID every loaded or replaced lead needs (decision 9), read from their own parameters. */
export function readLeadIdentity(params: ParameterReader): IDataObject {
	const phone = String(params.get('leadPhone', '') ?? '').trim();
	const externId = String(params.get('externId', '') ?? '').trim();
	const identity: IDataObject = {};
	if (externId) identity.externId = externId;
	if (phone) identity.leadPhone = phone;
	return identity;
}

/** Checks that a lead has an external ID and a phone (or an E.164 phone). */
export function requireLeadIdentity(params: ParameterReader, lead: IDataObject) {
	if (!lead.externId) {
		throw new NodeOperationError(params.getNode(), '"External ID" is empty', {
			itemIndex: params.itemIndex,
			description:
				'Every lead needs your ID of the contact (e.g. the CRM record ID) in "External ID": it is how the lead is found again.',
		});
	}
	if (!lead.leadPhone && !lead.leadPhoneE164) {
		throw new NodeOperationError(params.getNode(), '"Phone" is empty', {
			itemIndex: params.itemIndex,
			description: 'Every lead needs a phone number in "Phone" (or "Phone (E.164)" under Additional Fields).',
		});
	}
}
