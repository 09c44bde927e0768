"""The positions board asked of the store, on SQLite and PostgreSQL: its outline
(``store.board_index``), merged proposals and stances read by id, and the board a page at
a time, against ``board_of`` over every merged proposal and stance (the definition)."""
from __future__ import annotations

import dataclasses

import pytest

from sitroom.crossdoc.board import all_rows, board_of, positions_board
from sitroom.crossdoc.link import VERSION
from sitroom.errors import UsageError
from sitroom.records import MergedProposal, ProposalMention, Span, Stance
from sitroom.store import open_store
from sitroom.store.linked_delta import LinkDelta


def _mention(article: str, idx: int, day: str | None, author: str, words: tuple[str, ...] = ("ferry", "route"),
             names: tuple[str, ...] = ()) -> ProposalMention:
    text = f"{author} wants to open the {' '.join(words)}."
    return ProposalMention(article, idx, day, f"{day}T09:00:00Z" if day else None, (author,), (f"{author} land",),
                           Span(0, len(text), text), (" ".join(words),), tuple(sorted(words)), names)


def _proposal(pid: str, *mentions: ProposalMention) -> MergedProposal:
    days = [m.day for m in mentions if m.day]
    return MergedProposal(pid, f"plan {pid}", min(days) if days else None, max(days) if days else None,
                          tuple(sorted({a for m in mentions for a in m.authors})),
                          tuple(sorted({n for m in mentions for n in m.author_names})),
                          tuple(i for m in mentions for i in m.items),
                          len({m.article_id for m in mentions}), tuple(mentions))


def _stance(article: str, idx: int, toward: int, holder: str | None, name: str | None, stance: str,
            published: str | None) -> Stance:
    said = f"{name or 'Someone'} said they {stance} it."
    return Stance(article, idx, toward, holder, name, stance, Span(100, 100 + len(said), said), published)


PROPOSALS = [
    # three articles, three actors: the most discussed row
    _proposal("pr-ferry", _mention("a1", 0, "2024-03-01", "AAA"), _mention("a2", 0, "2024-03-04", "AAA"),
              _mention("a3", 1, "2024-03-09", "AAA")),
    # two articles, one actor
    _proposal("pr-bridge", _mention("b1", 0, "2024-02-01", "BBB", ("toll", "bridge")),
              _mention("b2", 0, "2024-02-11", "BBB", ("toll", "bridge"))),
    # one article, two actors; same discussion as the next: the one with more actors first
    _proposal("pr-grain", _mention("c1", 0, "2024-01-05", "CCC", ("grain", "quota"))),
    # one article, one actor, undated (sorts last among equals)
    _proposal("pr-undated", _mention("d1", 0, None, "DDD", ("salt", "levy"))),
    # one article, one actor, dated
    _proposal("pr-dated", _mention("e1", 0, "2024-05-05", "EEE", ("wool", "tariff"))),
    # nothing says what it is: left off as vague
    _proposal("pr-vague", dataclasses.replace(_mention("f1", 0, "2024-04-04", "FFF"), items=(), terms=())),
    # nobody resolved took a stance: no row
    _proposal("pr-nobody", _mention("g1", 0, "2024-04-05", "GGG", ("coal", "mine"))),
]
STANCES = [
    _stance("a1", 0, 0, "AAA", "Aland", "support", "2024-03-01T09:00:00Z"),
    _stance("a2", 0, 0, "BBB", "Bland", "reject", "2024-03-04T09:00:00Z"),
    _stance("a3", 0, 1, "BBB", "Bland", "accept", "2024-03-09T09:00:00Z"),   # BBB changed its mind
    _stance("a3", 1, 1, "CCC", "Cland", "consider", "2024-03-09T09:00:00Z"),
    _stance("b2", 0, 0, "BBB", "Bland", "support", "2024-02-11T09:00:00Z"),
    _stance("c1", 0, 0, "CCC", "Cland", "support", "2024-01-05T09:00:00Z"),
    _stance("c1", 1, 0, "AAA", "Aland", "oppose", "2024-01-05T09:00:00Z"),
    _stance("d1", 0, 0, "DDD", "Dland", "accept", None),
    _stance("e1", 0, 0, "EEE", "Eland", "reject", "2024-05-05T09:00:00Z"),
    _stance("e1", 1, 0, "EEE", "The Eland government", "reject", "2024-05-05T09:00:00Z"),  # same day, later index
    _stance("f1", 0, 0, "FFF", "Fland", "support", "2024-04-04T09:00:00Z"),
    _stance("g1", 0, 0, None, "Some officials", "reject", "2024-04-05T09:00:00Z"),
    _stance("a1", 1, 0, None, "Protesters", "reject", "2024-03-01T09:00:00Z"),
]


