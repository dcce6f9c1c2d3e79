import { fieldTooLarge, ReportParseError } from '../errors';
import { xml2js } from './libraries';
import type { ParseReportOptions, ReportRecord } from './types';

/**
 * Classic XML report files. No example exists (decision 8), so nothing is assumed about the root
 * or the names: the record element is found by shape. Fields may be child elements with text,
 * attributes, or both; names are kept as written (the normaliser maps them like CSV columns).
 */

/**
 * xml2js without explicitArray (it would wrap every one of millions of elements in an array of
 * its own): a text-only element is a string, any other an object of `$` attributes, `_` text and
 * its children, a child that occurs once is its value, one that repeats an array of them.
 */
type XmlElement = string | XmlObject;
interface XmlObject {
	$?: Record<string, string>;
	_?: string;
	[child: string]: unknown;
}

function isChildName(key: string): boolean {
	return key !== '$' && key !== '_';
}

/** The elements of one child name: the value, or each value when the child repeats. */
function children(element: XmlObject, name: string): XmlElement[] {
	const value = element[name] as XmlElement | XmlElement[] | undefined;
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

function isLeaf(element: XmlElement): boolean {
	return typeof element === 'string' || !Object.keys(element).some(isChildName);
}

function leafText(element: XmlElement): string {
	return typeof element === 'string' ? element : (element._ ?? '');
}

function localName(name: string): string {
	return name.slice(name.indexOf(':') + 1);
}

/** The field names of a record in order (repeats and `__proto__` included), and an empty record of them. */
interface RecordShape {
	names: readonly string[];
	fieldNames: readonly string[];
	empty: ReportRecord;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/**
 * Makes the records of one document. Records repeat their fields, so each is a copy of an empty
 * record of its shape: given ~20 fields one by one by computed name, an object becomes a slow
 * dictionary. A later name overwrites an earlier one in its first place; `__proto__` is no field.
 */
class RecordMaker {
	/** The shape of the last record made. */
	shape: RecordShape = { names: [], fieldNames: [], empty: {} };
	private shapes = new Map<string, RecordShape>();

	constructor(private readonly options: ParseReportOptions) {}

	/** A field's value, checked against the bound on one field. */
	private value(text: string): string {
		const max = this.options.maxFieldChars;
		if (max !== undefined && text.length > max) throw fieldTooLarge('xml', this.options.windowLabel, text.length, max);
		return text;
	}

	/** The fields an element carries itself: its attributes (no namespace declarations) and its text-only children. */
	fieldsOf(element: XmlObject): ReportRecord {
		const names: string[] = [];
		const values: string[] = [];
		const attributes = element.$;
		if (attributes) {
			for (const name of Object.keys(attributes)) {
				if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
				names.push(localName(name));
				values.push(this.value(attributes[name]));
			}
		}
		for (const name of Object.keys(element)) {
			if (!isChildName(name)) continue;
			const value = element[name] as XmlElement | XmlElement[];
			// A repeated text child (rare) keeps its first value; a nested element is not a field.
			const first = Array.isArray(value) ? value[0] : value;
			if (first === undefined || !isLeaf(first)) continue;
			names.push(localName(name));
			values.push(this.value(leafText(first)));
		}
		if (!sameNames(names, this.shape.names)) this.shape = this.shapeOf(names);
		const record = { ...this.shape.empty };
		for (let i = 0; i < names.length; i++) if (names[i] !== '__proto__') record[names[i]] = values[i];
		return record;
	}

	private shapeOf(names: string[]): RecordShape {
		const key = names.join('\u0000');
		let shape = this.shapes.get(key);
		if (!shape) {
			const fieldNames = [...new Set(names)].filter((name) => name !== '__proto__');
			shape = { names, fieldNames, empty: Object.fromEntries(fieldNames.map((name) => [name, ''])) };
			// A document of endlessly varied elements must not grow this without bound.
			if (this.shapes.size < 1000) this.shapes.set(key, shape);
		}
		return shape;
	}
}

interface Candidate {
	path: string;
	depth: number;
	records: ReportRecord[];
	fieldNames: Set<string>;
	lastShape?: RecordShape;
}

/** Every element path below the root, with the records of the elements on it that carry a field. */
function collectCandidates(
	element: XmlObject,
	path: string,
	depth: number,
	into: Map<string, Candidate>,
	maker: RecordMaker,
): void {
	for (const name of Object.keys(element)) {
		if (!isChildName(name)) continue;
		const childPath = `${path}/${localName(name)}`;
		for (const child of children(element, name)) {
			// A text-only element carries no field of its own and has nothing below it.
			if (typeof child === 'string') continue;
			const record = maker.fieldsOf(child);
			const shape = maker.shape;
			if (shape.fieldNames.length > 0) {
				let candidate = into.get(childPath);
				if (!candidate) {
					candidate = { path: childPath, depth: depth + 1, records: [], fieldNames: new Set() };
					into.set(childPath, candidate);
				}
				candidate.records.push(record);
				if (candidate.lastShape !== shape) {
					for (const field of shape.fieldNames) candidate.fieldNames.add(field);
					candidate.lastShape = shape;
				}
			}
			if (!isLeaf(child)) collectCandidates(child, childPath, depth + 1, into, maker);
		}
	}
}

/**
 * The record element: the path with the most field-carrying elements (records repeat as
 * siblings, or across repeated groups); on a tie the shallower one (a record, not its
 * attribute-carrying field elements), then the one with more fields (a row, not a header).
 */
function pickRecords(root: XmlObject, options: ParseReportOptions): Candidate | undefined {
	const candidates = new Map<string, Candidate>();
	collectCandidates(root, '', 0, candidates, new RecordMaker(options));
	let best: Candidate | undefined;
	for (const candidate of candidates.values()) {
		if (
			!best ||
			candidate.records.length > best.records.length ||
			(candidate.records.length === best.records.length &&
				(candidate.depth < best.depth ||
					(candidate.depth === best.depth && candidate.fieldNames.size > best.fieldNames.size)))
		) {
			best = candidate;
		}
	}
	return best;
}

/** Whether any element of `element` holds text (a page or a message, not an empty report). */
function holdsText(element: XmlElement | XmlElement[], depth = 0): boolean {
	if (Array.isArray(element)) return element.some((item) => holdsText(item, depth));
	if (typeof element === 'string') return element.trim() !== '';
	if (depth > 50) return false;
	return Object.keys(element).some(
		(key) => key !== '$' && holdsText(element[key] as XmlElement | XmlElement[], depth + 1),
	);
}

interface SaxState {
	tags?: Array<{ name: string }>;
}

function describeXmlError(error: unknown, openTags: string[], windowLabel: string): ReportParseError {
	const text = error instanceof Error ? error.message : String(error);
	const reason = text.split('\n')[0];
	// sax counts lines and columns from 0.
	const lineMatch = /Line: (\d+)/.exec(text);
	const columnMatch = /Column: (\d+)/.exec(text);
	const line = lineMatch ? Number(lineMatch[1]) + 1 : undefined;
	const where = [
		line === undefined ? undefined : `line ${line}`,
		columnMatch ? `column ${Number(columnMatch[1]) + 1}` : undefined,
		openTags.length ? `inside <${openTags.join('><')}>` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	return new ReportParseError(
		`The XML report of window ${windowLabel} is malformed${where ? ` at ${where}` : ''}: ${reason}`,
		{ format: 'xml', windowLabel, line },
	);
}

/** An XML document as the shape check needs it (reportShape.ts). */
export interface XmlReport {
	/** The root element's name without its prefix; undefined for an empty body. */
	rootName: string | undefined;
	records: ReportRecord[];
	/** Every field name of the records (they may leave out empty fields). */
	fieldNames: ReadonlySet<string>;
	/** With no records: whether the document holds any text (an empty report holds none). */
	holdsText: boolean;
}

export async function readXmlReport(text: string, options: ParseReportOptions): Promise<XmlReport> {
	const parser = new (xml2js().Parser)({ explicitArray: false, explicitRoot: true, trim: false, emptyTag: '' });
	let openTags: string[] = [];
	// Registered before xml2js's own handler, which resets the sax parser and loses its position.
	parser.on('error', () => {
		const sax = (parser as unknown as { saxParser?: SaxState }).saxParser;
		openTags = (sax?.tags ?? []).map((tag) => tag.name);
	});
	let document: unknown;
	try {
		document = (await parser.parseStringPromise(text)) as unknown;
	} catch (error) {
		throw describeXmlError(error, openTags, options.windowLabel);
	}
	const none = { records: [], fieldNames: new Set<string>() };
	if (document === null || typeof document !== 'object') return { ...none, rootName: undefined, holdsText: false };
	const [[name, root] = []] = Object.entries(document as Record<string, XmlElement>);
	const rootName = name === undefined ? undefined : localName(name);
	if (root === undefined || typeof root === 'string') {
		return { ...none, rootName, holdsText: typeof root === 'string' && root.trim() !== '' };
	}
	const best = pickRecords(root, options);
	if (!best) return { ...none, rootName, holdsText: holdsText(root) };
	return { rootName, records: best.records, fieldNames: best.fieldNames, holdsText: true };
}

export async function parseXmlReport(text: string, options: ParseReportOptions): Promise<ReportRecord[]> {
	return (await readXmlReport(text, options)).records;
}
