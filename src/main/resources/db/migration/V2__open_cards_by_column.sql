-- Rank neighbours, the last rank and WIP counts of a column look at its open cards only, but closed cards keep
-- their column: with an index of (column_id, rank_key) a move into a column holding 5,000 won deals read all
-- 5,000 to find the last open one. This index reaches the open cards directly.
create index ix_card_column_open_rank on card (column_id, outcome, rank_key);
drop index ix_card_column_rank;
