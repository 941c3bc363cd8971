// One file out of a zip archive held in memory. The Python worker uses it for the time
// zone files in the tzdata wheel (followup-worker.mjs says why). Browsers can inflate
// but cannot list a zip, so this reads just enough of the format (PKWARE's APPNOTE:
// the end record, the central directory, one local header) and lets
// DecompressionStream do the inflating.
//
// Anything it does not expect (zip64, encryption, another compression method, a damaged
// or truncated archive) gives null rather than an error: the worker then leaves that
// file to Python, which reads any zip, only more slowly.

const END_RECORD = 0x06054b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const DIRECTORY_ENTRY = 0x02014b50;
const DIRECTORY_ENTRY_SIZE = 46;
const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const ENCRYPTED = 0x1;
const STORED = 0;
const DEFLATED = 8;

/**
 * The bytes of the file called `name` in `archive`, or null.
 * @param {Uint8Array} archive the whole zip
 * @param {string} name its full name in the zip, e.g. "tzdata/zoneinfo/Europe/London"
 * @returns {Promise<Uint8Array | null>}
 */
export async function readZipEntry(archive, name) {
  const entry = findEntry(archive, new TextEncoder().encode(name));
  if (!entry) return null;
  let bytes;
  if (entry.method === STORED) {
    bytes = entry.data.slice();
  } else if (entry.method === DEFLATED) {
    try {
      const inflated = new Blob([entry.data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
    } catch {
      return null; // not a valid deflate stream
    }
  } else {
    return null;
  }
  return bytes.length === entry.size ? bytes : null;
}

/** {method, size, data} of the entry whose name is `wanted` (bytes), or null. */
function findEntry(archive, wanted) {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const end = findEndRecord(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  // 0xffff and 0xffffffff mean "see the zip64 record": not for an archive this small.
  if (count === 0xffff || at === 0xffffffff) return null;
  for (let i = 0; i < count; i += 1) {
    if (at + DIRECTORY_ENTRY_SIZE > view.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const next = at + DIRECTORY_ENTRY_SIZE + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (nameLength === wanted.length && sameBytes(archive, at + DIRECTORY_ENTRY_SIZE, wanted)) {
      if (view.getUint16(at + 8, true) & ENCRYPTED) return null;
      const compressedSize = view.getUint32(at + 20, true);
      const local = view.getUint32(at + 42, true);
      if (local + LOCAL_HEADER_SIZE > view.byteLength || view.getUint32(local, true) !== LOCAL_HEADER) return null;
      // The local header's own name and extra lengths: they may differ from the directory's.
      const start = local + LOCAL_HEADER_SIZE + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      if (start + compressedSize > view.byteLength) return null;
      return {
        method: view.getUint16(at + 10, true),
        size: view.getUint32(at + 24, true),
        data: archive.subarray(start, start + compressedSize),
      };
    }
    at = next;
  }
  return null;
}

/** Where the end-of-central-directory record starts, or -1. Only its comment follows it,
 * and the comment may hold the record's signature too: its length must end the file. */
function findEndRecord(view) {
  const last = view.byteLength - END_RECORD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at -= 1) {
    if (
      view.getUint32(at, true) === END_RECORD &&
      at + END_RECORD_SIZE + view.getUint16(at + 20, true) === view.byteLength
    ) {
      return at;
    }
  }
  return -1;
}

function sameBytes(archive, offset, wanted) {
  for (let i = 0; i < wanted.length; i += 1) {
    if (archive[offset + i] !== wanted[i]) return false;
  }
  return true;
}
