-- A board's event seq moves to a narrow table of its own. Every change to a board's cards advances it with a
-- row-locking update, and on H2 an update rewrites every index of the table (a board has three: its primary key,
-- its team foreign key's and ix_board_team), as well as the whole row with the board's name. Here the seq's row is
-- one key and one number, and its foreign key shares the primary key's index (docs/benchmarks.md, eighteenth
-- session).
create table board_seq (
    board_id  bigint not null primary key references board (id),
    event_seq bigint not null default 0
);
insert into board_seq (board_id, event_seq) select id, event_seq from board;
alter table board drop column event_seq;
