-- H2: a B-tree on the set id (H2 has no block-range index).
CREATE INDEX strategy_signal_set_idx ON strategy_signal (set_id);
