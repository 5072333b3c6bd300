// A small Excel workbook (.xlsx) written byte by byte, for the browser flows:
// a ZIP of stored (uncompressed) XML parts, as the format allows. Its people
// are synthetic and fixed (no randomness), like every fixture here.
import zlib from 'node:zlib';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const colName = (i) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A worksheet's XML: rows of strings (inline) and numbers; `hiddenRows`
 *  holds 1-based row numbers written with hidden="1". */
function sheetXml(rows, hiddenRows = []) {
  const body = rows.map((cells, r) => {
    const n = r + 1;
    const cs = cells.map((v, c) => {
      if (v === '' || v === null || v === undefined) return '';
      const ref = colName(c) + n;
      return typeof v === 'number'
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    }).join('');
    return `<row r="${n}"${hiddenRows.includes(n) ? ' hidden="1"' : ''}>${cs}</row>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + body + '</sheetData></worksheet>';
}

/** The bytes of a workbook with `sheets`: [{ name, state?, rows, hiddenRows? }]. */
export function workbook(sheets) {
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts = [
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
      + '</Types>'],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + `<Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets>`
      + sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')
      + '</sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
      + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + '</Relationships>'],
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows, s.hiddenRows)]),
  ];
  return zip(parts.map(([name, text]) => [name, Buffer.from(text, 'utf8')]));
}

/** A ZIP archive of stored entries. */
function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0, 6);
    head.writeUInt16LE(0, 8);
    head.writeUInt16LE(0, 10);
    head.writeUInt16LE(0x21, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    head.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(0, 10);
    cd.writeUInt16LE(0, 12);
    cd.writeUInt16LE(0x21, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(n.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(head, n, data);
    central.push(cd, n);
    offset += head.length + n.length + data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBytes, end]);
}

/** The FOI answer a clerk means to publish (a table of counts) with the
 *  staff list it was made from left in a hidden sheet, as in 2023. */
export const answerWithHiddenStaff = () => workbook([
  {
    name: 'Answer',
    rows: [
      ['Officers by station, 2023'],
      [],
      ['Station', 'Officers'],
      ['Lisburn', 42],
      ['Omagh', 31],
      ['Enniskillen', 27],
    ],
  },
  {
    name: 'Staff list',
    state: 'hidden',
    rows: [
      ['Surname', 'Initial', 'Rank', 'Station', 'Unit'],
      ['MORGAN', 'J', 'Inspector', 'Lisburn', 'Response'],
      ["O'NEILL", 'K', 'Constable', 'Omagh', 'Neighbourhood'],
      ['PATEL', 'L', 'Sergeant', 'Enniskillen', 'Custody'],
      ['KOWALSKI', 'M', 'Constable', 'Lisburn', 'Response'],
      ['BYRNE', 'S', 'Detective Constable', 'Omagh', 'CID'],
    ],
    hiddenRows: [5],
  },
]);
