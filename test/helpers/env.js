// fabric-contract-api logs every decorator at info level when a contract class loads; tests want quiet.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = process.env.CORE_CHAINCODE_LOGGING_LEVEL || 'warning';
