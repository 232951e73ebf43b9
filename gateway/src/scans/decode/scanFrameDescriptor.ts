/**
 * protobufjs JSON descriptor of gateway/proto/scan.proto (`protobuf.loadSync(…).toJSON()`). Kept as code so the
 * built gateway needs no .proto file beside it and no parser at run time; scanFrameDescriptor.test.ts parses the
 * .proto and fails if this copy drifts from it.
 */
export const SCAN_FRAME_DESCRIPTOR = {
  nested: {
    trace: {
      nested: {
        scan: {
          nested: {
            v1: {
              nested: {
                ReaderBatch: {
                  fields: {
                    readerId: { type: 'string', id: 1, protoName: 'reader_id' },
                    readPoint: { type: 'string', id: 2, protoName: 'read_point' },
                    reads: { rule: 'repeated', type: 'Read', id: 3 },
                    batchId: { type: 'string', id: 4, protoName: 'batch_id' },
                  },
                },
                Read: {
                  fields: {
                    epc: { type: 'bytes', id: 1 },
                    antenna: { type: 'uint32', id: 2 },
                    rssi: { type: 'sint32', id: 3 },
                    time: { type: 'uint64', id: 4 },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** Fully qualified name of the upload message. */
export const READER_BATCH_TYPE = 'trace.scan.v1.ReaderBatch';
