/**
 * Which parts of an OOXML package are the workbook and its sheets, found the way the workbook reader finds
 * them: through the package's and the workbook's relationships, however those are spelled.
 */
import { decodeXmlEntities, tagTexts } from './zip-xml';

/** Where the workbook sits and which parts are its sheets. */
export interface WorkbookParts {
  part: string;
  sheets: Set<string>;
}

/** Where Excel puts the workbook, and where the xlsx reader looks for it whatever the package says. */
const USUAL_WORKBOOK = 'xl/workbook.xml';
/** Where Excel puts an xlsb's workbook, and where SheetJS looks for it when the package names none. */
const USUAL_BINARY_WORKBOOK = 'xl/workbook.bin';
const OFFICE_DOCUMENT = /\/officeDocument$/;
/** Only worksheets hold cells the readers read; the other kinds of sheet are measured too, since measuring is cheap. */
const SHEET = /\/(?:work|chart|dialog|macro)sheet$/;

/**
 * The workbook part (named by the package's officeDocument relationship, else at its usual place: the XML
 * one, or the binary one when only that is there) and every sheet part named by its relationships.
 * `readPart` gives a part's bytes, or undefined when there is no such part.
 */
export function findWorkbookParts(readPart: (part: string) => Buffer | undefined): WorkbookParts {
  const part =
    targetsOf(readPart('_rels/.rels'), '', OFFICE_DOCUMENT)[0] ??
    (readPart(USUAL_WORKBOOK) === undefined && readPart(USUAL_BINARY_WORKBOOK) !== undefined
      ? USUAL_BINARY_WORKBOOK
      : USUAL_WORKBOOK);
  const sheets = new Set<string>();
  // The readers read the relationships of the workbook at its usual places whatever the package names, so those count too.
  for (const workbook of new Set([part, USUAL_WORKBOOK, USUAL_BINARY_WORKBOOK])) {
    const folder = workbook.slice(0, Math.max(0, workbook.lastIndexOf('/')));
    for (const sheet of targetsOf(readPart(relationshipsPartOf(workbook)), folder, SHEET)) sheets.add(sheet);
  }
  return { part, sheets };
}

/** The part holding a part's relationships: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relationshipsPartOf(part: string): string {
  const file = part.lastIndexOf('/') + 1;
  return `${part.slice(0, file)}_rels/${part.slice(file)}.rels`;
}

/**
 * A part name as relationships and zip entries are compared: without a leading slash, `.` and `..`
 * resolved, in lower case (Office treats part names without case).
 */
export function partName(path: string): string {
  const segments: string[] = [];
  for (const segment of path.toLowerCase().split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

/** The parts named by the relationships of a given type, resolved against the source part's folder (or the package root for `/…`). */
function targetsOf(relationshipsXml: Buffer | undefined, sourceFolder: string, type: RegExp): string[] {
  return relationshipsIn(relationshipsXml ?? Buffer.alloc(0))
    .filter((relationship) => relationship.types.some((value) => type.test(value)))
    .flatMap((relationship) => relationship.targets.map((target) => resolved(target, sourceFolder)));
}

/** A relationship's target as a part name, resolved against the source part's folder (or the package root for `/…`). */
function resolved(target: string, sourceFolder: string): string {
  return partName(target.startsWith('/') ? target : `${sourceFolder}/${target}`);
}

/** A part's relationships, their targets resolved as part names (see `relationshipsIn`). */
export function relationshipsOf(readPart: (part: string) => Buffer | undefined, part: string): Relationship[] {
  const folder = part.slice(0, Math.max(0, part.lastIndexOf('/')));
  return relationshipsIn(readPart(relationshipsPartOf(part)) ?? Buffer.alloc(0)).map((relationship) => ({
    ...relationship,
    targets: relationship.targets.map((target) => resolved(target, folder)),
  }));
}

/** A `<Relationship>` element's values: all of a repeated attribute are kept, as a reader may take either one. */
export interface Relationship {
  ids: string[];
  types: string[];
  targets: string[];
}

/**
 * The `Id`, `Type` and `Target` values of every `<Relationship>` element, in any attribute order, quoted either
 * way, with or without namespace prefixes.
 */
function relationshipsIn(xml: Buffer): Relationship[] {
  const relationships: Relationship[] = [];
  for (const tag of tagTexts(xml)) {
    if (!/^(?:[^\s/]*:)?Relationship(?:[\s/]|$)/i.test(tag)) continue;
    const relationship: Relationship = { ids: [], types: [], targets: [] };
    for (const [, name, doubleQuoted, singleQuoted] of tag.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const local = name.slice(name.lastIndexOf(':') + 1).toLowerCase();
      const value = decodeXmlEntities(doubleQuoted ?? singleQuoted);
      if (local === 'type') relationship.types.push(value);
      else if (local === 'target') relationship.targets.push(value);
      else if (local === 'id') relationship.ids.push(value);
    }
    relationships.push(relationship);
  }
  return relationships;
}
