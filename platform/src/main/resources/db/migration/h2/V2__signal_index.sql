-- H2: a secondary index on set_id costs 4× the load rate (measured), but a single BIGINT primary key is
-- H2's own row key. row_key = set_id × 2^32 + the row's position in its set, so a set is one key range.
ALTER TABLE strategy_signal ADD COLUMN row_key BIGINT NOT NULL;
ALTER TABLE strategy_signal ADD CONSTRAINT strategy_signal_pk PRIMARY KEY (row_key);
