-- Every move changes a card's updated_at, so an index on (board_id, updated_at) was rewritten by every move: on the
-- embedded database one more B-tree written to disk at each commit. Only the card search orders by it; it reaches a
-- board's cards through ix_card_board_outcome and sorts what it found (docs/benchmarks.md, sixth session).
drop index ix_card_board_updated;