@pytest.fixture
def board_store(target):
    s = open_store(target)
    s.apply_linked(LinkDelta(rebuild=True, proposals=PROPOSALS, stances=STANCES,
                             state={"articles": 0, "version": VERSION}))
    yield s
    s.close()


def _reference(store, actor=None):
    return board_of(store.merged_proposals(), store.proposal_stances(), actor=actor)


def test_reads_by_id_are_the_full_reads_filtered(board_store):
    every = board_store.merged_proposals()
    assert {p.id for p in every} == {p.id for p in PROPOSALS}
    some = board_store.merged_proposals(["pr-grain", "pr-ferry", "pr-missing"])
    assert some == [p for p in every if p.id in ("pr-grain", "pr-ferry")]
    stances = board_store.proposal_stances()
    assert board_store.proposal_stances(["pr-ferry"]) == [x for x in stances if x[0] == "pr-ferry"]
    assert board_store.merged_proposals([]) == [] and board_store.proposal_stances([]) == []


def test_outline_is_the_boards_rows_columns_and_counts(board_store):
    want = _reference(board_store)
    index = board_store.board_index()
    assert [r.id for r in index.rows] == [r.proposal.id for r in want.rows] == [
        "pr-ferry", "pr-bridge", "pr-grain", "pr-dated", "pr-undated"]
    assert [(r.discussed, r.cells) for r in index.rows] == [(r.discussed, len(r.cells)) for r in want.rows]
    assert index.actors == want.actors and index.names == want.names
    assert index.names["EEE"] == "Eland"           # the first stance by article and index, on a tie of dates
    assert (index.unresolved, index.vague) == (want.unresolved, want.vague) == (2, 1)


def test_actor_filter_matches_the_definition(board_store):
    for actor in ("AAA", "BBB", "EEE", "ZZZ"):
        got, want = positions_board(board_store, actor=actor), _reference(board_store, actor=actor)
        assert got.rows == want.rows and got.actors == want.actors and got.total == len(want.rows)
    assert [r.proposal.id for r in positions_board(board_store, actor="aaa").rows] == ["pr-ferry", "pr-grain"]


def test_pages_walk_the_whole_board_in_order(board_store):
    want = _reference(board_store)
    whole = positions_board(board_store)
    assert whole.rows == want.rows and whole.next is None and whole.total == 5
    seen, cursor, pages = [], None, 0
    while True:
        page = positions_board(board_store, limit=2, cursor=cursor)
        assert page.total == 5 and page.actors == want.actors and len(page.rows) <= 2
        seen += page.rows
        pages += 1
        if page.next is None:
            break
        cursor = page.next
    assert pages == 3 and tuple(seen) == want.rows
    assert tuple(all_rows(board_store, page=2)) == want.rows
    body = positions_board(board_store, limit=2).to_dict()
    assert (body["count"], body["total"], body["truncated"]) == (2, 5, True) and body["next"]


def test_a_bad_cursor_or_limit_is_a_usage_error(board_store):
    with pytest.raises(UsageError, match="cursor"):
        positions_board(board_store, limit=2, cursor="not-a-cursor")
    with pytest.raises(UsageError, match="limit"):
        positions_board(board_store, limit=0)


def test_the_outline_follows_a_new_link(board_store):
    assert board_store.board_index().vague == 1
    fixed = _proposal("pr-vague", _mention("f1", 0, "2024-04-04", "FFF", ("rail", "spur")))
    board_store.apply_linked(LinkDelta(proposals=[fixed], proposals_replaced={"pr-vague"},
                                       state={"articles": 1, "version": VERSION}))
    index = board_store.board_index()
    assert index.vague == 0 and "pr-vague" in [r.id for r in index.rows]
    assert positions_board(board_store).rows == _reference(board_store).rows


def test_a_linked_feed_pages_like_the_definition(target):
    from samples_incremental import feed

    from sitroom.crossdoc import link

    with open_store(target) as s:
        s.write(feed(120))
        link(s)
        want = _reference(s)
        assert len(want.rows) > 3, "the feed has stances toward proposals"
        assert tuple(all_rows(s, page=2)) == want.rows
        got = positions_board(s)
        assert (got.actors, got.names, got.unresolved, got.vague) == (want.actors, want.names, want.unresolved,
                                                                       want.vague)
