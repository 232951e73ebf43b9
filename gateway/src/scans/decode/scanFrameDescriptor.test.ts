import path from 'node:path';
import protobuf from 'protobufjs';
import { SCAN_FRAME_DESCRIPTOR } from './scanFrameDescriptor';

describe('scan frame descriptor', () => {
  it('matches gateway/proto/scan.proto', () => {
    const root = protobuf.loadSync(path.join(__dirname, '../../../proto/scan.proto'));
    // If this fails after editing scan.proto, paste root.toJSON() into scanFrameDescriptor.ts.
    expect(SCAN_FRAME_DESCRIPTOR).toEqual(root.toJSON());
  });
});
