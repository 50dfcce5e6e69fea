-- The Axon state of the embedded default, in one H2 file. Axon does not create tables by itself.
CREATE TABLE IF NOT EXISTS DomainEventEntry (
    globalIndex BIGINT AUTO_INCREMENT NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BLOB,
    payload BLOB NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BLOB,
    payload BLOB NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE IF NOT EXISTS TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token BLOB NULL,
    tokenType VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processorName, segment)
);

CREATE TABLE IF NOT EXISTS SagaEntry (
    sagaId VARCHAR(255) NOT NULL,
    revision VARCHAR(255),
    sagaType VARCHAR(255),
    serializedSaga BLOB,
    PRIMARY KEY (sagaId)
);

CREATE TABLE IF NOT EXISTS AssociationValueEntry (
    id BIGINT AUTO_INCREMENT NOT NULL,
    associationKey VARCHAR(255),
    associationValue VARCHAR(255),
    sagaId VARCHAR(255),
    sagaType VARCHAR(255),
    PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS AssociationValueEntry_lookup
    ON AssociationValueEntry (sagaType, associationKey, associationValue);
CREATE INDEX IF NOT EXISTS AssociationValueEntry_saga ON AssociationValueEntry (sagaId, sagaType);

-- Durable timers of the failover saga (retries, timeouts): db-scheduler's table.
CREATE TABLE IF NOT EXISTS scheduled_tasks (
    task_name VARCHAR(100) NOT NULL,
    task_instance VARCHAR(200) NOT NULL,
    task_data BLOB,
    execution_time TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    picked BOOLEAN NOT NULL,
    picked_by VARCHAR(100),
    last_success TIMESTAMP(6) WITH TIME ZONE,
    last_failure TIMESTAMP(6) WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat TIMESTAMP(6) WITH TIME ZONE,
    version BIGINT NOT NULL,
    priority SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
