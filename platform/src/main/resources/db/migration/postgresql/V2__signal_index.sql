-- PostgreSQL: a block-range index on the set id. A set's rows are written by one COPY into fresh pages
-- and set ids only grow, so each set occupies a contiguous run of blocks: the index stays tiny and costs
-- almost nothing to maintain during the bulk load, where a B-tree costs as much as the load itself.
CREATE INDEX strategy_signal_set_idx ON strategy_signal USING BRIN (set_id) WITH (pages_per_range = 16);
