import type * as Papa from 'papaparse';
import type * as Xml2js from 'xml2js';

/*
 * The two parsing libraries, loaded on first use instead of at package load: n8n loads every node
 * of a package when it starts, and most workflows never read a classic CSV or XML file.
 */

let papa: typeof Papa | undefined;
let xml: typeof Xml2js | undefined;

export function papaparse(): typeof Papa {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
	papa ??= require('papaparse') as typeof Papa;
	return papa;
}

export function xml2js(): typeof Xml2js {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
	xml ??= require('xml2js') as typeof Xml2js;
	return xml;
}
