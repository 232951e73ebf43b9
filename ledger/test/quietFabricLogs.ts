/** fabric-contract-api logs every decorator at `info`; the peer sets this variable, so do the tests. Import first. */
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
