/**
 * The append-only block file (`<dataDir>/blocks/blockfile_000000`). Appends are written and fdatasync'd before
 * the committer acknowledges anything in the block. On open the file is scanned for frame boundaries; a last frame
 * that is incomplete or fails its CRC is a torn write of a block nobody was told about, and is cut off.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { LedgerUnavailableError } from '../errors';
import { sha256Hex, splitPayload, type RawBlock } from './block';

export const BLOCK_FILE = 'blockfile_000000';

/** Scan a block file: frame offsets, and where valid data ends (a torn tail starts there). */
export function scanFrames(fd: number): { offsets: number[]; end: number; size: number } {
  const size = fstatSync(fd).size;
  const offsets: number[] = [];
  const prefix = Buffer.alloc(8);
  let at = 0;
  while (at + 8 <= size) {
    readSync(fd, prefix, 0, 8, at);
    const length = prefix.readUInt32BE(0);
    if (length < 4 || at + 8 + length > size) break;
    offsets.push(at);
    at += 8 + length;
  }
  return { offsets, end: at, size };
}

function readFrame(fd: number, offset: number, next: number): RawBlock {
  const buf = Buffer.allocUnsafe(next - offset);
  readSync(fd, buf, 0, buf.length, offset);
  return splitPayload(buf.subarray(8), buf.readUInt32BE(4));
}

export class BlockStore {
  private constructor(
    private readonly fh: FileHandle,
    private readonly offsets: number[],
    private size: number,
    private lastHash: string,
    /** Bytes cut from a torn tail on open (0 normally). */
    readonly truncatedBytes: number,
  ) {}

  /** Open (creating) the block store in `dir`, cutting a torn last frame. */
  static async open(dir: string): Promise<BlockStore> {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, BLOCK_FILE);
    const created = !existsSync(path);
    const fd = openSync(path, 'a+');
    if (created) {
      // A new file's directory entry is durable only once the directory itself is synced.
      const dirFd = openSync(dir, 'r');
      fsyncSync(dirFd);
      closeSync(dirFd);
    }
    let truncated = 0;
    let lastHash = '';
    let offsets: number[];
    let end: number;
    try {
      const scan = scanFrames(fd);
      ({ offsets, end } = scan);
      let last = offsets.at(-1);
      if (last !== undefined && !readFrame(fd, last, end).crcOk) {
        offsets.pop();
        end = last;
        last = offsets.at(-1);
      }
      if (end < scan.size) {
        truncated = scan.size - end;
        ftruncateSync(fd, end);
        fsyncSync(fd);
      }
      if (last !== undefined) lastHash = sha256Hex(readFrame(fd, last, end).headerBytes);
    } finally {
      closeSync(fd);
    }
    const fh = await open(path, 'r+');
    return new BlockStore(fh, offsets, end, lastHash, truncated);
  }

  /** Number of blocks stored. */
  get height(): number {
    return this.offsets.length;
  }

  /** Hash of the last block's header ('' when empty): the next block's previousHash. */
  get lastHeaderHash(): string {
    return this.lastHash;
  }

  /** Append one encoded block and make it durable. */
  async append(frame: Buffer, headerHash: string): Promise<void> {
    const at = this.size;
    try {
      await this.fh.write(frame, 0, frame.length, at);
      await this.fh.datasync();
    } catch (err) {
      throw new LedgerUnavailableError('cannot write the block file', { cause: err });
    }
    this.offsets.push(at);
    this.size = at + frame.length;
    this.lastHash = headerHash;
  }

  /** Raw parts of block `n`. */
  async read(n: number): Promise<RawBlock> {
    const offset = this.offsets[n];
    if (offset === undefined) throw new RangeError(`no block ${n}`);
    const next = this.offsets[n + 1] ?? this.size;
    const buf = Buffer.allocUnsafe(next - offset);
    await this.fh.read(buf, 0, buf.length, offset);
    return splitPayload(buf.subarray(8), buf.readUInt32BE(4));
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
