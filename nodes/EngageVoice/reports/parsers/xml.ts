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

/** The sax parser xml2js creates (strict, no trimming or normalising, no namespace processing). */
interface SaxParser {
	tags: Array<{ name: string }>;
	onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
	onclosetag: () => void;
	ontext: (text: string) => void;
	oncdata: (text: string) => void;
	onerror: (error: Error) => void;
	onend: () => void;
	write(text: string): SaxParser;
	close(): SaxParser;
}

const XML2JS_OPTIONS = { explicitArray: false, explicitRoot: true, trim: false, emptyTag: '' };

/** How a parse ended: the document (null for an empty body), or the first error and the tags open then. */
type ParseOutcome = { document: unknown } | { error: unknown; openTags: string[] };

/** Thrown out of sax's handlers once the outcome is known: xml2js too settles on the first end or error. */
const settled = Symbol('settled');

/**
 * Element names on which xml2js's tree is more than children grouped by name: its own keys (`_`
 * text, `$` attributes, its `cdata` flag) and the names every object inherits (`constructor`,
 * `__proto__`…), which its `key in object` test finds on an element without such a child.
 */
function clashesWithXml2js(name: string): boolean {
	return (
		name === '_' || name === '$' || name === 'cdata' || Object.prototype.hasOwnProperty.call(Object.prototype, name)
	);
}

/** One open element: its text so far, and its object once it has attributes or children. */
interface OpenElement {
	name: string;
	text: string;
	cdata: boolean;
	object: XmlObject | undefined;
}

/**
 * The tree xml2js builds, built from the events of xml2js's own sax parser without the work it
 * does per element (a `#name` key added then deleted, a property descriptor per child, a text key
 * on every element). A document with a name that clashes with xml2js's keys is left to xml2js
 * itself (undefined), so that its quirks stay exactly what they are.
 */
function buildXmlTree(text: string): ParseOutcome | undefined {
	// xml2js's own steps before it parses.
	if (text.trim() === '') return { document: null };
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parser = new (xml2js().Parser)(XML2JS_OPTIONS);
	const sax = (parser as unknown as { saxParser: SaxParser }).saxParser;
	const open: OpenElement[] = [];
	let depth = -1;
	let outcome: ParseOutcome | undefined;
	let clash = false;
	const settle = (result: ParseOutcome): never => {
		outcome = result;
		throw settled;
	};
	sax.onerror = (error) => settle({ error, openTags: sax.tags.map((tag) => tag.name) });
	sax.onend = () => {
		outcome ??= { document: null };
	};
	sax.onopentag = (node) => {
		if (clashesWithXml2js(node.name)) {
			clash = true;
			throw settled;
		}
		depth++;
		// One record per depth, reused: a report has millions of elements and a few levels.
		const element = (open[depth] ??= { name: '', text: '', cdata: false, object: undefined });
		element.name = node.name;
		element.text = '';
		element.cdata = false;
		element.object = undefined;
		// sax gives each tag an attributes object of its own, holding what xml2js's `$` would.
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- whether it has a key, without a list of them
		for (const _name in node.attributes) {
			element.object = { $: node.attributes };
			break;
		}
	};
	sax.ontext = (chunk) => {
		if (depth >= 0) open[depth].text += chunk;
	};
	sax.oncdata = (chunk) => {
		if (depth < 0) return;
		open[depth].text += chunk;
		open[depth].cdata = true;
	};
	sax.onclosetag = () => {
		const { name, text: elementText, cdata, object } = open[depth--];
		let value: XmlElement;
		// Whitespace-only text without CDATA is dropped; an element with neither attributes nor
		// children is its text (an empty one its whitespace).
		if (!cdata && /^\s*$/.test(elementText)) value = object ?? elementText;
		else if (object) {
			object._ = elementText;
			value = object;
		} else value = elementText;
		if (depth < 0) settle({ document: { [name]: value } });
		const parent = (open[depth].object ??= {});
		// A child that occurs once is its value, one that repeats an array of them.
		const existing = parent[name] as XmlElement | XmlElement[] | undefined;
		if (existing === undefined) parent[name] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else parent[name] = [existing, value];
	};
	try {
		sax.write(body).close();
	} catch (error) {
		if (clash) return undefined;
		// An exception of sax's own (not one it reports) fails xml2js's parse the same way.
		if (error !== settled && !outcome) outcome = { error, openTags: sax.tags.map((tag) => tag.name) };
	}
	return outcome ?? { document: null };
}

/** xml2js's own parse, for the documents buildXmlTree leaves to it. */
async function parseWithXml2js(text: string): Promise<ParseOutcome> {
	const parser = new (xml2js().Parser)(XML2JS_OPTIONS);
	let openTags: string[] = [];
	// Registered before xml2js's own handler, which resets the sax parser and loses its position.
	parser.on('error', () => {
		const sax = (parser as unknown as { saxParser?: Partial<SaxParser> }).saxParser;
		openTags = (sax?.tags ?? []).map((tag) => tag.name);
	});
	try {
		return { document: (await parser.parseStringPromise(text)) as unknown };
	} catch (error) {
		return { error, openTags };
	}
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
	const outcome = buildXmlTree(text) ?? (await parseWithXml2js(text));
	if ('error' in outcome) throw describeXmlError(outcome.error, outcome.openTags, options.windowLabel);
	const document = outcome.document;
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
