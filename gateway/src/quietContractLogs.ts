/**
 * fabric-contract-api logs every decorator at info level when a contract class loads, which buries the
 * gateway's own start-up output. Imported first by entry points, before any contract module loads.
 */
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'warning';
