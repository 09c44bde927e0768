"""The local engine: same results in one process or several, in input order."""
from itertools import islice

import pytest

from sitroom.batch import local, process_batch, run
from sitroom.records import Article, Extraction, Failure
from sitroom.settings import Settings

TEXTS = [
    "Russia massed troops near Ukraine on Friday.",
    "The European Union imposed sanctions on Belarus.",
    "NATO foreign ministers met in Riga.",
    "China and India agreed to hold talks next week.",
    "Protesters gathered in Minsk on Sunday.",
]


def articles(n: int = len(TEXTS)):
    return [Article(f"a{i}", TEXTS[i % len(TEXTS)], published="2021-12-17") for i in range(n)]


def test_process_batch_returns_one_extraction_per_article():
    res = process_batch(articles(), Settings())
    assert [r.article_id for r in res] == [f"a{i}" for i in range(len(TEXTS))]
    assert all(isinstance(r, Extraction) for r in res)


def test_two_processes_give_identical_results_in_input_order(monkeypatch):
    n = 2 * local.MIN_PER_WORKER  # enough for two workers
    pools = count_pools(monkeypatch)
    one = [r.to_dict() for _, r in run(articles(n), Settings(n_process=1, batch_size=2))]
    assert pools == []
    two = [r.to_dict() for _, r in run(articles(n), Settings(n_process=2, batch_size=2))]
    assert pools == [2]
    assert one == two and [d["id"] for d in two] == [f"a{i}" for i in range(n)]


def count_pools(monkeypatch) -> list[int]:
    """Record the size of every worker pool the local engine starts."""
    started: list[int] = []
    real = local._new_pool

    def spy(workers, settings):
        started.append(workers)
        return real(workers, settings)

    monkeypatch.setattr(local, "_new_pool", spy)
    return started


def test_a_handful_of_articles_starts_no_worker(monkeypatch):
    pools = count_pools(monkeypatch)
    res = list(run(articles(5), Settings(n_process=2, batch_size=32)))
    assert pools == [] and [a.id for a, _ in res] == [f"a{i}" for i in range(5)]
    assert all(isinstance(r, Extraction) for _, r in res)


@pytest.mark.parametrize("n_process, batch_size, known, expected", [
    (2, 32, 5, (0, 32)),      # a handful: in this process
    (2, 32, 15, (0, 32)),     # not two workers' worth
    (2, 32, 16, (2, 8)),      # two workers, the input split evenly
    (4, 32, 40, (4, 10)),
    (4, 32, 20, (2, 10)),
    (2, 32, 60, (2, 30)),
    (2, 32, None, (2, 32)),   # a long input: every worker, batches as set
    (1, 32, None, (0, 32)),   # one process: no pool
    (1, 32, 100, (0, 32)),
])
def test_plan_starts_workers_only_when_they_pay(n_process, batch_size, known, expected):
    assert local.plan(n_process, batch_size, known) == expected


def test_pools_are_recycled_and_results_stay_in_order(monkeypatch):
    monkeypatch.setattr(local, "RECYCLE_ARTICLES", 4)  # a new pool every 4 batches of 2
    pools = count_pools(monkeypatch)
    n = 24
    batches = len(list(local._balanced(articles(n), 2, 2)))  # batches of 2, the last 8 alone
    res = [(a.id, r.to_dict()) for a, r in run(articles(n), Settings(n_process=2, batch_size=2))]
    assert batches > 12 and len(pools) == -(-batches // 4)
    assert [i for i, _ in res] == [f"a{i}" for i in range(n)]
    alone = [r.to_dict() for r in process_batch(articles(n), Settings(n_process=1))]
    assert [d for _, d in res] == alone


def test_a_parse_failure_fails_only_its_article(monkeypatch):
    import sitroom.nlp as nlp_pkg

    real = nlp_pkg.parse_many

    def fragile(batch, settings=None, *, batch_size=None):
        if any(a.id == "a2" for a in batch):
            if len(batch) > 1:  # spaCy's batch breaks after two docs
                yield from islice(real(batch, settings, batch_size=batch_size), 2)
            raise ValueError("bad text")
        yield from real(batch, settings, batch_size=batch_size)

    monkeypatch.setattr(nlp_pkg, "parse_many", fragile)
    res = process_batch(articles(5), Settings())
    assert [r.id if isinstance(r, Failure) else r.article_id for r in res] == [f"a{i}" for i in range(5)]
    assert [type(r) for r in res] == [Extraction, Extraction, Failure, Extraction, Extraction]
    assert "bad text" in res[2].message and res[2].code == "nlp"


def test_a_failing_article_becomes_a_failure_and_the_batch_goes_on(monkeypatch):
    import sitroom.extract as ex

    real = ex.extract_doc

    def flaky(doc, article, settings=None):
        if article.id == "a1":
            raise RuntimeError("boom")
        return real(doc, article, settings)

    monkeypatch.setattr(ex, "extract_doc", flaky)
    res = process_batch(articles(), Settings())
    assert isinstance(res[1], Failure) and "boom" in res[1].message and res[1].id == "a1"
    assert all(isinstance(r, Extraction) for i, r in enumerate(res) if i != 1)


def test_the_end_of_a_stream_goes_out_in_smaller_batches():
    sizes = [len(b) for b in local._balanced(articles(100), 10, 2)]
    assert sum(sizes) == 100 and sizes[:6] == [10] * 6
    assert max(sizes[7:]) <= 10 // local.TAIL_SPLIT
    flat = [a.id for b in local._balanced(articles(100), 10, 2) for a in b]
    assert flat == [f"a{i}" for i in range(100)]
    assert [len(b) for b in local._balanced(articles(3), 10, 2)] == [2, 1]


def test_a_pool_run_leaves_nothing_frozen_out_of_the_collector(monkeypatch):
    import gc

    pools = count_pools(monkeypatch)
    res = list(run(articles(2 * local.MIN_PER_WORKER), Settings(n_process=2, batch_size=2)))
    assert pools == [2] and len(res) == 2 * local.MIN_PER_WORKER
    assert gc.get_freeze_count() == 0
